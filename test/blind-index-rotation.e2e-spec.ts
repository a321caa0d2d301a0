import { Role } from '@tsunagu/common';
import { BlindIndexer, blindIndexKeyId, resolveKeyMaterial } from '@tsunagu/crypto';
import { createScratchDatabase, ScratchDatabase } from '@tsunagu/database';
import { randomBytes, randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { BlindIndexProgress, recomputeBlindIndexes } from '../apps/cli/src/keys-rotate/blind-indexes';
import { createAndSignIn, signInAdmin, SignedIn, signInAgain, TEST_PASSWORD, UNIT_ID } from './support/auth-helpers';
import { FakeLine } from './support/fake-line';
import { realDatabaseUrl, startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait';
import { testNow } from './support/clock';
import { lineBody, lineEvent, lineSignature } from './support/line-webhook';

// Blind-index key rotation: clients and a LINE user indexed under K1 are still found
// after a restart with K2 current and K1 previous; keys:rotate's recompute, interrupted and resumed,
// moves every row to K2; after a restart with K2 alone everything is still found. Synthetic data.
describe('blind-index key rotation', () => {
  const master = randomBytes(32);
  const k1 = randomBytes(32);
  const k2 = randomBytes(32);
  const [k1Id, k2Id] = [blindIndexKeyId(k1), blindIndexKeyId(k2)];
  const SECRET = 'synthetic-channel-secret-bidx';
  const TOKEN = 'synthetic-access-token-bidx';
  const USER_A = `U${'c3'.repeat(16)}`;
  const USER_B = `U${'d4'.repeat(16)}`;
  const CLIENTS = [0, 1, 2, 3, 4].map((i) => ({ name: `架空 索引${i}`, kana: `かそう さくいん${'イロハニホ'[i]}`, phone: `090-3333-00${i}0` }));
  const line = new FakeLine(TOKEN);
  let db: ScratchDatabase;
  let app: TestApp | undefined;
  let counselor: SignedIn;
  const clientIds: string[] = [];
  let shreddedId: string;
  let midRotationId: string;
  let before: Map<string, { phone_bidx: string | null; kana_bidx: string | null }>;
  let lineUserBefore: { id: string; user_id_bidx: string };

  const start = async (current: Buffer, previous?: Buffer) => {
    await app?.close();
    app = await startTestApp('blind-index-rotation', {
      sharedDatabase: db,
      env: {
        TSUNAGU_MASTER_KEY: master.toString('base64'),
        TSUNAGU_BLIND_INDEX_KEY: current.toString('base64'),
        ...(previous ? { TSUNAGU_PREVIOUS_BLIND_INDEX_KEY: previous.toString('base64') } : {}),
        LINE_API_BASE_URL: line.url,
        LINE_API_TIMEOUT_MS: '1000',
      },
    });
    return app;
  };
  const sql = () => app!.app.get(DataSource);
  const as = () => ({ Authorization: `Bearer ${counselor.token}` });
  const search = async (query: { phone?: string; kana?: string }) =>
    ((await request(app!.url).get('/api/v1/clients').query(query).set(as()).expect(200)).body as Array<{ id: string }>).map((c) => c.id);
  const sendEvent = async (userId: string, type: 'message' | 'follow', extra: Record<string, unknown> = {}) => {
    const body = lineBody(lineEvent(type, userId, testNow().getTime(), extra));
    const signature = lineSignature(body, SECRET);
    await request(app!.url).post('/api/v1/line/webhook/bidx').set('content-type', 'application/json').set('x-line-signature', signature).send(body).expect(200);
    await waitFor(async () => (await sql().query(`SELECT count(*)::int AS n FROM line_inbox WHERE processed_at IS NULL`))[0].n === 0, 15_000, 'LINE event processed');
  };
  const sendText = (userId: string, text: string) =>
    sendEvent(userId, 'message', { replyToken: 'synthetic-reply-token', message: { id: String(testNow().getTime()), type: 'text', quoteToken: 'q', text } });
  const lineState = async () => ({
    users: (await sql().query(`SELECT id, user_id_bidx, bidx_key_id FROM line_users ORDER BY created_at`)) as Array<{ id: string; user_id_bidx: string | null; bidx_key_id: string | null }>,
    conversations: (await sql().query(`SELECT c.id, c.line_user_id, count(m.id)::int AS messages FROM line_conversations c JOIN line_messages m ON m.conversation_id = c.id AND m.direction = 'in' GROUP BY c.id ORDER BY c.started_at`)) as Array<{ id: string; line_user_id: string; messages: number }>,
  });
  const clientRows = async () =>
    (await sql().query(`SELECT id, phone_bidx, kana_bidx, bidx_key_id FROM clients ORDER BY id`)) as Array<{ id: string; phone_bidx: string | null; kana_bidx: string | null; bidx_key_id: string | null }>;

  beforeAll(async () => {
    await line.start();
    db = await createScratchDatabase('blind-index-rotation', realDatabaseUrl, { embeddedIn: 'child-process' });
    await start(k1);
    const admin = await signInAdmin(app!);
    counselor = await createAndSignIn(app!, admin, Role.Counselor, 'bidx.counselor');
    await request(app!.url)
      .post('/api/v1/line/channels')
      .set({ Authorization: `Bearer ${admin.token}` })
      .send({ key: 'bidx', name: 'あしたば LINE相談', programCode: 'ashitaba-line', unitId: UNIT_ID, channelSecret: SECRET, accessToken: TOKEN })
      .expect(201);
    for (const client of CLIENTS) clientIds.push((await request(app!.url).post('/api/v1/clients').set(as()).send(client).expect(201)).body.id);
    shreddedId = (await request(app!.url).post('/api/v1/clients').set(as()).send({ name: '架空 消去', kana: 'カソウ ショウキョ', phone: '090-3333-9990' }).expect(201)).body.id;
    await sendText(USER_A, '架空の相談：一通目');
    await sendText(USER_B, '架空の相談：別の人');
  }, 90_000);

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    await line.stop();
  });

  it('under K1: every index written records K1’s id; a row from before ids were recorded is NULL', async () => {
    const rows = await clientRows();
    expect(rows).toHaveLength(6);
    expect(new Set(rows.map((r) => r.bidx_key_id))).toEqual(new Set([k1Id]));
    const { users, conversations } = await lineState();
    expect(users.map((u) => u.bidx_key_id)).toEqual([k1Id, k1Id]);
    expect(conversations.map((c) => c.messages)).toEqual([1, 1]);
    // Rows written before the BlindIndexKeys migration carry no id: computed with the key of the time (here K1).
    await sql().query(`UPDATE clients SET bidx_key_id = NULL WHERE id = $1`, [clientIds[4]]);
    await sql().query(`UPDATE line_users SET bidx_key_id = NULL WHERE id = $1`, [users[0].id]);
    // The shredded client: her data key destroyed (crypto-shredding), her indexes still there.
    await sql().query(`UPDATE data_keys SET wrapped_key = NULL, master_key_id = NULL, destroyed_at = $2 WHERE subject_type = 'client' AND subject_id = $1`, [shreddedId, testNow()]);
    before = new Map(rows.map((r) => [r.id, r]));
    lineUserBefore = users[0] as { id: string; user_id_bidx: string };
  });

  it('with K2 current and K1 previous: phone and kana searches still find every client', async () => {
    await start(k2, k1);
    counselor = await signInAgain(app!, counselor, TEST_PASSWORD);
    for (const [i, client] of CLIENTS.entries()) {
      expect(await search({ phone: client.phone })).toEqual([clientIds[i]]);
      expect(await search({ kana: client.kana })).toEqual([clientIds[i]]);
      expect(await search({ phone: client.phone, kana: client.kana })).toEqual([clientIds[i]]);
    }
  });

  it('with K2 current and K1 previous: the LINE user’s next message joins her line user and conversation', async () => {
    await sendText(USER_A, '架空の相談：二通目');
    const { users, conversations } = await lineState();
    expect(users.map((u) => u.id)).toEqual([lineUserBefore.id, expect.any(String)]);
    expect(conversations.find((c) => c.line_user_id === lineUserBefore.id)).toMatchObject({ messages: 2 });
    expect(conversations).toHaveLength(2);
    // The greeting job finds her by the LINE user id as well.
    await sendEvent(USER_A, 'follow');
    await waitFor(() => line.pushes.some((p) => p.to === USER_A && p.text.includes('友だち追加ありがとうございます')), 15_000, 'greeting sent');
    expect((await lineState()).users).toHaveLength(2);
  });

  it('mid-rotation, writes use K2: a new client, and an updated one (both of its indexes)', async () => {
    midRotationId = (await request(app!.url).post('/api/v1/clients').set(as()).send({ name: '架空 途中', kana: 'カソウ トチュウ', phone: '090-3333-7770' }).expect(201)).body.id;
    const current = await request(app!.url).get(`/api/v1/clients/${clientIds[1]}`).set(as()).expect(200);
    await request(app!.url).patch(`/api/v1/clients/${clientIds[1]}`).set(as()).send({ version: current.body.version, phone: '090-3333-1111' }).expect(200);
    CLIENTS[1].phone = '090-3333-1111';
    const rows = new Map((await clientRows()).map((r) => [r.id, r]));
    const k2Indexer = new BlindIndexer(k2);
    expect(rows.get(midRotationId)).toMatchObject({ bidx_key_id: k2Id, phone_bidx: k2Indexer.phone('090-3333-7770') });
    expect(rows.get(clientIds[1])).toMatchObject({ bidx_key_id: k2Id, phone_bidx: k2Indexer.phone('090-3333-1111'), kana_bidx: k2Indexer.kana(CLIENTS[1].kana) });
    expect(await search({ phone: '090-3333-7770' })).toEqual([midRotationId]);
    expect(await search({ kana: CLIENTS[1].kana })).toEqual([clientIds[1]]);
  });

  it('recomputes in audited batches, picks up after an interruption, clears the indexes of a shredded client and names the previous key removable', async () => {
    const keys = resolveKeyMaterial({ nodeEnv: 'test', masterKey: master, blindIndexKey: k2, previousBlindIndexKey: k1, dataDir: tmpdir(), persist: false });
    // A second row for LINE user B already under K2, as a process running without the previous key would have made.
    const [userB] = await sql().query(`SELECT id, user_id_enc, data_key_id, channel_id FROM line_users WHERE bidx_key_id = $1`, [k1Id]);
    const duplicateB = randomUUID();
    await sql().query(
      `INSERT INTO line_users (id, channel_id, user_id_bidx, bidx_key_id, user_id_enc, data_key_id, following, created_at) VALUES ($1, $2, $3, $4, $5, $6, false, $7)`,
      [duplicateB, userB.channel_id, new BlindIndexer(k2).lineUser(USER_B), k2Id, userB.user_id_enc, userB.data_key_id, testNow()],
    );
    const notCurrent = async () => (await sql().query(`SELECT count(*)::int AS n FROM clients WHERE bidx_key_id IS DISTINCT FROM $1`, [k2Id]))[0].n as number;
    expect(await notCurrent()).toBe(5); // six from K1 (one NULL) less the one since updated under K2
    // Batches go in id order: is the shredded client among the first two, done before the interruption?
    const firstBatch = ((await sql().query(`SELECT id FROM clients WHERE bidx_key_id IS DISTINCT FROM $1 ORDER BY id LIMIT 2`, [k2Id])) as Array<{ id: string }>).map((r) => r.id);
    const shreddedLater = firstBatch.includes(shreddedId) ? 0 : 1;

    // Interrupted after the first batch of two (a crash, a Ctrl-C)…
    const stop = new Error('interrupted');
    await expect(recomputeBlindIndexes(sql(), keys, () => { throw stop; }, 2)).rejects.toBe(stop);
    expect(await notCurrent()).toBe(3);

    // …and run again: it finishes what is left.
    const progress: BlindIndexProgress[] = [];
    const result = await recomputeBlindIndexes(sql(), keys, (p) => progress.push(p), 2);
    expect(result).toEqual({
      currentKeyId: k2Id,
      previousKeyId: k1Id,
      clients: { recomputed: 3 - shreddedLater, shredded: shreddedLater, duplicates: 0, remaining: 0 },
      lineUsers: { recomputed: 1, shredded: 0, duplicates: 1, remaining: 0 },
      done: true,
    });
    expect(progress.filter((p) => p.table === 'clients')).toEqual([
      { table: 'clients', recomputed: 2, remaining: 1 },
      { table: 'clients', recomputed: 3, remaining: 0 },
    ]);
    expect(progress.at(-1)).toEqual({ table: 'line_users', recomputed: 2, remaining: 0 });
    expect(JSON.stringify(progress) + JSON.stringify(result)).not.toMatch(/090|カソウ|架空|U[0-9a-f]{32}/);

    const rows = await clientRows();
    expect(new Set(rows.map((r) => r.bidx_key_id))).toEqual(new Set([k2Id]));
    for (const id of clientIds) {
      expect(rows.find((r) => r.id === id)!.phone_bidx).not.toBe(before.get(id)!.phone_bidx);
      expect(rows.find((r) => r.id === id)!.kana_bidx).not.toBe(before.get(id)!.kana_bidx);
    }
    expect(rows.find((r) => r.id === shreddedId)).toMatchObject({ phone_bidx: null, kana_bidx: null });
    const { users } = await lineState();
    const a = users.find((u) => u.id === lineUserBefore.id)!;
    expect(a).toEqual({ id: lineUserBefore.id, user_id_bidx: new BlindIndexer(k2).lineUser(USER_A), bidx_key_id: k2Id });
    expect(a.user_id_bidx).not.toBe(lineUserBefore.user_id_bidx);
    // (channel, user) stays unique: the row already under K2 keeps user B, the older one is left unindexed.
    expect(users.find((u) => u.id === userB.id)).toMatchObject({ user_id_bidx: null, bidx_key_id: k2Id });
    expect(users.find((u) => u.id === duplicateB)).toMatchObject({ user_id_bidx: new BlindIndexer(k2).lineUser(USER_B) });

    // Each batch is one audited transaction: 3 + 2 for clients, 1 + 1 for LINE users (batches of two).
    const audited = await sql().query(`SELECT resource_type, detail_code FROM audit_events WHERE action = 'blind-index.recompute' ORDER BY id`);
    expect(audited).toEqual([
      { resource_type: 'client', detail_code: `${k2Id}:2` },
      { resource_type: 'client', detail_code: `${k2Id}:2` },
      { resource_type: 'client', detail_code: `${k2Id}:1` },
      { resource_type: 'line-user', detail_code: `${k2Id}:2` },
    ]);

    // Once done, a run changes nothing and writes no audit event.
    const again = await recomputeBlindIndexes(sql(), keys, () => undefined, 2);
    expect(again.clients).toEqual({ recomputed: 0, shredded: 0, duplicates: 0, remaining: 0 });
    expect(again.done).toBe(true);
    expect((await sql().query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'blind-index.recompute'`))[0].n).toBe(4);
  });

  it('with K2 alone: every client is still found, the shredded one no more, and the LINE user keeps her conversation', async () => {
    await start(k2);
    counselor = await signInAgain(app!, counselor, TEST_PASSWORD);
    for (const [i, client] of CLIENTS.entries()) {
      expect(await search({ phone: client.phone })).toEqual([clientIds[i]]);
      expect(await search({ kana: client.kana })).toEqual([clientIds[i]]);
    }
    expect(await search({ phone: '090-3333-7770' })).toEqual([midRotationId]);
    expect(await search({ phone: '090-3333-9990' })).toEqual([]);
    await sendText(USER_A, '架空の相談：三通目');
    const { users, conversations } = await lineState();
    expect(users).toHaveLength(3);
    expect(conversations.find((c) => c.line_user_id === lineUserBefore.id)).toMatchObject({ messages: 3 });
  });
});
