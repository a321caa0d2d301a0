import { User } from '@tsunagu/auth';
import { Channel, Program } from '@tsunagu/codes';
import { Unit } from '@tsunagu/organization';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, VersionColumn } from 'typeorm';
import { Case } from '../cases/case.entity';

/** One consultation (相談記録): what the report counts as 延べ件数. Anonymous ones have no case. */
@Entity({ name: 'contacts' })
@Index('IDX_contacts_case', ['caseId', 'startedAt'])
// A month's statistics read contacts by time across programs; a program's by time within it.
@Index('IDX_contacts_started', ['startedAt', 'programCode'])
// Retention finds a unit's anonymous records by age.
@Index('IDX_contacts_anonymous', ['unitId', 'startedAt'], { where: '"case_id" IS NULL' })
export class Contact {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_contacts' })
  id: string;

  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId: string | null;

  @ManyToOne(() => Case, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'FK_contacts_case' })
  case?: Case;

  @Column({ name: 'program_code', type: 'text' })
  programCode: string;

  @ManyToOne(() => Program, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'program_code', foreignKeyConstraintName: 'FK_contacts_program' })
  program?: Program;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'FK_contacts_unit' })
  unit?: Unit;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'duration_minutes', type: 'integer' })
  durationMinutes: number;

  @Column({ type: 'text' })
  channel: Channel;

  @Column({ name: 'counselor_id', type: 'uuid' })
  counselorId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'counselor_id', foreignKeyConstraintName: 'FK_contacts_counselor' })
  counselor?: User;

  /** 主訴: the one most central concern of this consultation. */
  @Column({ name: 'main_concern', type: 'text' })
  mainConcern: string;

  @Column({ name: 'other_concerns', type: 'text', array: true })
  otherConcerns: string[];

  @Column({ name: 'dv_related', type: 'boolean' })
  dvRelated: boolean;

  /** Key of the summary: the client's, or for an anonymous contact one of its own. */
  @Column({ name: 'data_key_id', type: 'uuid' })
  dataKeyId: string;

  @Column({ name: 'summary_enc', type: 'text', nullable: true })
  summaryEnc: string | null;

  @Column({ name: 'next_action_enc', type: 'text', nullable: true })
  nextActionEnc: string | null;

  @Column({ name: 'follow_up_on', type: 'date', nullable: true })
  followUpOn: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @VersionColumn()
  version: number;
}
