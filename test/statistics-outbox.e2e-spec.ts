import { getQueueToken } from '@nestjs/bullmq';
import { Role } from '@tsunagu/common';
import { createScratchDatabase, ScratchDatabase } from '@tsunagu/database';
import { bullJobOptions, JOB_QUEUE_TOKEN, JobOutboxRelay, JobQueue, QueueName } from '@tsunagu/queue';
import { StatisticsService } from '@tsunagu/statistics';
import { Queue } from 'bullmq';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createAndSignIn, signInAdmin, SignedIn } from './support/auth-helpers';
import { testNow } from './support/clock';
import { realDatabaseUrl, realRedisUrl, startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait';

// A statistics run and its job commit together: the job is staged in job_outbox in the run's
// transaction, so a process that stops between the commit and the hand-over to the queue leaves
// no month queued (and refused with 409) forever. The suite runs on the driver the environment
// gives: BullMQ with REDIS_URL, the in-process queue without; run it both ways.
const driver = realRedisUrl ? 'BullMQ' : 'in-process';
const itInProcess = realRedisUrl ? it.skip : it;
const itWithRedis = realRedisUrl ? it : it.skip;
 
console.log(`statistics-outbox.e2e-spec: ${driver} queue; the ${realRedisUrl ? 'in-process' : 'BullMQ'}-only tests are skipped`);

describe(`statistics runs and their jobs commit together (${driver} queue)`, () => {
  // One deployment restarted: the same keys, database and queue prefix for every process.
  const env = {
    TSUNAGU_MASTER_KEY: randomBytes(32).toString('base64'),
    TSUNAGU_BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
    REDIS_PREFIX: `t${randomBytes(5).toString('hex')}`,
  };
  let db: ScratchDatabase;
  let app: TestApp;
  let statistician: SignedIn;
  const as = (who: SignedIn) => ({ Authorization: `Bearer ${who.token}` });
  const api = (path: string) => `/api/v1/${path}`;
  const start = (label: string) => startTestApp(label, { sharedDatabase: db, env });
  const sql = (query: string, params: unknown[] = []) => app.app.get(DataSource).query(query, params);
  const status = async (runId: string): Promise<string> => (await sql(`SELECT status FROM statistics_runs WHERE id = $1`, [runId]))[0].status;
  const untilDone = (runId: string) => waitFor(async () => (await status(runId)) === 'done', 30_000, `run ${runId} done`);
  const outboxRows = async (): Promise<number> => (await sql(`SELECT count(*)::int AS n FROM job_outbox`))[0].n;
  const computations = async (runId: string): Promise<number> =>
    (await sql(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'statistics.run.done' AND resource_id = $1`, [runId]))[0].n;

  /** What this process does after a commit fails or never happens: the queue's hand-over, a plain enqueue, the relay's passes. */
  function stopAfterCommit(target: TestApp): void {
    const queue = target.app.get<JobQueue>(JOB_QUEUE_TOKEN);
    jest.spyOn(queue, 'dispatchStaged').mockRejectedValue(new Error('process stopped'));
    jest.spyOn(queue, 'enqueue').mockRejectedValue(new Error('process stopped'));
    jest.spyOn(target.app.get(JobOutboxRelay), 'relay').mockResolvedValue(0);
  }

  beforeAll(async () => {
    db = await createScratchDatabase('stats-outbox', realDatabaseUrl, { embeddedIn: 'child-process' });
    app = await start('stats-outbox');
    const admin = await signInAdmin(app);
    statistician = await createAndSignIn(app, admin, Role.Statistician, 'outbox.statistician');
  });

  afterEach(() => jest.restoreAllMocks());

  afterAll(async () => {
    if (realRedisUrl) await app?.app.get<Queue>(getQueueToken(QueueName.System)).obliterate({ force: true }).catch(() => undefined);
    await app?.close();
    await db?.drop();
  });

  it('computes a run whose process stopped right after the commit at the next start, and runs its month again afterwards', async () => {
    stopAfterCommit(app);
    // The process "dies" after the commit: whatever the request answers, nothing after the commit happens.
    await request(app.url).post(api('statistics/runs')).set(as(statistician)).send({ period: '2024-06' });
    const [run] = await sql(`SELECT id, status FROM statistics_runs WHERE period = '2024-06'`);
    expect(run.status).toBe('queued');
    await app.close();

    app = await start('stats-outbox-restarted');
    await untilDone(run.id);
    expect(await computations(run.id)).toBe(1);
    await waitFor(async () => (await outboxRows()) === 0, 10_000, 'outbox empty');
    // The month is not refused forever: it can be run again.
    const again = await request(app.url).post(api('statistics/runs')).set(as(statistician)).send({ period: '2024-06' }).expect(202);
    await untilDone(again.body.id);
  });

  it('answers a request whose hand-over after the commit failed, and the relay’s next pass computes the run', async () => {
    const queue = app.app.get<JobQueue>(JOB_QUEUE_TOKEN);
    jest.spyOn(queue, 'dispatchStaged').mockRejectedValueOnce(new Error('hand-over failed'));
    jest.spyOn(queue, 'enqueue').mockRejectedValueOnce(new Error('hand-over failed'));
    const res = await request(app.url).post(api('statistics/runs')).set(as(statistician)).send({ period: '2024-07' }).expect(202);
    jest.restoreAllMocks();
    await untilDone(res.body.id);
    expect(await computations(res.body.id)).toBe(1);
    await waitFor(async () => (await outboxRows()) === 0, 10_000, 'outbox empty');
  });

  it('gives the monthly schedule’s runs their jobs in the same transaction', async () => {
    jest.spyOn(app.app.get<JobQueue>(JOB_QUEUE_TOKEN), 'dispatchStaged').mockRejectedValueOnce(new Error('hand-over failed'));
    jest.spyOn(app.app.get<JobQueue>(JOB_QUEUE_TOKEN), 'enqueue').mockRejectedValueOnce(new Error('hand-over failed'));
    const periods = await app.app.get(StatisticsService).scheduled();
    jest.restoreAllMocks();
    expect(periods).toHaveLength(1);
    const [run] = await sql(`SELECT id FROM statistics_runs WHERE period = $1 AND requested_by IS NULL`, periods);
    await untilDone(run.id);
    expect(await computations(run.id)).toBe(1);
  });

  it('runs a job once when its row is handed over again (a pass that stopped before deleting it)', async () => {
    const [run] = await sql(`SELECT id, finished_at FROM statistics_runs WHERE period = '2024-07'`);
    const jobId = `statistics.run.statistics-run-${run.id}`;
    await sql(`INSERT INTO job_outbox (job_id, job_name, payload, options, created_at) VALUES ($1, 'statistics.run', $2, $3, $4)`, [
      jobId,
      JSON.stringify({ runId: run.id }),
      JSON.stringify(bullJobOptions({})),
      testNow(),
    ]);
    await app.app.get(JobOutboxRelay).relayNow();
    await waitFor(async () => (await outboxRows()) === 0, 10_000, 'outbox empty');
    await app.app.get<JobQueue>(JOB_QUEUE_TOKEN).dispatchStaged();
    await new Promise((r) => setTimeout(r, 1000));
    expect(await computations(run.id)).toBe(1);
    expect((await sql(`SELECT finished_at FROM statistics_runs WHERE id = $1`, [run.id]))[0].finished_at).toEqual(run.finished_at);
  });

  itWithRedis('hands a staged run to BullMQ under the id its key gives', async () => {
    const res = await request(app.url).post(api('statistics/runs')).set(as(statistician)).send({ period: '2024-08' }).expect(202);
    const job = await app.app.get<Queue>(getQueueToken(QueueName.System)).getJob(`statistics.run.statistics-run-${res.body.id}`);
    expect(job?.data).toEqual({ runId: res.body.id });
    await untilDone(res.body.id);
  });

  itInProcess('runs again at the next start a job the stopped process had begun but not finished', async () => {
    const execute = jest.spyOn(app.app.get(StatisticsService), 'execute').mockRejectedValue(new Error('process stopped mid-run'));
    const res = await request(app.url).post(api('statistics/runs')).set(as(statistician)).send({ period: '2024-09' }).expect(202);
    await waitFor(() => execute.mock.calls.length > 0, 10_000, 'first try');
    // Its retry waits out the backoff; the process stops before it, leaving the job's row.
    expect(await outboxRows()).toBe(1);
    await app.close();
    jest.restoreAllMocks();
    app = await start('stats-outbox-restarted-2');
    await untilDone(res.body.id);
    expect(await computations(res.body.id)).toBe(1);
    await waitFor(async () => (await outboxRows()) === 0, 10_000, 'outbox empty');
  });
});
