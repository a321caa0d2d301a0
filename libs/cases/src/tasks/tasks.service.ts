import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditAction, AuditCategory, AuditWriter, TransactionRunner } from '@tsunagu/audit';
import { Actor, addMonths, Clock, ConflictError, NotFoundError } from '@tsunagu/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { CaseAccessService } from '../access/case-access.service';
import { Case } from '../cases/case.entity';
import { SupportMeasure, SupportMeasureStatus } from '../dv/support-measure.entity';
import { RenewalStage, renewalStagesDue } from '../dv/terms';
import { TaskDto } from './dto/task.dto';
import { Task, TaskKind, TaskStage } from './task.entity';

const STAGE_OF: Record<RenewalStage, TaskStage> = { 'month-before': TaskStage.MonthBefore, 'week-before': TaskStage.WeekBefore };

/** Reminders: made by the daily job, listed per counselor and per case. */
@Injectable()
export class TasksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly access: CaseAccessService,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  mine(actor: Actor): Promise<TaskDto[]> {
    return this.tx.run(actor, async (tx) => {
      const rows = await this.access
        .scopeCases(tx.manager.getRepository(Task).createQueryBuilder('t').innerJoin(Case, 'c', 'c.id = t.case_id'), actor, 'c')
        .addSelect('c.case_number', 'case_number')
        // andWhere: a plain where() would replace the scope predicate.
        .andWhere('t.user_id = :me AND t.done_at IS NULL', { me: actor.userId })
        .orderBy('t.due_on', 'ASC')
        .getRawAndEntities();
      await tx.audit({ category: AuditCategory.Case, action: AuditAction.TaskList, resourceType: 'task' });
      return rows.entities.map((t, i) => toDto(t, (rows.raw[i] as { case_number: string }).case_number));
    });
  }

  forCase(actor: Actor, caseId: string): Promise<TaskDto[]> {
    return this.tx.run(actor, async (tx) => {
      const item = await this.access.requireCase(tx, actor, caseId, AuditAction.TaskList);
      const rows = await tx.manager.find(Task, { where: { caseId }, order: { dueOn: 'ASC', stage: 'ASC' } });
      await tx.audit({ category: AuditCategory.Case, action: AuditAction.TaskList, resourceType: 'case', resourceId: caseId, caseId });
      return rows.map((t) => toDto(t, item.caseNumber));
    });
  }

  done(actor: Actor, taskId: string): Promise<TaskDto> {
    return this.tx.run(actor, async (tx) => {
      const task = await tx.manager.findOne(Task, { where: { id: taskId, userId: actor.userId } });
      if (!task) throw new NotFoundError();
      const item = await this.access.requireCase(tx, actor, task.caseId, AuditAction.TaskDone);
      if (task.doneAt) throw new ConflictError('このタスクは完了済みです');
      const doneAt = this.clock.now();
      await tx.manager.update(Task, { id: taskId, doneAt: IsNull() }, { doneAt });
      await tx.audit({ category: AuditCategory.Case, action: AuditAction.TaskDone, resourceType: 'task', resourceId: taskId, caseId: task.caseId });
      return toDto({ ...task, doneAt }, item.caseNumber);
    });
  }

  /**
   * Creates the renewal reminders due on `today` (JST) for the assigned counselors: a month
   * before each active term's 期限 and again a week before. Idempotent: one task per term and stage.
   */
  generateRenewalTasks(today: string): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const due = await manager
        .getRepository(SupportMeasure)
        .createQueryBuilder('m')
        .innerJoin(Case, 'c', 'c.id = m.case_id')
        .select(['m.id AS id', 'm.case_id AS case_id', 'm.expires_on::text AS expires_on', 'c.assigned_counselor_id AS assignee'])
        .where('m.status = :active', { active: SupportMeasureStatus.Active })
        .andWhere('m.expires_on BETWEEN :today AND :horizon', { today, horizon: addMonths(today, 1) })
        .andWhere('c.assigned_counselor_id IS NOT NULL')
        // A term already renewed needs no reminder.
        .andWhere('NOT EXISTS (SELECT 1 FROM support_measures r WHERE r.renews_id = m.id)')
        .getRawMany<{ id: string; case_id: string; expires_on: string; assignee: string }>();
      let created = 0;
      for (const m of due) {
        for (const stage of renewalStagesDue(m.expires_on, today)) {
          const made = await this.createOnce(manager, `job:renewal-tasks:${today}`, {
            userId: m.assignee,
            caseId: m.case_id,
            kind: TaskKind.SupportMeasureRenewal,
            stage: STAGE_OF[stage],
            sourceId: m.id,
            dueOn: m.expires_on,
          });
          if (made) created++;
        }
      }
      return created;
    });
  }

  /** Creates a reminder once per source, stage and person (audited); false when it already exists. */
  async createOnce(
    manager: EntityManager,
    requestId: string,
    task: { userId: string; caseId: string; kind: TaskKind; stage: TaskStage; sourceId: string; dueOn: string },
  ): Promise<boolean> {
    const id = randomUUID();
    const inserted: unknown[] = await manager.query(
      `INSERT INTO tasks (id, user_id, case_id, kind, stage, source_id, due_on, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (source_id, stage, user_id) DO NOTHING RETURNING id`,
      [id, task.userId, task.caseId, task.kind, task.stage, task.sourceId, task.dueOn, this.clock.now()],
    );
    if (inserted.length === 0) return false;
    await this.audit.write(manager, { requestId, ip: null }, {
      category: AuditCategory.Case,
      action: AuditAction.TaskCreate,
      resourceType: 'task',
      resourceId: id,
      caseId: task.caseId,
      detailCode: `${task.kind}:${task.stage}`,
    });
    return true;
  }
}

function toDto(t: Task, caseNumber: string): TaskDto {
  return { id: t.id, kind: t.kind, stage: t.stage, caseId: t.caseId, caseNumber, dueOn: t.dueOn, doneAt: t.doneAt?.toISOString() ?? null };
}

