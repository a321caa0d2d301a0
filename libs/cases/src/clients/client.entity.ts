import { AgeBand, Gender } from '@tsunagu/codes';
import { Unit } from '@tsunagu/organization';
import { Column, Entity, EntityManager, Index, JoinColumn, ManyToOne, PrimaryColumn, VersionColumn } from 'typeorm';

/**
 * A person who consults. Every personal field is ciphertext under the client's own data key
 * (`*_enc`); phone and kana are found through keyed blind indexes; gender and age band stay
 * in clear for statistics.
 */
@Entity({ name: 'clients' })
@Index('IDX_clients_phone', ['unitId', 'phoneIndex'])
@Index('IDX_clients_kana', ['unitId', 'kanaIndex'])
export class Client {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_clients' })
  id: string;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'FK_clients_unit' })
  unit?: Unit;

  @Column({ name: 'data_key_id', type: 'uuid' })
  dataKeyId: string;

  /** Null only once shredded. */
  @Column({ name: 'name_enc', type: 'text', nullable: true })
  nameEnc: string | null;

  @Column({ name: 'kana_enc', type: 'text', nullable: true })
  kanaEnc: string | null;

  @Column({ name: 'birth_date_enc', type: 'text', nullable: true })
  birthDateEnc: string | null;

  @Column({ name: 'phone_enc', type: 'text', nullable: true })
  phoneEnc: string | null;

  @Column({ name: 'address_enc', type: 'text', nullable: true })
  addressEnc: string | null;

  @Column({ name: 'notes_enc', type: 'text', nullable: true })
  notesEnc: string | null;

  @Column({ name: 'phone_bidx', type: 'char', length: 64, nullable: true })
  phoneIndex: string | null;

  @Column({ name: 'kana_bidx', type: 'char', length: 64, nullable: true })
  kanaIndex: string | null;

  /** Id of the blind-index key both indexes were computed with; null: before ids were recorded (see the BlindIndexKeys migration). */
  @Column({ name: 'bidx_key_id', type: 'text', nullable: true })
  bidxKeyId: string | null;

  @Column({ type: 'text' })
  gender: Gender;

  @Column({ name: 'age_band', type: 'text' })
  ageBand: AgeBand;

  /** 支援措置対象・所在秘匿: no list, referral, export or log may show the address. */
  @Column({ name: 'address_protected', type: 'boolean', default: false })
  addressProtected: boolean;

  /** Set when retention ended: her data key destroyed and her free text cleared (RetentionService.destroy). */
  @Column({ name: 'shredded_at', type: 'timestamptz', nullable: true })
  shreddedAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}

/** The id of the data key a client's fields (and records about her) are encrypted under. */
export async function clientDataKeyId(manager: EntityManager, clientId: string): Promise<string> {
  const client = await manager.findOneOrFail(Client, { where: { id: clientId }, select: { id: true, dataKeyId: true } });
  return client.dataKeyId;
}
