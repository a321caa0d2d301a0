import { getQueueToken } from '@nestjs/bullmq';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@tsunagu/config';
import { JOB_QUEUE_TOKEN, JobName, JobQueue, QueueName } from '@tsunagu/queue';
import { Queue } from 'bullmq';
import { WorkerRootModule } from '../apps/worker/src/worker-root.module';
import { realRedisUrl, startTestApp, TestApp } from './support/test-app';

// BullMQ behaviour needs a real Redis; without REDIS_URL the suite says so and is skipped.
const describeWithRedis = realRedisUrl ? describe : describe.skip;
if (!realRedisUrl) {
   
  console.log('queue-bullmq.e2e-spec: skipped, REDIS_URL is not set');
}

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 20000): Promise<T> {
  const until = performance.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (performance.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describeWithRedis('BullMQ queue on Redis', () => {
  let app: TestApp;
  let queue: JobQueue;
  let bull: Queue;

  beforeAll(async () => {
    app = await startTestApp('bullmq');
    queue = app.app.get<JobQueue>(JOB_QUEUE_TOKEN);
    bull = app.app.get<Queue>(getQueueToken(QueueName.System));
  });

  afterAll(async () => {
    if (bull) await bull.obliterate({ force: true }).catch(() => undefined);
    await app?.close();
  });

  it('uses the redis driver under the suite prefix', async () => {
    expect(queue.driver).toBe('redis');
    expect(bull.opts.prefix).toBe(app.redisPrefix);
    expect(await queue.isReachable()).toBe(true);
  });

  it('retries a failing job with backoff until it succeeds', async () => {
    const { jobId } = await queue.enqueue(JobName.QueueProbe, { probeId: 'retry-1', failTimes: 2 }, { attempts: 4, backoffMs: 50 });
    const job = await waitFor(async () => {
      const j = await bull.getJob(jobId);
      return j && (await j.isCompleted()) ? j : undefined;
    });
    expect(job.attemptsMade).toBe(3);
  });

  it('marks a job failed after its last try', async () => {
    const { jobId } = await queue.enqueue(JobName.QueueProbe, { probeId: 'fail-1', failTimes: 9 }, { attempts: 2, backoffMs: 20 });
    const job = await waitFor(async () => {
      const j = await bull.getJob(jobId);
      return j && (await j.isFailed()) ? j : undefined;
    });
    expect(job.attemptsMade).toBe(2);
  });

  it('queues a job once per idempotency key', async () => {
    const first = await queue.enqueue(JobName.QueueProbe, { probeId: 'once' }, { idempotencyKey: 'probe-once-2025-12' });
    const second = await queue.enqueue(JobName.QueueProbe, { probeId: 'once' }, { idempotencyKey: 'probe-once-2025-12' });
    expect(first.deduplicated).toBe(false);
    expect(second).toEqual({ jobId: first.jobId, deduplicated: true });
    const counts = await bull.getJobCounts('completed', 'waiting', 'active', 'delayed');
    const ids = (await bull.getJobs(['completed', 'waiting', 'active', 'delayed'])).filter((j) => j.data.probeId === 'once');
    expect(ids).toHaveLength(1);
    expect(counts).toBeDefined();
  });

  it('registers a repeatable schedule in a time zone', async () => {
    await queue.schedule('probe-monthly', JobName.QueueProbe, { pattern: '0 2 1 * *', tz: 'Asia/Tokyo' }, { probeId: 'monthly' });
    await queue.schedule('probe-monthly', JobName.QueueProbe, { pattern: '0 2 1 * *', tz: 'Asia/Tokyo' }, { probeId: 'monthly' });
    // Set twice, kept once (beside the worker's own daily schedule).
    const schedulers = (await bull.getJobSchedulers()).filter((s) => s.key === 'probe-monthly');
    expect(schedulers).toHaveLength(1);
    expect(schedulers[0]).toMatchObject({ key: 'probe-monthly', pattern: '0 2 1 * *', tz: 'Asia/Tokyo' });
    expect((await bull.getJobSchedulers()).map((s) => s.key)).toContain('renewal-tasks-daily');
    const next = new Date(schedulers[0].next!);
    // 02:00 JST on the 1st is 17:00 UTC on the last day of the month before.
    expect(next.getUTCHours()).toBe(17);
  });

  it('refuses a payload that could carry personal data', async () => {
    await expect(queue.enqueue(JobName.QueueProbe, { probeId: '山田 花子' })).rejects.toThrow(/probeId/);
  });
});

describeWithRedis('api and worker as separate processes', () => {
  let api: TestApp;
  let worker: INestApplicationContext | undefined;

  beforeAll(async () => {
    api = await startTestApp('split', { withWorker: false });
  });

  afterAll(async () => {
    await worker?.close();
    await api.app.get<Queue>(getQueueToken(QueueName.System)).obliterate({ force: true }).catch(() => undefined);
    await api?.close();
  });

  it('leaves jobs queued until a worker runs them', async () => {
    const queue = api.app.get<JobQueue>(JOB_QUEUE_TOKEN);
    const bull = api.app.get<Queue>(getQueueToken(QueueName.System));
    const { jobId } = await queue.enqueue(JobName.QueueProbe, { probeId: 'split-1' });
    await new Promise((r) => setTimeout(r, 300));
    expect(await (await bull.getJob(jobId))!.getState()).toBe('waiting');

    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: api.db.url, REDIS_URL: realRedisUrl!, REDIS_PREFIX: api.redisPrefix });
    worker = await NestFactory.createApplicationContext(WorkerRootModule.forRoot(config, api.db.url), { logger: false });
    await worker.init();
    const state = await waitFor(async () => {
      const s = await (await bull.getJob(jobId))!.getState();
      return s === 'completed' ? s : undefined;
    });
    expect(state).toBe('completed');
  });
});
