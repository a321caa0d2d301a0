import { Role } from '@tsunagu/common';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createAndSignIn, DEPARTMENT_ID, signInAdmin, SignedIn } from './support/auth-helpers';
import { startTestApp, TestApp } from './support/test-app';
import { testToday, testMonth } from './support/clock';
import { api, as } from './support/http';

// Synthetic people only.
const SEIKATSU = '0c6a3f10-58b2-4d7e-9e21-5a4b7c8d9e02'; // 生活支援課
const PHONE = '090-0000-4411';
const ADDRESS = '架空市架空町4-4-1';

describe('interdepartmental referrals', () => {
  let app: TestApp;
  let db: DataSource;
  let admin: SignedIn;
  let counselor: SignedIn;
  let supervisor: SignedIn;
  let supervisor2: SignedIn;
  let farSupervisor: SignedIn;
  let liaison: SignedIn;
  let otherLiaison: SignedIn;
  let clientId: string;
  let caseId: string;
  const act = (who: SignedIn, id: string, verb: string, body: Record<string, unknown>) => request(app.url).post(api(`referrals/${id}/${verb}`)).set(as(who)).send(body);
  const consent = (who: SignedIn, forClient: string, body: Record<string, unknown> = {}) =>
    request(app.url).post(api(`clients/${forClient}/consents`)).set(as(who)).send({ obtainedOn: '2025-10-01', method: 'written', departmentIds: [DEPARTMENT_ID], fields: ['name', 'phone', 'summary'], ...body });
  const draft = (who: SignedIn, onCase: string, body: Record<string, unknown> = {}) =>
    request(app.url)
      .post(api(`cases/${onCase}/referrals`))
      .set(as(who))
      .send({ departmentId: DEPARTMENT_ID, purpose: 'housing', message: '架空：市営住宅の相談をお願いします', fields: ['name', 'phone', 'summary'], summary: '架空の要約：DV被害により避難中', dueOn: '2025-11-15', ...body });
  const count = async (sql: string, params: unknown[] = []) => (await db.query(sql, params))[0].n as number;

  beforeAll(async () => {
    app = await startTestApp('referrals');
    db = app.app.get(DataSource);
    admin = await signInAdmin(app);
    counselor = await createAndSignIn(app, admin, Role.Counselor, 'ref.counselor');
    supervisor = await createAndSignIn(app, admin, Role.Supervisor, 'ref.supervisor');
    supervisor2 = await createAndSignIn(app, admin, Role.Supervisor, 'ref.supervisor2');
    farSupervisor = await createAndSignIn(app, admin, Role.Supervisor, 'ref.far');
    liaison = await createAndSignIn(app, admin, Role.Liaison, 'ref.liaison');
    otherLiaison = await createAndSignIn(app, admin, Role.Liaison, 'ref.liaison.other');
    const otherUnit = randomUUID();
    await db.query(`INSERT INTO units (id, code, name) VALUES ($1, 'ref-other', '別の係')`, [otherUnit]);
    await db.query(`UPDATE users SET unit_id = $1 WHERE login_id = 'ref.far'`, [otherUnit]);
    await db.query(`UPDATE users SET department_id = $1 WHERE login_id = 'ref.liaison.other'`, [SEIKATSU]);
    const client = await request(app.url).post(api('clients')).set(as(counselor)).send({ name: '架空 連携子', kana: 'カクウ レンケイコ', phone: PHONE, address: ADDRESS, birthDate: '1990-04-01' }).expect(201);
    clientId = client.body.id;
    caseId = (await request(app.url).post(api('cases')).set(as(counselor)).send({ clientId, programCode: 'dv-center', mainConcerns: ['husband-violence'] }).expect(201)).body.id;
  });

  afterAll(async () => {
    await app?.close();
  });

  it('goes draft → submitted → approved → accepted → closed, the liaison seeing exactly the chosen fields, every step audited', async () => {
    await consent(counselor, clientId).expect(201);
    const created = await draft(counselor, caseId).expect(201);
    expect(created.body).toMatchObject({ status: 'draft', statusLabel: '下書き', purposeLabel: '住宅', fields: ['name', 'phone', 'summary'], submittedAt: null, decidedAt: null, respondedAt: null });
    expect(Date.parse(created.body.createdAt)).not.toBeNaN();
    const id = created.body.id;
    await act(counselor, id, 'submit', { version: 1 }).expect(200);
    const queued = (await request(app.url).get(api('referrals?status=submitted')).set(as(supervisor)).expect(200)).body.find((r: { id: string }) => r.id === id);
    expect(Date.parse(queued.submittedAt)).toBeGreaterThanOrEqual(Date.parse(created.body.createdAt)); // the approval queue shows when it was submitted
    const approved = await act(supervisor, id, 'approve', { version: 2 }).expect(200);
    expect(Date.parse(approved.body.decidedAt)).toBeGreaterThanOrEqual(Date.parse(queued.submittedAt));

    const inbox = await request(app.url).get(api('referrals/inbox')).set(as(liaison)).expect(200);
    expect(inbox.body).toEqual([expect.objectContaining({ id, purposeLabel: '住宅', statusLabel: '承認済' })]);
    const item = await request(app.url).get(api(`referrals/inbox/${id}`)).set(as(liaison)).expect(200);
    expect(item.body.disclosure).toEqual({ name: '架空 連携子', phone: PHONE, summary: '架空の要約：DV被害により避難中' });
    expect(JSON.stringify(item.body)).not.toContain(ADDRESS);
    expect(JSON.stringify(item.body)).not.toContain('1990-04-01');
    expect(item.body.message).toBe('架空：市営住宅の相談をお願いします');

    const accepted = await act(liaison, id, 'accept', { version: 3, comment: '架空：受理しました' }).expect(200);
    expect(accepted.body.status).toBe('accepted');
    const office = await request(app.url).get(api(`cases/${caseId}/referrals`)).set(as(counselor)).expect(200);
    expect(office.body.find((r: { id: string }) => r.id === id)).toMatchObject({ status: 'accepted', responseComment: '架空：受理しました', respondedAt: expect.any(String) });
    await act(counselor, id, 'close', { version: 4 }).expect(200);

    const events = await db.query(`SELECT action, actor_id FROM audit_events WHERE resource_id = $1 AND outcome = 'allowed' ORDER BY id`, [id]);
    expect(events).toEqual([
      { action: 'referral.create', actor_id: counselor.userId },
      { action: 'referral.submit', actor_id: counselor.userId },
      { action: 'referral.approve', actor_id: supervisor.userId },
      { action: 'referral.disclosure.read', actor_id: liaison.userId },
      { action: 'referral.accept', actor_id: liaison.userId },
      { action: 'referral.close', actor_id: counselor.userId },
    ]);
    const rows = JSON.stringify(await db.query(`SELECT * FROM referrals`));
    for (const secret of [PHONE, '架空 連携子', '市営住宅の相談', '避難中', '受理しました']) expect(rows).not.toContain(secret);
  });

  it('keeps the disclosure frozen at approval: a later change to the client does not reach the department', async () => {
    const id = (await draft(counselor, caseId).expect(201)).body.id;
    await act(counselor, id, 'submit', { version: 1 }).expect(200);
    await act(supervisor, id, 'approve', { version: 2 }).expect(200);
    const [client] = await db.query(`SELECT version FROM clients WHERE id = $1`, [clientId]);
    await request(app.url).patch(api(`clients/${clientId}`)).set(as(counselor)).send({ version: client.version, phone: '090-9999-0000' }).expect(200);
    const item = await request(app.url).get(api(`referrals/inbox/${id}`)).set(as(liaison)).expect(200);
    expect(item.body.disclosure.phone).toBe(PHONE);
  });

  it('refuses self-approval and a supervisor of another unit, and audits both', async () => {
    const id = (await draft(supervisor, caseId).expect(201)).body.id;
    await act(supervisor, id, 'submit', { version: 1 }).expect(200);
    const self = await act(supervisor, id, 'approve', { version: 2 }).expect(403);
    expect(self.body.fields[0].field).toBe('authorId');
    await act(farSupervisor, id, 'approve', { version: 2 }).expect(404);
    const denied = await db.query(`SELECT actor_id, detail_code FROM audit_events WHERE resource_id = $1 AND outcome = 'denied' ORDER BY id`, [id]);
    expect(denied).toEqual([
      { actor_id: supervisor.userId, detail_code: 'self-approval' },
      { actor_id: farSupervisor.userId, detail_code: 'not-found-or-out-of-scope' },
    ]);
    const rejected = await act(supervisor2, id, 'reject', { version: 2, reason: '架空：要約を補ってください' }).expect(200);
    expect(rejected.body.status).toBe('rejected');
  });

  it('refuses bad input and abuse naming the problem, writing nothing', async () => {
    const before = await count(`SELECT count(*)::int AS n FROM referrals`);
    const outside = await draft(counselor, caseId, { fields: ['name', 'notes'] }).expect(400);
    expect(outside.body.fields[0].field).toMatch(/^fields/);
    expect((await draft(counselor, caseId, { fields: ['summary'], summary: undefined }).expect(400)).body.fields[0].field).toBe('summary');
    expect((await draft(counselor, caseId, { departmentId: randomUUID() }).expect(400)).body.fields[0].field).toBe('departmentId');
    expect(await count(`SELECT count(*)::int AS n FROM referrals`)).toBe(before);

    // No consent covers 生活支援課, nor the address.
    const noConsent = (await draft(counselor, caseId, { departmentId: SEIKATSU }).expect(201)).body.id;
    const refused = await act(counselor, noConsent, 'submit', { version: 1 }).expect(409);
    expect(refused.body.fields[0].field).toBe('consent');
    const wider = (await draft(counselor, caseId, { fields: ['name', 'address'] }).expect(201)).body.id;
    await act(counselor, wider, 'submit', { version: 1 }).expect(409);

    const submitted = (await draft(counselor, caseId).expect(201)).body.id;
    await act(counselor, submitted, 'submit', { version: 1 }).expect(200);
    const edit = await request(app.url).patch(api(`referrals/${submitted}`)).set(as(counselor)).send({ version: 2, message: '架空：後から変更' }).expect(409);
    expect(edit.body.fields[0].field).toBe('status');
    await act(supervisor, submitted, 'approve', { version: 2 }).expect(200);
    await act(otherLiaison, submitted, 'accept', { version: 3 }).expect(404);
    await request(app.url).get(api(`referrals/inbox/${submitted}`)).set(as(otherLiaison)).expect(404);
    expect((await request(app.url).get(api('referrals/inbox')).set(as(otherLiaison)).expect(200)).body).toEqual([]);
    await request(app.url).get(api(`cases/${caseId}`)).set(as(liaison)).expect(403);
    await request(app.url).get(api(`clients/${clientId}`)).set(as(liaison)).expect(403);
  });

  it('revokes at once: a supervisor withdrawing it, or the client withdrawing her consent', async () => {
    const byBoss = (await draft(counselor, caseId).expect(201)).body.id;
    await act(counselor, byBoss, 'submit', { version: 1 }).expect(200);
    await act(supervisor, byBoss, 'approve', { version: 2 }).expect(200);
    await request(app.url).get(api(`referrals/inbox/${byBoss}`)).set(as(liaison)).expect(200);
    await act(supervisor, byBoss, 'revoke', { version: 3 }).expect(200);
    await request(app.url).get(api(`referrals/inbox/${byBoss}`)).set(as(liaison)).expect(404);
    expect((await db.query(`SELECT disclosure_enc FROM referrals WHERE id = $1`, [byBoss]))[0].disclosure_enc).toBeNull();

    const open = (await draft(counselor, caseId).expect(201)).body.id;
    await act(counselor, open, 'submit', { version: 1 }).expect(200);
    await act(supervisor, open, 'approve', { version: 2 }).expect(200);
    const consents = await request(app.url).get(api(`clients/${clientId}/consents`)).set(as(counselor)).expect(200);
    for (const c of consents.body.filter((x: { withdrawnAt: string | null }) => !x.withdrawnAt)) {
      await request(app.url).post(api(`consents/${c.id}/withdraw`)).set(as(counselor)).send({ version: c.version }).expect(200);
    }
    expect((await db.query(`SELECT status, revoke_reason, disclosure_enc FROM referrals WHERE id = $1`, [open]))[0]).toEqual({ status: 'revoked', revoke_reason: 'consent-withdrawn', disclosure_enc: null });
    await request(app.url).get(api(`referrals/inbox/${open}`)).set(as(liaison)).expect(404);
    const again = (await draft(counselor, caseId).expect(201)).body.id;
    await act(counselor, again, 'submit', { version: 1 }).expect(409); // no new disclosure under a withdrawn consent
  });

  it("discloses an address-protected client's address only with the approver's second confirmation", async () => {
    const hidden = await request(app.url).post(api('clients')).set(as(counselor)).send({ name: '架空 秘匿子', address: ADDRESS, addressProtected: true }).expect(201);
    const hiddenCase = (await request(app.url).post(api('cases')).set(as(counselor)).send({ clientId: hidden.body.id, programCode: 'dv-center', mainConcerns: ['husband-violence'] }).expect(201)).body.id;
    await consent(counselor, hidden.body.id, { fields: ['name', 'address'] }).expect(201);
    const id = (await draft(counselor, hiddenCase, { fields: ['name', 'address'], summary: undefined }).expect(201)).body.id;
    await act(counselor, id, 'submit', { version: 1 }).expect(200);
    const unconfirmed = await act(supervisor, id, 'approve', { version: 2 }).expect(400);
    expect(unconfirmed.body.fields[0].field).toBe('confirmAddress');
    expect((await db.query(`SELECT status FROM referrals WHERE id = $1`, [id]))[0].status).toBe('submitted');
    const approved = await act(supervisor, id, 'approve', { version: 2, confirmAddress: true }).expect(200);
    expect(approved.body.addressConfirmed).toBe(true);
    const item = await request(app.url).get(api(`referrals/inbox/${id}`)).set(as(liaison)).expect(200);
    expect(item.body.disclosure).toEqual({ name: '架空 秘匿子', address: ADDRESS });
  });
  it('reminds the author, once, of a referral the department has not answered by its due date', async () => {
    const id = (await draft(counselor, caseId, { dueOn: '2025-11-01' }).expect(201)).body.id;
    await consent(counselor, clientId).expect(201); // the earlier consents were withdrawn
    await act(counselor, id, 'submit', { version: 1 }).expect(200);
    await act(supervisor, id, 'approve', { version: 2 }).expect(200);
    const { ReferralTasksProcessor } = await import('@tsunagu/referrals');
    const jobs = app.app.get(ReferralTasksProcessor);
    expect(await jobs.remindOverdue('2025-11-01')).toBe(0); // due today: not yet overdue
    expect(await jobs.remindOverdue('2025-11-02')).toBeGreaterThan(0);
    expect(await jobs.remindOverdue('2025-11-03')).toBe(0);
    const tasks = await request(app.url).get(api('tasks')).set(as(counselor)).expect(200);
    expect(tasks.body).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'referral-overdue', stage: 'overdue', caseId, dueOn: '2025-11-01' })]));
  });
  it("records 支援措置意見 on the DV等支援措置 term it names, on the day it is approved, by the approver", async () => {
    const term = await request(app.url).post(api(`cases/${caseId}/support-measures`)).set(as(counselor)).send({ appliedOn: '2025-10-20' }).expect(201);
    const missing = await draft(counselor, caseId, { purpose: 'support-measure-opinion' }).expect(400);
    expect(missing.body.fields[0].field).toBe('supportMeasureId');
    const elsewhere = await draft(counselor, caseId, { purpose: 'housing', supportMeasureId: term.body.id }).expect(400);
    expect(elsewhere.body.fields[0].field).toBe('supportMeasureId');
    const id = (await draft(counselor, caseId, { purpose: 'support-measure-opinion', supportMeasureId: term.body.id }).expect(201)).body.id;
    await act(counselor, id, 'submit', { version: 1 }).expect(200);
    const approved = await act(supervisor, id, 'approve', { version: 2 }).expect(200);
    const today = testToday();
    expect(approved.body).toMatchObject({ purposeLabel: '支援措置意見', supportMeasureId: term.body.id, opinionGivenOn: today, decidedBy: supervisor.userId });
    const dv = await request(app.url).get(api(`cases/${caseId}/dv`)).set(as(counselor)).expect(200);
    expect(dv.body.supportMeasures.find((m: { id: string }) => m.id === term.body.id)).toMatchObject({ opinionGivenOn: today });
  });
  it("discloses the children's names and birth dates only when chosen, from the client's encrypted children records", async () => {
    const mother = await request(app.url).post(api('clients')).set(as(counselor)).send({ name: '架空 母子' }).expect(201);
    await request(app.url).post(api(`clients/${mother.body.id}/children`)).set(as(counselor)).send({ name: '架空 長男', birthDate: '2018-05-01' }).expect(201);
    await request(app.url).post(api(`clients/${mother.body.id}/children`)).set(as(counselor)).send({ name: '架空 長女' }).expect(201);
    await request(app.url).post(api(`clients/${mother.body.id}/children`)).set(as(counselor)).send({ name: '', birthDate: '2018-02-30' }).expect(400);
    await request(app.url).get(api(`clients/${mother.body.id}/children`)).set(as(liaison)).expect(403);
    expect(JSON.stringify(await db.query(`SELECT * FROM client_children`))).not.toContain('長男');
    const motherCase = (await request(app.url).post(api('cases')).set(as(counselor)).send({ clientId: mother.body.id, programCode: 'dv-center', mainConcerns: ['husband-violence'] }).expect(201)).body.id;
    await consent(counselor, mother.body.id, { departmentIds: [DEPARTMENT_ID], fields: ['name', 'children'] }).expect(201);
    const withChildren = (await draft(counselor, motherCase, { purpose: 'schooling', fields: ['name', 'children'], summary: undefined }).expect(201)).body.id;
    const withoutChildren = (await draft(counselor, motherCase, { purpose: 'schooling', fields: ['name'], summary: undefined }).expect(201)).body.id;
    for (const id of [withChildren, withoutChildren]) {
      await act(counselor, id, 'submit', { version: 1 }).expect(200);
      await act(supervisor, id, 'approve', { version: 2 }).expect(200);
    }
    expect((await request(app.url).get(api(`referrals/inbox/${withChildren}`)).set(as(liaison)).expect(200)).body.disclosure).toEqual({
      name: '架空 母子',
      children: [
        { name: '架空 長男', birthDate: '2018-05-01' },
        { name: '架空 長女', birthDate: null },
      ],
    });
    expect((await request(app.url).get(api(`referrals/inbox/${withoutChildren}`)).set(as(liaison)).expect(200)).body.disclosure).toEqual({ name: '架空 母子' });
  });
  it('lets the admin keep the departments; counselors list them to choose; a retired one takes no new referral', async () => {
    const created = await request(app.url).post(api('departments')).set(as(admin)).send({ code: 'kasou-ka', name: '架空課' }).expect(201);
    await request(app.url).post(api('departments')).set(as(admin)).send({ code: 'kasou-ka', name: '別名' }).expect(409);
    const list = await request(app.url).get(api('departments')).set(as(counselor)).expect(200);
    expect(list.body.map((d: { name: string }) => d.name)).toContain('架空課');
    await request(app.url).patch(api(`departments/${created.body.id}`)).set(as(admin)).send({ active: false }).expect(200);
    const refused = await draft(counselor, caseId, { departmentId: created.body.id }).expect(400);
    expect(refused.body.fields[0].field).toBe('departmentId');
    expect(list.body.map((d: { name: string }) => d.name)).toEqual(expect.arrayContaining(['市民課', '生活支援課', '住宅課']));
    await request(app.url).post(api('departments')).set(as(counselor)).send({ code: 'x', name: 'x' }).expect(403);
    await request(app.url).get(api('departments')).set(as(liaison)).expect(403);
  });
  it('counts the month\'s decided referrals in the statistics by where each stands now, never the ones not approved', async () => {
    const statistician = await createAndSignIn(app, admin, Role.Statistician, 'ref.statistician');
    const month = testMonth();
    const run = await request(app.url).post(api('statistics/runs')).set(as(statistician)).send({ period: month }).expect(202);
    for (const until = performance.now() + 20_000; ; ) {
      const r = await request(app.url).get(api(`statistics/runs/${run.body.id}`)).set(as(statistician)).expect(200);
      if (r.body.status === 'done') break;
      if (performance.now() > until) throw new Error('statistics run did not finish');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const rows: { key: string; value: number }[] = await db.query(`SELECT key, sum(value)::int AS value FROM monthly_statistics WHERE run_id = $1 AND metric = 'referrals' AND dimension = 'outcome' GROUP BY key ORDER BY key`, [run.body.id]);
    const expected: { key: string; value: number }[] = await db.query(
      `SELECT status AS key, count(*)::int AS value FROM referrals WHERE decided_at IS NOT NULL AND status NOT IN ('draft', 'submitted', 'rejected') GROUP BY status ORDER BY status`,
    );
    expect(rows.map((r) => r.key)).toEqual(expect.arrayContaining(['approved', 'closed', 'revoked']));
    expect(rows).toEqual(expected);
  });
});
