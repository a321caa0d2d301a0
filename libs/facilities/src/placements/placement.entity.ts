import { User } from '@tsunagu/auth';
import { Case } from '@tsunagu/cases';
import { Unit } from '@tsunagu/organization';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, VersionColumn } from 'typeorm';
import { ChildAgeBand, PlacementKind, PlacementOutcome, PlacementStatus } from '../facility-codes';
import { Facility } from '../facilities/facility.entity';

/**
 * A stay of a woman (and her children) at a facility: requested by a counselor, approved by
 * another person (a supervisor), admitted, ended. Free text is encrypted with the client's key.
 */
@Entity({ name: 'placements' })
@Check('CHK_placements_counts', '"adults" >= 0 AND "children" >= 0 AND cardinality("child_age_bands") = "children"')
@Check('CHK_placements_dates', '"ended_on" IS NULL OR "ended_on" >= "admitted_on"')
@Index('IDX_placements_case', ['caseId'])
@Index('IDX_placements_facility_status', ['facilityId', 'status'])
@Index('IDX_placements_unit_status', ['unitId', 'status'])
export class Placement {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_placements' })
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @ManyToOne(() => Case, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'FK_placements_case' })
  case?: Case;

  /** The case's unit, kept here so the supervisor's queue needs no join. */
  @Column({ name: 'unit_id', type: 'uuid' })
  unitId: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'FK_placements_unit' })
  unit?: Unit;

  @Column({ name: 'facility_id', type: 'uuid' })
  facilityId: string;

  @ManyToOne(() => Facility, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'facility_id', foreignKeyConstraintName: 'FK_placements_facility' })
  facility?: Facility;

  @Column({ type: 'text' })
  kind: PlacementKind;

  @Column({ type: 'text' })
  status: PlacementStatus;

  @Column({ type: 'integer' })
  adults: number;

  @Column({ type: 'integer' })
  children: number;

  @Column({ name: 'child_age_bands', type: 'text', array: true })
  childAgeBands: ChildAgeBand[];

  @Column({ name: 'planned_start', type: 'date' })
  plannedStart: string;

  /** 助産施設: the expected delivery date. */
  @Column({ name: 'expected_delivery_on', type: 'date', nullable: true })
  expectedDeliveryOn: string | null;

  /** Null only once the client's record is shredded. */
  @Column({ name: 'reason_enc', type: 'text', nullable: true })
  reasonEnc: string | null;

  @Column({ name: 'requested_by', type: 'uuid' })
  requestedBy: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'requested_by', foreignKeyConstraintName: 'FK_placements_requested_by' })
  requester?: User;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt: Date;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decided_by', foreignKeyConstraintName: 'FK_placements_decided_by' })
  decider?: User;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'decision_note_enc', type: 'text', nullable: true })
  decisionNoteEnc: string | null;

  /** Set when a supervisor let the placement past a full facility; the reason is in the audit event. */
  @Column({ name: 'capacity_override', type: 'boolean', default: false })
  capacityOverride: boolean;

  @Column({ name: 'admitted_on', type: 'date', nullable: true })
  admittedOn: string | null;

  @Column({ name: 'ended_on', type: 'date', nullable: true })
  endedOn: string | null;

  @Column({ type: 'text', nullable: true })
  outcome: PlacementOutcome | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
