import { nextOpening } from '@tsunagu/codes';
import { Clock, Role } from '@tsunagu/common';
import { randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { FakeLine } from './support/fake-line';
import { lineBody, lineEvent, lineSignature, lineText } from './support/line-webhook';
import { waitFor } from './support/wait';
import { advanceClock, createAndSignIn, signInAdmin, SignedIn, signInAgain, TEST_PASSWORD } from './support/auth-helpers';
import { BOOTSTRAP_ADMIN_PASSWORD, LogCapture, realRedisUrl, startTestApp, TestApp } from './support/test-app';
import { testNow } from './support/clock';
import { as } from './support/http';

// Synthetic LINE payloads in the real shape (webhook.CallbackRequest); no real account or person.
const SECRET = 'synthetic-channel-secret-0001';
const TOKEN = 'synthetic-access-token-0001';
const USER_A = `U${'a1'.repeat(16)}`;
const USER_B = `U${'b2'.repeat(16)}`;
const MESSAGE_TEXT = '架空の相談メッセージ：夫から逃げたい';

const sign = (body: string, secret = SECRET) => lineSignature(body, secret);
const at = (local: string) => new Date(`${local}+09:00`).getTime();

const textMessage = (userId: string, timestamp: number, text = MESSAGE_TEXT) => lineText(userId, timestamp, text);
/** Fixed keys, so a second process on the same database (the api without its worker) reads the same secrets. */
const KEYS = { TSUNAGU_MASTER_KEY: randomBytes(32).toString('base64'), TSUNAGU_BLIND_INDEX_KEY: randomBytes(32).toString('base64') };

const payload = lineBody;

describe('LINE webhook and inbox', () => {
  const logs = new LogCapture();
  const line = new FakeLine(TOKEN);
  let app: TestApp;
  let db: DataSource;
  let admin: SignedIn;
  let counselor: SignedIn;
  let outsider: SignedIn;
  let channelId: string;
  const post = (body: string, signature?: string | null, key = 'ashitaba') => {
    const req = request(app.url).post(`/api/v1/line/webhook/${key}`).set('content-type', 'application/json');
    if (signature !== null) req.set('x-line-signature', signature ?? sign(body));
    return req.send(body);
  };
  const count = async (table: string) => (await db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;
  const processed = async () => {
    const until = performance.now() + 15_000;
    while (performance.now() < until) {
      const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM line_inbox WHERE processed_at IS NULL`);
      if (n === 0) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('inbox not processed in time');
  };

  beforeAll(async () => {
    await line.start();
    app = await startTestApp('line', { logs, env: { LINE_API_BASE_URL: line.url, LINE_API_TIMEOUT_MS: '1000', ...KEYS } });
    db = app.app.get(DataSource);
    admin = await signInAdmin(app);
    counselor = await createAndSignIn(app, admin, Role.Counselor, 'line.counselor');
    outsider = await createAndSignIn(app, admin, Role.Counselor, 'line.outsider');
    const otherUnit = randomUUID();
    await db.query(`INSERT INTO units (id, code, name) VALUES ($1, 'line-other', '別の係')`, [otherUnit]);
    await db.query(`UPDATE users SET unit_id = $1 WHERE login_id = 'line.outsider'`, [otherUnit]);
    const created = await request(app.url)
      .post('/api/v1/line/channels')
      .set(as(admin))
      .send({ key: 'ashitaba', name: 'あしたば LINE相談', programCode: 'ashitaba-line', unitId: '6d1f3c2a-0b7e-4c59-9a51-3f0e8a7b1c01', channelSecret: SECRET, accessToken: TOKEN })
      .expect(201);
    channelId = created.body.id;
  });

  afterAll(async () => {
    await app?.close();
    await line.stop();
  });

  describe('accounts', () => {
    it('keeps the channel secret and token encrypted and never returns them', async () => {
      const list = await request(app.url).get('/api/v1/line/channels').set(as(admin)).expect(200);
      expect(list.body).toEqual([expect.objectContaining({ key: 'ashitaba', webhookPath: '/api/v1/line/webhook/ashitaba', active: true })]);
      expect(JSON.stringify(list.body)).not.toContain(SECRET);
      const rows = JSON.stringify(await db.query(`SELECT * FROM line_channels`));
      expect(rows).not.toContain(SECRET);
      expect(rows).not.toContain(TOKEN);
    });

    it('refuses a channel for a program without LINE, and a duplicate key', async () => {
      const res = await request(app.url).post('/api/v1/line/channels').set(as(admin)).send({ key: 'phone-only', name: 'x', programCode: 'lgbtq-phone', channelSecret: SECRET, accessToken: TOKEN }).expect(400);
      expect(res.body.fields[0].field).toBe('programCode');
      await request(app.url).post('/api/v1/line/channels').set(as(admin)).send({ key: 'ashitaba', name: 'x', programCode: 'ashitaba-line', channelSecret: SECRET, accessToken: TOKEN, unitId: '6d1f3c2a-0b7e-4c59-9a51-3f0e8a7b1c01' }).expect(409);
    });
  });

  describe('signature', () => {
    it("acknowledges the console's unsigned verify call (no events) and stores nothing", async () => {
      await post(payload(), null).expect(200);
      await post(payload()).expect(200);
      expect(await count('line_inbox')).toBe(0);
    });

    it('refuses a missing or wrong signature, and a tampered body, storing nothing; the first attempt is audited, the rest counted', async () => {
      const body = payload(textMessage(USER_A, testNow().getTime()));
      await post(body, null).expect(401);
      await post(body, sign(body, 'another-secret-entirely')).expect(401);
      await post(body.replace('逃げたい', '逃げたくない'), sign(body)).expect(401);
      await post(body.replace('"events":[', '"events": ['), sign(body)).expect(401); // same JSON, other bytes
      expect(await count('line_inbox')).toBe(0);
      // The first failure of a 10-minute window is recorded as it happens, the count when the window
      // closes (test/line-webhook-abuse.e2e-spec.ts); two first rows only if these calls straddle a window's end.
      const denied = await db.query(`SELECT detail_code FROM audit_events WHERE action = 'line.webhook.receive' AND outcome = 'denied' AND resource_id = $1 ORDER BY id`, [channelId]);
      expect(denied[0]).toEqual({ detail_code: 'missing-signature' });
      expect(denied.length).toBeLessThanOrEqual(2);
    });
  });

  describe('events', () => {
    it('stores a message once however often LINE delivers it, and processes it once', async () => {
      const message = textMessage(USER_A, testNow().getTime() - 60_000);
      const body = payload(message);
      const res = await post(body).expect(200);
      expect(res.body).toEqual({ ok: true });
      const again = payload({ ...message, deliveryContext: { isRedelivery: true } });
      await post(again).expect(200);
      await post(again).expect(200);
      await processed();
      expect(await count('line_inbox')).toBe(1);
      expect(await db.query(`SELECT count(*)::int AS n FROM line_messages WHERE direction = 'in'`)).toEqual([{ n: 1 }]);
      expect(await count('line_conversations')).toBe(1);
      expect(await count('line_users')).toBe(1);
    });

    it('stores text and LINE user ids only as ciphertext', async () => {
      const dump = JSON.stringify([await db.query(`SELECT * FROM line_inbox`), await db.query(`SELECT * FROM line_messages`), await db.query(`SELECT * FROM line_users`)]);
      expect(dump).not.toContain('逃げたい');
      expect(dump).not.toContain(USER_A);
    });

    it('shows the counselor the waiting conversation and its messages; another unit gets nothing', async () => {
      const list = await request(app.url).get('/api/v1/line/conversations').set(as(counselor)).expect(200);
      expect(list.body).toEqual([expect.objectContaining({ programCode: 'ashitaba-line', status: 'open' })]);
      expect(list.body[0].waitingMinutes).toBeGreaterThanOrEqual(1);
      const messages = await request(app.url).get(`/api/v1/line/conversations/${list.body[0].id}/messages`).set(as(counselor)).expect(200);
      expect(messages.body[0]).toEqual(expect.objectContaining({ direction: 'in', kind: 'text', text: MESSAGE_TEXT }));
      expect((await request(app.url).get('/api/v1/line/conversations').set(as(outsider)).expect(200)).body).toEqual([]);
      await request(app.url).get(`/api/v1/line/conversations/${list.body[0].id}/messages`).set(as(outsider)).expect(404);
      await request(app.url).get('/api/v1/line/conversations').set(as(admin)).expect(403);
      expect(await db.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'line.message.list' AND actor_id = $1 AND outcome = 'allowed'`, [counselor.userId])).toEqual([{ n: 1 }]);
    });

    it('keeps images and stickers as their type only, and acknowledges event types it does not know', async () => {
      const image = lineEvent('message', USER_A, testNow().getTime() - 30_000, { message: { id: '9001', type: 'image', contentProvider: { type: 'line' } } });
      const unknown = lineEvent('messageEdited', USER_A, testNow().getTime() - 20_000, { message: { id: '9001' } });
      const body = payload(image, unknown);
      await post(body).expect(200);
      await processed();
      const kinds = await db.query(`SELECT kind, text_enc FROM line_messages WHERE direction = 'in' ORDER BY occurred_at`);
      expect(kinds).toEqual([expect.objectContaining({ kind: 'text' }), { kind: 'image', text_enc: null }]);
      expect(await db.query(`SELECT event_type FROM line_inbox WHERE event_type = 'messageEdited' AND processed_at IS NOT NULL`)).toHaveLength(1);
    });

    it('starts a new session after a silence longer than the gap, ending the old one', async () => {
      const [open] = await db.query(`SELECT id, last_message_at FROM line_conversations WHERE status = 'open'`);
      const later = new Date(open.last_message_at).getTime() + 25 * 3_600_000;
      await post(payload(textMessage(USER_A, later, '架空の再相談'))).expect(200);
      await processed();
      const sessions = await db.query(`SELECT status, close_reason FROM line_conversations ORDER BY started_at`);
      expect(sessions).toEqual([
        { status: 'closed', close_reason: 'silence' },
        { status: 'open', close_reason: null },
      ]);
    });

    it('counts followers at any date from follow, unfollow and re-follow', async () => {
      await post(payload(lineEvent('follow', USER_B, at('2025-10-01T10:00:00')), lineEvent('follow', USER_A, at('2025-10-02T10:00:00')))).expect(200);
      await post(payload(lineEvent('unfollow', USER_B, at('2025-10-05T10:00:00')))).expect(200);
      await post(payload(lineEvent('follow', USER_B, at('2025-10-10T10:00:00')))).expect(200);
      await processed();
      const followers = async (date: string) => (await request(app.url).get(`/api/v1/line/channels/${channelId}/followers?date=${date}`).set(as(counselor)).expect(200)).body.followers;
      expect(await followers('2025-09-30')).toBe(0);
      expect(await followers('2025-10-01')).toBe(1);
      expect(await followers('2025-10-03')).toBe(2);
      expect(await followers('2025-10-07')).toBe(1);
      expect(await followers('2025-10-12')).toBe(2);
      await request(app.url).get(`/api/v1/line/channels/${channelId}/followers?date=2025-13-01`).set(as(counselor)).expect(400);
    });

    it('never logs message text, LINE user ids, the secret or the token', () => {
      expect(logs.lines.length).toBeGreaterThan(0);
      for (const secret of ['逃げたい', USER_A, USER_B, SECRET, TOKEN]) expect(logs.text).not.toContain(secret);
    });
  });
  describe('replies, the off-hours answer and closing a session', () => {
    const USER_C = `U${'c3'.repeat(16)}`;
    const USER_D = `U${'d4'.repeat(16)}`;
    const pushesTo = (userId: string) => line.pushes.filter((p) => p.to === userId);

    it('answers once per closed period with the next opening and the emergency numbers: on 12/30, on a holiday, not on a weekday evening', async () => {
      await post(payload(textMessage(USER_C, at('2025-12-30T20:00:00')), textMessage(USER_C, at('2025-12-30T20:01:00')))).expect(200);
      await processed();
      await waitFor(async () => pushesTo(USER_C).length >= 1);
      expect(pushesTo(USER_C)).toHaveLength(1);
      expect(pushesTo(USER_C)[0].text).toContain('次の受付は1月5日（月）19:00からです');
      expect(pushesTo(USER_C)[0].text).toContain('#8008');
      expect(pushesTo(USER_C)[0].auth).toBe(`Bearer ${TOKEN}`);

      await post(payload(textMessage(USER_D, at('2025-11-03T20:00:00')))).expect(200); // 文化の日
      await post(payload(textMessage(USER_D, at('2025-11-04T20:00:00')))).expect(200); // Tuesday evening, open
      await processed();
      await waitFor(async () => pushesTo(USER_D).length >= 1);
      await new Promise((r) => setTimeout(r, 300));
      expect(pushesTo(USER_D)).toHaveLength(1);
      expect(pushesTo(USER_D)[0].text).toContain('次の受付は11月4日（火）19:00からです');
    });

    it('retries a push after a 500 with the same retry key and delivers it exactly once, even when the 500 came after LINE accepted it', async () => {
      line.failNext = ['lost'];
      const before = line.pushes.length;
      await post(payload(textMessage(USER_C, at('2026-01-01T10:00:00')))).expect(200); // 元日: another closed period, a new session
      await processed();
      await waitFor(async () => line.pushes.length > before);
      const [row] = await db.query(`SELECT delivery, retry_key, send_attempts FROM line_messages WHERE kind = 'auto-reply' ORDER BY occurred_at DESC LIMIT 1`);
      await waitFor(async () => (await db.query(`SELECT delivery FROM line_messages WHERE retry_key = $1`, [row.retry_key]))[0].delivery === 'sent');
      expect(line.pushes.filter((p) => p.retryKey === row.retry_key)).toHaveLength(1);
      expect((await db.query(`SELECT send_attempts FROM line_messages WHERE retry_key = $1`, [row.retry_key]))[0].send_attempts).toBe(2);
    });

    it('retries a push LINE does not answer in time, and delivers it once', async () => {
      line.failNext = ['hang'];
      const before = line.pushes.length;
      await post(payload(textMessage(USER_D, at('2025-12-31T10:00:00')))).expect(200);
      await processed();
      await waitFor(async () => line.pushes.length > before);
      const [row] = await db.query(`SELECT retry_key FROM line_messages WHERE kind = 'auto-reply' ORDER BY occurred_at DESC LIMIT 1`);
      await waitFor(async () => (await db.query(`SELECT delivery FROM line_messages WHERE retry_key = $1`, [row.retry_key]))[0].delivery === 'sent');
      expect(line.pushes.filter((p) => p.retryKey === row.retry_key)).toHaveLength(1);
      expect((await db.query(`SELECT send_attempts FROM line_messages WHERE retry_key = $1`, [row.retry_key]))[0].send_attempts).toBe(2);
    });

    it('marks a push LINE refuses (4xx) as 送信失敗 without retrying', async () => {
      line.failNext = [400];
      await post(payload(textMessage(USER_D, at('2026-01-02T10:00:00')))).expect(200);
      await processed();
      await waitFor(async () => (await db.query(`SELECT count(*)::int AS n FROM line_messages WHERE delivery = 'failed'`))[0].n === 1);
      const [conversation] = await db.query(`SELECT c.id FROM line_conversations c JOIN line_messages m ON m.conversation_id = c.id WHERE m.delivery = 'failed'`);
      const messages = await request(app.url).get(`/api/v1/line/conversations/${conversation.id}/messages`).set(as(counselor)).expect(200);
      expect(messages.body.find((m: { direction: string }) => m.direction === 'out')).toMatchObject({ kind: 'auto-reply', delivery: 'failed', deliveryLabel: '送信失敗' });
    });

    it('lets a counselor reply only in service hours; a supervisor may outside them', async () => {
      const supervisor = await createAndSignIn(app, admin, Role.Supervisor, 'line.supervisor');
      await post(payload(textMessage(USER_C, testNow().getTime() - 1000, '架空：今すぐ話したい'))).expect(200);
      await processed();
      // The session that message opened: the open one whose last message is nearest to now.
      const [conversation] = await db.query(`SELECT id FROM line_conversations WHERE status = 'open' ORDER BY abs(extract(epoch FROM last_message_at - $1::timestamptz)) LIMIT 1`, [testNow()]);
      const now = app.app.get(Clock).now();
      const openNow = nextOpening([{ kind: 'weekly', weekdays: [1, 2, 3, 4, 5], start: '19:00', end: '22:00' }], now, { dates: new Set(), monthDays: new Set(['12-29', '12-30', '12-31', '01-01', '01-02', '01-03']) })!;
      const closedNow = openNow.getTime() - now.getTime() > 60_000;
      if (closedNow) {
        const refused = await request(app.url).post(`/api/v1/line/conversations/${conversation.id}/messages`).set(as(counselor)).send({ text: '架空の返信' }).expect(409);
        expect(refused.body.fields[0].field).toBe('text');
        await request(app.url).post(`/api/v1/line/conversations/${conversation.id}/messages`).set(as(supervisor)).send({ text: '架空：係長からの返信' }).expect(201);
        advanceClock(app, openNow.getTime() - now.getTime() + 60_000);
        counselor = await signInAgain(app, counselor, TEST_PASSWORD);
      }
      const sent = await request(app.url).post(`/api/v1/line/conversations/${conversation.id}/messages`).set(as(counselor)).send({ text: '架空：相談員からの返信' }).expect(201);
      expect(sent.body).toMatchObject({ direction: 'out', delivery: 'queued', text: '架空：相談員からの返信' });
      await waitFor(async () => line.pushes.some((p) => p.text === '架空：相談員からの返信'));
      expect(line.pushes.find((p) => p.text === '架空：相談員からの返信')!.to).toBe(USER_C);
      const [state] = await db.query(`SELECT waiting_since, first_response_at FROM line_conversations WHERE id = $1`, [conversation.id]);
      expect(state.waiting_since).toBeNull();
      expect(state.first_response_at).not.toBeNull();
    });

    it('turns an answered session into a LINE consultation record on the linked case when closed; an unanswered one into none', async () => {
      outsider = await signInAgain(app, outsider, TEST_PASSWORD); // the clock may have moved to service hours
      const [answered] = await db.query(`SELECT id, version FROM line_conversations WHERE first_response_at IS NOT NULL AND status = 'open' LIMIT 1`);
      const client = await request(app.url).post('/api/v1/clients').set(as(counselor)).send({ name: '架空 LINE相談者' }).expect(201);
      const kase = await request(app.url).post('/api/v1/cases').set(as(counselor)).send({ clientId: client.body.id, programCode: 'ashitaba-line', mainConcerns: ['husband-violence'] }).expect(201);
      await request(app.url).post(`/api/v1/line/conversations/${answered.id}/link`).set(as(outsider)).send({ version: answered.version, caseId: kase.body.id }).expect(404);
      const linked = await request(app.url).post(`/api/v1/line/conversations/${answered.id}/link`).set(as(counselor)).send({ version: answered.version, caseId: kase.body.id }).expect(200);
      expect(linked.body.caseId).toBe(kase.body.id);
      const bad = await request(app.url).post(`/api/v1/line/conversations/${answered.id}/close`).set(as(counselor)).send({ version: linked.body.version, mainConcern: 'no-such-concern', dvRelated: true }).expect(400);
      expect(bad.body.fields[0].field).toBe('mainConcern');
      const closed = await request(app.url).post(`/api/v1/line/conversations/${answered.id}/close`).set(as(counselor)).send({ version: linked.body.version, mainConcern: 'husband-violence', dvRelated: true }).expect(200);
      expect(closed.body).toMatchObject({ status: 'closed', caseId: kase.body.id });
      const [contact] = await db.query(`SELECT case_id, channel, program_code, dv_related FROM contacts WHERE id = $1`, [closed.body.contactId]);
      expect(contact).toEqual({ case_id: kase.body.id, channel: 'line', program_code: 'ashitaba-line', dv_related: true });

      const [unanswered] = await db.query(`SELECT id, version FROM line_conversations WHERE first_response_at IS NULL AND status = 'open' LIMIT 1`);
      const none = await request(app.url).post(`/api/v1/line/conversations/${unanswered.id}/close`).set(as(counselor)).send({ version: unanswered.version, mainConcern: 'other', dvRelated: false }).expect(200);
      expect(none.body.contactId).toBeNull();
      await request(app.url).post(`/api/v1/line/conversations/${unanswered.id}/close`).set(as(counselor)).send({ version: unanswered.version + 1, mainConcern: 'other', dvRelated: false }).expect(409);
    });

    it('still never logs message text or user ids', () => {
      for (const secret of ['今すぐ話したい', '相談員からの返信', USER_C, USER_D, TOKEN]) expect(logs.text).not.toContain(secret);
    });
  });
  describe('greeting, read receipts, typing, provisions and silent sessions', () => {
    const USER_E = `U${'e5'.repeat(16)}`;

    it('greets a new friend once with the service hours, keyed by the follow event', async () => {
      const follow = lineEvent('follow', USER_E, testNow().getTime() - 5000);
      await post(payload(follow)).expect(200);
      await post(payload({ ...follow, deliveryContext: { isRedelivery: true } })).expect(200);
      await processed();
      await waitFor(() => line.pushes.some((p) => p.to === USER_E));
      await new Promise((r) => setTimeout(r, 300));
      const greetings = line.pushes.filter((p) => p.to === USER_E);
      expect(greetings).toHaveLength(1);
      expect(greetings[0].text).toContain('友だち追加ありがとうございます');
      expect(greetings[0].text).toContain('月〜金 19:00〜22:00');
      const [inbox] = await db.query(`SELECT id FROM line_inbox WHERE event_type = 'follow' ORDER BY received_at DESC LIMIT 1`);
      expect(greetings[0].retryKey).toBe(inbox.id);
    });

    it("tells LINE the messages were read when a counselor opens them, and shows a loading indicator while she writes", async () => {
      const message = lineEvent('message', USER_E, testNow().getTime() - 2000, {
        replyToken: 'synthetic-reply-token',
        message: { id: '7001', type: 'text', quoteToken: 'q', text: '架空：既読テスト', markAsReadToken: 'synthetic-mark-as-read-token' },
      });
      await post(payload(message)).expect(200);
      await processed();
      expect(JSON.stringify(await db.query(`SELECT read_token_enc FROM line_messages WHERE read_token_enc IS NOT NULL`))).not.toContain('synthetic-mark-as-read-token');
      const [conversation] = await db.query(`SELECT c.id FROM line_conversations c JOIN line_messages m ON m.conversation_id = c.id WHERE m.read_token_enc IS NOT NULL`);
      await request(app.url).get(`/api/v1/line/conversations/${conversation.id}/messages`).set(as(counselor)).expect(200);
      await waitFor(() => line.chatCalls.some((c) => c.path === '/v2/bot/chat/markAsRead'));
      expect(line.chatCalls.find((c) => c.path === '/v2/bot/chat/markAsRead')!.body).toEqual({ markAsReadToken: 'synthetic-mark-as-read-token' });
      await waitFor(async () => (await db.query(`SELECT count(*)::int AS n FROM line_messages WHERE read_token_enc IS NOT NULL`))[0].n === 0);

      await request(app.url).post(`/api/v1/line/conversations/${conversation.id}/typing`).set(as(counselor)).expect(204);
      await waitFor(() => line.chatCalls.some((c) => c.path === '/v2/bot/chat/loading/start'));
      expect(line.chatCalls.find((c) => c.path === '/v2/bot/chat/loading/start')!.body).toEqual({ chatId: USER_E, loadingSeconds: 20 });
      await request(app.url).post(`/api/v1/line/conversations/${conversation.id}/typing`).set(as(outsider)).expect(404);
    });

    it('records supplies handed out (生理用品 sets) from a conversation or a case, refusing bad input', async () => {
      const [conversation] = await db.query(`SELECT id FROM line_conversations WHERE status = 'open' LIMIT 1`);
      const created = await request(app.url).post(`/api/v1/line/conversations/${conversation.id}/provisions`).set(as(counselor)).send({ kind: 'sanitary-products', quantity: 3, date: '2025-10-01' }).expect(201);
      expect(created.body).toMatchObject({ kindLabel: '生理用品', quantity: 3, programCode: 'ashitaba-line', lineConversationId: conversation.id });
      const zero = await request(app.url).post(`/api/v1/line/conversations/${conversation.id}/provisions`).set(as(counselor)).send({ kind: 'sanitary-products', quantity: 0, date: '2025-10-01' }).expect(400);
      expect(zero.body.fields[0].field).toBe('quantity');
      const future = await request(app.url).post(`/api/v1/line/conversations/${conversation.id}/provisions`).set(as(counselor)).send({ kind: 'sanitary-products', quantity: 1, date: '2099-01-01' }).expect(400);
      expect(future.body.fields[0].field).toBe('date');
      const client = await request(app.url).post('/api/v1/clients').set(as(counselor)).send({ name: '架空 提供先' }).expect(201);
      const kase = await request(app.url).post('/api/v1/cases').set(as(counselor)).send({ clientId: client.body.id, programCode: 'josei-soudan', mainConcerns: ['other'] }).expect(201);
      await request(app.url).post(`/api/v1/cases/${kase.body.id}/provisions`).set(as(counselor)).send({ kind: 'sanitary-products', quantity: 2, date: '2025-10-02' }).expect(201);
      await request(app.url).post(`/api/v1/cases/${kase.body.id}/provisions`).set(as(outsider)).send({ kind: 'sanitary-products', quantity: 2, date: '2025-10-02' }).expect(404);
      const listed = await request(app.url).get(`/api/v1/cases/${kase.body.id}/provisions`).set(as(counselor)).expect(200);
      expect(listed.body).toEqual([expect.objectContaining({ quantity: 2, programCode: 'josei-soudan' })]);
      expect((await db.query(`SELECT sum(quantity)::int AS sets FROM provisions WHERE kind = 'sanitary-products'`))[0].sets).toBe(5);
    });

    it('ends sessions silent past the gap; an answered one becomes a record in the name of the counselor who answered', async () => {
      const [answered] = await db.query(`SELECT id FROM line_conversations WHERE status = 'open' AND first_response_at IS NOT NULL LIMIT 1`);
      const target = answered ?? (await db.query(`SELECT id FROM line_conversations WHERE status = 'open' LIMIT 1`))[0];
      if (!answered) {
        // Make one answered: a supervisor may reply at any hour.
        admin = await signInAgain(app, admin, BOOTSTRAP_ADMIN_PASSWORD);
        const supervisor = await createAndSignIn(app, admin, Role.Supervisor, 'line.supervisor2');
        await request(app.url).post(`/api/v1/line/conversations/${target.id}/messages`).set(as(supervisor)).send({ text: '架空：返信' }).expect(201);
      }
      const [{ author_id: author }] = await db.query(`SELECT author_id FROM line_messages WHERE conversation_id = $1 AND author_id IS NOT NULL ORDER BY occurred_at LIMIT 1`, [target.id]);
      advanceClock(app, 25 * 3_600_000 + 60 * 3_600_000);
      const { SessionCloser } = await import('@tsunagu/line');
      const closed = await app.app.get(SessionCloser).closeAllSilent();
      expect(closed).toBeGreaterThan(0);
      expect(await db.query(`SELECT count(*)::int AS n FROM line_conversations WHERE status = 'open'`)).toEqual([{ n: 0 }]);
      const [session] = await db.query(`SELECT close_reason, contact_id FROM line_conversations WHERE id = $1`, [target.id]);
      expect(session.close_reason).toBe('silence');
      const [contact] = await db.query(`SELECT counselor_id, channel, main_concern FROM contacts WHERE id = $1`, [session.contact_id]);
      expect(contact).toEqual({ counselor_id: author, channel: 'line', main_concern: 'other' });
      expect(await db.query(`SELECT count(*)::int AS n FROM line_conversations WHERE close_reason = 'silence' AND first_response_at IS NULL AND contact_id IS NOT NULL`)).toEqual([{ n: 0 }]);
    });
  });
  // An api without a worker needs Redis (the in-process queue runs only beside a worker).
  (realRedisUrl ? describe : describe.skip)('while the worker is stopped', () => {
    it('keeps answering 200, loses nothing, and the sweep hands the waiting events to the worker when it is back', async () => {
      const apiOnly = await startTestApp('line-api-only', { withWorker: false, sharedDatabase: app.db, env: { LINE_API_BASE_URL: line.url, ...KEYS } });
      try {
        const USER_F = `U${'f6'.repeat(16)}`;
        const body = payload(textMessage(USER_F, testNow().getTime() - 1000, '架空：ワーカー停止中'));
        await request(apiOnly.url).post('/api/v1/line/webhook/ashitaba').set('content-type', 'application/json').set('x-line-signature', sign(body)).send(body).expect(200);
        const [waiting] = await db.query(`SELECT id FROM line_inbox WHERE processed_at IS NULL`);
        expect(waiting).toBeDefined();
        const { LineEventProcessor } = await import('@tsunagu/line');
        advanceClock(app, 60_000); // older than the sweep's grace period
        await app.app.get(LineEventProcessor).sweep();
        await processed();
        expect((await db.query(`SELECT processed_at FROM line_inbox WHERE id = $1`, [waiting.id]))[0].processed_at).not.toBeNull();
      } finally {
        await apiOnly.close();
      }
    });
  });
});
