import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One row, written by the first migration: identifies this installation's data. */
@Entity({ name: 'installation' })
export class Installation {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_installation' })
  id: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
