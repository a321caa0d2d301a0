import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { AuditEvent } from './audit-event.entity';

/** An event's link in the SHA-256 chain, written by the sealer shortly after the event commits. */
@Entity({ name: 'audit_seals' })
export class AuditSeal {
  @PrimaryColumn({ name: 'chain_seq', type: 'bigint', primaryKeyConstraintName: 'PK_audit_seals' })
  chainSeq: string;

  @Column({ name: 'event_id', type: 'bigint' })
  eventId: string;

  @OneToOne(() => AuditEvent, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'FK_audit_seals_event' })
  event?: AuditEvent;

  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash: string;

  @Column({ type: 'char', length: 64 })
  hash: string;

  @Column({ name: 'sealed_at', type: 'timestamptz' })
  sealedAt: Date;
}
