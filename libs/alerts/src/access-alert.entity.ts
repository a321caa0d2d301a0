import { Check, Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import { AlertStatus } from './alert-codes';
import { AlertRule } from './alert-rules';

export { AlertStatus } from './alert-codes';

/**
 * One insider-misuse finding: a rule, the staff member, the day or week, and how far over the
 * threshold. Ids, codes and counts only: which cases were touched is in the audit trail, where
 * the supervisor follows it up. A later scan raises `observed` and reopens an acknowledged alert
 * whose count grew.
 */
@Entity({ name: 'access_alerts' })
@Unique('UQ_access_alerts_rule_actor_period', ['rule', 'actorId', 'period'])
@Index('IDX_access_alerts_unit_status', ['actorUnitId', 'status', 'lastAt'])
@Check('CHK_access_alerts_status', `status IN ('open', 'acknowledged')`)
export class AccessAlert {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_access_alerts' })
  id: string;

  @Column({ type: 'text' })
  rule: AlertRule;

  @Column({ name: 'actor_id', type: 'uuid' })
  actorId: string;

  @Column({ name: 'actor_unit_id', type: 'uuid', nullable: true })
  actorUnitId: string | null;

  /** YYYY-MM-DD (JST day) or YYYY-Www (ISO week, JST). */
  @Column({ type: 'text' })
  period: string;

  @Column({ type: 'integer' })
  observed: number;

  @Column({ type: 'integer' })
  threshold: number;

  @Column({ name: 'first_at', type: 'timestamptz' })
  firstAt: Date;

  @Column({ name: 'last_at', type: 'timestamptz' })
  lastAt: Date;

  @Column({ type: 'text', default: AlertStatus.Open })
  status: AlertStatus;

  @Column({ name: 'acknowledged_by', type: 'uuid', nullable: true })
  acknowledgedBy: string | null;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt: Date | null;

  /** The supervisor's note on follow-up; staff are told to write no personal details here. */
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
