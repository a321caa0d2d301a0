import { Inject, Injectable, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { Clock } from '@tsunagu/common';
import { DailyJob, JOB_QUEUE_TOKEN, JobHandlerRegistry, JobName, JobQueue } from '@tsunagu/queue';
import { TasksService } from './tasks.service';

const DAILY = new DailyJob(JobName.RenewalTasks, 'renewal-tasks', '06:00');

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
    DAILY.register(this.registry, this.clock, (date) => this.tasks.generateRenewalTasks(date));
  }

  onApplicationBootstrap(): Promise<void> {
    return DAILY.start(this.queue, this.clock);
  }
}
