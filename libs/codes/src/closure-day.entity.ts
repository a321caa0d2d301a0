import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A day the city's consultation services are closed beyond national holidays: one date
 * (`onDate`), or the same day every year (`monthDay`, e.g. 12-29 for 年末年始). Admins edit them.
 */
@Entity({ name: 'closure_days' })
@Check('CHK_closure_days_one_kind', '("on_date" IS NULL) <> ("month_day" IS NULL)')
export class ClosureDay {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_closure_days' })
  id: string;

  @Column({ name: 'on_date', type: 'date', nullable: true })
  onDate: string | null;

  /** MM-DD, every year. */
  @Column({ name: 'month_day', type: 'text', nullable: true })
  monthDay: string | null;

  @Column({ type: 'text' })
  label: string;
}
