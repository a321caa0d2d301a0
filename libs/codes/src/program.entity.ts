import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Channel, CountingUnit } from './code-lists';
import type { ServiceHoursRule } from './service-hours';

/** A consultation service (相談事業) with its own channels and counts. Seeded; admins may add. */
@Entity({ name: 'programs' })
export class Program {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_programs' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', array: true })
  channels: Channel[];

  @Column({ name: 'counting_unit', type: 'text' })
  countingUnit: CountingUnit;

  @Column({ name: 'sort_order', type: 'integer' })
  sortOrder: number;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** Years a case of this program is kept after it closes; then it is due for destruction (retention). */
  @Column({ name: 'retention_years', type: 'integer', default: 5 })
  retentionYears: number;

  /** When the program answers (JST); null: no fixed hours. Outside them LINE gets an automatic reply. */
  @Column({ name: 'service_hours', type: 'jsonb', nullable: true })
  serviceHours: ServiceHoursRule[] | null;
}
