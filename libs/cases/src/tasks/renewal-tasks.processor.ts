import { Inject, Injectable, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { Clock, jstDate } from '@tsunagu/common';
import { JOB_QUEUE_TOKEN, JobHandlerRegistry, JobName, JobQueue } from '@tsunagu/queue';
import { TasksService } from './tasks.service';

export const RENEWAL_TASKS_SCHEDULE = { pattern: '0 6 * * *', tz: 'Asia/Tokyo' };

/** Runs the renewal reminders daily at 06:00 JST, and once at worker start to catch up. */
@Injectable()
export class RenewalTasksProcessor implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    private readonly registry: JobHandlerRegistry,
    private readonly tasks: TasksService,
    private readonly clock: Clock,
    @Inject(JOB_QUEUE_TOKEN) private readonly queue: JobQueue,
  ) {}

  onModuleInit(): void {
    this.registry.register(JobName.RenewalTasks, async (payload) => {
      await this.tasks.generateRenewalTasks(payload.date ?? jstDate(this.clock.now()));
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.schedule('renewal-tasks-daily', JobName.RenewalTasks, RENEWAL_TASKS_SCHEDULE, {});
    const today = jstDate(this.clock.now());
    await this.queue.enqueue(JobName.RenewalTasks, { date: today }, { idempotencyKey: `renewal-tasks-${today}` });
  }
}
