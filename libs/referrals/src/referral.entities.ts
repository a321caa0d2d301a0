import { User } from '@tsunagu/auth';
import { Case, Client, SupportMeasure } from '@tsunagu/cases';
import { Department, Unit } from '@tsunagu/organization';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, VersionColumn } from 'typeorm';
import { ConsentMethod, DisclosableField, ReferralPurpose, ReferralStatus, RevokeReason } from './referral-codes';

/**
 * The client's consent to share: with which departments, which fields, obtained how and by
 * whom. Never edited; a change is a new consent, and a withdrawal ends it.
 */
@Entity({ name: 'consents' })
@Index('IDX_consents_client', ['clientId'])
export class Consent {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_consents' })
  id: string;

  @Column({ name: 'client_id', type: 'uuid' })
  clientId: string;

  @ManyToOne(() => Client, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'client_id', foreignKeyConstraintName: 'FK_consents_client' })
  client?: Client;

  @Column({ name: 'obtained_on', type: 'date' })
  obtainedOn: string;

  @Column({ type: 'text' })
  method: ConsentMethod;

  @Column({ name: 'obtained_by', type: 'uuid' })
  obtainedBy: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'obtained_by', foreignKeyConstraintName: 'FK_consents_obtained_by' })
  obtainer?: User;

  @Column({ name: 'department_ids', type: 'uuid', array: true })
  departmentIds: string[];

  @Column({ type: 'text', array: true })
  fields: DisclosableField[];

  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  @Column({ name: 'withdrawn_by', type: 'uuid', nullable: true })
  withdrawnBy: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @VersionColumn()
  version: number;
}

/**
 * A handover of a case to another department. What the department may see is frozen at
 * approval (`disclosureEnc`); the liaison never reaches the case or the client.
 */
@Entity({ name: 'referrals' })
@Index('IDX_referrals_case', ['caseId'])
@Index('IDX_referrals_unit_status', ['unitId', 'status'])
@Index('IDX_referrals_department_status', ['departmentId', 'status'])
export class Referral {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_referrals' })
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @ManyToOne(() => Case, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'FK_referrals_case' })
  case?: Case;

  @Column({ name: 'client_id', type: 'uuid' })
  clientId: string;

  @ManyToOne(() => Client, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'client_id', foreignKeyConstraintName: 'FK_referrals_client' })
  client?: Client;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'FK_referrals_unit' })
  unit?: Unit;

  @Column({ name: 'department_id', type: 'uuid' })
  departmentId: string;

  @ManyToOne(() => Department, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'department_id', foreignKeyConstraintName: 'FK_referrals_department' })
  department?: Department;

  @Column({ type: 'text' })
  purpose: ReferralPurpose;

  /** Null only once the client's record is shredded. */
  @Column({ name: 'message_enc', type: 'text', nullable: true })
  messageEnc: string | null;

  @Column({ type: 'text', array: true })
  fields: DisclosableField[];

  @Column({ name: 'summary_enc', type: 'text', nullable: true })
  summaryEnc: string | null;

  @Column({ name: 'due_on', type: 'date' })
  dueOn: string;

  /** 支援措置意見: the DV等支援措置 term (new, or a renewal = 延長) the opinion is for. */
  @Column({ name: 'support_measure_id', type: 'uuid', nullable: true })
  supportMeasureId: string | null;

  @ManyToOne(() => SupportMeasure, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'support_measure_id', foreignKeyConstraintName: 'FK_referrals_support_measure' })
  supportMeasure?: SupportMeasure;

  /** 支援措置意見: the day the opinion was given (the approval, JST); by `decidedBy`. */
  @Column({ name: 'opinion_given_on', type: 'date', nullable: true })
  opinionGivenOn: string | null;

  @Column({ type: 'text' })
  status: ReferralStatus;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'FK_referrals_author' })
  author?: User;

  /** The consent the submission matched. */
  @Column({ name: 'consent_id', type: 'uuid', nullable: true })
  consentId: string | null;

  @ManyToOne(() => Consent, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'consent_id', foreignKeyConstraintName: 'FK_referrals_consent' })
  consent?: Consent;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'reject_reason_enc', type: 'text', nullable: true })
  rejectReasonEnc: string | null;

  /** The approving supervisor's second confirmation to disclose an address-protected client's address. */
  @Column({ name: 'address_confirmed', type: 'boolean', default: false })
  addressConfirmed: boolean;

  /** The frozen disclosure (JSON of the chosen fields), encrypted under the client's key. */
  @Column({ name: 'disclosure_enc', type: 'text', nullable: true })
  disclosureEnc: string | null;

  @Column({ name: 'responded_by', type: 'uuid', nullable: true })
  respondedBy: string | null;

  @Column({ name: 'responded_at', type: 'timestamptz', nullable: true })
  respondedAt: Date | null;

  @Column({ name: 'response_comment_enc', type: 'text', nullable: true })
  responseCommentEnc: string | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'revoke_reason', type: 'text', nullable: true })
  revokeReason: RevokeReason | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
