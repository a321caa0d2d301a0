import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { JobsOptions, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { JobName } from './jobs';

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

/**
 * Hands the jobs kept in `job_outbox` to BullMQ once Redis answers again, in every process that
 * enqueues (api and worker). Rows are taken with SKIP LOCKED, so two processes never relay the
 * same row at once, and each is added under the id it was given when enqueued: a job that
 * reached Redis after all (a late reply) or that a crash relayed twice is still queued once.
 */
@Injectable()
export class JobOutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(JobOutboxRelay.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  private queueFor?: (name: JobName) => Queue;
  /** This process kept a job, or the last pass left rows: look every RELAY_INTERVAL_MS, not every IDLE_CHECK_MS. */
  private pending = true;
  /** Jobs this process has kept, so a pass that began before the last one does not clear `pending`. */
  private kept = 0;
  private nextIdleCheck = 0;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Set by the BullMQ driver (the relay adds through its queues). */
  attach(queueFor: (name: JobName) => Queue): void {
    this.queueFor = queueFor;
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

  /** Keeps a job that could not be queued; the next relay hands it over. */
  async keep(jobId: string, name: JobName, payload: object, options: JobsOptions): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO job_outbox (job_id, job_name, payload, options, created_at) VALUES ($1, $2, $3, $4, now()) ON CONFLICT (job_id) DO NOTHING`,
      [jobId, name, JSON.stringify(payload), JSON.stringify(options)],
    );
    this.kept++;
    this.pending = true;
  }

  /** One pass: returns how many jobs were handed to BullMQ (0 while Redis is still away). */
  relay(): Promise<number> {
    this.running ??= this.relayBatch().finally(() => (this.running = undefined));
    return this.running;
  }

  private async relayBatch(): Promise<number> {
    const queueFor = this.queueFor;
    if (!queueFor) return 0;
    try {
      const keptBefore = this.kept;
      const [{ waiting }] = await this.dataSource.query(`SELECT EXISTS (SELECT 1 FROM job_outbox) AS waiting`);
      if (!waiting) {
        if (this.kept === keptBefore) this.pending = false;
        return 0;
      }
      const moved = await this.dataSource.transaction(async (manager) => {
        const rows: Array<{ job_id: string; job_name: JobName; payload: object; options: JobsOptions }> = await manager.query(
          `SELECT job_id, job_name, payload, options FROM job_outbox ORDER BY created_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
        );
        for (const row of rows) {
          await within(REDIS_CALL_TIMEOUT_MS, queueFor(row.job_name).add(row.job_name, row.payload, { ...row.options, jobId: row.job_id }));
          await manager.query(`DELETE FROM job_outbox WHERE job_id = $1`, [row.job_id]);
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
