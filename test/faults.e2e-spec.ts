import { Role } from '@tsunagu/common';
import { StatisticsService } from '@tsunagu/statistics';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createAndSignIn, login, SignedIn, signInAdmin, TEST_PASSWORD } from './support/auth-helpers';
import { realDatabaseUrl, realRedisUrl, startTestApp, TestApp } from './support/test-app';
import { testInstant } from './support/clock';
import { as } from './support/http';

// Fault tests against real PostgreSQL: a connection killed in the middle of a request,
// and two api processes with their workers on one database and one Redis.
const describeReal = realDatabaseUrl ? describe : describe.skip;

describeReal('faults: a PostgreSQL connection killed mid-request', () => {
  let app: TestApp;
  let db: DataSource;
  let counselor: SignedIn;
  let caseId: string;
  const contact = (summary: string) =>
    request(app.url).post(`/api/v1/cases/${caseId}/contacts`).set(as(counselor)).send({ startedAt: testInstant(), durationMinutes: 10, channel: 'phone', mainConcern: 'husband-violence', dvRelated: true, summary });

  beforeAll(async () => {
    app = await startTestApp('faults-pg-kill');
    db = app.app.get(DataSource);
    const admin = await signInAdmin(app);
    counselor = await createAndSignIn(app, admin, Role.Counselor, 'fault.counselor');
    const client = await request(app.url).post('/api/v1/clients').set(as(counselor)).send({ name: '架空 障害子' }).expect(201);
    caseId = (await request(app.url).post('/api/v1/cases').set(as(counselor)).send({ clientId: client.body.id, programCode: 'dv-center', mainConcerns: ['husband-violence'] }).expect(201)).body.id;
  }, 60_000);

  afterAll(async () => {
    await app?.close();
  });

  it('fails the request cleanly (5xx with its request id, no row, no orphan audit event), and the next ones succeed', async () => {
    const dbName = new URL(app.db.url).pathname.slice(1);
    // A second session holds the contacts table, so the app's insert waits inside its transaction.
    const blocker = new Client({ connectionString: app.db.url });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE contacts IN ACCESS EXCLUSIVE MODE');

    const pending = contact('架空：途中で切断される記録').then((res) => res); // supertest sends on then()
    let victims: Array<{ pid: number }> = [];
    for (let i = 0; i < 100 && victims.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      const probe = await blocker.query(
        `SELECT pid FROM pg_stat_activity WHERE datname = $1 AND application_name = 'tsunagu-api' AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
        [dbName],
      );
      victims = probe.rows;
    }
    expect(victims.length).toBe(1);
    await blocker.query('SELECT pg_terminate_backend($1)', [victims[0].pid]);
    const failed = await pending;
    await blocker.query('ROLLBACK');
    await blocker.end();

    expect(failed.status).toBeGreaterThanOrEqual(500);
    expect(failed.body.requestId).toBe(failed.headers['x-request-id']);
    expect(JSON.stringify(failed.body)).not.toContain('途中で切断');
    expect(await db.query(`SELECT count(*)::int AS n FROM contacts WHERE case_id = $1`, [caseId])).toEqual([{ n: 0 }]);
    expect(await db.query(`SELECT count(*)::int AS n FROM audit_events WHERE request_id = $1 AND outcome = 'allowed'`, [failed.body.requestId])).toEqual([{ n: 0 }]);

    // The pool replaces the dead connection: the next requests succeed.
    for (let i = 0; i < 3; i++) await contact(`架空：切断後の記録${i}`).expect(201);
    expect(await db.query(`SELECT count(*)::int AS n FROM contacts WHERE case_id = $1`, [caseId])).toEqual([{ n: 3 }]);
  });
});

describeReal('faults: two api processes with their workers on one database and Redis', () => {
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    first = await startTestApp('faults-two-apis');
    // Same database and, on Redis, the same queue prefix: one deployment of two processes.
    second = await startTestApp('faults-two-apis-b', { sharedDatabase: first.db, env: realRedisUrl ? { REDIS_PREFIX: first.redisPrefix } : {} });
  }, 60_000);

  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('honours a sign-out on one api in the other at once', async () => {
    const admin = await signInAdmin(first);
    await createAndSignIn(first, admin, Role.Counselor, 'fault.twin');
    const session = await login(first, 'fault.twin', TEST_PASSWORD).expect(200);
    const token = session.body.accessToken;
    await request(second.url).get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`).expect(200);
    await request(first.url).post('/api/v1/auth/logout').set('Authorization', `Bearer ${token}`).expect(204);
    await request(second.url).get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
  });

  it('computes a scheduled month once when both workers fire the schedule together', async () => {
    const db = first.app.get(DataSource);
    const before = (await db.query(`SELECT count(*)::int AS n FROM statistics_runs`))[0].n;
    const periods = await Promise.all([first.app.get(StatisticsService).scheduled(), second.app.get(StatisticsService).scheduled()]);
    expect(periods.flat()).toHaveLength(1);
    const runs = await db.query(`SELECT period, status FROM statistics_runs ORDER BY created_at`);
    expect(runs.length - before).toBe(1);
    for (let i = 0; i < 200; i++) {
      const [run] = await db.query(`SELECT status FROM statistics_runs WHERE period = $1`, [periods.flat()[0]]);
      if (run.status === 'done' || run.status === 'failed') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await db.query(`SELECT status FROM statistics_runs WHERE period = $1`, [periods.flat()[0]])).toEqual([{ status: 'done' }]);
  });
});
