import { User } from '@tsunagu/auth';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Case } from '../cases/case.entity';

/** A time-boxed opening of a restricted case to a counselor not assigned to it, kept for review. */
@Entity({ name: 'break_glass_grants' })
@Index('IDX_break_glass_case_user', ['caseId', 'userId', 'expiresAt'])
export class BreakGlassGrant {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_break_glass_grants' })
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @ManyToOne(() => Case, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'FK_break_glass_case' })
  case?: Case;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_break_glass_user' })
  user?: User;

  /** Why the case had to be opened; staff are told to write no personal details here. */
  @Column({ type: 'text' })
  reason: string;

  @Column({ name: 'granted_at', type: 'timestamptz' })
  grantedAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  @Column({ name: 'reviewed_by', type: 'uuid', nullable: true })
  reviewedBy: string | null;

  @Column({ name: 'review_note', type: 'text', nullable: true })
  reviewNote: string | null;
}
