import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, VersionColumn } from 'typeorm';
import { SupportMeasureEndReason, SupportMeasureStatus } from '../case-codes';
import { Case } from '../cases/case.entity';

export { SUPPORT_MEASURE_END_LABELS, SUPPORT_MEASURE_STATUS_LABELS, SupportMeasureEndReason, SupportMeasureStatus } from '../case-codes';

/**
 * One DV等支援措置 term (住民票・戸籍の附票 の写しの交付制限). Valid one year from its start
 * (申出日, 受付日 or 受理日 as the city counts); a renewal is a new term, never automatic.
 */
@Entity({ name: 'support_measures' })
@Index('IDX_support_measures_case', ['caseId'])
@Index('IDX_support_measures_expiry', ['status', 'expiresOn'])
export class SupportMeasure {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_support_measures' })
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @ManyToOne(() => Case, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'FK_support_measures_case' })
  case?: Case;

  /** The term this one renews. */
  @Column({ name: 'renews_id', type: 'uuid', nullable: true })
  renewsId: string | null;

  @ManyToOne(() => SupportMeasure, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'renews_id', foreignKeyConstraintName: 'FK_support_measures_renews' })
  renews?: SupportMeasure;

  /** 申出日 */
  @Column({ name: 'applied_on', type: 'date' })
  appliedOn: string;

  /** When this office gave its opinion (相談機関等の意見). */
  @Column({ name: 'opinion_given_on', type: 'date', nullable: true })
  opinionGivenOn: string | null;

  /** 受付日 */
  @Column({ name: 'received_on', type: 'date', nullable: true })
  receivedOn: string | null;

  /** 受理日 */
  @Column({ name: 'accepted_on', type: 'date', nullable: true })
  acceptedOn: string | null;

  @Column({ name: 'starts_on', type: 'date' })
  startsOn: string;

  /** 期限: the last day of the term. */
  @Column({ name: 'expires_on', type: 'date' })
  expiresOn: string;

  @Column({ type: 'text' })
  status: SupportMeasureStatus;

  @Column({ name: 'end_reason', type: 'text', nullable: true })
  endReason: SupportMeasureEndReason | null;

  @Column({ name: 'ended_on', type: 'date', nullable: true })
  endedOn: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @VersionColumn()
  version: number;
}
