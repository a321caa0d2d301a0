import { AlertRule, AlertsService } from '@tsunagu/alerts';
import { Role } from '@tsunagu/common';
import { JOB_QUEUE_TOKEN, JobName, JobQueue } from '@tsunagu/queue';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createAndSignIn, now, SignedIn, signInAdmin, UNIT_ID } from './support/auth-helpers';
import { startTestApp, TestApp } from './support/test-app';
import { as } from './support/http';

// Insider-misuse alerts end to end: real API traffic and synthetic audit events at chosen times,
// the scan (directly and as the worker's job), GET /alerts and acknowledging. Each rule's edge
// cases are in libs/alerts/src/alert-rules.spec.ts.
describe('insider-misuse alerts (GET /alerts)', () => {
  let app: TestApp;
  let db: DataSource;
  let scanner: AlertsService;
  let supervisor: SignedIn;
  let otherSupervisor: SignedIn;
  let writer: SignedIn;
  let browser: SignedIn;
  const caseIds: string[] = [];

  const alertsFor = async (who: SignedIn) => (await request(app.url).get('/api/v1/alerts').set(as(supervisor)).expect(200)).body.filter((a: { actorId: string }) => a.actorId === who.userId);
  const rulesOf = async (who: SignedIn) => (await alertsFor(who)).map((a: { rule: string }) => a.rule).sort();

  /** An audit event at a chosen time, as the audit writer would have stored it. */
  const syntheticEvent = (who: SignedIn, action: string, at: Date, caseId: string | null) =>
    db.query(
      `INSERT INTO audit_events (occurred_at, category, action, outcome, actor_id, actor_role, actor_unit_id, resource_type, resource_id, case_id)
       VALUES ($1, 'case', $2, 'allowed', $3, $4, $5, 'case', $6::text, $6::uuid)`,
      [at, action, who.userId, who.role, UNIT_ID, caseId],
    );

  beforeAll(async () => {
    app = await startTestApp('alerts', {
      env: {
        ALERT_CASES_PER_HOUR: '4',
        ALERT_UNASSIGNED_CASES_PER_DAY: '2',
        ALERT_BREAK_GLASS_PER_WEEK: '1',
        ALERT_SEARCHES_WITHOUT_ACTION_PER_DAY: '1',
        ALERT_SEARCH_FOLLOW_UP_MINUTES: '30',
        ALERT_AFTER_HOURS_PER_DAY: '0',
        ALERT_WORKING_HOURS: '08:00-20:00',
      },
    });
    db = app.app.get(DataSource);
    scanner = app.app.get(AlertsService);
    const admin = await signInAdmin(app);
    supervisor = await createAndSignIn(app, admin, Role.Supervisor, 'alerts.supervisor');
    otherSupervisor = await createAndSignIn(app, admin, Role.Supervisor, 'alerts.supervisor2');
    writer = await createAndSignIn(app, admin, Role.Counselor, 'alerts.writer');
    browser = await createAndSignIn(app, admin, Role.Counselor, 'alerts.browser');
    // Three cases by the writer, two by a supervisor: nobody but `browser` touches more than four.
    for (const [i, by] of [writer, writer, writer, otherSupervisor, otherSupervisor].entries()) {
      const client = await request(app.url).post('/api/v1/clients').set(as(by)).send({ name: `架空 警報${i}` }).expect(201);
      const created = await request(app.url).post('/api/v1/cases').set(as(by)).send({ clientId: client.body.id, programCode: 'josei-soudan', mainConcerns: ['divorce'] }).expect(201);
      caseIds.push(created.body.id);
    }
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  it('flags a counselor opening five cases of others within the hour, and searches that lead nowhere', async () => {
    for (const id of caseIds) await request(app.url).get(`/api/v1/cases/${id}`).set(as(browser)).expect(200);
    await request(app.url).get('/api/v1/clients').query({ phone: '090-0000-0001' }).set(as(browser)).expect(200);
    await request(app.url).get('/api/v1/clients').query({ kana: 'カクウ' }).set(as(browser)).expect(200);

    // Judged once the 30-minute follow-up time has passed.
    expect(await scanner.scan(new Date(now(app).getTime() + 31 * 60_000))).toBeGreaterThanOrEqual(3);
    const found = await alertsFor(browser);
    const byRule = Object.fromEntries(found.map((a: { rule: string }) => [a.rule, a]));
    expect(byRule[AlertRule.ManyCasesPerHour]).toMatchObject({ observed: 5, threshold: 4, status: 'open', ruleLabel: '1時間に多数のケースを閲覧', actorName: 'テスト counselor' });
    expect(byRule[AlertRule.UnassignedCases]).toMatchObject({ observed: 5, threshold: 2 });
    expect(byRule[AlertRule.SearchWithoutAction]).toMatchObject({ observed: 2, threshold: 1 });
    // The writer created three cases: under every threshold (after-hours depends on the hour the test runs).
    expect((await rulesOf(writer)).filter((r: string) => r !== AlertRule.AfterHours)).toEqual([]);
    // Nothing about a case or a client is in an alert: ids and counts only.
    expect(JSON.stringify(found)).not.toMatch(/架空|警報/);
  });

  it('flags access at night and break-glass over the weekly limit, through the scheduled job', async () => {
    const midnight = new Date(now(app).getTime() + 9 * 3_600_000);
    midnight.setUTCHours(0, 0, 0, 0);
    const lastNight = new Date(midnight.getTime() - 9 * 3_600_000 - 30 * 60_000); // 23:30 JST yesterday
    await syntheticEvent(writer, 'case.read', lastNight, caseIds[0]);
    // Two break-glass openings in the last minutes, but today (JST): a minute after midnight they must not join last night.
    const recently = (ms: number) => new Date(Math.max(now(app).getTime() - ms, midnight.getTime() - 9 * 3_600_000 + 1000));
    await syntheticEvent(writer, 'case.break-glass', recently(120_000), caseIds[3]);
    await syntheticEvent(writer, 'case.break-glass', recently(60_000), caseIds[4]);

    await app.app.get<JobQueue>(JOB_QUEUE_TOKEN).enqueue(JobName.AlertsScan, {});
    for (let i = 0; i < 100 && !(await rulesOf(writer)).includes(AlertRule.FrequentBreakGlass); i++) await new Promise((r) => setTimeout(r, 100));
    const found = await alertsFor(writer);
    const afterHours = found.find((a: { rule: string; period: string }) => a.rule === AlertRule.AfterHours && a.period === new Date(lastNight.getTime() + 9 * 3_600_000).toISOString().slice(0, 10));
    expect(afterHours).toMatchObject({ observed: 1, threshold: 0 });
    expect(found.find((a: { rule: string }) => a.rule === AlertRule.FrequentBreakGlass)).toMatchObject({ observed: 2, threshold: 1 });
  });

  it('is idempotent: a repeat scan changes nothing, a grown count reopens an acknowledged alert', async () => {
    const later = new Date(now(app).getTime() + 31 * 60_000);
    expect(await scanner.scan(later)).toBe(0);
    const [many] = (await alertsFor(browser)).filter((a: { rule: string }) => a.rule === AlertRule.ManyCasesPerHour);

    const ack = await request(app.url).post(`/api/v1/alerts/${many.id}/acknowledge`).set(as(supervisor)).send({ note: '本人に確認済み（業務上の引継ぎ）' }).expect(200);
    expect(ack.body).toMatchObject({ status: 'acknowledged', acknowledgedBy: supervisor.userId });
    const again = await request(app.url).post(`/api/v1/alerts/${many.id}/acknowledge`).set(as(supervisor)).send({}).expect(409);
    expect(again.body.message).toContain('確認済み');
    expect((await request(app.url).get('/api/v1/alerts').query({ status: 'open' }).set(as(supervisor)).expect(200)).body.map((a: { id: string }) => a.id)).not.toContain(many.id);

    // A sixth case within the hour: the same alert, count 6, open again.
    const client = await request(app.url).post('/api/v1/clients').set(as(writer)).send({ name: '架空 追加' }).expect(201);
    const sixth = await request(app.url).post('/api/v1/cases').set(as(writer)).send({ clientId: client.body.id, programCode: 'josei-soudan', mainConcerns: ['divorce'] }).expect(201);
    await request(app.url).get(`/api/v1/cases/${sixth.body.id}`).set(as(browser)).expect(200);
    expect(await scanner.scan(later)).toBeGreaterThanOrEqual(1);
    const reopened = (await alertsFor(browser)).find((a: { id: string }) => a.id === many.id);
    expect(reopened).toMatchObject({ status: 'open', observed: 6 });
  });

  it('is for supervisors of the staff member’s unit only; nobody acknowledges an alert about herself', async () => {
    const listing = await request(app.url).get('/api/v1/alerts').set(as(writer));
    expect(listing.status).toBe(403);

    const elsewhere = randomUUID();
    const own = randomUUID();
    const at = now(app);
    const insert = `INSERT INTO access_alerts (id, rule, actor_id, actor_unit_id, period, observed, threshold, first_at, last_at, created_at) VALUES ($1, $2, $3, $4, '2026-01-01', 9, 1, $5, $5, $5)`;
    await db.query(insert, [elsewhere, AlertRule.AfterHours, writer.userId, randomUUID(), at]);
    await db.query(insert, [own, AlertRule.AfterHours, supervisor.userId, UNIT_ID, at]);

    const ids = (await request(app.url).get('/api/v1/alerts').set(as(supervisor)).expect(200)).body.map((a: { id: string }) => a.id);
    expect(ids).not.toContain(elsewhere);
    expect(ids).toContain(own);
    await request(app.url).post(`/api/v1/alerts/${elsewhere}/acknowledge`).set(as(supervisor)).send({}).expect(404);
    const self = await request(app.url).post(`/api/v1/alerts/${own}/acknowledge`).set(as(supervisor)).send({});
    expect(self.status).toBe(403);
    const [denied] = await db.query(`SELECT outcome, reason FROM audit_events WHERE action = 'alert.acknowledge' AND resource_id = $1`, [own]);
    expect(denied).toEqual({ outcome: 'denied', reason: 'own-alert' });
    await request(app.url).post(`/api/v1/alerts/${own}/acknowledge`).set(as(otherSupervisor)).send({}).expect(200);
  });

  it('names the wrong field of a bad request', async () => {
    const bad = await request(app.url).get('/api/v1/alerts').query({ status: 'closed' }).set(as(supervisor)).expect(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field)).toEqual(['status']);
    const badNote = await request(app.url).post(`/api/v1/alerts/${randomUUID()}/acknowledge`).set(as(supervisor)).send({ note: 'x'.repeat(1001) }).expect(400);
    expect(badNote.body.fields.map((f: { field: string }) => f.field)).toEqual(['note']);
  });
});
