import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One subject's data key (a client's, say), wrapped by a master key. Destroying it — clearing
 * the wrapped key — makes every field encrypted under it unreadable for good (crypto-shredding).
 */
@Entity({ name: 'data_keys' })
@Index('UQ_data_keys_subject', ['subjectType', 'subjectId'], { unique: true })
@Index('IDX_data_keys_master_key', ['masterKeyId'])
export class DataKey {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_data_keys' })
  id: string;

  @Column({ name: 'subject_type', type: 'text' })
  subjectType: string;

  @Column({ name: 'subject_id', type: 'uuid' })
  subjectId: string;

  /** wk1.<master key id>.<iv>.<ciphertext>.<tag>; null once destroyed. */
  @Column({ name: 'wrapped_key', type: 'text', nullable: true })
  wrappedKey: string | null;

  @Column({ name: 'master_key_id', type: 'text', nullable: true })
  masterKeyId: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'destroyed_at', type: 'timestamptz', nullable: true })
  destroyedAt: Date | null;
}
