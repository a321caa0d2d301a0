import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { JobHandlerRegistry } from './job-handler.registry';
import { JobName } from './jobs';

/** Runs the probe job: fails its first `failTimes` tries, so retries can be observed end to end. */
@Injectable()
export class QueueProbeProcessor implements OnModuleInit {
  private readonly logger = new Logger('QueueProbe');

  constructor(private readonly registry: JobHandlerRegistry) {}

  onModuleInit(): void {
    this.registry.register(JobName.QueueProbe, async (payload, ctx) => {
      if (payload.failTimes !== undefined && ctx.attempt <= payload.failTimes) {
        throw new Error(`probe failing on purpose (try ${ctx.attempt})`);
      }
      this.logger.log(`Probe ${payload.probeId} done on try ${ctx.attempt}`);
    });
  }
}
