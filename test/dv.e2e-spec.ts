import { TasksService } from '@tsunagu/cases';
import { Role } from '@tsunagu/common';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createAndSignIn, signInAdmin, SignedIn } from './support/auth-helpers';
import { startTestApp, TestApp } from './support/test-app';
import { as } from './support/http';

describe('DV details, protection orders, support measures, risk assessments and renewal reminders', () => {
  let app: TestApp;
  let db: DataSource;
  let admin: SignedIn;
  let counselor: SignedIn;
  let outsider: SignedIn;
  let caseId: string;

  beforeAll(async () => {
    app = await startTestApp('dv');
    db = app.app.get(DataSource);
    admin = await signInAdmin(app);
    counselor = await createAndSignIn(app, admin, Role.Counselor, 'dv.counselor');
    outsider = await createAndSignIn(app, admin, Role.Counselor, 'dv.outsider');
    const otherUnit = randomUUID();
    await db.query(`INSERT INTO units (id, code, name) VALUES ($1, 'dv-other', '別の係')`, [otherUnit]);
    await db.query(`UPDATE users SET unit_id = $1 WHERE login_id = 'dv.outsider'`, [otherUnit]);
    const client = await request(app.url).post('/api/v1/clients').set(as(counselor)).send({ name: '架空 DV相談者', phone: '070-0000-0001' }).expect(201);
    const opened = await request(app.url)
      .post('/api/v1/cases')
      .set(as(counselor))
      .send({ clientId: client.body.id, programCode: 'dv-center', mainConcerns: ['husband-violence'] })
      .expect(201);
    caseId = opened.body.id;
  });

  afterAll(async () => {
    await app?.close();
  });

  it('records the DV facts once and updates them with the version read', async () => {
    const created = await request(app.url)
      .put(`/api/v1/cases/${caseId}/dv`)
      .set(as(counselor))
      .send({ relation: 'spouse', violenceTypes: ['physical', 'psychological', 'physical'], childrenExposed: true })
      .expect(200);
    expect(created.body).toMatchObject({ relation: 'spouse', violenceTypes: ['physical', 'psychological'], version: 1 });
    await request(app.url).put(`/api/v1/cases/${caseId}/dv`).set(as(counselor)).send({ version: 1, relation: 'former-spouse', violenceTypes: ['economic'], childrenExposed: false }).expect(200);
    await request(app.url).put(`/api/v1/cases/${caseId}/dv`).set(as(counselor)).send({ version: 1, relation: 'spouse', violenceTypes: [], childrenExposed: false }).expect(409);
    const bad = await request(app.url).put(`/api/v1/cases/${caseId}/dv`).set(as(counselor)).send({ version: 2, relation: 'neighbour', violenceTypes: ['loud'], childrenExposed: false }).expect(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['relation', 'violenceTypes']);
    const now = await request(app.url).get(`/api/v1/cases/${caseId}/dv`).set(as(counselor)).expect(200);
    expect(now.body).toMatchObject({ relation: 'former-spouse', violenceTypes: ['economic'], version: 2 });
  });

  it('computes protection order expiries and ties accompanying orders to an approach ban', async () => {
    const ban = await request(app.url)
      .post(`/api/v1/cases/${caseId}/protection-orders`)
      .set(as(counselor))
      .send({ kind: 'approach-ban', status: 'issued', filedOn: '2025-06-01', issuedOn: '2025-06-10' })
      .expect(201);
    expect(ban.body.expiresOn).toBe('2026-06-09');
    const lonely = await request(app.url).post(`/api/v1/cases/${caseId}/protection-orders`).set(as(counselor)).send({ kind: 'phone-ban', status: 'filed' }).expect(400);
    expect(lonely.body.fields[0].field).toBe('approachBanId');
    const phone = await request(app.url)
      .post(`/api/v1/cases/${caseId}/protection-orders`)
      .set(as(counselor))
      .send({ kind: 'phone-ban', status: 'issued', approachBanId: ban.body.id, issuedOn: '2025-07-01' })
      .expect(201);
    expect(phone.body.expiresOn).toBe('2026-06-09');
    const eviction = await request(app.url)
      .post(`/api/v1/cases/${caseId}/protection-orders`)
      .set(as(counselor))
      .send({ kind: 'eviction', status: 'filed', filedOn: '2025-06-01', homeSolelyHers: true })
      .expect(201);
    expect(eviction.body.expiresOn).toBeNull();
    const issued = await request(app.url).patch(`/api/v1/protection-orders/${eviction.body.id}`).set(as(counselor)).send({ version: 1, status: 'issued', issuedOn: '2025-06-20' }).expect(200);
    expect(issued.body).toMatchObject({ status: 'issued', expiresOn: '2025-12-19', version: 2 });
    const backwards = await request(app.url).patch(`/api/v1/protection-orders/${eviction.body.id}`).set(as(counselor)).send({ version: 2, status: 'issued', issuedOn: '2025-05-01' }).expect(400);
    expect(backwards.body.fields[0].field).toBe('issuedOn');
    // Another unit can't tell an existing order from a made-up id.
    const foreign = await request(app.url).patch(`/api/v1/protection-orders/${eviction.body.id}`).set(as(outsider)).send({ version: 2, status: 'withdrawn' }).expect(404);
    const madeUp = await request(app.url).patch(`/api/v1/protection-orders/${randomUUID()}`).set(as(outsider)).send({ version: 2, status: 'withdrawn' }).expect(404);
    expect(foreign.body.message).toBe(madeUp.body.message);
  });

  it('keeps the risk assessment history with computed levels and an encrypted note', async () => {
    await request(app.url).post(`/api/v1/cases/${caseId}/risk-assessments`).set(as(counselor)).send({ assessedOn: '2025-06-01', items: ['escalation'] }).expect(201);
    const second = await request(app.url)
      .post(`/api/v1/cases/${caseId}/risk-assessments`)
      .set(as(counselor))
      .send({ assessedOn: '2025-06-15', items: ['strangulation', 'threats-to-kill'], note: '架空メモ：首を絞められたと話す' })
      .expect(201);
    expect(second.body.level).toBe('severe');
    const history = await request(app.url).get(`/api/v1/cases/${caseId}/risk-assessments`).set(as(counselor)).expect(200);
    expect(history.body.map((r: { level: string }) => r.level)).toEqual(['severe', 'medium']);
    expect(history.body[0].note).toBe('架空メモ：首を絞められたと話す');
    expect(JSON.stringify(await db.query(`SELECT * FROM risk_assessments`))).not.toContain('架空メモ');
    await request(app.url).post(`/api/v1/cases/${caseId}/risk-assessments`).set(as(counselor)).send({ assessedOn: '2999-01-01', items: [] }).expect(400);
  });

  it('starts a support measure term from the configured date, ends it on moving out', async () => {
    const m = await request(app.url).post(`/api/v1/cases/${caseId}/support-measures`).set(as(counselor)).send({ appliedOn: '2025-05-01', opinionGivenOn: '2025-04-28' }).expect(201);
    expect(m.body).toMatchObject({ startsOn: '2025-05-01', expiresOn: '2026-04-30', status: 'active' });
    const ended = await request(app.url).post(`/api/v1/support-measures/${m.body.id}/end`).set(as(counselor)).send({ version: 1, reason: 'moved-out', endedOn: '2025-09-01' }).expect(200);
    expect(ended.body).toMatchObject({ status: 'ended', endReason: 'moved-out', endedOn: '2025-09-01' });
    await request(app.url).post(`/api/v1/support-measures/${m.body.id}/end`).set(as(counselor)).send({ version: 2, reason: 'withdrawn' }).expect(409);
    const future = await request(app.url).post(`/api/v1/cases/${caseId}/support-measures`).set(as(counselor)).send({ appliedOn: '2999-05-01' }).expect(400);
    expect(future.body.fields[0].field).toBe('appliedOn');
  });

  it('reminds the assigned counselor a month and a week before 期限, once each, and not for a renewed term', async () => {
    const m = await request(app.url).post(`/api/v1/cases/${caseId}/support-measures`).set(as(counselor)).send({ appliedOn: '2025-05-02' }).expect(201);
    expect(m.body.expiresOn).toBe('2026-05-01');
    const tasks = app.app.get(TasksService);
    expect(await tasks.generateRenewalTasks('2026-03-31')).toBe(0);
    expect(await tasks.generateRenewalTasks('2026-04-01')).toBe(1);
    expect(await tasks.generateRenewalTasks('2026-04-01')).toBe(0);
    expect(await tasks.generateRenewalTasks('2026-04-23')).toBe(0);
    expect(await tasks.generateRenewalTasks('2026-04-24')).toBe(1);
    expect(await tasks.generateRenewalTasks('2026-05-02')).toBe(0);
    const mine = await request(app.url).get('/api/v1/tasks').set(as(counselor)).expect(200);
    expect(mine.body.map((t: { stage: string; dueOn: string }) => `${t.stage} ${t.dueOn}`)).toEqual(['month-before 2026-05-01', 'week-before 2026-05-01']);
    const onCase = await request(app.url).get(`/api/v1/cases/${caseId}/tasks`).set(as(counselor)).expect(200);
    expect(onCase.body).toHaveLength(2);
    await request(app.url).post(`/api/v1/tasks/${mine.body[0].id}/done`).set(as(counselor)).expect(200);
    expect((await request(app.url).get('/api/v1/tasks').set(as(counselor)).expect(200)).body).toHaveLength(1);
    const events = await db.query(`SELECT detail_code FROM audit_events WHERE action = 'task.create' ORDER BY id`);
    expect(events).toEqual([{ detail_code: 'support-measure-renewal:month-before' }, { detail_code: 'support-measure-renewal:week-before' }]);

    // When the supervisor restricts the case and hands it to someone else, its reminders leave this list too.
    const colleague = await createAndSignIn(app, admin, Role.Counselor, 'dv.colleague');
    const supervisor = await createAndSignIn(app, admin, Role.Supervisor, 'dv.supervisor');
    const current = await request(app.url).get(`/api/v1/cases/${caseId}`).set(as(counselor)).expect(200);
    await request(app.url)
      .patch(`/api/v1/cases/${caseId}`)
      .set(as(supervisor))
      .send({ version: current.body.version, restricted: true, assignedCounselorId: colleague.userId })
      .expect(200);
    expect((await request(app.url).get('/api/v1/tasks').set(as(counselor)).expect(200)).body).toEqual([]);
    await request(app.url)
      .patch(`/api/v1/cases/${caseId}`)
      .set(as(supervisor))
      .send({ version: current.body.version + 1, restricted: false, assignedCounselorId: counselor.userId })
      .expect(200);

    // A renewed term needs no reminder.
    const old = await request(app.url).post(`/api/v1/cases/${caseId}/support-measures`).set(as(counselor)).send({ appliedOn: '2025-06-10' }).expect(201);
    await request(app.url).post(`/api/v1/cases/${caseId}/support-measures`).set(as(counselor)).send({ appliedOn: '2025-11-01', renewsId: old.body.id }).expect(201);
    expect(await tasks.generateRenewalTasks('2026-05-20')).toBe(0);
  });
});
