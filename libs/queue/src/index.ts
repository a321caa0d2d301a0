export * from './bullmq-job-queue';
export * from './in-process-job-queue';
export * from './job-handler.registry';
export * from './job-queue';
export * from './jobs';
export * from './queue.module';
export * from './redis-connection';
export * from './queue-probe.processor';
