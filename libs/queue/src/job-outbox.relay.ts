import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock } from '@tsunagu/common';
import { DataSource, EntityManager } from 'typeorm';
import { JobName } from './jobs';
import { OutboxJob } from './outbox-job';
import { queryRows } from '@tsunagu/database';

/** How long one call to Redis may take before the job goes to the outbox instead. */
export const REDIS_CALL_TIMEOUT_MS = 2000;
const RELAY_INTERVAL_MS = 2000;
/** While this process knows of no kept job, it looks at the outbox this often (another process may have died with rows in it). */
const IDLE_CHECK_MS = 60_000;
const BATCH = 100;

/** Rejects when `promise` has not settled within `ms` (the promise itself keeps running). */
export function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  return Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('redis-timeout')), ms).unref())]);
}

/** Where the relay hands the jobs of `job_outbox`: BullMQ, or the in-process queue of a process that runs jobs. */
export interface OutboxConsumer {
  /** Ids of rows whose jobs this process has taken and not finished: their rows stay until the jobs end. */
  holding(): string[];
  /** Hands one job over; true when its row can go now, false when the consumer removes it once the job has finished. */
  take(job: OutboxJob): Promise<boolean>;
}

/**
 * The outbox of jobs (`job_outbox`): jobs staged in the transaction of the change they belong to,
 * and jobs Redis did not answer for. Every process that enqueues relays it to the consumer its
 * driver attached: BullMQ adds each under the id it was given and the row goes at once, so a job
 * that reached Redis after all (a late reply) or that a crash relayed twice is still queued once;
 * the in-process queue runs each and removes the row when the job has finished, so a job that a
 * stopped process had not finished runs at the next start. Rows are taken with SKIP LOCKED, so two
 * processes never relay the same row at once.
 */
@Injectable()
export class JobOutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(JobOutboxRelay.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  private consumer?: OutboxConsumer;
  /** This process kept or staged a job, or the last pass left rows: look every RELAY_INTERVAL_MS, not every IDLE_CHECK_MS. */
  private pending = true;
  /** Jobs this process has kept or staged, so a pass that began before the last one does not clear `pending`. */
  private kept = 0;
  private nextIdleCheck = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Set by the driver; a process without a consumer (an api beside an in-process worker elsewhere) leaves the rows alone. */
  attach(consumer: OutboxConsumer): void {
    this.consumer = consumer;
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (!this.pending && Date.now() < this.nextIdleCheck) return;
      this.nextIdleCheck = Date.now() + IDLE_CHECK_MS;
      void this.relay();
    }, RELAY_INTERVAL_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Writes a job into the outbox in the caller's transaction: it exists exactly when that transaction commits. */
  async stage(manager: EntityManager, job: OutboxJob): Promise<void> {
    await manager.query(
      `INSERT INTO job_outbox (job_id, job_name, payload, options, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (job_id) DO NOTHING`,
      [job.jobId, job.name, JSON.stringify(job.payload), JSON.stringify(job.options), this.clock.now()],
    );
    // Set before the commit: should the caller never ask for the hand-over, the next interval's pass does it.
    this.kept++;
    this.pending = true;
  }

  /** Keeps a job that could not be queued; the next relay hands it over. */
  keep(job: OutboxJob): Promise<void> {
    return this.stage(this.dataSource.manager, job);
  }

  /** One pass: returns how many jobs were handed over (0 while Redis is still away). */
  relay(): Promise<number> {
    this.running ??= this.relayBatch().finally(() => (this.running = undefined));
    return this.running;
  }

  /** A pass that begins after the caller's commit (one already under way may have looked before it). */
  async relayNow(): Promise<number> {
    await this.running;
    return this.relay();
  }

  /** Deletes the row of a job that has finished. */
  async remove(jobId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM job_outbox WHERE job_id = $1`, [jobId]);
  }

  private async relayBatch(): Promise<number> {
    const consumer = this.consumer;
    if (!consumer) return 0;
    try {
      const keptBefore = this.kept;
      const holding = consumer.holding();
      const [{ waiting }] = await queryRows<{ waiting: boolean }>(this.dataSource, `SELECT EXISTS (SELECT 1 FROM job_outbox WHERE job_id <> ALL($1)) AS waiting`, [holding]);
      if (!waiting) {
        if (this.kept === keptBefore) this.pending = false;
        return 0;
      }
      const moved = await this.dataSource.transaction(async (manager) => {
        const rows: Array<{ job_id: string; job_name: JobName; payload: object; options: OutboxJob['options'] }> = await manager.query(
          `SELECT job_id, job_name, payload, options FROM job_outbox WHERE job_id <> ALL($1) ORDER BY created_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
          [holding],
        );
        for (const row of rows) {
          const done = await consumer.take({ jobId: row.job_id, name: row.job_name, payload: row.payload, options: row.options });
          if (done) await manager.query(`DELETE FROM job_outbox WHERE job_id = $1`, [row.job_id]);
        }
        return rows.length;
      });
      if (moved > 0) this.logger.log({ msg: 'jobs handed from the outbox to the queue', jobs: moved });
      return moved;
    } catch {
      return 0; // Redis (or the database) still away: the rows stay for the next pass
    }
  }
}
