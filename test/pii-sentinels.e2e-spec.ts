import { Role } from '@tsunagu/common';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { createAndSignIn, DEPARTMENT_ID, SignedIn, signInAdmin } from './support/auth-helpers';
import { LogCapture, realDatabaseUrl, startTestApp, TestApp } from './support/test-app';
import { api, as } from './support/http';

// PII sentinels: a client is created with unique marker strings in every personal
// field; then the logs, a pg_dump of the database and every response a statistician or a
// liaison can get are searched for them. Only the fields a referral discloses may reach the
// liaison, and nothing may reach the logs, the dump or the statistician.
describe('PII sentinels: logs, database dump, statistician and liaison responses', () => {
  const tag = randomBytes(4).toString('hex').toUpperCase();
  const SENTINELS = {
    name: `架空 標識${tag}`,
    kana: 'カクウヒョウシキハナコ',
    phone: '090-7351-2468',
    address: `架空市標識町${tag}番地`,
    summary: `標識要約${tag}：夫からの暴力`,
    child: `標識子${tag}`,
  };
  const logs = new LogCapture();
  let app: TestApp;
  let counselor: SignedIn;
  let supervisor: SignedIn;
  let statistician: SignedIn;
  let liaison: SignedIn;
  let caseId: string;
  let referralId: string;
  /** Every sentinel found in `text`, by field name. */
  const found = (text: string, except: string[] = []) => Object.entries(SENTINELS).filter(([field, value]) => !except.includes(field) && text.includes(value)).map(([field]) => field);

  beforeAll(async () => {
    app = await startTestApp('pii-sentinels', { logs, env: { LOG_LEVEL: 'trace' } });
    const admin = await signInAdmin(app);
    counselor = await createAndSignIn(app, admin, Role.Counselor, 'pii.counselor');
    supervisor = await createAndSignIn(app, admin, Role.Supervisor, 'pii.supervisor');
    statistician = await createAndSignIn(app, admin, Role.Statistician, 'pii.statistician');
    liaison = await createAndSignIn(app, admin, Role.Liaison, 'pii.liaison');

    const client = await request(app.url)
      .post(api('clients'))
      .set(as(counselor))
      .send({ name: SENTINELS.name, kana: SENTINELS.kana, phone: SENTINELS.phone, address: SENTINELS.address, addressProtected: true, birthDate: '1988-06-01' })
      .expect(201);
    await request(app.url).post(api(`clients/${client.body.id}/children`)).set(as(counselor)).send({ name: SENTINELS.child, birthDate: '2019-05-05' }).expect(201);
    caseId = (await request(app.url).post(api('cases')).set(as(counselor)).send({ clientId: client.body.id, programCode: 'dv-center', mainConcerns: ['husband-violence'] }).expect(201)).body.id;
    await request(app.url)
      .post(api(`cases/${caseId}/contacts`))
      .set(as(counselor))
      .send({ startedAt: '2025-10-15T01:00:00.000Z', durationMinutes: 30, channel: 'phone', mainConcern: 'husband-violence', dvRelated: true, summary: SENTINELS.summary })
      .expect(201);
    // Searches by the blind indexes: the search values must not be logged either.
    await request(app.url).get(api('clients')).query({ phone: SENTINELS.phone }).set(as(counselor)).expect(200);
    await request(app.url).get(api('clients')).query({ kana: SENTINELS.kana }).set(as(counselor)).expect(200);

    // A referral that discloses the name only.
    await request(app.url)
      .post(api(`clients/${client.body.id}/consents`))
      .set(as(counselor))
      .send({ obtainedOn: '2025-10-15', method: 'written', departmentIds: [DEPARTMENT_ID], fields: ['name'] })
      .expect(201);
    referralId = (
      await request(app.url)
        .post(api(`cases/${caseId}/referrals`))
        .set(as(counselor))
        .send({ departmentId: DEPARTMENT_ID, purpose: 'housing', message: '架空：住宅の相談', fields: ['name'], dueOn: '2025-11-15' })
        .expect(201)
    ).body.id;
    await request(app.url).post(api(`referrals/${referralId}/submit`)).set(as(counselor)).send({ version: 1 }).expect(200);
    await request(app.url).post(api(`referrals/${referralId}/approve`)).set(as(supervisor)).send({ version: 2 }).expect(200);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  it('the counselor sees her own record (the sentinels are really stored and served)', async () => {
    const record = await request(app.url).get(api(`cases/${caseId}/contacts`)).set(as(counselor)).expect(200);
    expect(found(JSON.stringify(record.body))).toEqual(['summary']);
  });

  it('a liaison gets the disclosed name and nothing else of the client', async () => {
    const bodies = [
      (await request(app.url).get(api('referrals/inbox')).set(as(liaison)).expect(200)).text,
      (await request(app.url).get(api(`referrals/inbox/${referralId}`)).set(as(liaison)).expect(200)).text,
      (await request(app.url).get(api(`cases/${caseId}`)).set(as(liaison))).text,
      (await request(app.url).get(api(`cases/${caseId}/contacts`)).set(as(liaison))).text,
    ];
    expect(bodies[1]).toContain(SENTINELS.name);
    expect(found(bodies.join('\n'), ['name'])).toEqual([]);
  });

  it('a statistician gets no sentinel from runs, monthly figures, aggregate entries or the program report (JSON and CSV)', async () => {
    const run = await request(app.url).post(api('statistics/runs')).set(as(statistician)).send({ period: '2025-10' }).expect(202);
    let status = 'queued';
    for (let i = 0; i < 200 && status !== 'done' && status !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      status = (await request(app.url).get(api(`statistics/runs/${run.body.id}`)).set(as(statistician)).expect(200)).body.status;
    }
    expect(status).toBe('done'); // the month holding the sentinel contact was counted
    const texts: string[] = [];
    for (const path of ['statistics/runs', `statistics/runs/${run.body.id}`, 'statistics/monthly?from=2025-04&to=2026-03', 'statistics/aggregate-entries?from=2025-04&to=2026-03', 'reports/program?fiscalYear=2025', 'reports/program?fiscalYear=2025&format=csv']) {
      const res = await request(app.url).get(api(path)).set(as(statistician));
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      texts.push(res.text);
    }
    expect(found(texts.join('\n'))).toEqual([]);
  });

  it('no log line holds a sentinel, at the most detailed log level', () => {
    expect(logs.lines.length).toBeGreaterThan(20);
    expect(found(logs.text)).toEqual([]);
  });

  (realDatabaseUrl ? it : it.skip)('a pg_dump of the whole database holds no sentinel: personal fields are encrypted, searches use keyed hashes', () => {
    const dump = spawnSync('pg_dump', ['--no-owner', '--dbname', app.db.url], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    expect(dump.status).toBe(0);
    expect(dump.stdout).toContain('COPY public.clients');
    expect(found(dump.stdout)).toEqual([]);
  });
});
