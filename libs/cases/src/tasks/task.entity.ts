import { User } from '@tsunagu/auth';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TaskKind, TaskStage } from '../case-codes';
import { Case } from '../cases/case.entity';

export { TASK_KIND_LABELS, TASK_STAGE_LABELS, TaskKind, TaskStage } from '../case-codes';

/** A reminder for a counselor. Made by scheduled jobs, once per source and stage. */
@Entity({ name: 'tasks' })
@Index('UQ_tasks_source_stage_user', ['sourceId', 'stage', 'userId'], { unique: true })
@Index('IDX_tasks_user_open', ['userId', 'doneAt'])
export class Task {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_tasks' })
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_tasks_user' })
  user?: User;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @ManyToOne(() => Case, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'FK_tasks_case' })
  case?: Case;

  @Column({ type: 'text' })
  kind: TaskKind;

  @Column({ type: 'text' })
  stage: TaskStage;

  @Column({ name: 'source_id', type: 'uuid' })
  sourceId: string;

  @Column({ name: 'due_on', type: 'date' })
  dueOn: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'done_at', type: 'timestamptz', nullable: true })
  doneAt: Date | null;
}
