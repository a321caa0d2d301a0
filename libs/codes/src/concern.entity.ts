import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A 主訴 category. Codes are stable (statistics count them); names and groups are editable
 * because the official list is only partly confirmed (DOMAIN.md).
 */
@Entity({ name: 'concerns' })
export class Concern {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_concerns' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  /** 人間関係 / 住居・経済問題 / 心身の問題 / その他 */
  @Column({ name: 'group_name', type: 'text' })
  groupName: string;

  /** Confirmed in a public source; unconfirmed ones are the city's to check. */
  @Column({ type: 'boolean', default: false })
  confirmed: boolean;

  @Column({ name: 'sort_order', type: 'integer' })
  sortOrder: number;

  @Column({ type: 'boolean', default: true })
  active: boolean;
}
