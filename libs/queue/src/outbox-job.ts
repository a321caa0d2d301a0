import type { JobsOptions } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { assertIdempotencyKey, DEFAULT_ATTEMPTS, DEFAULT_BACKOFF_MS, EnqueueOptions } from './job-queue';
import { assertSafePayload, JobName, JobPayloads } from './jobs';

const DAY_S = 24 * 60 * 60;

/**
 * A job as a row of `job_outbox` holds it: the id it is queued under and BullMQ's options. Both
 * drivers write and read this one shape, so rows outlive a switch between them.
 */
export interface OutboxJob {
  jobId: string;
  name: JobName;
  payload: object;
  options: JobsOptions;
}

/** The id a job is queued under: fixed by its idempotency key, so every hand-over of one job is the same job. */
export function outboxJobId(name: JobName, idempotencyKey?: string): string {
  return `${name}.${idempotencyKey ?? randomUUID()}`;
}

/** BullMQ's options for a job: tries, exponential backoff, delay and how long finished jobs are kept. */
export function bullJobOptions(options: EnqueueOptions): JobsOptions {
  return {
    attempts: Math.max(1, options.attempts ?? DEFAULT_ATTEMPTS),
    backoff: { type: 'exponential', delay: options.backoffMs ?? DEFAULT_BACKOFF_MS },
    delay: options.delayMs,
    removeOnComplete: { age: DAY_S, count: 10_000 },
    removeOnFail: { age: 30 * DAY_S },
  };
}

/** A job checked as enqueue checks it (safe payload, well-formed key), ready for the outbox or BullMQ. */
export function outboxJob<N extends JobName>(name: N, payload: JobPayloads[N], options: EnqueueOptions = {}): OutboxJob {
  assertSafePayload(name, payload);
  if (options.idempotencyKey !== undefined) assertIdempotencyKey(options.idempotencyKey);
  return { jobId: outboxJobId(name, options.idempotencyKey), name, payload, options: bullJobOptions(options) };
}

/**
 * The in-process driver's options for a row of the outbox. The row's id stands for the
 * idempotency key, so a row handed over twice in one process is one job.
 */
export function enqueueOptionsOf(job: OutboxJob): EnqueueOptions & { idempotencyKey: string } {
  const prefix = `${job.name}.`;
  const backoff = job.options.backoff;
  return {
    idempotencyKey: job.jobId.startsWith(prefix) ? job.jobId.slice(prefix.length) : job.jobId,
    attempts: job.options.attempts,
    backoffMs: typeof backoff === 'number' ? backoff : backoff?.delay,
    delayMs: job.options.delay,
  };
}
