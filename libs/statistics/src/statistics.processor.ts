import { Inject, Injectable, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { JOB_QUEUE_TOKEN, JobHandlerRegistry, JobName, JobQueue } from '@tsunagu/queue';
import { StatisticsService } from './statistics.service';

/** Monthly at 02:00 JST on the 1st: last month's statistics. Also runs the runs statisticians request. */
@Injectable()
export class StatisticsProcessor implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    private readonly registry: JobHandlerRegistry,
    private readonly statistics: StatisticsService,
    @Inject(JOB_QUEUE_TOKEN) private readonly queue: JobQueue,
  ) {}

  onModuleInit(): void {
    this.registry.register(JobName.StatisticsRun, (payload, ctx) => this.statistics.execute(payload.runId, ctx));
    this.registry.register(JobName.StatisticsMonthly, async () => void (await this.statistics.scheduled()));
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.schedule('statistics-monthly', JobName.StatisticsMonthly, { pattern: '0 2 1 * *', tz: 'Asia/Tokyo' }, {});
  }
}
