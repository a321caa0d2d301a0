import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Inject, Module, OnApplicationBootstrap, Optional } from '@nestjs/common';
import { QueueConfig } from '@tsunagu/config';
import { BULLMQ_PROCESSORS, JOB_LOCK_MS } from './bullmq-processors';
import { BullMqJobQueue } from './bullmq-job-queue';
import { InProcessJobQueue } from './in-process-job-queue';
import { JobOutboxRelay } from './job-outbox.relay';
import { JobHandlerRegistry } from './job-handler.registry';
import { JOB_QUEUE_TOKEN } from './job-queue';
import { QueueName } from './jobs';
import { redisConnection } from './redis-connection';

export interface QueueModuleOptions {
  /** Whether this process runs jobs (the worker, or the all-in-one process). */
  consume: boolean;
}

const CONSUME = Symbol('QUEUE_CONSUME');

/**
 * JOB_QUEUE_TOKEN gives producers a JobQueue: BullMQ when REDIS_URL is set, otherwise the
 * in-process driver. Consumers register handlers in JobHandlerRegistry.
 */
@Module({})
export class QueueModule implements OnApplicationBootstrap {
  constructor(
    @Inject(JOB_QUEUE_TOKEN) private readonly queue: { driver: string },
    @Optional() @Inject(CONSUME) private readonly consume?: boolean,
  ) {}

  static forRoot(config: QueueConfig, options: QueueModuleOptions): DynamicModule {
    const common = [JobHandlerRegistry, JobOutboxRelay, { provide: CONSUME, useValue: options.consume }];
    if (config.kind === 'redis') {
      return {
        module: QueueModule,
        global: true,
        imports: [
          BullModule.forRoot({ connection: redisConnection(config.url), prefix: config.prefix }),
          BullModule.registerQueue(...Object.values(QueueName).map((name) => ({ name }))),
        ],
        providers: [...common, { provide: JOB_LOCK_MS, useValue: config.jobLockMs }, BullMqJobQueue, { provide: JOB_QUEUE_TOKEN, useExisting: BullMqJobQueue }, ...(options.consume ? BULLMQ_PROCESSORS : [])],
        exports: [JOB_QUEUE_TOKEN, JobHandlerRegistry],
      };
    }
    return {
      module: QueueModule,
      global: true,
      providers: [
        ...common,
        {
          provide: InProcessJobQueue,
          useFactory: (registry: JobHandlerRegistry, outbox: JobOutboxRelay) => new InProcessJobQueue(registry, outbox),
          inject: [JobHandlerRegistry, JobOutboxRelay],
        },
        { provide: JOB_QUEUE_TOKEN, useExisting: InProcessJobQueue },
      ],
      exports: [JOB_QUEUE_TOKEN, JobHandlerRegistry, InProcessJobQueue],
    };
  }

  onApplicationBootstrap(): void {
    if (this.consume && this.queue instanceof InProcessJobQueue) this.queue.startConsuming();
  }
}
