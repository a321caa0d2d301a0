import { AuditVerifier } from '@tsunagu/audit';
import { SIGNATURE_FAILURE_WINDOW_MS } from '@tsunagu/line';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { sealEverything } from './support/audit-helpers';
import { advanceClock, signInAdmin } from './support/auth-helpers';
import { testNow } from './support/clock';
import { lineBody, lineEvent, lineSignature } from './support/line-webhook';
import { realRedisUrl, startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait';

// Penetration test: the public LINE webhook had no rate limit, wrote one permanent audit
// row per bad signature (300 calls, 300 rows) and told unknown channel keys (404) from known ones (401).
// The client address comes from X-Forwarded-For here (TRUST_PROXY=1), so one test plays many senders.
const SECRET = 'synthetic-channel-secret-abuse';
const PER_ADDRESS = 30;
const PER_CHANNEL = 120;

const sign = (body: string, secret = SECRET) => lineSignature(body, secret);
const payload = () => lineBody(lineEvent('follow', `U${'c3'.repeat(16)}`, testNow().getTime()));

describe('LINE webhook under attack', () => {
  let app: TestApp;
  let db: DataSource;
  /** The channel the flood goes to, only there. */
  let floodChannelId: string;
  const env = { TRUST_PROXY: '1', LINE_WEBHOOK_LIMIT_PER_ADDRESS_PER_MINUTE: String(PER_ADDRESS), LINE_WEBHOOK_LIMIT_PER_CHANNEL_PER_MINUTE: String(PER_CHANNEL) };
  const post = (target: TestApp, key: string, from: string, signature: string | null, body = payload()) => {
    const req = request(target.url).post(`/api/v1/line/webhook/${key}`).set('content-type', 'application/json').set('x-forwarded-for', from);
    if (signature !== null) req.set('x-line-signature', signature);
    return req.send(body);
  };
  /** Sends `count` calls, `parallel` at a time, each from `from(i)`; returns the statuses. */
  const flood = async (count: number, parallel: number, send: (i: number) => Promise<{ status: number }>) => {
    const statuses: number[] = [];
    for (let i = 0; i < count; i += parallel) {
      const batch = await Promise.all(Array.from({ length: Math.min(parallel, count - i) }, (_, j) => send(i + j)));
      statuses.push(...batch.map((res) => res.status));
    }
    return statuses;
  };
  const deniedRows = async (): Promise<string[]> =>
    (await db.query(`SELECT detail_code FROM audit_events WHERE action = 'line.webhook.receive' AND outcome = 'denied' AND resource_id = $1 ORDER BY id`, [floodChannelId])).map(
      (r: { detail_code: string }) => r.detail_code,
    );

  beforeAll(async () => {
    app = await startTestApp('line-abuse', { env });
    db = app.app.get(DataSource);
    const admin = await signInAdmin(app);
    const channel = (key: string) =>
      request(app.url)
        .post('/api/v1/line/channels')
        .set('Authorization', `Bearer ${admin.token}`)
        .send({ key, name: `攻撃の検査 ${key}`, programCode: 'ashitaba-line', unitId: '6d1f3c2a-0b7e-4c59-9a51-3f0e8a7b1c01', channelSecret: SECRET, accessToken: 'synthetic-token-abuse' })
        .expect(201);
    await channel('abuse');
    floodChannelId = (await channel('flood')).body.id;
  });

  afterAll(async () => {
    await app?.close();
  });

  it('answers an unknown channel key exactly as a known one with a missing or wrong signature', async () => {
    const body = payload();
    for (const signature of [null, sign(body, 'not-the-secret'), 'bm90LWJhc2U2NC1obWFj', sign(body)]) {
      const known = await post(app, 'abuse', '10.9.0.1', signature === sign(body) ? sign(body, 'not-the-secret') : signature, body);
      const unknown = await post(app, 'no-such-channel', '10.9.0.1', signature, body);
      expect(known.status).toBe(401);
      expect({ status: unknown.status, body: { ...unknown.body, requestId: '-' } }).toEqual({ status: known.status, body: { ...known.body, requestId: '-' } });
    }
    // The console's unsigned verify call (no events) is acknowledged alike too.
    const verify = JSON.stringify({ destination: `U${'0'.repeat(32)}`, events: [] });
    await post(app, 'abuse', '10.9.0.1', null, verify).expect(200);
    await post(app, 'no-such-channel', '10.9.0.1', null, verify).expect(200);
  });

  // An api without a worker needs Redis; so does sharing counts, which is the point here.
  (realRedisUrl ? it : it.skip)('counts the calls to all api processes together through Redis', async () => {
    const second = await startTestApp('line-abuse-2', { withWorker: false, sharedDatabase: app.db, env: { ...env, REDIS_PREFIX: app.redisPrefix } });
    try {
      // Both clocks one second into the same fresh minute, so their counting windows are the same.
      const toNextMinute = 60_000 - (testNow().getTime() % 60_000) + 1000;
      advanceClock(app, toNextMinute);
      advanceClock(second, toNextMinute);
      const first = await flood(PER_ADDRESS - 10, 10, () => post(app, 'shared', '10.3.0.1', null));
      const then = await flood(10, 10, () => post(second, 'shared', '10.3.0.1', null));
      expect([...first, ...then]).toEqual(Array(PER_ADDRESS).fill(401));
      await post(second, 'shared', '10.3.0.1', null).expect(429);
      await post(app, 'shared', '10.3.0.1', null).expect(429);
    } finally {
      await second.close();
    }
  });

  it('records a flood of bad signatures as counted events: a bounded number of audit rows, the count in them, the chain intact', async () => {
    const N = 100;
    // Five senders of 20 calls each: under both limits, so every call reaches the signature check.
    const statuses = await flood(N, 10, (i) => post(app, 'flood', `10.0.0.${i % 5}`, sign(`call ${i}`, 'not-the-secret')));
    expect(statuses).toEqual(Array(N).fill(401));
    // The first failure of the window is recorded as it happens (two firsts if the flood straddles a window's end).
    expect((await deniedRows()).length).toBeLessThanOrEqual(2);

    advanceClock(app, SIGNATURE_FAILURE_WINDOW_MS); // the window closes; its count is written within a second
    let rows: string[] = [];
    const isCount = (code: string) => code.startsWith('signature-failures:');
    const recorded = (codes: string[]) =>
      // A window with one failure has only its first row; one with more has its first row and its count.
      codes.filter(isCount).reduce((sum, code) => sum + Number(code.split(':')[1]), 0) + codes.filter((c) => !isCount(c)).length - codes.filter(isCount).length;
    await waitFor(async () => recorded((rows = await deniedRows())) === N, 15_000, 'the count of the flood');
    expect(rows.length).toBeLessThanOrEqual(4);
    expect(rows.filter((c) => !isCount(c)).every((c) => c === 'bad-signature')).toBe(true);
    if (rows.length === 2) expect(rows).toEqual(['bad-signature', `signature-failures:${N}`]);

    await sealEverything(app);
    expect(await app.app.get(AuditVerifier).verify()).toEqual(expect.objectContaining({ ok: true, firstBrokenId: null, unsealed: 0 }));
  });

  it(`answers 429 beyond ${PER_ADDRESS} calls a minute from one address, in the usual error shape, and not to other addresses`, async () => {
    advanceClock(app, 60_000); // a new minute
    const statuses = await flood(PER_ADDRESS, 10, () => post(app, 'abuse', '10.1.0.1', null));
    expect(statuses).toEqual(Array(PER_ADDRESS).fill(401));
    const refused = await post(app, 'abuse', '10.1.0.1', null).expect(429);
    expect(refused.body).toEqual({ statusCode: 429, error: 'Too Many Requests', message: expect.stringMatching(/[ぁ-ん]/), requestId: expect.any(String) });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    await post(app, 'abuse', '10.1.0.2', null).expect(401);
  });

  it(`answers 429 beyond ${PER_CHANNEL} calls a minute to one channel key from any addresses, and not to other keys`, async () => {
    advanceClock(app, 60_000);
    const statuses = await flood(PER_CHANNEL, 10, (i) => post(app, 'abuse', `10.2.0.${i % 6}`, null));
    expect(statuses).toEqual(Array(PER_CHANNEL).fill(401));
    await post(app, 'abuse', '10.2.1.1', null).expect(429);
    await post(app, 'another-key', '10.2.1.1', null).expect(401);
  });
});
