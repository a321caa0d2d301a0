import { addMonths, jstDate, jstStartOfDay, Role } from '@tsunagu/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { advanceClock, createAndSignIn, now, SignedIn, signInAdmin, signInAgain, TEST_PASSWORD } from './support/auth-helpers';
import { testToday } from './support/clock';
import { startTestApp, TestApp } from './support/test-app';
import { as } from './support/http';

// Retention, first part: per-program retention years, and the list of clients whose
// every case is closed and past it, for a supervisor to confirm destruction.
describe('retention: clients due for destruction (GET /retention/due)', () => {
  let app: TestApp;
  let admin: SignedIn;
  let counselor: SignedIn;
  let supervisor: SignedIn;
  let db: DataSource;
  let dueClient: string;

  const clientWithCase = async (name: string, programCode: string, openedOn: string, closedOn: string | null) => {
    const client = (await request(app.url).post('/api/v1/clients').set(as(counselor)).send({ name }).expect(201)).body.id as string;
    const opened = (await request(app.url).post('/api/v1/cases').set(as(counselor)).send({ clientId: client, programCode, mainConcerns: ['divorce'], openedOn }).expect(201)).body;
    if (closedOn) await request(app.url).post(`/api/v1/cases/${opened.id}/close`).set(as(counselor)).send({ version: opened.version, reason: 'resolved', closedOn }).expect(200);
    return { client, caseId: opened.id as string, caseNumber: opened.caseNumber as string };
  };

  beforeAll(async () => {
    app = await startTestApp('retention');
    db = app.app.get(DataSource);
    admin = await signInAdmin(app);
    counselor = await createAndSignIn(app, admin, Role.Counselor, 'ret.counselor');
    supervisor = await createAndSignIn(app, admin, Role.Supervisor, 'ret.supervisor');
  }, 60_000);

  afterAll(async () => {
    await app?.close();
  });

  it('keeps 5 years by default; the admin sets a program’s years, named in the api and validated', async () => {
    const programs = (await request(app.url).get('/api/v1/programs').set(as(admin)).expect(200)).body as Array<{ code: string; retentionYears: number }>;
    expect(programs.every((p) => p.retentionYears === 5)).toBe(true);
    const updated = await request(app.url).patch('/api/v1/programs/josei-soudan').set(as(admin)).send({ retentionYears: 1 }).expect(200);
    expect(updated.body.retentionYears).toBe(1);
    const bad = await request(app.url).patch('/api/v1/programs/josei-soudan').set(as(admin)).send({ retentionYears: 0 }).expect(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field)).toEqual(['retentionYears']);
  });

  it('lists a client only when every case of hers is closed and past its program’s years', async () => {
    // Dates from the application's clock: closed 18 months ago is past 1 year, 2 months ago is not.
    const opened = addMonths(testToday(), -30);
    const closed = addMonths(testToday(), -18);
    const past = await clientWithCase('架空 期限子', 'josei-soudan', opened, closed); // 1 year: 6 months ago
    const recent = await clientWithCase('架空 最近子', 'josei-soudan', addMonths(testToday(), -3), addMonths(testToday(), -2)); // 10 months ahead
    const longer = await clientWithCase('架空 長期子', 'dv-center', opened, closed); // 5 years: 42 months ahead
    const stillOpen = await clientWithCase('架空 継続子', 'josei-soudan', opened, closed);
    await request(app.url).post('/api/v1/cases').set(as(counselor)).send({ clientId: stillOpen.client, programCode: 'josei-soudan', mainConcerns: ['divorce'] }).expect(201);

    const due = (await request(app.url).get('/api/v1/retention/due').set(as(supervisor)).expect(200)).body as Array<{ clientId: string; clientName: string; retainUntil: string; cases: Array<{ caseNumber: string }> }>;
    expect(due.map((d) => d.clientId)).toEqual([past.client]);
    dueClient = past.client;
    const retainUntil = addMonths(closed, 12);
    expect(due[0]).toMatchObject({ clientName: '架空 期限子', retainUntil, cases: [expect.objectContaining({ caseNumber: past.caseNumber, closedOn: closed, retainUntil })] });
    for (const kept of [recent, longer, stillOpen]) expect(due.map((d) => d.clientId)).not.toContain(kept.client);

    // A year on (JST), the recent one is due too.
    advanceClock(app, 400 * 24 * 3_600_000);
    supervisor = await signInAgain(app, supervisor, TEST_PASSWORD);
    const later = (await request(app.url).get('/api/v1/retention/due').set(as(supervisor)).expect(200)).body as Array<{ clientId: string }>;
    expect(later.map((d) => d.clientId)).toEqual(expect.arrayContaining([past.client, recent.client]));
    expect(later.map((d) => d.clientId)).not.toContain(longer.client);
  });

  it('keeps a record through the last day of its period (保存期限 …まで) and lists it the day after', async () => {
    // Closed today on the application's clock, josei-soudan keeps it 1 year: kept through the
    // same date a year on (the last day of February when that date does not exist).
    const today = jstDate(now(app));
    counselor = await signInAgain(app, counselor, TEST_PASSWORD);
    const edge = await clientWithCase('架空 境界子', 'josei-soudan', today, today);
    const lastDay = addMonths(today, 12);
    const dueNow = async () => {
      supervisor = await signInAgain(app, supervisor, TEST_PASSWORD);
      const due = (await request(app.url).get('/api/v1/retention/due').set(as(supervisor)).expect(200)).body as Array<{ clientId: string; retainUntil: string }>;
      return due.find((d) => d.clientId === edge.client);
    };
    advanceClock(app, jstStartOfDay(lastDay).getTime() + 23 * 3_600_000 + 59 * 60_000 - now(app).getTime()); // 23:59 JST on the last day
    expect(await dueNow()).toBeUndefined();
    advanceClock(app, 2 * 60_000); // 00:01 JST the next day
    expect(await dueNow()).toMatchObject({ retainUntil: lastDay });
  });

  it('does not list a client already destroyed, and is for supervisors only', async () => {
    const before = (await request(app.url).get('/api/v1/retention/due').set(as(supervisor)).expect(200)).body as Array<{ clientId: string; cases: Array<{ caseNumber: string }> }>;
    const listed = before.find((d) => d.clientId === dueClient)!;
    expect(listed).toBeDefined();
    // Shredded (test/retention-shredding covers what that empties): not listed again.
    await request(app.url)
      .post(`/api/v1/retention/clients/${dueClient}/destroy`)
      .set(as(supervisor))
      .send({ caseNumbers: listed.cases.map((c) => c.caseNumber) })
      .expect(200);
    const due = (await request(app.url).get('/api/v1/retention/due').set(as(supervisor)).expect(200)).body as Array<{ clientId: string }>;
    expect(due.map((d) => d.clientId)).not.toContain(dueClient);
    expect(due.length).toBe(before.length - 1);
    counselor = await signInAgain(app, counselor, TEST_PASSWORD);
    await request(app.url).get('/api/v1/retention/due').set(as(counselor)).expect(403);
    const events = await db.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'retention.list' AND actor_id = $1`, [supervisor.userId]);
    expect(events[0].n).toBeGreaterThanOrEqual(2);
  });

  it('a client registered without any case is due the longest retention after her last change, confirmed with no case number', async () => {
    counselor = await signInAgain(app, counselor, TEST_PASSWORD);
    const alone = (await request(app.url).post('/api/v1/clients').set(as(counselor)).send({ name: '架空 登録のみ子' }).expect(201)).body.id as string;
    supervisor = await signInAgain(app, supervisor, TEST_PASSWORD);
    const notYet = (await request(app.url).get('/api/v1/retention/due').set(as(supervisor)).expect(200)).body as Array<{ clientId: string }>;
    expect(notYet.map((d) => d.clientId)).not.toContain(alone);

    // The longest program retention is dv-center's default 5 years (josei-soudan was set to 1).
    advanceClock(app, (5 * 366 + 2) * 24 * 3_600_000);
    supervisor = await signInAgain(app, supervisor, TEST_PASSWORD);
    const due = (await request(app.url).get('/api/v1/retention/due').set(as(supervisor)).expect(200)).body as Array<{ clientId: string; clientName: string; cases: unknown[]; retainUntil: string }>;
    const listed = due.find((d) => d.clientId === alone)!;
    expect(listed).toMatchObject({ clientName: '架空 登録のみ子', cases: [] });
    expect(listed.retainUntil).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // A client with cases can't be confirmed with an empty list, nor she with a number.
    const withCases = due.find((d) => d.cases.length > 0)!;
    const empty = await request(app.url).post(`/api/v1/retention/clients/${withCases.clientId}/destroy`).set(as(supervisor)).send({ caseNumbers: [] }).expect(400);
    expect(empty.body.fields.map((f: { field: string }) => f.field)).toEqual(['caseNumbers']);
    await request(app.url).post(`/api/v1/retention/clients/${alone}/destroy`).set(as(supervisor)).send({ caseNumbers: ['2023-0001'] }).expect(400);
    const done = await request(app.url).post(`/api/v1/retention/clients/${alone}/destroy`).set(as(supervisor)).send({ caseNumbers: [] }).expect(200);
    expect(done.body).toMatchObject({ clientId: alone, cases: 0, contacts: 0 });
    const [row] = await db.query(`SELECT name_enc, shredded_at FROM clients WHERE id = $1`, [alone]);
    expect(row.name_enc).toBeNull();
    expect(row.shredded_at).not.toBeNull();
  });
});
