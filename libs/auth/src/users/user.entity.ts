import { Role } from '@tsunagu/common';
import { Department, Unit } from '@tsunagu/organization';
import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/** A staff account. Password and MFA secret never leave the auth services. */
@Entity({ name: 'users' })
@Check('CHK_users_approval_requested', `(approval_pending_reason IS NULL) = (approval_requested_at IS NULL)`)
@Check('CHK_users_activation', `(activation_code_hash IS NULL) = (activation_expires_at IS NULL) AND (activation_code_hash IS NULL OR approval_pending_reason IS NOT NULL)`)
export class User {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_users' })
  id: string;

  /** Lower-cased at write, unique. */
  @Column({ name: 'login_id', type: 'text', unique: true })
  loginId: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName: string;

  @Column({ type: 'text' })
  role: Role;

  @Column({ name: 'unit_id', type: 'uuid', nullable: true })
  unitId: string | null;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'FK_users_unit' })
  unit?: Unit;

  @Column({ name: 'department_id', type: 'uuid', nullable: true })
  departmentId: string | null;

  @ManyToOne(() => Department, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'department_id', foreignKeyConstraintName: 'FK_users_department' })
  department?: Department;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ name: 'password_hash', type: 'text' })
  passwordHash: string;

  /** TOTP secret, encrypted (libs/crypto); null until enrolment starts. */
  @Column({ name: 'mfa_secret', type: 'text', nullable: true })
  mfaSecret: string | null;

  @Column({ name: 'mfa_enabled_at', type: 'timestamptz', nullable: true })
  mfaEnabledAt: Date | null;

  /** Last TOTP time step accepted, so a code can't be replayed within its window. */
  @Column({ name: 'mfa_last_step', type: 'bigint', nullable: true })
  mfaLastStep: string | null;

  /**
   * Why the account waits for a supervisor's approval before it can sign in (ApprovalReason codes,
   * comma-separated); null once approved and activated. Only accounts that read personal records
   * ever wait (libs/auth approvals).
   */
  @Column({ name: 'approval_pending_reason', type: 'text', nullable: true })
  approvalPendingReason?: string | null;

  @Column({ name: 'approval_requested_at', type: 'timestamptz', nullable: true })
  approvalRequestedAt?: Date | null;

  /** The admin whose change put the account into approval. */
  @Column({ name: 'approval_requested_by', type: 'uuid', nullable: true })
  approvalRequestedBy?: string | null;

  /** SHA-256 of the one-time activation code a supervisor issued on approval; null until then. */
  @Column({ name: 'activation_code_hash', type: 'text', nullable: true })
  activationCodeHash?: string | null;

  @Column({ name: 'activation_expires_at', type: 'timestamptz', nullable: true })
  activationExpiresAt?: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
