import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Another city department that receives referrals (市民課, 生活支援課 …); liaison staff belong to one. */
@Entity({ name: 'departments' })
export class Department {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_departments' })
  id: string;

  @Column({ type: 'text', unique: true })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;
}
