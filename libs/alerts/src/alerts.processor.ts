import { Inject, Injectable, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { JOB_QUEUE_TOKEN, JobHandlerRegistry, JobName, JobQueue } from '@tsunagu/queue';
import { AlertsService } from './alerts.service';

/** Every five minutes: the insider-misuse rules over the recent audit trail. */
@Injectable()
export class AlertsProcessor implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    private readonly registry: JobHandlerRegistry,
    private readonly alerts: AlertsService,
    @Inject(JOB_QUEUE_TOKEN) private readonly queue: JobQueue,
  ) {}

  onModuleInit(): void {
    this.registry.register(JobName.AlertsScan, async () => void (await this.alerts.scan()));
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.schedule('alerts-scan', JobName.AlertsScan, { pattern: '*/5 * * * *', tz: 'Asia/Tokyo' }, {});
  }
}
