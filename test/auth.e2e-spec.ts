import { Role } from '@tsunagu/common';
import { totpCode } from '@tsunagu/auth';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { activate, ADMIN_SET_PASSWORD, advanceClock, createAndSignIn, enrolMfa, login, now, signInAdmin, signInAgain, SignedIn, TEST_PASSWORD, UNIT_ID } from './support/auth-helpers';
import { BOOTSTRAP_ADMIN_PASSWORD, startTestApp, TestApp } from './support/test-app';

const MINUTE = 60_000;

describe('accounts, sessions and MFA', () => {
  let app: TestApp;
  let db: DataSource;
  let admin: SignedIn;
  const bearer = (t: string) => ({ Authorization: `Bearer ${t}` });

  const auditRows = (action: string) =>
    db.query(`SELECT actor_id, outcome, detail_code, request_id FROM audit_events WHERE action = $1 ORDER BY id`, [action]);

  beforeAll(async () => {
    app = await startTestApp('auth', { env: { SESSION_MAX_LIFETIME_HOURS: '1' } });
    db = app.app.get(DataSource);
  });

  afterAll(async () => {
    await app?.close();
  });

  describe('the bootstrap admin', () => {
    it('gets a session that can do nothing but set up MFA', async () => {
      const res = await login(app, 'admin', 'bootstrap-admin-pass-0001').expect(200);
      expect(res.body.mfaEnrolmentRequired).toBe(true);
      const token = res.body.accessToken;
      const users = await request(app.url).get('/api/v1/users').set(bearer(token)).expect(403);
      expect(users.body.message).toBe('二要素認証の設定を完了してください');
      const me = await request(app.url).get('/api/v1/auth/me').set(bearer(token)).expect(200);
      expect(me.body).toMatchObject({ loginId: 'admin', role: 'admin', mfaEnabled: false, mfaEnrolmentRequired: true });
      const denied = await db.query(`SELECT detail_code FROM audit_events WHERE action = 'access.denied' AND actor_id = $1`, [me.body.id]);
      expect(denied).toEqual([{ detail_code: 'mfa-enrolment-required' }]);
    });

    it('after enrolment manages users, and the MFA secret is stored encrypted', async () => {
      admin = await signInAdmin(app);
      const users = await request(app.url).get('/api/v1/users').set(bearer(admin.token)).expect(200);
      expect(users.body).toEqual([expect.objectContaining({ loginId: 'admin', mfaEnabled: true })]);
      expect(JSON.stringify(users.body)).not.toMatch(/password|argon|mfaSecret|f1\./);
      const [row] = await db.query(`SELECT password_hash, mfa_secret FROM users WHERE login_id = 'admin'`);
      expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      expect(row.mfa_secret).toMatch(/^f1\./);
      expect(row.mfa_secret).not.toContain(admin.mfaSecret);
      expect(admin.recoveryCodes).toHaveLength(10);
    });
  });

  describe('sign-in failures', () => {
    let counselor: SignedIn;

    beforeAll(async () => {
      counselor = await createAndSignIn(app, admin, Role.Counselor, 'c.lockout');
    });

    afterAll(async () => {
      admin = await signInAgain(app, admin, BOOTSTRAP_ADMIN_PASSWORD);
    });

    it('answers an unknown id and a wrong password the same way', async () => {
      const unknown = await login(app, 'no.such.user', TEST_PASSWORD).expect(401);
      const wrong = await login(app, 'c.lockout', 'wrong-password-123').expect(401);
      const strip = (b: Record<string, unknown>) => ({ ...b, requestId: undefined });
      expect(strip(wrong.body)).toEqual(strip(unknown.body));
      expect(unknown.body.message).toBe('ログインIDまたはパスワードが正しくありません');
      const rows = await auditRows('auth.login');
      expect(rows).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ actor_id: null, outcome: 'denied', detail_code: 'unknown-login-id', request_id: unknown.headers['x-request-id'] }),
          expect.objectContaining({ actor_id: counselor.userId, outcome: 'denied', detail_code: 'bad-password' }),
        ]),
      );
    });

    it('makes the address wait after 5 failures, never locks the account, and refuses the right password alike while waiting', async () => {
      // One failure already counted above.
      for (let i = 0; i < 4; i++) await login(app, 'c.lockout', `wrong-password-${i}xx`).expect(401);
      const waiting = await login(app, 'c.lockout', TEST_PASSWORD).expect(429);
      expect(waiting.headers['retry-after']).toBe('30');
      expect(waiting.body.message).toBe('サインインの失敗が続いたため、しばらく受け付けません。時間をおいて再度お試しください');
      expect(await auditRows('auth.throttle')).toEqual([expect.objectContaining({ actor_id: counselor.userId, detail_code: 'address' })]);
      const list = await request(app.url).get('/api/v1/users').set(bearer(admin.token)).expect(200);
      expect(list.body.find((u: { loginId: string }) => u.loginId === 'c.lockout')).not.toHaveProperty('locked'); // throttled, never locked
      expect(await db.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'users' AND column_name IN ('failed_logins', 'failed_window_start', 'locked_until')`)).toEqual([]);

      advanceClock(app, 31_000);
      await login(app, 'c.lockout', TEST_PASSWORD).expect(200);
      // The success cleared the address's count.
      for (let i = 0; i < 4; i++) await login(app, 'c.lockout', `wrong-password-${i}yy`).expect(401);
      await login(app, 'c.lockout', TEST_PASSWORD).expect(200);
    });

    it('forgets failures older than the 30-minute window', async () => {
      admin = await signInAgain(app, admin, BOOTSTRAP_ADMIN_PASSWORD);
      await createAndSignIn(app, admin, Role.Counselor, 'c.window');
      for (let i = 0; i < 4; i++) await login(app, 'c.window', `wrong-password-${i}xx`).expect(401);
      advanceClock(app, 31 * MINUTE);
      for (let i = 0; i < 4; i++) await login(app, 'c.window', `wrong-password-${i}yy`).expect(401);
      await login(app, 'c.window', TEST_PASSWORD).expect(200);
    });

    it('names missing fields with 400, not 401', async () => {
      const res = await request(app.url).post('/api/v1/auth/login').send({ loginId: 'x' }).expect(400);
      expect(res.body.fields).toEqual([expect.objectContaining({ field: 'password' })]);
    });
  });

  describe('supervisor MFA', () => {
    let secret: string;
    let recovery: string[];

    it('requires enrolment first, then a code at every sign-in', async () => {
      await request(app.url)
        .post('/api/v1/users')
        .set(bearer(admin.token))
        .send({ loginId: 's.mfa', displayName: '査察指導員', role: 'supervisor', unitId: UNIT_ID, password: ADMIN_SET_PASSWORD })
        .expect(201);
      const enrolment = await activate(app, 's.mfa', ADMIN_SET_PASSWORD, TEST_PASSWORD);
      expect(enrolment.body.mfaEnrolmentRequired).toBe(true);
      ({ secret, recoveryCodes: recovery } = await enrolMfa(app, enrolment.body.accessToken));
      // The enrolment session became a full one.
      await request(app.url).get('/api/v1/audit-events').set(bearer(enrolment.body.accessToken)).expect(200);

      const noCode = await login(app, 's.mfa', TEST_PASSWORD).expect(401);
      expect(noCode.body.fields).toEqual([expect.objectContaining({ field: 'otp', constraints: ['mfaRequired'] })]);
      advanceClock(app, 30_000);
      const code = totpCode(secret, now(app));
      const ok = await login(app, 's.mfa', TEST_PASSWORD, code).expect(200);
      expect(ok.body.mfaEnrolmentRequired).toBe(false);
      // The same code can't be used twice.
      await login(app, 's.mfa', TEST_PASSWORD, code).expect(401);
      await login(app, 's.mfa', TEST_PASSWORD, '000000').expect(401);
    });

    // The README (Accounts, roles and sign-in) explains why a right password without a code may
    // answer differently from a wrong one; this proves what that decision rests on.
    it('asks for the code only after a right password, yet counts wrong codes and answers a throttled attempt the same whatever it is sent', async () => {
      await createAndSignIn(app, admin, Role.Supervisor, 's.oracle');
      const generic = 'ログインIDまたはパスワードが正しくありません';
      expect((await login(app, 's.oracle', 'wrong-password-000').expect(401)).body.message).toBe(generic);
      expect((await login(app, 's.oracle', TEST_PASSWORD).expect(401)).body.fields).toEqual([expect.objectContaining({ constraints: ['mfaRequired'] })]);
      // The right password without a code counts nothing; wrong passwords and wrong codes count
      // together: the fifth failure from this address throttles it (had the code-less attempt
      // counted, the wrong code would already have been refused with 429).
      for (let i = 0; i < 3; i++) await login(app, 's.oracle', `wrong-password-${i}01`).expect(401);
      await login(app, 's.oracle', TEST_PASSWORD, '000000').expect(401);
      // Throttled, the right password gets the same answer as a wrong one: no more confirming guesses.
      const right = await login(app, 's.oracle', TEST_PASSWORD).expect(429);
      const wrong = await login(app, 's.oracle', 'wrong-password-999').expect(429);
      expect([right.body.message, right.body.fields]).toEqual([wrong.body.message, wrong.body.fields]);
    });

    it('accepts each recovery code once', async () => {
      await login(app, 's.mfa', TEST_PASSWORD, recovery[0]).expect(200);
      await login(app, 's.mfa', TEST_PASSWORD, recovery[0]).expect(401);
      expect(await auditRows('auth.recovery-code.use')).toHaveLength(1);
      const stored = await db.query(`SELECT code_hash FROM mfa_recovery_codes`);
      expect(JSON.stringify(stored)).not.toContain(recovery[1].replace(/-/g, ''));
    });
  });

  describe('sessions', () => {
    // These tests move the clock past idle timeouts; the admin signs in afresh for each.
    beforeEach(async () => {
      admin = await signInAgain(app, admin, BOOTSTRAP_ADMIN_PASSWORD);
    });

    it('logout revokes the token at once', async () => {
      const c = await createAndSignIn(app, admin, Role.Counselor, 'c.logout');
      await request(app.url).get('/api/v1/auth/me').set(bearer(c.token)).expect(200);
      await request(app.url).post('/api/v1/auth/logout').set(bearer(c.token)).expect(204);
      const after = await request(app.url).get('/api/v1/auth/me').set(bearer(c.token)).expect(401);
      expect(after.body.message).toContain('ログイン');
      expect(await auditRows('auth.logout')).toEqual(expect.arrayContaining([expect.objectContaining({ actor_id: c.userId })]));
    });

    it('ends after 15 idle minutes, and activity keeps it alive', async () => {
      const c = await createAndSignIn(app, admin, Role.Counselor, 'c.idle');
      advanceClock(app, 14 * MINUTE);
      await request(app.url).get('/api/v1/auth/me').set(bearer(c.token)).expect(200);
      advanceClock(app, 14 * MINUTE);
      await request(app.url).get('/api/v1/auth/me').set(bearer(c.token)).expect(200);
      advanceClock(app, 15 * MINUTE);
      await request(app.url).get('/api/v1/auth/me').set(bearer(c.token)).expect(401);
    });

    it('writes last_seen_at at most once a minute, so the idle deadline is never later than 15 minutes after a write', async () => {
      const c = await createAndSignIn(app, admin, Role.Counselor, 'c.touch');
      const lastSeen = async () => (await db.query(`SELECT last_seen_at::text AS t FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.login_id = 'c.touch'`))[0].t as string;
      const signedInAt = await lastSeen();
      advanceClock(app, 30_000);
      await request(app.url).get('/api/v1/auth/me').set(bearer(c.token)).expect(200);
      expect(await lastSeen()).toBe(signedInAt); // read only
      advanceClock(app, 31_000);
      await request(app.url).get('/api/v1/auth/me').set(bearer(c.token)).expect(200);
      const touched = await lastSeen();
      expect(touched > signedInAt).toBe(true);
      advanceClock(app, 30_000);
      await request(app.url).get('/api/v1/auth/me').set(bearer(c.token)).expect(200); // not written
      // 15 minutes after the last write the session is idle, though the last request was 30 s later.
      advanceClock(app, 15 * MINUTE - 30_000);
      await request(app.url).get('/api/v1/auth/me').set(bearer(c.token)).expect(401);
    });

    it('ends at the absolute lifetime however active (1 hour in this suite)', async () => {
      const c = await createAndSignIn(app, admin, Role.Counselor, 'c.lifetime');
      for (let i = 0; i < 5; i++) {
        advanceClock(app, 11 * MINUTE);
        await request(app.url).get('/api/v1/auth/me').set(bearer(c.token)).expect(200);
      }
      advanceClock(app, 6 * MINUTE);
      await request(app.url).get('/api/v1/auth/me').set(bearer(c.token)).expect(401);
    });

    it('refuses a malformed or made-up token', async () => {
      await request(app.url).get('/api/v1/auth/me').set(bearer('not-a-token')).expect(401);
      await request(app.url).get('/api/v1/auth/me').set(bearer(`tsg_${'A'.repeat(43)}`)).expect(401);
      await request(app.url).get('/api/v1/auth/me').expect(401);
    });

    it('stores only a hash of the token', async () => {
      const c = await createAndSignIn(app, admin, Role.Counselor, 'c.hash');
      const rows = await db.query(`SELECT token_hash FROM sessions`);
      expect(JSON.stringify(rows)).not.toContain(c.token);
    });
  });

  describe('user administration', () => {
    // Sessions of the admin age with the moved clock; sign in afresh.
    let fresh: SignedIn;
    beforeAll(async () => {
      fresh = await signInAgain(app, admin, BOOTSTRAP_ADMIN_PASSWORD);
    });

    it('validates and names the wrong fields', async () => {
      const res = await request(app.url)
        .post('/api/v1/users')
        .set(bearer(fresh.token))
        .send({ loginId: 'Bad Id!', displayName: '', role: 'wizard', password: 'short' })
        .expect(400);
      const fields = res.body.fields.map((f: { field: string }) => f.field).sort();
      expect(fields).toEqual(['displayName', 'loginId', 'password', 'role']);
      const noUnit = await request(app.url)
        .post('/api/v1/users')
        .set(bearer(fresh.token))
        .send({ loginId: 'c.nounit', displayName: 'x', role: 'counselor', password: TEST_PASSWORD })
        .expect(400);
      expect(noUnit.body.fields).toEqual([expect.objectContaining({ field: 'unitId' })]);
      expect(await db.query(`SELECT 1 FROM users WHERE login_id = 'c.nounit'`)).toEqual([]);
    });

    it('refuses a duplicate login id with 409', async () => {
      await request(app.url)
        .post('/api/v1/users')
        .set(bearer(fresh.token))
        .send({ loginId: 'C.Logout', displayName: 'x', role: 'statistician', password: TEST_PASSWORD })
        .expect(409);
    });

    it("doesn't let an admin change their own role or disable themselves", async () => {
      const res = await request(app.url).patch(`/api/v1/users/${fresh.userId}`).set(bearer(fresh.token)).send({ role: 'counselor' }).expect(403);
      expect(res.body.message).toContain('自分自身');
      await request(app.url).patch(`/api/v1/users/${fresh.userId}`).set(bearer(fresh.token)).send({ active: false }).expect(403);
    });

    it('ends all sessions of a user who is disabled or changes role', async () => {
      const c = await createAndSignIn(app, fresh, Role.Counselor, 'c.disable');
      await request(app.url).patch(`/api/v1/users/${c.userId}`).set(bearer(fresh.token)).send({ active: false }).expect(200);
      await request(app.url).get('/api/v1/auth/me').set(bearer(c.token)).expect(401);
      await login(app, 'c.disable', TEST_PASSWORD).expect(401);
      const [event] = await db.query(`SELECT detail_code FROM audit_events WHERE action = 'user.update' AND resource_id = $1`, [c.userId]);
      expect(event.detail_code).toBe('active');
    });

    it('resets a lost authenticator: sessions end, MFA must be set up again; never for oneself', async () => {
      const sup = await createAndSignIn(app, fresh, Role.Supervisor, 's.reset');
      expect(sup.mfaSecret).toBeDefined();
      const res = await request(app.url).post(`/api/v1/users/${sup.userId}/mfa/reset`).set(bearer(fresh.token)).expect(200);
      expect(res.body.mfaEnabled).toBe(false);
      await request(app.url).get('/api/v1/auth/me').set(bearer(sup.token)).expect(401);
      // The reset account waits for a supervisor's approval (test/account-approval), then sets MFA up again.
      expect((await login(app, 's.reset', TEST_PASSWORD).expect(403)).body.message).toContain('承認待ち');
      const again = await activate(app, 's.reset', TEST_PASSWORD, `${TEST_PASSWORD}-new`);
      expect(again.body.mfaEnrolmentRequired).toBe(true);
      expect(await db.query(`SELECT 1 FROM mfa_recovery_codes WHERE user_id = $1`, [sup.userId])).toEqual([]);
      await request(app.url).post(`/api/v1/users/${fresh.userId}/mfa/reset`).set(bearer(fresh.token)).expect(403);
    });

    it('answers an unknown user id with 404 and a malformed one with 400', async () => {
      await request(app.url).patch('/api/v1/users/7a1c0c57-2f4e-4c4b-9a5c-0e7d3b9a1f00').set(bearer(fresh.token)).send({ displayName: 'x' }).expect(404);
      const bad = await request(app.url).patch('/api/v1/users/123').set(bearer(fresh.token)).send({ displayName: 'x' }).expect(400);
      expect(bad.body.fields).toEqual([expect.objectContaining({ field: 'id' })]);
    });
  });
});

describe('login rate limit', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp('throttle', { env: { LOGIN_RATE_LIMIT_PER_MINUTE: '3', TRUST_PROXY: '1' } });
  });

  it('takes the client address from the one trusted proxy hop, per address', async () => {
    const from = (ip: string) => request(app.url).post('/api/v1/auth/login').set('X-Forwarded-For', ip).send({ loginId: 'nobody', password: 'wrong-password-123' });
    for (let i = 0; i < 3; i++) await from('192.0.2.10').expect(401);
    await from('192.0.2.10').expect(429);
    // Another client behind the same proxy is not throttled with the first.
    await from('192.0.2.11').expect(401);
    const ips = await app.app.get(DataSource).query(`SELECT DISTINCT ip FROM audit_events WHERE action = 'auth.login' ORDER BY ip`);
    expect(ips).toEqual([{ ip: '192.0.2.10' }, { ip: '192.0.2.11' }]);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('answers 429 past the per-address limit', async () => {
    for (let i = 0; i < 3; i++) await login(app, 'nobody', 'wrong-password-123').expect(401);
    const res = await login(app, 'nobody', 'wrong-password-123').expect(429);
    expect(res.body.message).toContain('リクエストが多すぎます');
  });
});
