import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A consultation unit (相談係): counselors and supervisors belong to one; cases are scoped by it. */
@Entity({ name: 'units' })
export class Unit {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_units' })
  id: string;

  @Column({ type: 'text', unique: true })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;
}
