import type { EntityManager } from 'typeorm';
import { JobName, JobPayloads } from './jobs';

export const JOB_QUEUE_TOKEN = Symbol('JOB_QUEUE');

export type QueueDriver = 'redis' | 'in-process';

export interface EnqueueOptions {
  /** Same key while a job with it is kept: the job is queued once. Letters, digits, . _ - only. */
  idempotencyKey?: string;
  /** Total tries including the first (default 5). */
  attempts?: number;
  /** First retry delay; doubles each time (default 2000 ms). */
  backoffMs?: number;
  delayMs?: number;
}

export interface EnqueueResult {
  jobId: string;
  /** True when a job with the same idempotency key was already queued or done. */
  deduplicated: boolean;
}

export interface StageResult {
  /** The job's id in the outbox, and under BullMQ. */
  jobId: string;
}

export interface Schedule {
  /** Cron pattern, e.g. '0 2 1 * *' for 02:00 on the 1st of each month. */
  pattern: string;
  /** IANA time zone the pattern is read in. */
  tz: string;
}

export interface JobContext {
  jobId: string;
  /** 1 on the first try. */
  attempt: number;
  maxAttempts: number;
}

export type JobHandler<N extends JobName> = (payload: JobPayloads[N], ctx: JobContext) => Promise<void>;

export type QueueJobState = 'waiting' | 'active' | 'completed' | 'failed' | 'delayed';

/** A job as the admin's queue view shows it: name, state and tries, never its payload. */
export interface QueueJobSummary {
  id: string;
  name: string;
  state: QueueJobState;
  attempts: number;
  finishedAt: string | null;
}

/** The state of the queue for the admin's view (GET /admin/queues). */
export interface QueueOverview {
  driver: QueueDriver;
  reachable: boolean;
  counts: Record<QueueJobState, number>;
  /** The latest failed jobs, newest first (at most 20). */
  recentFailed: QueueJobSummary[];
  /** Repeatable schedules by id, with the next run where the driver knows it. */
  schedules: Array<{ id: string; pattern: string; tz: string; next: string | null }>;
}

/** What producers see: the same for BullMQ on Redis and the in-process driver. */
export interface JobQueue {
  readonly driver: QueueDriver;
  enqueue<N extends JobName>(name: N, payload: JobPayloads[N], options?: EnqueueOptions): Promise<EnqueueResult>;
  /**
   * Writes the job into the outbox (`job_outbox`) in the caller's transaction, so the job exists
   * exactly when the change it belongs to commits. A key already staged is staged once.
   */
  stage<N extends JobName>(manager: EntityManager, name: N, payload: JobPayloads[N], options?: EnqueueOptions): Promise<StageResult>;
  /**
   * After the staging transaction has committed: hands the staged jobs over now instead of at the
   * relay's next pass. Best effort: whatever this leaves (a crash, an outage) the relay's
   * interval or the next start hands over.
   */
  dispatchStaged(): Promise<void>;
  /** Creates or replaces a repeatable schedule with a stable id. */
  schedule<N extends JobName>(schedulerId: string, name: N, schedule: Schedule, payload: JobPayloads[N]): Promise<void>;
  /** Whether the backing store answers now. */
  isReachable(): Promise<boolean>;
  /** Counts by state, recent failures and schedules; no payloads. */
  overview(): Promise<QueueOverview>;
}

export const DEFAULT_ATTEMPTS = 5;
export const DEFAULT_BACKOFF_MS = 2000;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9._-]{1,200}$/;

export function assertIdempotencyKey(key: string): void {
  if (!IDEMPOTENCY_KEY.test(key)) throw new Error('Idempotency key may hold only letters, digits, . _ - (1..200)');
}

/** Delay before try `attempt + 1` after try `attempt` failed. */
export function backoffDelay(baseMs: number, attempt: number): number {
  return baseMs * 2 ** (attempt - 1);
}
