import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Client } from './client.entity';

/** A child of a client (同伴児 and others): name and birth date encrypted under the client's key. */
@Entity({ name: 'client_children' })
@Index('IDX_client_children_client', ['clientId'])
export class ClientChild {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_client_children' })
  id: string;

  @Column({ name: 'client_id', type: 'uuid' })
  clientId: string;

  @ManyToOne(() => Client, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'client_id', foreignKeyConstraintName: 'FK_client_children_client' })
  client?: Client;

  /** Null only once her record is shredded. */
  @Column({ name: 'name_enc', type: 'text', nullable: true })
  nameEnc: string | null;

  @Column({ name: 'birth_date_enc', type: 'text', nullable: true })
  birthDateEnc: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
