import { Logger } from '@nestjs/common';
import { InProcessJobQueue } from './in-process-job-queue';
import { JobHandlerRegistry } from './job-handler.registry';
import { JobName } from './jobs';

describe('InProcessJobQueue', () => {
  let registry: JobHandlerRegistry;
  let queue: InProcessJobQueue;
  let tries: Record<string, number>;

  beforeAll(() => Logger.overrideLogger(false));

  beforeEach(() => {
    registry = new JobHandlerRegistry();
    queue = new InProcessJobQueue(registry);
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
});
