import { Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { InProcessJobQueue } from './in-process-job-queue';
import { JobHandlerRegistry } from './job-handler.registry';
import { JobOutboxRelay, OutboxConsumer } from './job-outbox.relay';
import { JobName } from './jobs';
import { OutboxJob } from './outbox-job';

/** `job_outbox` in memory, relayed as JobOutboxRelay does: rows the consumer holds are left out of a pass. */
class MemoryOutbox {
  readonly rows = new Map<string, OutboxJob>();
  consumer?: OutboxConsumer;
  failRemoves = 0;

  attach(consumer: OutboxConsumer): void {
    this.consumer = consumer;
  }

  async stage(_manager: EntityManager, job: OutboxJob): Promise<void> {
    if (!this.rows.has(job.jobId)) this.rows.set(job.jobId, JSON.parse(JSON.stringify(job)));
  }

  async relay(): Promise<number> {
    if (!this.consumer) return 0;
    const holding = new Set(this.consumer.holding());
    const rows = [...this.rows.values()].filter((row) => !holding.has(row.jobId));
    for (const row of rows) if (await this.consumer.take(row)) this.rows.delete(row.jobId);
    return rows.length;
  }

  relayNow(): Promise<number> {
    return this.relay();
  }

  async remove(jobId: string): Promise<void> {
    if (this.failRemoves-- > 0) throw new Error('database away');
    this.rows.delete(jobId);
  }

  asRelay(): JobOutboxRelay {
    return this as unknown as JobOutboxRelay;
  }
}

const manager = {} as EntityManager;

describe('InProcessJobQueue', () => {
  let registry: JobHandlerRegistry;
  let queue: InProcessJobQueue;
  let tries: Record<string, number>;

  beforeAll(() => Logger.overrideLogger(false));

  beforeEach(() => {
    registry = new JobHandlerRegistry();
    queue = new InProcessJobQueue(registry, new MemoryOutbox().asRelay());
    tries = {};
    registry.register(JobName.QueueProbe, async (payload, ctx) => {
      tries[payload.probeId] = ctx.attempt;
      if (payload.failTimes !== undefined && ctx.attempt <= payload.failTimes) throw new Error('boom');
    });
  });

  afterEach(() => queue.onApplicationShutdown());

  it('holds jobs until consuming starts', async () => {
    const { jobId } = await queue.enqueue(JobName.QueueProbe, { probeId: 'held' });
    await new Promise((r) => setTimeout(r, 20));
    expect(queue.state(jobId)).toBe('waiting');
    queue.startConsuming();
    await queue.whenIdle();
    expect(queue.state(jobId)).toBe('completed');
  });

  it('retries with backoff and completes', async () => {
    queue.startConsuming();
    const started = performance.now();
    const { jobId } = await queue.enqueue(JobName.QueueProbe, { probeId: 'r', failTimes: 2 }, { attempts: 3, backoffMs: 30 });
    await queue.whenIdle();
    expect(queue.state(jobId)).toBe('completed');
    expect(queue.attempts(jobId)).toBe(3);
    // 30 ms then 60 ms of backoff.
    expect(performance.now() - started).toBeGreaterThanOrEqual(85);
  });

  it('fails a job after its last try', async () => {
    queue.startConsuming();
    const { jobId } = await queue.enqueue(JobName.QueueProbe, { probeId: 'f', failTimes: 10 }, { attempts: 2, backoffMs: 5 });
    await queue.whenIdle();
    expect(queue.state(jobId)).toBe('failed');
    expect(tries.f).toBe(2);
  });

  it('runs a job once per idempotency key, also after it finished', async () => {
    queue.startConsuming();
    const first = await queue.enqueue(JobName.QueueProbe, { probeId: 'k' }, { idempotencyKey: 'stats-2025-12' });
    await queue.whenIdle();
    const again = await queue.enqueue(JobName.QueueProbe, { probeId: 'k' }, { idempotencyKey: 'stats-2025-12' });
    await queue.whenIdle();
    expect(again).toEqual({ jobId: first.jobId, deduplicated: true });
    const other = await queue.enqueue(JobName.QueueProbe, { probeId: 'k' }, { idempotencyKey: 'stats-2026-01' });
    expect(other.deduplicated).toBe(false);
  });

  it('refuses free text and nested objects in payloads', async () => {
    await expect(queue.enqueue(JobName.QueueProbe, { probeId: '山田花子' })).rejects.toThrow(/probeId/);
    await expect(queue.enqueue(JobName.QueueProbe, { probeId: 'a b' })).rejects.toThrow(/probeId/);
    await expect(
      queue.enqueue(JobName.QueueProbe, { probeId: 'x', nested: { a: 1 } } as unknown as { probeId: string }),
    ).rejects.toThrow(/nested/);
  });

  it('refuses malformed idempotency keys', async () => {
    await expect(queue.enqueue(JobName.QueueProbe, { probeId: 'x' }, { idempotencyKey: 'has space' })).rejects.toThrow(/Idempotency/);
  });

  it('fires a cron schedule in its time zone', async () => {
    queue.startConsuming();
    // Every second (six-field cron); the probe must run at least once within ~2 s.
    await queue.schedule('every-second', JobName.QueueProbe, { pattern: '* * * * * *', tz: 'Asia/Tokyo' }, { probeId: 'tick' });
    const until = performance.now() + 3000;
    while (!tries.tick && performance.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(tries.tick).toBe(1);
  });

  it('rejects an invalid cron pattern at once', async () => {
    await expect(queue.schedule('bad', JobName.QueueProbe, { pattern: 'not a cron', tz: 'Asia/Tokyo' }, { probeId: 'x' })).rejects.toThrow();
  });

  describe('with the outbox', () => {
    let outbox: MemoryOutbox;
    let gate: { open(): void; opened: Promise<void> };
    const newGate = () => {
      let open = () => undefined as void;
      const opened = new Promise<void>((resolve) => (open = resolve));
      return { open, opened };
    };

    beforeEach(() => {
      outbox = new MemoryOutbox();
      gate = newGate();
    });

    /** A queue as a process would start one: the probe handler waits for the gate on `gated` ids and fails on `broken` ones. */
    const start = (gated: string[] = [], broken: string[] = []) => {
      const reg = new JobHandlerRegistry();
      reg.register(JobName.QueueProbe, async (payload, ctx) => {
        tries[payload.probeId] = (tries[payload.probeId] ?? 0) + 1;
        if (gated.includes(payload.probeId)) await gate.opened;
        if (broken.includes(payload.probeId)) throw new Error('broken in this process');
        if (payload.failTimes !== undefined && ctx.attempt <= payload.failTimes) throw new Error('boom');
      });
      const q = new InProcessJobQueue(reg, outbox.asRelay());
      q.startConsuming();
      return q;
    };

    it('runs a staged job once it is dispatched, and removes its row only when the job has finished', async () => {
      const q = start(['slow']);
      const { jobId } = await q.stage(manager, JobName.QueueProbe, { probeId: 'slow' }, { idempotencyKey: 'slow-1' });
      expect(jobId).toBe('system.queue-probe.slow-1');
      await q.dispatchStaged();
      await new Promise((r) => setTimeout(r, 20));
      expect(q.state(jobId)).toBe('active');
      expect(outbox.rows.has(jobId)).toBe(true);
      // A pass meanwhile leaves the row to the job that holds it.
      await outbox.relay();
      gate.open();
      await q.whenIdle();
      expect(q.state(jobId)).toBe('completed');
      expect(tries.slow).toBe(1);
      expect(outbox.rows.size).toBe(0);
      await q.onApplicationShutdown();
    });

    it('keeps the row of a job a stopped process had not finished, and the next process runs it', async () => {
      const first = start([], ['retry']);
      const { jobId } = await first.stage(manager, JobName.QueueProbe, { probeId: 'retry' }, { idempotencyKey: 'retry-1', attempts: 3, backoffMs: 60_000 });
      await first.dispatchStaged();
      await new Promise((r) => setTimeout(r, 20));
      expect(first.state(jobId)).toBe('waiting'); // failed once, its retry a minute away
      await first.onApplicationShutdown();
      expect(outbox.rows.has(jobId)).toBe(true);

      const next = start();
      await new Promise((r) => setTimeout(r, 20));
      await next.whenIdle();
      expect(next.state(jobId)).toBe('completed');
      expect(tries.retry).toBe(2);
      expect(outbox.rows.size).toBe(0);
      await next.onApplicationShutdown();
    });

    it('removes the row of a job that failed its last try', async () => {
      const q = start();
      const { jobId } = await q.stage(manager, JobName.QueueProbe, { probeId: 'doomed', failTimes: 9 }, { attempts: 2, backoffMs: 5 });
      await q.dispatchStaged();
      await new Promise((r) => setTimeout(r, 20));
      await q.whenIdle();
      expect(q.state(jobId)).toBe('failed');
      expect(outbox.rows.size).toBe(0);
      await q.onApplicationShutdown();
    });

    it('runs a job once when its row is handed over again, or is left behind by a failed delete', async () => {
      const q = start();
      outbox.failRemoves = 1;
      const { jobId } = await q.stage(manager, JobName.QueueProbe, { probeId: 'once' }, { idempotencyKey: 'once-1' });
      await Promise.all([q.dispatchStaged(), q.dispatchStaged(), outbox.relay()]);
      await new Promise((r) => setTimeout(r, 20));
      await q.whenIdle();
      expect(outbox.rows.has(jobId)).toBe(true); // its delete failed
      await outbox.relay();
      expect(outbox.rows.size).toBe(0);
      await q.whenIdle();
      expect(tries.once).toBe(1);
      await q.onApplicationShutdown();
    });

    it('leaves staged rows alone in a process that does not run jobs', async () => {
      const idle = new InProcessJobQueue(new JobHandlerRegistry(), outbox.asRelay());
      const { jobId } = await idle.stage(manager, JobName.QueueProbe, { probeId: 'later' });
      await idle.dispatchStaged();
      expect(outbox.rows.has(jobId)).toBe(true);
      expect(idle.state(jobId)).toBeUndefined();
      await idle.onApplicationShutdown();
    });
  });
});
