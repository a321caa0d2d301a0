import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Queue } from 'bullmq';
import { EntityManager } from 'typeorm';
import { JobOutboxRelay, REDIS_CALL_TIMEOUT_MS, within } from './job-outbox.relay';
import { DEFAULT_ATTEMPTS, DEFAULT_BACKOFF_MS, EnqueueOptions, EnqueueResult, JobQueue, QueueOverview, Schedule, StageResult } from './job-queue';
import { assertSafePayload, JOB_QUEUE, JobName, JobPayloads } from './jobs';
import { OutboxJob, outboxJob } from './outbox-job';

/** The production queue: BullMQ on Redis, shared by any number of api and worker processes. */
@Injectable()
export class BullMqJobQueue implements JobQueue {
  readonly driver = 'redis' as const;

  private readonly logger = new Logger(BullMqJobQueue.name);
  /** After a failed call, producers skip Redis until then and go straight to the outbox. */
  private unreachableUntil = 0;

  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly outbox: JobOutboxRelay,
  ) {
    // A row goes as soon as BullMQ has the job: it runs there, under the row's id.
    outbox.attach({
      holding: () => [],
      take: async (job) => {
        await within(REDIS_CALL_TIMEOUT_MS, this.queueFor(job.name).add(job.name, job.payload, { ...job.options, jobId: job.jobId }));
        return true;
      },
    });
  }

  queueFor(name: JobName): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(JOB_QUEUE[name]), { strict: false });
  }

  /**
   * Queues a job on Redis; if Redis does not answer within REDIS_CALL_TIMEOUT_MS the job is kept
   * in the database's outbox under the same id, and the relay queues it when Redis is back. The
   * caller is never held up by a Redis outage and the job is never lost.
   */
  async enqueue<N extends JobName>(name: N, payload: JobPayloads[N], options: EnqueueOptions = {}): Promise<EnqueueResult> {
    // The id is fixed here, so a late add and the relay's add are one job.
    const job = outboxJob(name, payload, options);
    if (Date.now() >= this.unreachableUntil) {
      try {
        return await within(REDIS_CALL_TIMEOUT_MS, this.add(job, options.idempotencyKey !== undefined));
      } catch {
        this.unreachableUntil = Date.now() + 5000;
      }
    }
    await this.outbox.keep(job);
    this.logger.warn({ msg: 'queue unreachable: job kept in the outbox', job: name });
    return { jobId: job.jobId, deduplicated: false };
  }

  async stage<N extends JobName>(manager: EntityManager, name: N, payload: JobPayloads[N], options: EnqueueOptions = {}): Promise<StageResult> {
    const job = outboxJob(name, payload, options);
    await this.outbox.stage(manager, job);
    return { jobId: job.jobId };
  }

  async dispatchStaged(): Promise<void> {
    // Redis just failed a call: the relay's interval pass hands the rows over, the caller does not wait on Redis.
    if (Date.now() < this.unreachableUntil) return;
    await this.outbox.relayNow();
  }

  private async add(job: OutboxJob, idempotent: boolean): Promise<EnqueueResult> {
    const queue = this.queueFor(job.name);
    // BullMQ ignores an add whose id is still kept; this only tells the caller it happened.
    if (idempotent && (await queue.getJob(job.jobId))) return { jobId: job.jobId, deduplicated: true };
    const added = await queue.add(job.name, job.payload, { ...job.options, jobId: job.jobId });
    return { jobId: added.id!, deduplicated: false };
  }

  async schedule<N extends JobName>(schedulerId: string, name: N, schedule: Schedule, payload: JobPayloads[N]): Promise<void> {
    assertSafePayload(name, payload);
    await this.queueFor(name).upsertJobScheduler(
      schedulerId,
      { pattern: schedule.pattern, tz: schedule.tz },
      { name, data: payload, opts: { attempts: DEFAULT_ATTEMPTS, backoff: { type: 'exponential', delay: DEFAULT_BACKOFF_MS } } },
    );
  }

  async overview(): Promise<QueueOverview> {
    const queue = this.queueFor(JobName.QueueProbe);
    const empty: QueueOverview = { driver: this.driver, reachable: false, counts: { waiting: 0, active: 0, completed: 0, failed: 0, delayed: 0 }, recentFailed: [], schedules: [] };
    try {
      const counts = await within(REDIS_CALL_TIMEOUT_MS, queue.getJobCounts('waiting', 'active', 'completed', 'failed', 'delayed'));
      const failed = await within(REDIS_CALL_TIMEOUT_MS, queue.getJobs(['failed'], 0, 19, false));
      const schedulers = await within(REDIS_CALL_TIMEOUT_MS, queue.getJobSchedulers(0, 99, true));
      return {
        driver: this.driver,
        reachable: true,
        counts: { waiting: counts.waiting ?? 0, active: counts.active ?? 0, completed: counts.completed ?? 0, failed: counts.failed ?? 0, delayed: counts.delayed ?? 0 },
        recentFailed: failed
          .filter((job) => job)
          .map((job) => ({ id: job.id ?? '', name: job.name, state: 'failed' as const, attempts: job.attemptsMade, finishedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null })),
        schedules: schedulers.map((s) => ({ id: s.key, pattern: s.pattern ?? '', tz: s.tz ?? '', next: s.next ? new Date(s.next).toISOString() : null })),
      };
    } catch {
      return empty;
    }
  }

  async isReachable(): Promise<boolean> {
    try {
      // ioredis under BullMQ's adapter interface; PING proves a round trip, not just a socket.
      const client = (await within(1000, this.queueFor(JobName.QueueProbe).client)) as unknown as { ping(): Promise<string> };
      return (await within(1000, client.ping())) === 'PONG';
    } catch {
      return false;
    }
  }
}
