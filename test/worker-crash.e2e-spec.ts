import { Role } from '@tsunagu/common';
import { ChildProcess, spawn } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createAndSignIn, SignedIn, signInAdmin, UNIT_ID } from './support/auth-helpers';
import { FakeLine } from './support/fake-line';
import { realDatabaseUrl, realRedisUrl, startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait';
import { ensureApiBuild } from './support/web-build';
import { testClockEnv, testNow } from './support/clock';
import { as } from './support/http';

// Fault tests: the worker as its own process (the production layout: api without
// handlers, `node dist/apps/worker/src/main.js`), killed with SIGKILL in the middle of a
// statistics run and of a LINE push. After a new worker starts, BullMQ takes the stalled job
// back: the month's figures equal a clean run's, and LINE delivered the message once.
const describeReal = realDatabaseUrl && realRedisUrl ? describe : describe.skip;
const TOKEN = 'synthetic-access-token-crash';
const SECRET = 'synthetic-channel-secret-crash';

describeReal('faults: the worker killed mid-job', () => {
  const keys = { TSUNAGU_MASTER_KEY: randomBytes(32).toString('base64'), TSUNAGU_BLIND_INDEX_KEY: randomBytes(32).toString('base64') };
  const line = new FakeLine(TOKEN);
  let workerMain: string;
  let app: TestApp;
  let db: DataSource;
  let worker: ChildProcess | undefined;
  let counselor: SignedIn;
  let statistician: SignedIn;

  const startWorker = async (): Promise<ChildProcess> => {
    const child = spawn(process.execPath, [workerMain], {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        LOG_LEVEL: 'info',
        DATABASE_URL: app.db.url,
        DATABASE_MIGRATE_ON_START: 'false',
        REDIS_URL: realRedisUrl,
        REDIS_PREFIX: app.redisPrefix,
        LINE_API_BASE_URL: line.url,
        LINE_API_TIMEOUT_MS: '60000',
        QUEUE_JOB_LOCK_SECONDS: '3',
        ...testClockEnv(),
        ...keys,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await new Promise<void>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`worker did not start: ${out.slice(-500)}`)), 60_000);
      const seen = (chunk: Buffer) => {
        out += chunk.toString('utf8');
        if (out.includes('Worker started')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout.on('data', seen);
      child.stderr.on('data', seen);
      child.once('exit', (code) => reject(new Error(`worker exited (${code}): ${out.slice(-500)}`)));
    });
    child.stdout.resume();
    child.stderr.resume();
    return child;
  };

  const kill = async (child: ChildProcess) => {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  };

  beforeAll(async () => {
    workerMain = ensureApiBuild();
    await line.start();
    app = await startTestApp('worker-crash', { withWorker: false, env: { ...keys, LINE_API_BASE_URL: line.url } });
    db = app.app.get(DataSource);
    const admin = await signInAdmin(app);
    counselor = await createAndSignIn(app, admin, Role.Counselor, 'crash.counselor');
    statistician = await createAndSignIn(app, admin, Role.Statistician, 'crash.statistician');
    const client = await request(app.url).post('/api/v1/clients').set(as(counselor)).send({ name: '架空 停止子' }).expect(201);
    const opened = await request(app.url).post('/api/v1/cases').set(as(counselor)).send({ clientId: client.body.id, programCode: 'dv-center', mainConcerns: ['husband-violence'] }).expect(201);
    for (const [day, channel] of [['05', 'phone'], ['12', 'visit'], ['20', 'phone']]) {
      await request(app.url)
        .post(`/api/v1/cases/${opened.body.id}/contacts`)
        .set(as(counselor))
        .send({ startedAt: `2025-10-${day}T01:00:00.000Z`, durationMinutes: 20, channel, mainConcern: 'husband-violence', dvRelated: true })
        .expect(201);
    }
    await request(app.url)
      .post('/api/v1/line/channels')
      .set(as(admin))
      .send({ key: 'crash', name: '架空 LINE', programCode: 'ashitaba-line', unitId: UNIT_ID, channelSecret: SECRET, accessToken: TOKEN })
      .expect(201);
    // Always open, whatever the hour the test runs at.
    await request(app.url).patch('/api/v1/programs/ashitaba-line').set(as(admin)).send({ serviceHours: null }).expect(200);
    worker = await startWorker();
  }, 180_000);

  afterAll(async () => {
    if (worker && worker.exitCode === null) await kill(worker);
    await line.stop();
    await app?.close();
  });

  const runStatus = async (id: string) => (await request(app.url).get(`/api/v1/statistics/runs/${id}`).set(as(statistician)).expect(200)).body.status as string;
  const figures = (runId: string) => db.query(`SELECT program_code, metric, dimension, key, value FROM monthly_statistics WHERE run_id = $1 ORDER BY 1, 2, 3, 4`, [runId]);

  it('a statistics run whose worker dies mid-run is finished by the next worker, with the figures of a clean run', async () => {
    // Hold the results table so the run stops inside its transaction, then kill the worker there.
    const blocker = new Client({ connectionString: app.db.url });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE monthly_statistics IN ACCESS EXCLUSIVE MODE');
    const crashed = (await request(app.url).post('/api/v1/statistics/runs').set(as(statistician)).send({ period: '2025-10' }).expect(202)).body.id as string;
    const dbName = new URL(app.db.url).pathname.slice(1);
    await waitFor(
      async () => {
        const r = await blocker.query(`SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND application_name = 'tsunagu-worker' AND wait_event_type = 'Lock'`, [dbName]);
        return r.rowCount! > 0;
      },
      120_000,
      'the run waits on the lock',
    );
    await kill(worker!);
    await blocker.query('ROLLBACK');
    await blocker.end();
    expect(await runStatus(crashed)).toBe('running');
    expect(await figures(crashed)).toEqual([]);

    worker = await startWorker();
    await waitFor(async () => (await runStatus(crashed)) === 'done', 120_000, 'the stalled run is finished');
    // Read now: a newer run of the month replaces the older run's rows.
    const after = await figures(crashed);
    const clean = (await request(app.url).post('/api/v1/statistics/runs').set(as(statistician)).send({ period: '2025-10' }).expect(202)).body.id as string;
    await waitFor(async () => (await runStatus(clean)) === 'done', 120_000, 'the clean run is done');
    expect(after.length).toBeGreaterThan(0);
    expect(after.find((f: { metric: string; dimension: string }) => f.metric === 'contacts' && f.dimension === 'total')).toMatchObject({ value: '3' });
    expect(after).toEqual(await figures(clean));
  }, 240_000);

  it('a LINE push whose worker dies after LINE took the message is delivered exactly once', async () => {
    const body = JSON.stringify({
      destination: `U${'0'.repeat(32)}`,
      events: [
        {
          type: 'message',
          mode: 'active',
          timestamp: testNow().getTime(),
          source: { type: 'user', userId: `U${'c3'.repeat(16)}` },
          webhookEventId: `01JCRASH${randomBytes(9).toString('hex').toUpperCase()}`,
          deliveryContext: { isRedelivery: false },
          message: { id: '1', type: 'text', quoteToken: 'q', text: '架空：相談したいです' },
        },
      ],
    });
    const signature = createHmac('sha256', SECRET).update(body).digest('base64');
    await request(app.url).post('/api/v1/line/webhook/crash').set('content-type', 'application/json').set('x-line-signature', signature).send(body).expect(200);
    let conversationId = '';
    await waitFor(
      async () => {
        const list = (await request(app.url).get('/api/v1/line/conversations').set(as(counselor)).expect(200)).body as Array<{ id: string }>;
        conversationId = list[0]?.id ?? '';
        return conversationId !== '';
      },
      120_000,
      'the conversation exists',
    );

    const hung = new Promise<void>((r) => (line.onHang = r));
    line.failNext.push('accept-and-hang');
    await request(app.url).post(`/api/v1/line/conversations/${conversationId}/messages`).set(as(counselor)).send({ text: '架空：ご連絡ありがとうございます' }).expect(201);
    await hung;
    await kill(worker!);
    expect(line.pushes).toHaveLength(1);

    worker = await startWorker();
    await waitFor(
      async () => {
        const [row] = await db.query(`SELECT delivery FROM line_messages WHERE conversation_id = $1 AND direction = 'out'`, [conversationId]);
        return row?.delivery === 'sent';
      },
      120_000,
      'the reply is marked sent',
    );
    expect(line.pushes).toHaveLength(1);
    expect(new Set(line.pushes.map((p) => p.retryKey)).size).toBe(1);
  }, 240_000);
});
