import { User } from '@tsunagu/auth';
import { Program } from '@tsunagu/codes';
import { Unit } from '@tsunagu/organization';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, VersionColumn } from 'typeorm';
import { CaseStatus, CloseReason } from '../case-codes';
import { Client } from '../clients/client.entity';

export { CASE_STATUS_LABELS, CaseStatus, CLOSE_REASON_LABELS, CloseReason } from '../case-codes';

/** A client's matter in one program, handled by one unit. */
@Entity({ name: 'cases' })
@Index('IDX_cases_unit_opened', ['unitId', 'openedOn', 'id'])
@Index('IDX_cases_client', ['clientId'])
export class Case {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_cases' })
  id: string;

  /** For daily use: fiscal year and a running number, e.g. 2025-0042. */
  @Column({ name: 'case_number', type: 'text', unique: true })
  caseNumber: string;

  @Column({ name: 'client_id', type: 'uuid' })
  clientId: string;

  @ManyToOne(() => Client, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'client_id', foreignKeyConstraintName: 'FK_cases_client' })
  client?: Client;

  @Column({ name: 'program_code', type: 'text' })
  programCode: string;

  @ManyToOne(() => Program, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'program_code', foreignKeyConstraintName: 'FK_cases_program' })
  program?: Program;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'FK_cases_unit' })
  unit?: Unit;

  @Column({ name: 'assigned_counselor_id', type: 'uuid', nullable: true })
  assignedCounselorId: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assigned_counselor_id', foreignKeyConstraintName: 'FK_cases_assignee' })
  assignedCounselor?: User;

  @Column({ type: 'text' })
  status: CaseStatus;

  @Column({ name: 'close_reason', type: 'text', nullable: true })
  closeReason: CloseReason | null;

  /** 主訴 codes; the first is the main one. */
  @Column({ name: 'main_concerns', type: 'text', array: true })
  mainConcerns: string[];

  /** Visible only to the assignee and supervisors, or through break-glass. */
  @Column({ type: 'boolean', default: false })
  restricted: boolean;

  @Column({ name: 'opened_on', type: 'date' })
  openedOn: string;

  @Column({ name: 'closed_on', type: 'date', nullable: true })
  closedOn: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}

/** The last case number given out per fiscal year. */
@Entity({ name: 'case_counters' })
export class CaseCounter {
  @PrimaryColumn({ name: 'fiscal_year', type: 'integer', primaryKeyConstraintName: 'PK_case_counters' })
  fiscalYear: number;

  @Column({ name: 'last_number', type: 'integer' })
  lastNumber: number;
}
