import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { AuditOutcome } from './audit-codes';

export { AUDIT_OUTCOME_LABELS, AuditOutcome } from './audit-codes';

/** Who may see an event in the audit log: admins see security events, never case reads. */
export enum AuditCategory {
  Security = 'security',
  Admin = 'admin',
  Case = 'case',
}

/**
 * One audited action. Holds ids and codes only, never personal data. Append-only: a trigger
 * rejects UPDATE, DELETE and TRUNCATE. Its place in the hash chain is in AuditSeal.
 */
@Entity({ name: 'audit_events' })
@Index('IDX_audit_events_xact', ['xactId', 'id'])
@Index('IDX_audit_events_case', ['caseId', 'id'])
@Index('IDX_audit_events_actor', ['actorId', 'id'])
@Index('IDX_audit_events_unit', ['actorUnitId', 'id'])
@Index('IDX_audit_events_occurred', ['occurredAt'])
export class AuditEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'PK_audit_events' })
  id: string;

  /** The writing transaction's id (xid8): the sealer chains events in an order no late commit can change. */
  @Column({ name: 'xact_id', type: 'bigint', default: () => 'tsunagu_current_xact_id()' })
  xactId: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'text' })
  category: AuditCategory;

  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'text' })
  outcome: AuditOutcome;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ name: 'actor_role', type: 'text', nullable: true })
  actorRole: string | null;

  @Column({ name: 'actor_unit_id', type: 'uuid', nullable: true })
  actorUnitId: string | null;

  @Column({ name: 'resource_type', type: 'text', nullable: true })
  resourceType: string | null;

  @Column({ name: 'resource_id', type: 'text', nullable: true })
  resourceId: string | null;

  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId: string | null;

  /** Why, where policy asks for it (break-glass); a code for denials. */
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ name: 'detail_code', type: 'text', nullable: true })
  detailCode: string | null;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId: string | null;

  @Column({ type: 'text', nullable: true })
  ip: string | null;
}
