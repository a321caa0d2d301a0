import { Inject, Injectable, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Permission, rolesWith } from '@tsunagu/access';
import { TaskKind, TaskStage, TasksService } from '@tsunagu/cases';
import { Clock } from '@tsunagu/common';
import { DailyJob, JOB_QUEUE_TOKEN, JobHandlerRegistry, JobName, JobQueue } from '@tsunagu/queue';
import { DataSource } from 'typeorm';
import { dueClients } from './due';

const DAILY = new DailyJob(JobName.RetentionTasks, 'retention-tasks', '06:30');

/** Daily at 06:30 JST, and once at worker start to catch up: reminds supervisors of clients past retention. */
@Injectable()
export class RetentionTasksProcessor implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    private readonly registry: JobHandlerRegistry,
    private readonly tasks: TasksService,
    private readonly clock: Clock,
    @Inject(JOB_QUEUE_TOKEN) private readonly queue: JobQueue,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    DAILY.register(this.registry, this.clock, (date) => this.remindDue(date));
  }

  onApplicationBootstrap(): Promise<void> {
    return DAILY.start(this.queue, this.clock);
  }

  /**
   * One task per due client for each active supervisor of her unit, once. Returns how many are
   * new. A task hangs off a case, so a client registered without any case gets none: she is on
   * the 保存期間の満了 list and in its count on the supervisor's home all the same.
   */
  remindDue(today: string): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const due = (await dueClients(manager, today, {})).filter((d) => d.cases.length > 0);
      if (due.length === 0) return 0;
      const supervisors: { id: string; unit_id: string }[] = await manager.query(`SELECT id, unit_id FROM users WHERE role = ANY($1) AND active AND unit_id IS NOT NULL`, [rolesWith(Permission.RetentionManage)]);
      let created = 0;
      for (const d of due) {
        for (const supervisor of supervisors.filter((s) => s.unit_id === d.unitId)) {
          const made = await this.tasks.createOnce(manager, `job:${JobName.RetentionTasks}:${today}`, {
            userId: supervisor.id,
            caseId: d.cases.at(-1)!.caseId,
            kind: TaskKind.RetentionDue,
            stage: TaskStage.Due,
            sourceId: d.clientId,
            dueOn: d.retainUntil,
          });
          if (made) created++;
        }
      }
      return created;
    });
  }
}
