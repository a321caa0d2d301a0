import { Module } from '@nestjs/common';
import { DataKeyRewrapProcessor } from '@tsunagu/crypto';
import { QueueProbeProcessor } from '@tsunagu/queue';

/**
 * Every job handler Tsunagu has. Imported by the worker process and, on the single-process
 * default, by the api process too, so the same handlers run in both set-ups.
 */
@Module({
  providers: [QueueProbeProcessor, DataKeyRewrapProcessor],
})
export class WorkerModule {}
