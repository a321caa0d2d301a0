import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { parseExpression } from 'cron-parser';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { JobHandlerRegistry } from './job-handler.registry';
import { JobOutboxRelay, OutboxConsumer } from './job-outbox.relay';
import {
  assertIdempotencyKey,
  backoffDelay,
  DEFAULT_ATTEMPTS,
  DEFAULT_BACKOFF_MS,
  EnqueueOptions,
  EnqueueResult,
  JobQueue,
  QueueOverview,
  Schedule,
  StageResult,
} from './job-queue';
import { assertSafePayload, JobName, JobPayloads } from './jobs';
import { enqueueOptionsOf, OutboxJob, outboxJob } from './outbox-job';

export type InProcessJobState = 'waiting' | 'active' | 'completed' | 'failed';

interface InProcessJob {
  id: string;
  name: JobName;
  payload: unknown;
  maxAttempts: number;
  backoffMs: number;
  attempt: number;
  state: InProcessJobState;
  idempotencyKey?: string;
  finishedAt?: number;
  /** Rows of `job_outbox` this job stands for: deleted once it has finished, kept if the process stops first. */
  outboxIds: string[];
}

/** How long finished jobs, and so their idempotency keys, are remembered. */
const KEEP_FINISHED_MS = 24 * 60 * 60 * 1000;
const MAX_KEPT_FINISHED = 10_000;
/** setTimeout's largest delay; longer waits are chained. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The queue for the single-process embedded default: same contract as BullMQ (retries with
 * exponential backoff, idempotency keys, cron schedules in a time zone) kept in memory.
 * Work enqueued here is lost if the process dies; work staged in the outbox is run from its row,
 * which stays until the job has finished, so the next start runs it again. Production uses Redis.
 * The outbox assumes one consuming process per database: a second would run the same rows too
 * (jobs are idempotent, so that costs work, not correctness).
 */
@Injectable()
export class InProcessJobQueue implements JobQueue, OnApplicationShutdown {
  readonly driver = 'in-process' as const;
  private readonly logger = new Logger('InProcessJobQueue');
  private readonly jobs = new Map<string, InProcessJob>();
  private readonly byKey = new Map<string, string>();
  private readonly ready: InProcessJob[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly schedules = new Map<string, NodeJS.Timeout>();
  private readonly scheduleInfo = new Map<string, Schedule>();
  private readonly idleWaiters: Array<() => void> = [];
  private running = 0;
  private consuming = false;
  private closed = false;

  /** What the relay hands rows to: each becomes a job here, its row removed when that job has finished. */
  private readonly outboxConsumer: OutboxConsumer = {
    holding: () => [...this.jobs.values()].filter((job) => job.finishedAt === undefined).flatMap((job) => job.outboxIds),
    take: async (kept: OutboxJob) => {
      const { job } = this.add(kept.name, kept.payload, enqueueOptionsOf(kept), kept.jobId);
      // The job ran here already and only its row was left (its delete failed): the row can go.
      if (job.finishedAt !== undefined) return true;
      if (!job.outboxIds.includes(kept.jobId)) job.outboxIds.push(kept.jobId);
      return false;
    },
  };

  constructor(
    private readonly registry: JobHandlerRegistry,
    private readonly outbox: JobOutboxRelay,
    private readonly concurrency = 2,
  ) {}

  /**
   * Starts running jobs; until then they wait (a process without the worker never runs them).
   * Only a process that runs jobs takes them from the outbox: rows a stopped process left run now.
   */
  startConsuming(): void {
    this.consuming = true;
    this.outbox.attach(this.outboxConsumer);
    void this.outbox.relay();
    this.pump();
  }

  async enqueue<N extends JobName>(name: N, payload: JobPayloads[N], options: EnqueueOptions = {}): Promise<EnqueueResult> {
    const { job, deduplicated } = this.add(name, payload, options);
    return { jobId: job.id, deduplicated };
  }

  async stage<N extends JobName>(manager: EntityManager, name: N, payload: JobPayloads[N], options: EnqueueOptions = {}): Promise<StageResult> {
    const job = outboxJob(name, payload, options);
    await this.outbox.stage(manager, job);
    return { jobId: job.jobId };
  }

  async dispatchStaged(): Promise<void> {
    await this.outbox.relayNow();
  }

  async schedule<N extends JobName>(schedulerId: string, name: N, schedule: Schedule, payload: JobPayloads[N]): Promise<void> {
    assertSafePayload(name, payload);
    // Validates the pattern now rather than at the first tick.
    parseExpression(schedule.pattern, { tz: schedule.tz });
    const previous = this.schedules.get(schedulerId);
    if (previous) clearTimeout(previous);
    this.scheduleInfo.set(schedulerId, schedule);
    const arm = () => {
      if (this.closed) return;
      const next = parseExpression(schedule.pattern, { tz: schedule.tz, currentDate: new Date() }).next().toDate();
      const fireAt = next.getTime();
      const wait = () => {
        const remaining = fireAt - Date.now();
        const timer = setTimeout(
          () => {
            if (remaining > MAX_TIMER_MS) return wait();
            // One run per scheduled instant, even if the schedule is set again meanwhile.
            void this.enqueue(name, payload, { idempotencyKey: `${schedulerId}-${fireAt}` }).catch((error: unknown) =>
              this.logger.error(`Scheduled job ${name} could not be queued: ${(error as Error).message}`),
            );
            arm();
          },
          Math.min(Math.max(remaining, 0), MAX_TIMER_MS),
        );
        timer.unref();
        this.schedules.set(schedulerId, timer);
      };
      wait();
    };
    arm();
  }

  async isReachable(): Promise<boolean> {
    return !this.closed;
  }

  async overview(): Promise<QueueOverview> {
    const counts = { waiting: 0, active: 0, completed: 0, failed: 0, delayed: 0 };
    for (const job of this.jobs.values()) counts[job.state]++;
    const recentFailed = [...this.jobs.values()]
      .filter((job) => job.state === 'failed')
      .sort((a, b) => (b.finishedAt ?? 0) - (a.finishedAt ?? 0))
      .slice(0, 20)
      .map((job) => ({ id: job.id, name: job.name, state: 'failed' as const, attempts: job.attempt, finishedAt: job.finishedAt ? new Date(job.finishedAt).toISOString() : null }));
    const schedules = [...this.scheduleInfo.entries()].map(([id, s]) => ({ id, pattern: s.pattern, tz: s.tz, next: parseExpression(s.pattern, { tz: s.tz }).next().toDate().toISOString() }));
    return { driver: this.driver, reachable: true, counts, recentFailed, schedules };
  }

  state(jobId: string): InProcessJobState | undefined {
    return this.jobs.get(jobId)?.state;
  }

  attempts(jobId: string): number | undefined {
    return this.jobs.get(jobId)?.attempt;
  }

  /** Resolves when nothing is waiting, running or due for a retry. */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    for (const timer of [...this.timers, ...this.schedules.values()]) clearTimeout(timer);
    this.timers.clear();
    this.schedules.clear();
    while (this.running > 0) await new Promise((r) => setTimeout(r, 20));
  }

