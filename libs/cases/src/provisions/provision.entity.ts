import { User } from '@tsunagu/auth';
import { Program } from '@tsunagu/codes';
import { Unit } from '@tsunagu/organization';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ProvisionKind } from '../case-codes';
import { Case } from '../cases/case.entity';

export { PROVISION_KIND_LABELS, ProvisionKind } from '../case-codes';

/**
 * Supplies handed out (生理用品提供数 counts sets): on a case, or on a LINE conversation of the
 * program, or both. Counts only; nothing about the person beyond the link.
 */
@Entity({ name: 'provisions' })
@Index('IDX_provisions_program_date', ['programCode', 'providedOn'])
@Index('IDX_provisions_case', ['caseId'])
@Check('CHK_provisions_quantity', '"quantity" > 0')
export class Provision {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_provisions' })
  id: string;

  @Column({ type: 'text' })
  kind: ProvisionKind;

  @Column({ type: 'integer' })
  quantity: number;

  @Column({ name: 'provided_on', type: 'date' })
  providedOn: string;

  @Column({ name: 'program_code', type: 'text' })
  programCode: string;

  @ManyToOne(() => Program, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'program_code', foreignKeyConstraintName: 'FK_provisions_program' })
  program?: Program;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'FK_provisions_unit' })
  unit?: Unit;

  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId: string | null;

  @ManyToOne(() => Case, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'FK_provisions_case' })
  case?: Case;

  /** The LINE conversation it was arranged in (no foreign key: LINE tables live in another library). */
  @Column({ name: 'line_conversation_id', type: 'uuid', nullable: true })
  lineConversationId: string | null;

  @Column({ name: 'recorded_by', type: 'uuid' })
  recordedBy: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recorded_by', foreignKeyConstraintName: 'FK_provisions_recorded_by' })
  recorder?: User;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
