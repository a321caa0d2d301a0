import { totpCode } from '@tsunagu/auth';
import { Role } from '@tsunagu/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { advanceClock, createAndSignIn, enrolMfa, login, now, SignedIn, TEST_PASSWORD } from './support/auth-helpers';
import { BOOTSTRAP_ADMIN_PASSWORD, realRedisUrl, startTestApp, TestApp } from './support/test-app';

// Penetration test: six wrong passwords locked an account for 30 minutes, so
// anyone who knew a login id (`admin` on every installation) could keep its owner out. Now a
// stranger only slows herself. The client address comes from X-Forwarded-For (TRUST_PROXY=1),
// so one test plays many addresses; the defaults are under test: 5 failures per address, 20 per
// account, waits from 30 s doubling.
const ADMIN_ID = 'kanri.t7q';
const SECOND = 1000;
const OFFICE = '192.0.2.10';
const STRANGER = '203.0.113.66';

describe('sign-in throttling', () => {
  let app: TestApp;
  let db: DataSource;
  let admin: SignedIn;
  const env = { TRUST_PROXY: '1', TSUNAGU_BOOTSTRAP_ADMIN_LOGIN_ID: ADMIN_ID };
  const from = (target: TestApp, ip: string, loginId: string, password: string, otp?: string) =>
    request(target.url).post('/api/v1/auth/login').set('X-Forwarded-For', ip).send(otp ? { loginId, password, otp } : { loginId, password });
  /** The admin's next TOTP code: the clock moves one step first, as a code is accepted once. */
  const adminCode = (target: TestApp = app) => {
    advanceClock(target, 30 * SECOND);
    return totpCode(admin.mfaSecret!, now(target));
  };
  const auditRows = (action: string, userId: string | null) =>
    db.query(`SELECT outcome, detail_code FROM audit_events WHERE action = $1 AND actor_id IS NOT DISTINCT FROM $2 ORDER BY id`, [action, userId]);

  beforeAll(async () => {
    app = await startTestApp('login-throttle', { env });
    db = app.app.get(DataSource);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('creates the first admin with the login id the installation chose, not `admin`', async () => {
    await from(app, OFFICE, 'admin', BOOTSTRAP_ADMIN_PASSWORD).expect(401);
    const first = await from(app, OFFICE, ADMIN_ID, BOOTSTRAP_ADMIN_PASSWORD).expect(200);
    const me = await request(app.url).get('/api/v1/auth/me').set('Authorization', `Bearer ${first.body.accessToken}`).expect(200);
    expect(me.body).toMatchObject({ loginId: ADMIN_ID, role: 'admin' });
    const { secret } = await enrolMfa(app, first.body.accessToken);
    admin = { token: first.body.accessToken, userId: me.body.id, loginId: ADMIN_ID, role: Role.Admin, mfaSecret: secret };
  });

  it("never lets a stranger's wrong passwords from one address keep the admin out, and makes the stranger wait longer each time", async () => {
    for (let i = 0; i < 5; i++) await from(app, STRANGER, ADMIN_ID, `wrong-password-${i}xx`).expect(401);
    const first = await from(app, STRANGER, ADMIN_ID, 'wrong-password-5xx').expect(429);
    expect(first.headers['retry-after']).toBe('30');
    expect(first.body.message).toContain('しばらく受け付けません');

    // Each failure after a wait doubles the next one.
    advanceClock(app, 30 * SECOND);
    await from(app, STRANGER, ADMIN_ID, 'wrong-password-again').expect(401);
    const waits: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await from(app, STRANGER, ADMIN_ID, 'wrong-password-again').expect(429);
      waits.push(Number(res.headers['retry-after']));
      advanceClock(app, waits[i] * SECOND);
      await from(app, STRANGER, ADMIN_ID, 'wrong-password-again').expect(401);
    }
    expect(waits).toEqual([60, 120, 240]);

    // While a wait runs, the right password with a right code gets the very same answer: nothing is revealed.
    const wrong = await from(app, STRANGER, ADMIN_ID, 'wrong-password-again').expect(429);
    const right = await from(app, STRANGER, ADMIN_ID, BOOTSTRAP_ADMIN_PASSWORD, adminCode()).expect(429);
    const strip = (b: Record<string, unknown>) => ({ ...b, requestId: undefined });
    expect(strip(right.body)).toEqual(strip(wrong.body));

    // The admin signs in with her password and code from the office and from an address she never used.
    await from(app, OFFICE, ADMIN_ID, BOOTSTRAP_ADMIN_PASSWORD, adminCode()).expect(200);
    await from(app, '198.51.100.7', ADMIN_ID, BOOTSTRAP_ADMIN_PASSWORD, adminCode()).expect(200);

    // One audit row per failure that was let through, none per refusal; one event when the throttle engaged.
    const denied = (await auditRows('auth.login', admin.userId)).filter((r: { outcome: string }) => r.outcome === 'denied');
    expect(denied).toHaveLength(9);
    expect(await auditRows('auth.throttle', admin.userId)).toEqual([expect.objectContaining({ detail_code: 'address' })]);
  });

  it('counts wrong one-time codes like wrong passwords, and a right password still lacking its code not at all', async () => {
    const thief = '192.0.2.77';
    const code = adminCode();
    for (let i = 0; i < 6; i++) {
      const res = await from(app, thief, ADMIN_ID, BOOTSTRAP_ADMIN_PASSWORD).expect(401);
      expect(res.body.fields).toEqual([expect.objectContaining({ field: 'otp' })]);
    }
    for (let i = 0; i < 5; i++) await from(app, thief, ADMIN_ID, BOOTSTRAP_ADMIN_PASSWORD, '000000').expect(401);
    await from(app, thief, ADMIN_ID, BOOTSTRAP_ADMIN_PASSWORD, code).expect(429);
  });

  it('slows a flood from many addresses, except at an address the account signed in from recently', async () => {
    // c.flood signed in once from her desk (loopback: no X-Forwarded-For) when she was created.
    await createAndSignIn(app, await freshAdmin(), Role.Counselor, 'c.flood');
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await from(app, `198.51.100.${100 + i}`, 'c.flood', `wrong-password-${i}xx`)).status);
    // The 20th failure engages the account's throttle: every other address waits.
    expect(statuses).toEqual([...Array(20).fill(401), ...Array(10).fill(429)]);
    const fresh = await from(app, '198.51.100.200', 'c.flood', TEST_PASSWORD).expect(429);
    expect(fresh.headers['retry-after']).toBe('30');
    // Her desk keeps its own budget, and her own slips there never slow the others.
    await login(app, 'c.flood', 'wrong-password-mine').expect(401);
    await login(app, 'c.flood', TEST_PASSWORD).expect(200);

    // The flood gets one guess per wait, each doubling it.
    advanceClock(app, 30 * SECOND);
    await from(app, '198.51.100.201', 'c.flood', 'wrong-password-late').expect(401);
    const next = await from(app, '198.51.100.202', 'c.flood', 'wrong-password-late').expect(429);
    expect(next.headers['retry-after']).toBe('60');
    const [user] = await db.query(`SELECT id FROM users WHERE login_id = 'c.flood'`);
    expect(await auditRows('auth.throttle', user.id)).toEqual([expect.objectContaining({ detail_code: 'account' })]);
  });

  (realRedisUrl ? it : it.skip)('shares the counters between two api processes on the same Redis, for unknown login ids too', async () => {
    const second = await startTestApp('login-throttle-2', { withWorker: false, sharedDatabase: app.db, env: { ...env, REDIS_PREFIX: app.redisPrefix } });
    try {
      // Both processes' clocks agree, as on real machines.
      advanceClock(second, now(app).getTime() - now(second).getTime());
      for (let i = 0; i < 5; i++) await from(i % 2 ? app : second, '192.0.2.99', 'nobody.shared', `wrong-password-${i}xx`).expect(401);
      await from(second, '192.0.2.99', 'nobody.shared', 'wrong-password-5xx').expect(429);
      await from(app, '192.0.2.99', 'nobody.shared', 'wrong-password-5xx').expect(429);
    } finally {
      await second.close();
    }
  });

  /** The admin, signed in afresh (the tests move the clock past session timeouts). */
  async function freshAdmin(): Promise<SignedIn> {
    const res = await from(app, OFFICE, ADMIN_ID, BOOTSTRAP_ADMIN_PASSWORD, adminCode()).expect(200);
    return { ...admin, token: res.body.accessToken };
  }
});
