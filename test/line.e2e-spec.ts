import { Role } from '@tsunagu/common';
import { createHmac, randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createAndSignIn, signInAdmin, SignedIn } from './support/auth-helpers';
import { LogCapture, startTestApp, TestApp } from './support/test-app';

// Synthetic LINE payloads in the real shape (webhook.CallbackRequest); no real account or person.
const SECRET = 'synthetic-channel-secret-0001';
const TOKEN = 'synthetic-access-token-0001';
const USER_A = `U${'a1'.repeat(16)}`;
const USER_B = `U${'b2'.repeat(16)}`;
const MESSAGE_TEXT = '架空の相談メッセージ：夫から逃げたい';

const sign = (body: string, secret = SECRET) => createHmac('sha256', secret).update(Buffer.from(body, 'utf8')).digest('base64');
const at = (local: string) => new Date(`${local}+09:00`).getTime();

function event(type: string, userId: string, timestamp: number, extra: Record<string, unknown> = {}, redelivery = false) {
  return {
    type,
    mode: 'active',
    timestamp,
    source: { type: 'user', userId },
    webhookEventId: `01J${randomUUID().replace(/-/g, '').slice(0, 23).toUpperCase()}`,
    deliveryContext: { isRedelivery: redelivery },
    ...extra,
  };
}
const textMessage = (userId: string, timestamp: number, text = MESSAGE_TEXT) =>
  event('message', userId, timestamp, { replyToken: 'synthetic-reply-token', message: { id: String(timestamp), type: 'text', quoteToken: 'q', text } });
const payload = (...events: unknown[]) => JSON.stringify({ destination: `U${'0'.repeat(32)}`, events });

describe('LINE webhook and inbox', () => {
  const logs = new LogCapture();
  let app: TestApp;
  let db: DataSource;
  let admin: SignedIn;
  let counselor: SignedIn;
  let outsider: SignedIn;
  let channelId: string;
  const as = (who: SignedIn) => ({ Authorization: `Bearer ${who.token}` });
  const post = (body: string, signature?: string | null, key = 'ashitaba') => {
    const req = request(app.url).post(`/api/v1/line/webhook/${key}`).set('content-type', 'application/json');
    if (signature !== null) req.set('x-line-signature', signature ?? sign(body));
    return req.send(body);
  };
  const count = async (table: string) => (await db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;
  const processed = async () => {
    const until = Date.now() + 15_000;
    while (Date.now() < until) {
      const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM line_inbox WHERE processed_at IS NULL`);
      if (n === 0) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('inbox not processed in time');
  };

  beforeAll(async () => {
    app = await startTestApp('line', { logs });
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

    it('refuses a missing or wrong signature, and a tampered body, storing nothing; the attempt is audited', async () => {
      const body = payload(textMessage(USER_A, Date.now()));
      await post(body, null).expect(401);
      await post(body, sign(body, 'another-secret-entirely')).expect(401);
      await post(body.replace('逃げたい', '逃げたくない'), sign(body)).expect(401);
      await post(body.replace('"events":[', '"events": ['), sign(body)).expect(401); // same JSON, other bytes
      expect(await count('line_inbox')).toBe(0);
      const denied = await db.query(`SELECT detail_code FROM audit_events WHERE action = 'line.webhook.receive' AND outcome = 'denied' ORDER BY id`);
      expect(denied.map((r: { detail_code: string }) => r.detail_code)).toEqual(['missing-signature', 'bad-signature', 'bad-signature', 'bad-signature']);
      await post(body, sign(body), 'no-such-account').expect(404);
    });
  });

  describe('events', () => {
    it('stores a message once however often LINE delivers it, and processes it once', async () => {
      const message = textMessage(USER_A, Date.now() - 60_000);
      const body = payload(message);
      const res = await post(body).expect(200);
      expect(res.body).toEqual({ ok: true });
      const again = payload({ ...message, deliveryContext: { isRedelivery: true } });
      await post(again).expect(200);
      await post(again).expect(200);
      await processed();
      expect(await count('line_inbox')).toBe(1);
      expect(await count('line_messages')).toBe(1);
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
      expect(list.body).toEqual([expect.objectContaining({ programCode: 'ashitaba-line', status: 'open', messageCount: 1 })]);
      expect(list.body[0].waitingMinutes).toBeGreaterThanOrEqual(1);
      const messages = await request(app.url).get(`/api/v1/line/conversations/${list.body[0].id}/messages`).set(as(counselor)).expect(200);
      expect(messages.body).toEqual([expect.objectContaining({ direction: 'in', kind: 'text', text: MESSAGE_TEXT })]);
      expect((await request(app.url).get('/api/v1/line/conversations').set(as(outsider)).expect(200)).body).toEqual([]);
      await request(app.url).get(`/api/v1/line/conversations/${list.body[0].id}/messages`).set(as(outsider)).expect(404);
      await request(app.url).get('/api/v1/line/conversations').set(as(admin)).expect(403);
      expect(await db.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'line.message.list' AND actor_id = $1 AND outcome = 'allowed'`, [counselor.userId])).toEqual([{ n: 1 }]);
    });

    it('keeps images and stickers as their type only, and acknowledges event types it does not know', async () => {
      const image = event('message', USER_A, Date.now() - 30_000, { message: { id: '9001', type: 'image', contentProvider: { type: 'line' } } });
      const unknown = event('messageEdited', USER_A, Date.now() - 20_000, { message: { id: '9001' } });
      const body = payload(image, unknown);
      await post(body).expect(200);
      await processed();
      const kinds = await db.query(`SELECT kind, text_enc FROM line_messages ORDER BY occurred_at`);
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
      await post(payload(event('follow', USER_B, at('2025-10-01T10:00:00')), event('follow', USER_A, at('2025-10-02T10:00:00')))).expect(200);
      await post(payload(event('unfollow', USER_B, at('2025-10-05T10:00:00')))).expect(200);
      await post(payload(event('follow', USER_B, at('2025-10-10T10:00:00')))).expect(200);
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
});
