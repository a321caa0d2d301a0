import { Inject, Injectable, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { TaskKind, TasksService, TaskStage } from '@tsunagu/cases';
import { Clock } from '@tsunagu/common';
import { DailyJob, JOB_QUEUE_TOKEN, JobHandlerRegistry, JobName, JobQueue } from '@tsunagu/queue';
import { DataSource } from 'typeorm';
import { ReferralStatus } from './referral-codes';

const DAILY = new DailyJob(JobName.ReferralOverdueTasks, 'referral-overdue', '06:15');

/** Daily at 06:15 JST (and at worker start): remind the author of every referral the department has not answered by its due date. */
@Injectable()
export class ReferralTasksProcessor implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    private readonly registry: JobHandlerRegistry,
    private readonly tasks: TasksService,
    private readonly clock: Clock,
    @Inject(JOB_QUEUE_TOKEN) private readonly queue: JobQueue,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    DAILY.register(this.registry, this.clock, (date) => this.remindOverdue(date));
  }

  onApplicationBootstrap(): Promise<void> {
    return DAILY.start(this.queue, this.clock);
  }

  /** Creates the overdue reminders for `today` (JST); returns how many are new. */
  remindOverdue(today: string): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const overdue: { id: string; case_id: string; author_id: string; due_on: string }[] = await manager.query(
        `SELECT id, case_id, author_id, due_on::text AS due_on FROM referrals WHERE status = $1 AND due_on < $2`,
        [ReferralStatus.Approved, today],
      );
      let created = 0;
      for (const r of overdue) {
        const made = await this.tasks.createOnce(manager, `job:${JobName.ReferralOverdueTasks}:${today}`, {
          userId: r.author_id,
          caseId: r.case_id,
          kind: TaskKind.ReferralOverdue,
          stage: TaskStage.Overdue,
          sourceId: r.id,
          dueOn: r.due_on,
        });
        if (made) created++;
      }
      return created;
    });
  }
}
