import { Role } from '@tsunagu/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { advanceClock, createAndSignIn, signInAdmin, signInAgain, SignedIn, TEST_PASSWORD, UNIT_ID } from './support/auth-helpers';
import { testInstant, testNow } from './support/clock';
import { FakeLine } from './support/fake-line';
import { lineBody, lineSignature, lineText } from './support/line-webhook';
import { startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait';
import { api, as } from './support/http';

// Penetration-test finding: a counselor who opened a restricted case by break-glass could, inside
// her 30 minutes, assign the case to herself or clear `restricted`, and go on reading it after the
// grant expired. A grant lets her read and record; who may see a case is a supervisor's decision.
const SECRET = 'synthetic-channel-secret-0401';
const TOKEN = 'synthetic-access-token-0401';
const LINE_USER = `U${'a7'.repeat(16)}`;

describe('break-glass cannot be made permanent', () => {
  const line = new FakeLine(TOKEN);
  let app: TestApp;
  let db: DataSource;
  let assignee: SignedIn;
  let intruder: SignedIn;
  let supervisor: SignedIn;
  let clientId: string;
  let restricted: { id: string; version: number };
  let plain: { id: string };
  let conversationId: string;
  const version = async (who: SignedIn, path: string) => (await request(app.url).get(api(path)).set(as(who)).expect(200)).body.version as number;
  const denials = async (action: string) =>
    (await db.query(`SELECT actor_id, detail_code FROM audit_events WHERE action = $1 AND outcome = 'denied' ORDER BY id`, [action])) as Array<{ actor_id: string; detail_code: string }>;

  beforeAll(async () => {
    await line.start();
    app = await startTestApp('break-glass-escalation', { env: { LINE_API_BASE_URL: line.url, LINE_API_TIMEOUT_MS: '1000' } });
    db = app.app.get(DataSource);
    const admin = await signInAdmin(app);
    assignee = await createAndSignIn(app, admin, Role.Counselor, 'bg.assignee');
    intruder = await createAndSignIn(app, admin, Role.Counselor, 'bg.intruder');
    supervisor = await createAndSignIn(app, admin, Role.Supervisor, 'bg.supervisor');

    clientId = (
      await request(app.url).post(api('clients')).set(as(assignee)).send({ name: '架空 秘匿花子', phone: '090-4010-0401', address: '架空市秘匿町1番地', addressProtected: true }).expect(201)
    ).body.id;
    restricted = (await request(app.url).post(api('cases')).set(as(assignee)).send({ clientId, programCode: 'dv-center', mainConcerns: ['husband-violence'], restricted: true }).expect(201)).body;
    plain = (await request(app.url).post(api('cases')).set(as(assignee)).send({ clientId, programCode: 'josei-soudan', mainConcerns: ['divorce'] }).expect(201)).body;

    // Her LINE consultation, tied to the restricted case by its assignee.
    await request(app.url)
      .post(api('line/channels'))
      .set(as(admin))
      .send({ key: 'bg-line', name: '架空 LINE相談', programCode: 'ashitaba-line', unitId: UNIT_ID, channelSecret: SECRET, accessToken: TOKEN })
      .expect(201);
    const body = lineBody(lineText(LINE_USER, testNow().getTime() - 60_000, '架空：秘匿の相談です'));
    await request(app.url).post(api('line/webhook/bg-line')).set('content-type', 'application/json').set('x-line-signature', lineSignature(body, SECRET)).send(body).expect(200);
    await waitFor(async () => (await db.query(`SELECT count(*)::int AS n FROM line_inbox WHERE processed_at IS NULL`))[0].n === 0);
    const [conversation] = await db.query(`SELECT id, version FROM line_conversations`);
    conversationId = conversation.id;
    await request(app.url).post(api(`line/conversations/${conversationId}/link`)).set(as(assignee)).send({ version: conversation.version, caseId: restricted.id }).expect(200);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await line.stop();
  });

  const conversationIds = async (who: SignedIn) =>
    ((await request(app.url).get(api('line/conversations?status=open')).set(as(who)).expect(200)).body as Array<{ id: string }>).map((c) => c.id);

  it('hides a restricted case’s LINE consultation from colleagues, as its contacts are hidden', async () => {
    expect(await conversationIds(assignee)).toEqual([conversationId]);
    expect(await conversationIds(supervisor)).toEqual([conversationId]);
    expect(await conversationIds(intruder)).toEqual([]);
    await request(app.url).get(api(`line/conversations/${conversationId}/messages`)).set(as(intruder)).expect(404);
  });

  it('under a grant she reads and records, but cannot assign the case to herself, lift the restriction, move the LINE consultation or lift 住所秘匿', async () => {
    await request(app.url).get(api(`cases/${restricted.id}`)).set(as(intruder)).expect(404);
    await request(app.url).post(api(`cases/${restricted.id}/break-glass`)).set(as(intruder)).send({ reason: '担当者不在時の緊急電話対応のため' }).expect(201);
    const v = await version(intruder, `cases/${restricted.id}`);
    expect(await conversationIds(intruder)).toEqual([conversationId]);
    await request(app.url)
      .post(api(`cases/${restricted.id}/contacts`))
      .set(as(intruder))
      .send({ startedAt: testInstant(-60_000), durationMinutes: 10, channel: 'phone', mainConcern: 'husband-violence', dvRelated: true, summary: '架空：緊急の電話' })
      .expect(201);

    const toHerself = await request(app.url).patch(api(`cases/${restricted.id}`)).set(as(intruder)).send({ version: v, assignedCounselorId: intruder.userId }).expect(403);
    expect(toHerself.body.message).toContain('査察指導員');
    await request(app.url).patch(api(`cases/${restricted.id}`)).set(as(intruder)).send({ version: v, restricted: false }).expect(403);
    await request(app.url).patch(api(`cases/${restricted.id}`)).set(as(intruder)).send({ version: v, restricted: false, mainConcerns: ['divorce'] }).expect(403);
    const [{ version: conversationVersion }] = await db.query(`SELECT version FROM line_conversations WHERE id = $1`, [conversationId]);
    const moved = await request(app.url).post(api(`line/conversations/${conversationId}/link`)).set(as(intruder)).send({ version: conversationVersion, caseId: plain.id }).expect(403);
    expect(moved.body.message).toContain('査察指導員');
    const clientVersion = await version(intruder, `clients/${clientId}`);
    await request(app.url).patch(api(`clients/${clientId}`)).set(as(intruder)).send({ version: clientVersion, addressProtected: false }).expect(403);

    // Nothing changed, and every refusal is in the audit trail.
    const [row] = await db.query(`SELECT restricted, assigned_counselor_id, version FROM cases WHERE id = $1`, [restricted.id]);
    expect(row).toEqual({ restricted: true, assigned_counselor_id: assignee.userId, version: v });
    expect((await db.query(`SELECT case_id FROM line_conversations WHERE id = $1`, [conversationId]))[0].case_id).toBe(restricted.id);
    expect((await db.query(`SELECT address_protected FROM clients WHERE id = $1`, [clientId]))[0].address_protected).toBe(true);
    expect(await denials('case.update')).toEqual([
      { actor_id: intruder.userId, detail_code: 'assignee' },
      { actor_id: intruder.userId, detail_code: 'restricted' },
      { actor_id: intruder.userId, detail_code: 'restricted' },
    ]);
    expect(await denials('line.conversation.link')).toEqual([{ actor_id: intruder.userId, detail_code: 'restricted' }]);
    expect(await denials('client.update')).toEqual([{ actor_id: intruder.userId, detail_code: 'addressProtected' }]);
  });

  it('after the grant expires she reads nothing of the case, its client or its LINE consultation', async () => {
    advanceClock(app, 31 * 60_000);
    intruder = await signInAgain(app, intruder, TEST_PASSWORD);
    await request(app.url).get(api(`cases/${restricted.id}`)).set(as(intruder)).expect(404);
    await request(app.url).get(api(`cases/${restricted.id}/contacts`)).set(as(intruder)).expect(404);
    await request(app.url).get(api(`clients/${clientId}`)).set(as(intruder)).expect(404);
    await request(app.url).get(api(`clients/${clientId}/summary`)).set(as(intruder)).expect(404);
    const found = await request(app.url).get(api('clients')).query({ phone: '09040100401' }).set(as(intruder)).expect(200);
    expect(found.body).toEqual([]);
    expect(await conversationIds(intruder)).toEqual([]);
    await request(app.url).get(api(`line/conversations/${conversationId}/messages`)).set(as(intruder)).expect(404);
  });

  it('the assigned counselor cannot hand a restricted case to a colleague either; the supervisor can, audited', async () => {
    assignee = await signInAgain(app, assignee, TEST_PASSWORD);
    supervisor = await signInAgain(app, supervisor, TEST_PASSWORD);
    const v = await version(assignee, `cases/${restricted.id}`);
    await request(app.url).patch(api(`cases/${restricted.id}`)).set(as(assignee)).send({ version: v, assignedCounselorId: intruder.userId }).expect(403);
    // Her own case's concerns are still hers to correct.
    await request(app.url).patch(api(`cases/${restricted.id}`)).set(as(assignee)).send({ version: v, mainConcerns: ['husband-violence', 'divorce'] }).expect(200);
    // Making her own unrestricted case restricted is a supervisor's decision too.
    const plainVersion = await version(assignee, `cases/${plain.id}`);
    await request(app.url).patch(api(`cases/${plain.id}`)).set(as(assignee)).send({ version: plainVersion, restricted: true }).expect(403);

    const handed = await request(app.url).patch(api(`cases/${restricted.id}`)).set(as(supervisor)).send({ version: v + 1, assignedCounselorId: intruder.userId }).expect(200);
    expect(handed.body).toMatchObject({ assignedCounselorId: intruder.userId, restricted: true });
    const lifted = await request(app.url).patch(api(`clients/${clientId}`)).set(as(supervisor)).send({ version: await version(supervisor, `clients/${clientId}`), addressProtected: false }).expect(200);
    expect(lifted.body.addressProtected).toBe(false);
    const events = await db.query(`SELECT actor_id FROM audit_events WHERE action = 'case.update' AND outcome = 'allowed' AND case_id = $1 ORDER BY id`, [restricted.id]);
    expect(events.map((e: { actor_id: string }) => e.actor_id)).toEqual([assignee.userId, supervisor.userId]);
    // Assigned by the supervisor, she now sees it.
    intruder = await signInAgain(app, intruder, TEST_PASSWORD);
    await request(app.url).get(api(`cases/${restricted.id}`)).set(as(intruder)).expect(200);
  });
});
