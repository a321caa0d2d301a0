import { Role } from '@tsunagu/common';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { advanceClock, createAndSignIn, signInAdmin, signInAgain, SignedIn } from './support/auth-helpers';
import { BOOTSTRAP_ADMIN_PASSWORD, startTestApp, TestApp } from './support/test-app';
import { testInstant, testToday } from './support/clock';
import { as } from './support/http';

const OTHER_UNIT_ID = '9b0d6f1e-2c3a-4b5d-8e7f-0a1b2c3d4e5f';
const NAME = '架空 花子テスト';
const KANA = 'かくう はなこ';
const PHONE = '090-1111-2222';
const ADDRESS = '架空市中央区1-2-3 テスト荘';
const SUMMARY = '架空の相談内容：夫からの暴言について';

describe('clients, cases and contacts', () => {
  let app: TestApp;
  let db: DataSource;
  let admin: SignedIn;
  let counselor: SignedIn;
  let colleague: SignedIn;
  let supervisor: SignedIn;
  let outsider: SignedIn;

  const contactBody = (over: Record<string, unknown> = {}) => ({
    startedAt: testInstant(-3600_000),
    durationMinutes: 25,
    channel: 'phone',
    mainConcern: 'husband-violence',
    otherConcerns: ['divorce'],
    dvRelated: true,
    summary: SUMMARY,
    ...over,
  });

  async function newClient(by: SignedIn, over: Record<string, unknown> = {}) {
    const res = await request(app.url).post('/api/v1/clients').set(as(by)).send({ name: NAME, kana: KANA, phone: PHONE, ...over }).expect(201);
    return res.body.id as string;
  }

  async function newCase(by: SignedIn, clientId: string, over: Record<string, unknown> = {}) {
    const res = await request(app.url)
      .post('/api/v1/cases')
      .set(as(by))
      .send({ clientId, programCode: 'josei-soudan', mainConcerns: ['husband-violence'], ...over })
      .expect(201);
    return res.body;
  }

  const events = (action: string) => db.query(`SELECT actor_id, outcome, case_id, resource_id, reason, detail_code FROM audit_events WHERE action = $1 ORDER BY id`, [action]);

  beforeAll(async () => {
    app = await startTestApp('cases');
    db = app.app.get(DataSource);
    await db.query(`INSERT INTO units (id, code, name) VALUES ($1, 'other', '別の係')`, [OTHER_UNIT_ID]);
    admin = await signInAdmin(app);
    counselor = await createAndSignIn(app, admin, Role.Counselor, 'c.main');
    colleague = await createAndSignIn(app, admin, Role.Counselor, 'c.colleague');
    supervisor = await createAndSignIn(app, admin, Role.Supervisor, 's.unit');
    outsider = await createAndSignIn(app, admin, Role.Counselor, 'c.outsider');
    await db.query(`UPDATE users SET unit_id = $1 WHERE login_id = 'c.outsider'`, [OTHER_UNIT_ID]);
  });

  afterAll(async () => {
    await app?.close();
  });

  it("a counselor's day: find the caller, open a case, log contacts, close and reopen", async () => {
    // Born 35 years before this year's 15 June (JST): in her 30s whatever day the test runs.
    const birthDate = `${Number(testToday().slice(0, 4)) - 35}-06-15`;
    const clientId = await newClient(counselor, { birthDate, address: ADDRESS, gender: 'female', addressProtected: true, notes: '架空メモ：子ども二人同伴' });
    // A returning caller gives her number another way.
    const found = await request(app.url).get('/api/v1/clients').query({ phone: '０９０ １１１１ ２２２２' }).set(as(counselor)).expect(200);
    expect(found.body).toEqual([expect.objectContaining({ id: clientId, name: NAME, ageBand: '30s', addressProtected: true })]);
    expect(found.body[0]).not.toHaveProperty('address');
    const byKana = await request(app.url).get('/api/v1/clients').query({ kana: 'カクウハナコ' }).set(as(counselor)).expect(200);
    expect(byKana.body.map((c: { id: string }) => c.id)).toEqual([clientId]);

    const opened = await newCase(counselor, clientId);
    expect(opened).toMatchObject({ status: 'open', assignedCounselorId: counselor.userId, caseNumber: expect.stringMatching(/^\d{4}-\d{4}$/) });
    await request(app.url).post(`/api/v1/cases/${opened.id}/contacts`).set(as(counselor)).send(contactBody()).expect(201);
    await request(app.url)
      .post(`/api/v1/cases/${opened.id}/contacts`)
      .set(as(counselor))
      .send(contactBody({ channel: 'visit', durationMinutes: 60, nextAction: '架空：来週に住居の相談を継続', followUpOn: '2030-01-10' }))
      .expect(201);
    const contacts = await request(app.url).get(`/api/v1/cases/${opened.id}/contacts`).set(as(counselor)).expect(200);
    expect(contacts.body).toHaveLength(2);
    expect(contacts.body.map((c: { channel: string }) => c.channel).sort()).toEqual(['phone', 'visit']);
    expect(contacts.body[0].summary).toBe(SUMMARY);

    const closed = await request(app.url).post(`/api/v1/cases/${opened.id}/close`).set(as(counselor)).send({ version: opened.version, reason: 'resolved' }).expect(200);
    expect(closed.body).toMatchObject({ status: 'closed', closeReason: 'resolved' });
    const refused = await request(app.url).post(`/api/v1/cases/${opened.id}/contacts`).set(as(counselor)).send(contactBody()).expect(409);
    expect(refused.body.fields).toEqual([expect.objectContaining({ field: 'caseId' })]);
    const reopened = await request(app.url).post(`/api/v1/cases/${opened.id}/reopen`).set(as(counselor)).send({ version: closed.body.version }).expect(200);
    expect(reopened.body.status).toBe('open');
    await request(app.url).post(`/api/v1/cases/${opened.id}/contacts`).set(as(counselor)).send(contactBody()).expect(201);

    // Every read and change left its event, naming the case where there is one.
    for (const action of ['client.create', 'client.search', 'case.create', 'contact.create', 'contact.list', 'case.close', 'case.reopen']) {
      const rows = await events(action);
      expect({ action, n: rows.length > 0 }).toEqual({ action, n: true });
      expect(rows.every((r: { actor_id: string }) => r.actor_id === counselor.userId)).toBe(true);
    }
    expect((await events('contact.create')).filter((r: { case_id: string }) => r.case_id === opened.id)).toHaveLength(3);
    await request(app.url).get(`/api/v1/cases/${opened.id}`).set(as(counselor)).expect(200);
    expect(await events('case.read')).toEqual([expect.objectContaining({ case_id: opened.id, outcome: 'allowed' })]);
  });

  it('keeps every personal field as ciphertext in the database', async () => {
    const dump = JSON.stringify([await db.query(`SELECT * FROM clients`), await db.query(`SELECT * FROM contacts`), await db.query(`SELECT * FROM audit_events`)]);
    for (const plain of ['架空', '花子', 'ハナコ', 'はなこ', '09011112222', '1111-2222', '1988-06-15', '中央区', '暴言', '同伴', '住居の相談']) {
      expect(dump).not.toContain(plain);
    }
    const [client] = await db.query(`SELECT name_enc, kana_enc, birth_date_enc, phone_enc, address_enc, notes_enc FROM clients WHERE notes_enc IS NOT NULL LIMIT 1`);
    expect(Object.values(client).every((v) => typeof v === 'string' && v.startsWith('f1.'))).toBe(true);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const clientId = await newClient(counselor);
    const item = await newCase(counselor, clientId);
    const before = await db.query(`SELECT count(*)::int AS n FROM contacts`);
    const eventsBefore = (await events('contact.create')).length;
    const cases = [
      [{ mainConcern: 'no-such-concern' }, 'mainConcern'],
      [{ startedAt: testInstant(2 * 86400_000) }, 'startedAt'],
      [{ durationMinutes: -1 }, 'durationMinutes'],
      [{ durationMinutes: 1441 }, 'durationMinutes'],
      [{ channel: 'line' }, 'channel'],
      [{ channel: 'fax' }, 'channel'],
      [{ startedAt: '2025-13-01T10:00:00+09:00' }, 'startedAt'],
    ] as const;
    for (const [override, field] of cases) {
      const res = await request(app.url).post(`/api/v1/cases/${item.id}/contacts`).set(as(counselor)).send(contactBody(override));
      expect({ field, status: res.status, fields: res.body.fields?.map((f: { field: string }) => f.field) }).toEqual({ field, status: 400, fields: [field] });
    }
    expect(await db.query(`SELECT count(*)::int AS n FROM contacts`)).toEqual(before);
    expect((await events('contact.create')).length).toBe(eventsBefore);

    const unknownClient = await request(app.url).post('/api/v1/cases').set(as(counselor)).send({ clientId: randomUUID(), programCode: 'josei-soudan', mainConcerns: ['divorce'] });
    expect(unknownClient.status).toBe(404);
    const badProgram = await request(app.url).post('/api/v1/cases').set(as(counselor)).send({ clientId, programCode: 'no-such-program', mainConcerns: ['divorce'] }).expect(400);
    expect(badProgram.body.fields.map((f: { field: string }) => f.field)).toEqual(['programCode']);
    const future = await request(app.url).post('/api/v1/clients').set(as(counselor)).send({ name: 'x', birthDate: '2999-01-01' }).expect(400);
    expect(future.body.fields[0].field).toBe('birthDate');
  });

  it('answers a stale update with 409 and changes nothing', async () => {
    const item = await newCase(counselor, await newClient(counselor));
    await request(app.url).patch(`/api/v1/cases/${item.id}`).set(as(counselor)).send({ version: item.version, mainConcerns: ['divorce'] }).expect(200);
    const stale = await request(app.url).patch(`/api/v1/cases/${item.id}`).set(as(colleague)).send({ version: item.version, mainConcerns: ['economic'] }).expect(409);
    expect(stale.body.message).toContain('先に更新');
    const now = await request(app.url).get(`/api/v1/cases/${item.id}`).set(as(counselor)).expect(200);
    expect(now.body).toMatchObject({ mainConcerns: ['divorce'], version: item.version + 1 });
  });

  it('withholds a protected address unless asked for (audited), and names a client without her record', async () => {
    const ADDRESS_HIDDEN = '架空市秘匿町5-5-5';
    const protectedId = await newClient(counselor, { address: ADDRESS_HIDDEN, addressProtected: true });
    const created = await request(app.url).get(`/api/v1/clients/${protectedId}`).set(as(counselor)).expect(200);
    expect(created.body).toMatchObject({ address: null, addressWithheld: true, name: NAME });
    expect(JSON.stringify(created.body)).not.toContain('秘匿町');
    const revealed = await request(app.url).get(`/api/v1/clients/${protectedId}`).query({ includeAddress: true }).set(as(counselor)).expect(200);
    expect(revealed.body).toMatchObject({ address: ADDRESS_HIDDEN, addressWithheld: false });
    const reads = await db.query(`SELECT detail_code FROM audit_events WHERE action = 'client.read' AND resource_id = $1 ORDER BY id`, [protectedId]);
    expect(reads.map((r: { detail_code: string | null }) => r.detail_code)).toEqual([null, 'address']);
    const bad = await request(app.url).get(`/api/v1/clients/${protectedId}`).query({ includeAddress: 'yes' }).set(as(counselor)).expect(400);
    expect(bad.body.fields[0].field).toBe('includeAddress');

    // An unprotected address is part of the record as before.
    const openId = await newClient(counselor, { address: '架空市公開町1-1' });
    expect((await request(app.url).get(`/api/v1/clients/${openId}`).set(as(counselor)).expect(200)).body).toMatchObject({ address: '架空市公開町1-1', addressWithheld: false });

    // The summary: the name and the flag, no phone, no address.
    const summary = await request(app.url).get(`/api/v1/clients/${protectedId}/summary`).set(as(counselor)).expect(200);
    expect(summary.body).toEqual({ id: protectedId, name: NAME, kana: KANA, gender: 'unknown', ageBand: 'unknown', addressProtected: true });
    await request(app.url).get(`/api/v1/clients/${protectedId}/summary`).set(as(outsider)).expect(404);
  });

  it('lists the colleagues of one’s own unit by name only (GET /staff)', async () => {
    const staff = await request(app.url).get('/api/v1/staff').set(as(counselor)).expect(200);
    const ids = staff.body.map((s: { id: string }) => s.id);
    expect(ids).toEqual(expect.arrayContaining([counselor.userId, supervisor.userId]));
    expect(ids).not.toContain(outsider.userId);
    expect(Object.keys(staff.body[0]).sort()).toEqual(['active', 'displayName', 'id', 'role']);
    const elsewhere = await request(app.url).get('/api/v1/staff').set(as(outsider)).expect(200);
    expect(elsewhere.body.map((s: { id: string }) => s.id)).toEqual([outsider.userId]);
  });

  it('hides another unit’s cases and clients behind 404, and audits the attempt', async () => {
    const clientId = await newClient(counselor);
    const item = await newCase(counselor, clientId);
    const res = await request(app.url).get(`/api/v1/cases/${item.id}`).set(as(outsider)).expect(404);
    const missing = await request(app.url).get(`/api/v1/cases/${randomUUID()}`).set(as(outsider)).expect(404);
    expect(res.body.message).toBe(missing.body.message);
    await request(app.url).get(`/api/v1/clients/${clientId}`).set(as(outsider)).expect(404);
    const search = await request(app.url).get('/api/v1/clients').query({ phone: PHONE }).set(as(outsider)).expect(200);
    expect(search.body).toEqual([]);
    const list = await request(app.url).get('/api/v1/cases').set(as(outsider)).expect(200);
    expect(list.body.items).toEqual([]);
    const denied = await db.query(`SELECT outcome, case_id FROM audit_events WHERE action = 'case.read' AND actor_id = $1`, [outsider.userId]);
    expect(denied).toEqual(expect.arrayContaining([{ outcome: 'denied', case_id: item.id }]));
    // The unit's supervisor sees the probe on their case in the audit log, though it came from elsewhere.
    const log = await request(app.url).get(`/api/v1/audit-events?caseId=${item.id}&action=case.read`).set(as(supervisor)).expect(200);
    expect(log.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ actorId: outsider.userId, outcome: 'denied' })]));
  });

  it('restricted cases: assignee and supervisors only, others through a reviewed, time-boxed break-glass', async () => {
    const clientId = await newClient(counselor, { phone: '080-9999-0000' });
    const item = await newCase(counselor, clientId, { restricted: true });
    await request(app.url).get(`/api/v1/cases/${item.id}`).set(as(counselor)).expect(200);
    await request(app.url).get(`/api/v1/cases/${item.id}`).set(as(supervisor)).expect(200);
    await request(app.url).get(`/api/v1/cases/${item.id}`).set(as(colleague)).expect(404);
    const list = await request(app.url).get('/api/v1/cases?limit=200').set(as(colleague)).expect(200);
    expect(list.body.items.map((c: { id: string }) => c.id)).not.toContain(item.id);
    const search = await request(app.url).get('/api/v1/clients').query({ phone: '08099990000' }).set(as(colleague)).expect(200);
    expect(search.body).toEqual([]);

    const short = await request(app.url).post(`/api/v1/cases/${item.id}/break-glass`).set(as(colleague)).send({ reason: '急ぎ' }).expect(400);
    expect(short.body.fields[0].field).toBe('reason');
    const grant = await request(app.url).post(`/api/v1/cases/${item.id}/break-glass`).set(as(colleague)).send({ reason: '担当者不在時の緊急電話対応のため' }).expect(201);
    await request(app.url).get(`/api/v1/cases/${item.id}`).set(as(colleague)).expect(200);
    expect(await events('case.break-glass')).toEqual([
      expect.objectContaining({ actor_id: colleague.userId, case_id: item.id, reason: '担当者不在時の緊急電話対応のため', detail_code: 'review-required' }),
    ]);
    await request(app.url).post(`/api/v1/cases/${item.id}/break-glass`).set(as(counselor)).send({ reason: '自分の担当ケースですが念のため' }).expect(409);

    const pending = await request(app.url).get('/api/v1/break-glass?reviewed=false').set(as(supervisor)).expect(200);
    expect(pending.body.map((g: { id: string }) => g.id)).toEqual([grant.body.id]);
    await request(app.url).get('/api/v1/break-glass').set(as(colleague)).expect(403);
    await request(app.url).post(`/api/v1/break-glass/${grant.body.id}/review`).set(as(supervisor)).send({ note: '確認済み' }).expect(200);
    expect((await request(app.url).get('/api/v1/break-glass?reviewed=false').set(as(supervisor)).expect(200)).body).toEqual([]);

    advanceClock(app, 31 * 60_000);
    // Sessions aged too: sign in again, then the grant has expired.
    const again = await request(app.url).post('/api/v1/auth/login').send({ loginId: 'c.colleague', password: 'correct-horse-battery-1' }).expect(200);
    await request(app.url).get(`/api/v1/cases/${item.id}`).set({ Authorization: `Bearer ${again.body.accessToken}` }).expect(404);
  });

  it('corrects a consultation record against the version read', async () => {
    const me = await signInFresh('c.main');
    const item = await newCase(me, await newClient(me));
    const created = await request(app.url).post(`/api/v1/cases/${item.id}/contacts`).set(as(me)).send(contactBody()).expect(201);
    expect(created.body.version).toBe(1);
    const fixed = await request(app.url)
      .patch(`/api/v1/contacts/${created.body.id}`)
      .set(as(me))
      .send({ version: 1, durationMinutes: 40, summary: '訂正後の架空の内容' })
      .expect(200);
    expect(fixed.body).toMatchObject({ version: 2, durationMinutes: 40, summary: '訂正後の架空の内容', channel: 'phone' });
    await request(app.url).patch(`/api/v1/contacts/${created.body.id}`).set(as(me)).send({ version: 1, durationMinutes: 5 }).expect(409);
    const bad = await request(app.url).patch(`/api/v1/contacts/${created.body.id}`).set(as(me)).send({ version: 2, durationMinutes: 5000 }).expect(400);
    expect(bad.body.fields[0].field).toBe('durationMinutes');
    const wrongConcern = await request(app.url).patch(`/api/v1/contacts/${created.body.id}`).set(as(me)).send({ version: 2, mainConcern: 'nope' }).expect(400);
    expect(wrongConcern.body.fields[0].field).toBe('mainConcern');
    await request(app.url).patch(`/api/v1/contacts/${created.body.id}`).set(as(await signInFresh('c.outsider'))).send({ version: 2, durationMinutes: 1 }).expect(404);
    const list = await request(app.url).get(`/api/v1/cases/${item.id}/contacts`).set(as(me)).expect(200);
    expect(list.body).toEqual([expect.objectContaining({ id: created.body.id, version: 2, durationMinutes: 40 })]);
    const events = await db.query(`SELECT detail_code FROM audit_events WHERE action = 'contact.update' AND resource_id = $1 AND outcome = 'allowed'`, [created.body.id]);
    expect(events).toEqual([{ detail_code: 'durationMinutes,summary' }]);

    // A follow-up date is set, moved, and removed with null; left out, it stays; a null duration is refused.
    const dated = await request(app.url).patch(`/api/v1/contacts/${created.body.id}`).set(as(me)).send({ version: 2, followUpOn: '2030-02-01' }).expect(200);
    expect(dated.body.followUpOn).toBe('2030-02-01');
    const kept = await request(app.url).patch(`/api/v1/contacts/${created.body.id}`).set(as(me)).send({ version: 3, durationMinutes: 45 }).expect(200);
    expect(kept.body.followUpOn).toBe('2030-02-01');
    const nulled = await request(app.url).patch(`/api/v1/contacts/${created.body.id}`).set(as(me)).send({ version: 4, durationMinutes: null }).expect(400);
    expect(nulled.body.fields.map((f: { field: string }) => f.field)).toEqual(['durationMinutes']);
    const removed = await request(app.url).patch(`/api/v1/contacts/${created.body.id}`).set(as(me)).send({ version: 4, followUpOn: null }).expect(200);
    expect(removed.body).toMatchObject({ version: 5, followUpOn: null, durationMinutes: 45 });
  });

  it('corrects a record whose 主訴 was stopped since, but does not let a correction choose a stopped one', async () => {
    const me = await signInFresh('c.main');
    admin = await signInAgain(app, admin, BOOTSTRAP_ADMIN_PASSWORD); // an earlier test moved the clock past the admin's idle timeout
    await request(app.url).post('/api/v1/concerns').set(as(admin)).send({ code: 'test-soon-stopped', name: '架空：停止予定の主訴', groupName: '架空', sortOrder: 9990 }).expect(201);
    const item = await newCase(me, await newClient(me));
    const kept = await request(app.url).post(`/api/v1/cases/${item.id}/contacts`).set(as(me)).send(contactBody({ mainConcern: 'test-soon-stopped', otherConcerns: ['test-soon-stopped'] })).expect(201);
    const other = await request(app.url).post(`/api/v1/cases/${item.id}/contacts`).set(as(me)).send(contactBody()).expect(201);
    await request(app.url).patch('/api/v1/concerns/test-soon-stopped').set(as(admin)).send({ active: false }).expect(200);

    const fixed = await request(app.url).patch(`/api/v1/contacts/${kept.body.id}`).set(as(me)).send({ version: 1, summary: '架空：訂正した要約' }).expect(200);
    expect(fixed.body).toMatchObject({ mainConcern: 'test-soon-stopped', otherConcerns: ['test-soon-stopped'], summary: '架空：訂正した要約' });
    const refused = await request(app.url).patch(`/api/v1/contacts/${other.body.id}`).set(as(me)).send({ version: 1, mainConcern: 'test-soon-stopped' }).expect(400);
    expect(refused.body.fields.map((f: { field: string }) => f.field)).toEqual(['mainConcern']);
    const refusedOther = await request(app.url).patch(`/api/v1/contacts/${other.body.id}`).set(as(me)).send({ version: 1, otherConcerns: ['test-soon-stopped'] }).expect(400);
    expect(refusedOther.body.fields.map((f: { field: string }) => f.field)).toEqual(['otherConcerns']);
  });

  it('records an anonymous consultation under its program, with a key of its own', async () => {
    const res = await request(app.url)
      .post('/api/v1/contacts')
      .set(as(await signInFresh('c.main')))
      .send({ ...contactBody({ channel: 'phone' }), programCode: 'lgbtq-phone', dvRelated: false })
      .expect(201);
    expect(res.body).toMatchObject({ caseId: null, programCode: 'lgbtq-phone', summary: SUMMARY });
    const keys = await db.query(`SELECT subject_type FROM data_keys WHERE subject_id = $1`, [res.body.id]);
    expect(keys).toEqual([{ subject_type: 'contact' }]);
  });

  it('lists cases newest first, filtered, page by page', async () => {
    const me = await signInFresh('c.main');
    const clientId = await newClient(me);
    for (const openedOn of ['2025-04-01', '2025-05-01', '2025-06-01']) await newCase(me, clientId, { openedOn, programCode: 'dv-center' });
    const first = await request(app.url).get('/api/v1/cases?program=dv-center&limit=2').set(as(me)).expect(200);
    expect(first.body.items.map((c: { openedOn: string }) => c.openedOn)).toEqual(['2025-06-01', '2025-05-01']);
    const second = await request(app.url).get(`/api/v1/cases?program=dv-center&limit=2&cursor=${first.body.nextCursor}`).set(as(me)).expect(200);
    expect(second.body.items.map((c: { openedOn: string }) => c.openedOn)).toEqual(['2025-04-01']);
    expect(second.body.nextCursor).toBeNull();
    expect(first.body.items[0].caseNumber.startsWith('2025-')).toBe(true);
    const ofClient = await request(app.url).get(`/api/v1/cases?clientId=${clientId}`).set(as(me)).expect(200);
    expect(ofClient.body.items).toHaveLength(3);
    expect(ofClient.body.items.every((c: { clientId: string }) => c.clientId === clientId)).toBe(true);
    const bad = await request(app.url).get('/api/v1/cases?cursor=garbage').set(as(me)).expect(400);
    expect(bad.body.fields[0].field).toBe('cursor');
  });

  async function signInFresh(loginId: string): Promise<SignedIn> {
    const res = await request(app.url).post('/api/v1/auth/login').send({ loginId, password: 'correct-horse-battery-1' }).expect(200);
    return { token: res.body.accessToken, userId: '', loginId, role: Role.Counselor };
  }

});
