import { Role } from '@tsunagu/common';
import { createHmac } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import request from 'supertest';
import { createAndSignIn, signInAdmin, SignedIn } from './support/auth-helpers';
import { startTestApp, TestApp } from './support/test-app';
import { as } from './support/http';

// Penetration test: an 800 KB body of nested arrays held the event loop ~0.4 s per
// request and answered 500 (the validation pipe recursing into a RangeError). Bodies nested
// deeper than 64 levels are now refused from the raw bytes, before JSON.parse, on every route.
const SECRET = 'synthetic-channel-secret-depth';
const DEEP = '['.repeat(400_000) + ']'.repeat(400_000);
const DEEP_BYTES = Buffer.from(DEEP);
const sign = (body: string) => createHmac('sha256', SECRET).update(Buffer.from(body, 'utf8')).digest('base64');

const TOO_DEEP = {
  statusCode: 400,
  error: 'Bad Request',
  message: 'JSON の入れ子が深すぎます',
  fields: [{ field: 'body', message: '配列やオブジェクトの入れ子は 64 段までにしてください', constraints: ['maxDepth'] }],
  requestId: expect.any(String),
};

describe('deeply nested JSON', () => {
  let app: TestApp;
  let counselor: SignedIn;

  beforeAll(async () => {
    app = await startTestApp('json-depth');
    const admin = await signInAdmin(app);
    counselor = await createAndSignIn(app, admin, Role.Counselor, 'depth.counselor');
    await request(app.url)
      .post('/api/v1/line/channels')
      .set(as(admin))
      .send({ key: 'depth', name: '入れ子の検査', programCode: 'ashitaba-line', unitId: '6d1f3c2a-0b7e-4c59-9a51-3f0e8a7b1c01', channelSecret: SECRET, accessToken: 'synthetic-token-depth' })
      .expect(201);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('answers 400 naming the body on an authenticated route, where it was a 500', async () => {
    const res = await request(app.url).post('/api/v1/clients').set(as(counselor)).set('content-type', 'application/json').send(DEEP);
    expect(res.status).toBe(400);
    expect(res.body).toEqual(TOO_DEEP);
  });

  it('answers 400 on the LINE webhook, correctly signed or not, for a known channel key or not', async () => {
    for (const key of ['depth', 'no-such-channel']) {
      for (const signature of [sign(DEEP), 'bm90LWEtc2lnbmF0dXJl']) {
        const res = await request(app.url).post(`/api/v1/line/webhook/${key}`).set('content-type', 'application/json').set('x-line-signature', signature).send(DEEP);
        expect({ key, status: res.status, body: res.body }).toEqual({ key, status: 400, body: TOO_DEEP });
      }
    }
  });

  it('keeps a body nested 64 levels deep for the usual validation', async () => {
    const deepest = '['.repeat(64) + ']'.repeat(64);
    const res = await request(app.url).post('/api/v1/clients').set(as(counselor)).set('content-type', 'application/json').send(deepest);
    expect(res.status).toBe(400);
    expect(res.body.message).not.toBe(TOO_DEEP.message);
  });

  it('keeps GET /health answering while 32 such bodies arrive at once, as it does under 32 flat bodies of the same size', async () => {
    const health = async () => {
      const started = performance.now();
      await request(app.url).get('/api/v1/health').expect(200);
      return performance.now() - started;
    };
    const flood = async (body: Buffer) => {
      const posts = Array.from({ length: 32 }, () => postRaw(`${app.url}/api/v1/clients`, body, as(counselor)));
      const healthMs = await health();
      return { healthMs, statuses: await Promise.all(posts) };
    };
    await health(); // warm: the first call opens what it needs
    // Reading 25 MB of bodies costs the same whatever they hold, and a shared CI machine adds
    // its own noise: so the deep flood is compared with a flat flood of the same size in the
    // same run, best of three each. Before the fix each deep body held the event loop ~0.4 s
    // (health waited ~13 s a round); now the deep bodies cost no more than flat ones.
    const FLAT = Buffer.from(JSON.stringify({ name: 'x'.repeat(DEEP_BYTES.length - 12) }));
    const flat: number[] = [];
    const deep: number[] = [];
    for (let round = 0; round < 3; round++) {
      flat.push((await flood(FLAT)).healthMs);
      const { healthMs, statuses } = await flood(DEEP_BYTES);
      expect(statuses).toEqual(Array(32).fill(400));
      deep.push(healthMs);
    }
    expect(Math.min(...deep)).toBeLessThan(2 * Math.min(...flat) + 300);
  });
});

/** A JSON POST straight through node:http (the same bytes every time, no client-side encoding); resolves with the status. */
function postRaw(url: string, body: Buffer, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json', 'content-length': String(body.length) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}
