import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, OnApplicationBootstrap, Type } from '@nestjs/common';
import { Job } from 'bullmq';
import { JobHandlerRegistry } from './job-handler.registry';
import { QueueName } from './jobs';

/** QUEUE_JOB_LOCK_SECONDS in ms (QueueModule provides it). */
export const JOB_LOCK_MS = Symbol('JOB_LOCK_MS');

/**
 * One BullMQ worker per queue, dispatching by job name to the registry. Workers start only
 * after every module has registered its handlers (autorun off until bootstrap).
 */
function processorFor(queue: QueueName): Type<WorkerHost> {
  @Processor(queue, { autorun: false, concurrency: 2 })
  class QueueProcessor extends WorkerHost implements OnApplicationBootstrap {
    private readonly logger = new Logger(`Worker:${queue}`);

    constructor(
      private readonly registry: JobHandlerRegistry,
      @Inject(JOB_LOCK_MS) private readonly jobLockMs: number,
    ) {
      super();
    }

    onApplicationBootstrap(): void {
      // Read when the worker runs: the lock a job holds, and how often stalled jobs are looked for.
      this.worker.opts.lockDuration = this.jobLockMs;
      this.worker.opts.stalledInterval = this.jobLockMs;
      this.worker.on('failed', (job, error) => {
        if (job) this.logger.warn(`Job ${job.name} ${job.id} failed on try ${job.attemptsMade}: ${error.message}`);
      });
      void this.worker.run().catch((error: Error) => this.logger.error(`Worker stopped: ${error.message}`));
    }

    async process(job: Job): Promise<void> {
      await this.registry.dispatch(job.name, job.data, {
        jobId: job.id ?? '',
        attempt: job.attemptsMade + 1,
        maxAttempts: job.opts.attempts ?? 1,
      });
    }
  }
  Object.defineProperty(QueueProcessor, 'name', { value: `${queue}QueueProcessor` });
  return QueueProcessor;
}

export const BULLMQ_PROCESSORS: Type<WorkerHost>[] = Object.values(QueueName).map(processorFor);
