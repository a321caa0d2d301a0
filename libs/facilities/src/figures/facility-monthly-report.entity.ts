import { User } from '@tsunagu/auth';
import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, VersionColumn } from 'typeorm';
import { Facility } from '../facilities/facility.entity';

/**
 * A facility's own monthly figures (施設からの月次報告), entered by the consultation office.
 * The reference city's 延べ世帯数 and 退所世帯数 don't follow from the stays recorded here,
 * so the report shows both the computed and the reported figure.
 */
@Entity({ name: 'facility_monthly_reports' })
@Check('CHK_facility_monthly_reports_counts', '"households" >= 0 AND "exits" >= 0')
export class FacilityMonthlyReport {
  @PrimaryColumn({ name: 'facility_id', type: 'uuid', primaryKeyConstraintName: 'PK_facility_monthly_reports' })
  facilityId: string;

  @ManyToOne(() => Facility, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'facility_id', foreignKeyConstraintName: 'FK_facility_monthly_reports_facility' })
  facility?: Facility;

  /** YYYY-MM */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_facility_monthly_reports' })
  month: string;

  @Column({ type: 'integer' })
  households: number;

  @Column({ type: 'integer' })
  exits: number;

  @Column({ name: 'entered_by', type: 'uuid' })
  enteredBy: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'entered_by', foreignKeyConstraintName: 'FK_facility_monthly_reports_entered_by' })
  enterer?: User;

  @Column({ name: 'entered_at', type: 'timestamptz' })
  enteredAt: Date;

  @VersionColumn()
  version: number;
}
