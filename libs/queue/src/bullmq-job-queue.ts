import { getQueueToken } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Queue } from 'bullmq';
import {
  assertIdempotencyKey,
  DEFAULT_ATTEMPTS,
  DEFAULT_BACKOFF_MS,
  EnqueueOptions,
  EnqueueResult,
  JobQueue,
  Schedule,
} from './job-queue';
import { assertSafePayload, JOB_QUEUE, JobName, JobPayloads } from './jobs';

const DAY_S = 24 * 60 * 60;

/** The production queue: BullMQ on Redis, shared by any number of api and worker processes. */
@Injectable()
export class BullMqJobQueue implements JobQueue {
  readonly driver = 'redis' as const;

  constructor(private readonly moduleRef: ModuleRef) {}

  queueFor(name: JobName): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(JOB_QUEUE[name]), { strict: false });
  }

  async enqueue<N extends JobName>(name: N, payload: JobPayloads[N], options: EnqueueOptions = {}): Promise<EnqueueResult> {
    assertSafePayload(name, payload);
    const queue = this.queueFor(name);
    let jobId: string | undefined;
    if (options.idempotencyKey !== undefined) {
      assertIdempotencyKey(options.idempotencyKey);
      jobId = `${name}.${options.idempotencyKey}`;
      // BullMQ ignores an add whose id is still kept; this only tells the caller it happened.
      if (await queue.getJob(jobId)) return { jobId, deduplicated: true };
    }
    const job = await queue.add(name, payload, {
      jobId,
      attempts: Math.max(1, options.attempts ?? DEFAULT_ATTEMPTS),
      backoff: { type: 'exponential', delay: options.backoffMs ?? DEFAULT_BACKOFF_MS },
      delay: options.delayMs,
      removeOnComplete: { age: DAY_S, count: 10_000 },
      removeOnFail: { age: 30 * DAY_S },
    });
    return { jobId: job.id!, deduplicated: false };
  }

  async schedule<N extends JobName>(schedulerId: string, name: N, schedule: Schedule, payload: JobPayloads[N]): Promise<void> {
    assertSafePayload(name, payload);
    await this.queueFor(name).upsertJobScheduler(
      schedulerId,
      { pattern: schedule.pattern, tz: schedule.tz },
      { name, data: payload, opts: { attempts: DEFAULT_ATTEMPTS, backoff: { type: 'exponential', delay: DEFAULT_BACKOFF_MS } } },
    );
  }

  async isReachable(): Promise<boolean> {
    const within = <T>(promise: Promise<T>) =>
      Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 1000).unref())]);
    try {
      // ioredis under BullMQ's adapter interface; PING proves a round trip, not just a socket.
      const client = (await within(this.queueFor(JobName.QueueProbe).client)) as unknown as { ping(): Promise<string> };
      return (await within(client.ping())) === 'PONG';
    } catch {
      return false;
    }
  }
}