  /** Queues a job, or finds the one its idempotency key already names; `id` is the job's outbox id when it has one. */
  private add(name: JobName, payload: unknown, options: EnqueueOptions, id: string = randomUUID()): { job: InProcessJob; deduplicated: boolean } {
    if (this.closed) throw new Error('Queue is closed');
    assertSafePayload(name, payload);
    this.forgetOldJobs();
    if (options.idempotencyKey !== undefined) {
      assertIdempotencyKey(options.idempotencyKey);
      const existing = this.jobs.get(this.byKey.get(`${name}/${options.idempotencyKey}`) ?? '');
      if (existing) return { job: existing, deduplicated: true };
    }
    const job: InProcessJob = {
      id,
      name,
      payload: structuredClone(payload),
      maxAttempts: Math.max(1, options.attempts ?? DEFAULT_ATTEMPTS),
      backoffMs: options.backoffMs ?? DEFAULT_BACKOFF_MS,
      attempt: 0,
      state: 'waiting',
      idempotencyKey: options.idempotencyKey,
      outboxIds: [],
    };
    this.jobs.set(job.id, job);
    if (job.idempotencyKey !== undefined) this.byKey.set(`${name}/${job.idempotencyKey}`, job.id);
    this.later(options.delayMs ?? 0, () => this.makeReady(job));
    return { job, deduplicated: false };
  }

  private isIdle(): boolean {
    return this.running === 0 && this.ready.length === 0 && [...this.jobs.values()].every((j) => j.state === 'completed' || j.state === 'failed');
  }

  private later(ms: number, fn: () => void): void {
    if (ms <= 0) {
      fn();
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
  }

  private makeReady(job: InProcessJob): void {
    if (this.closed) return;
    this.ready.push(job);
    this.pump();
  }

  private pump(): void {
    while (this.consuming && !this.closed && this.running < this.concurrency && this.ready.length > 0) {
      const job = this.ready.shift()!;
      this.running++;
      void this.run(job).finally(() => {
        this.running--;
        this.pump();
        this.notifyIdle();
      });
    }
  }

  private async run(job: InProcessJob): Promise<void> {
    job.attempt++;
    job.state = 'active';
    try {
      await this.registry.dispatch(job.name, job.payload, { jobId: job.id, attempt: job.attempt, maxAttempts: job.maxAttempts });
      job.state = 'completed';
      job.finishedAt = Date.now();
    } catch (error) {
      const message = error instanceof Error ? error.message : 'unknown error';
      if (job.attempt < job.maxAttempts) {
        job.state = 'waiting';
        this.logger.warn(`Job ${job.name} ${job.id} failed on try ${job.attempt}/${job.maxAttempts}; retrying: ${message}`);
        this.later(backoffDelay(job.backoffMs, job.attempt), () => this.makeReady(job));
      } else {
        job.state = 'failed';
        job.finishedAt = Date.now();
        this.logger.error(`Job ${job.name} ${job.id} failed after ${job.attempt} tries: ${message}`);
      }
    }
    if (job.finishedAt !== undefined) await this.releaseOutbox(job);
  }

  /** A finished job's outbox rows go; one that cannot stays, and the next relay pass finds its job finished and removes it. */
  private async releaseOutbox(job: InProcessJob): Promise<void> {
    for (const id of job.outboxIds.splice(0)) {
      await this.outbox.remove(id).catch((error: unknown) => this.logger.warn(`Outbox row of job ${job.name} ${job.id} not removed yet: ${(error as Error).message}`));
    }
  }

  private notifyIdle(): void {
    if (!this.isIdle()) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private forgetOldJobs(): void {
    const now = Date.now();
    let finished = 0;
    for (const job of this.jobs.values()) if (job.finishedAt !== undefined) finished++;
    for (const [id, job] of this.jobs) {
      if (job.finishedAt === undefined) continue;
      if (now - job.finishedAt > KEEP_FINISHED_MS || finished > MAX_KEPT_FINISHED) {
        this.jobs.delete(id);
        if (job.idempotencyKey !== undefined) this.byKey.delete(`${job.name}/${job.idempotencyKey}`);
        finished--;
      }
    }
  }
}
