import { Role } from '@tsunagu/common';
import { totpCode } from '@tsunagu/auth';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import {
  ADMIN_SET_PASSWORD,
  advanceClock,
  createAndSignIn,
  DEPARTMENT_ID,
  enrolMfa,
  login,
  now,
  signInAdmin,
  SignedIn,
  TEST_PASSWORD,
  UNIT_ID,
} from './support/auth-helpers';
import { BOOTSTRAP_ADMIN_PASSWORD, startTestApp, TestApp } from './support/test-app';
import { testClockEnv } from './support/clock';
import { ensureApiBuild } from './support/web-build';
import { api, as } from './support/http';

/**
 * An admin alone must never obtain a session that reads case content. The
 * admin plays every path she has (create a supervisor, set a supervisor's password and reset her
 * MFA, turn another admin into a supervisor, move or re-enable a counselor) and ends with no
 * session that reads a case; the supervisor's approval and the activation code she hands over
 * are what open such an account, once, to the person who then chooses her own password.
 */
describe('account approval: no admin alone reads a case', () => {
  let app: TestApp;
  let db: DataSource;
  let admin: SignedIn;
  let supervisor: SignedIn;
  let colleague: SignedIn;
  let counselor: SignedIn;
  let clientId: string;
  let caseId: string;
  const OTHER_UNIT_ID = '6d1f3c2a-0b7e-4c59-9a51-3f0e8a7b1c99';
  const createUser = (body: Record<string, unknown>) => request(app.url).post(api('users')).set(as(admin)).send(body);
  const patchUser = (id: string, body: Record<string, unknown>) => request(app.url).patch(api(`users/${id}`)).set(as(admin)).send(body);
  const approvalsOf = async (who: SignedIn) => (await request(app.url).get(api('account-approvals')).set(as(who)).expect(200)).body as Array<{ loginId: string; reasons: string[]; state: string; requestedByName: string }>;
  const approve = (who: SignedIn, userId: string) => request(app.url).post(api(`account-approvals/${userId}/approve`)).set(as(who));
  const userRow = async (loginId: string) => (await db.query(`SELECT * FROM users WHERE login_id = $1`, [loginId]))[0];

  /** Every way a token could read her: the client record, the case, the 本人開示 export. */
  const readsNothing = async (token: string) => {
    for (const path of [`clients/${clientId}`, `cases/${caseId}`, `cases?clientId=${clientId}`]) {
      const res = await request(app.url).get(api(path)).set('Authorization', `Bearer ${token}`);
      expect([401, 403]).toContain(res.status);
      expect(JSON.stringify(res.body)).not.toContain('架空市秘匿町');
    }
    const disclosure = await request(app.url).post(api(`clients/${clientId}/disclosure-export`)).set('Authorization', `Bearer ${token}`);
    expect([401, 403]).toContain(disclosure.status);
  };

  beforeAll(async () => {
    app = await startTestApp('account-approval');
    db = app.app.get(DataSource);
    await db.query(`INSERT INTO units (id, code, name, active) VALUES ($1, 'other-unit', '架空 第二係', true)`, [OTHER_UNIT_ID]);
    admin = await signInAdmin(app);
    supervisor = await createAndSignIn(app, admin, Role.Supervisor, 'aa.supervisor');
    colleague = await createAndSignIn(app, admin, Role.Supervisor, 'aa.colleague');
    counselor = await createAndSignIn(app, admin, Role.Counselor, 'aa.counselor');
    clientId = (await request(app.url).post(api('clients')).set(as(counselor)).send({ name: '架空 秘匿花子', phone: '090-4010-0499', address: '架空市秘匿町9番地', addressProtected: true }).expect(201)).body.id;
    caseId = (await request(app.url).post(api('cases')).set(as(counselor)).send({ clientId, programCode: 'dv-center', mainConcerns: ['husband-violence'] }).expect(201)).body.id;
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  it('path one: a supervisor the admin creates cannot sign in, and the admin can neither see nor give the approval', async () => {
    const created = await createUser({ loginId: 'aa.planted', displayName: '架空 仕込み', role: 'supervisor', unitId: UNIT_ID, password: ADMIN_SET_PASSWORD }).expect(201);
    expect(created.body).toMatchObject({ approvalState: 'pending', approvalReasons: ['created'] });
    const refused = await login(app, 'aa.planted', ADMIN_SET_PASSWORD).expect(403);
    expect(refused.body.message).toContain('査察指導員の承認待ち');
    expect(refused.body.accessToken).toBeUndefined();
    // Approval is a supervisor's act: the admin's own session is refused it.
    await request(app.url).get(api('account-approvals')).set(as(admin)).expect(403);
    await approve(admin, created.body.id).expect(403);
    // Nor can she mark it approved herself: the account api has no such field.
    const forged = await patchUser(created.body.id, { approvalState: 'approved' }).expect(400);
    expect(forged.body.fields).toEqual([expect.objectContaining({ field: 'approvalState' })]);
    expect((await userRow('aa.planted')).activation_code_hash).toBeNull();
    // Both supervisors of the unit see why the account waits, and at whose request.
    for (const who of [supervisor, colleague]) {
      expect(await approvalsOf(who)).toEqual([expect.objectContaining({ loginId: 'aa.planted', reasons: ['created'], state: 'pending', requestedByName: expect.any(String) })]);
    }
    const events = await db.query(`SELECT action, actor_id, detail_code FROM audit_events WHERE resource_id = $1 ORDER BY id`, [created.body.id]);
    expect(events).toEqual(
      expect.arrayContaining([
        { action: 'user.approval-request', actor_id: admin.userId, detail_code: 'created' },
        expect.objectContaining({ action: 'auth.login', detail_code: 'approval-pending' }),
      ]),
    );
  });

  it('path two: setting a supervisor’s password and resetting her MFA ends her sessions and leaves the admin with a password that opens nothing', async () => {
    await patchUser(colleague.userId, { password: 'admin-chosen-password-2' }).expect(200);
    const reset = await request(app.url).post(api(`users/${colleague.userId}/mfa/reset`)).set(as(admin)).expect(200);
    expect(reset.body).toMatchObject({ approvalState: 'pending', approvalReasons: ['password', 'mfa-reset'] });
    await request(app.url).get(api('auth/me')).set(as(colleague)).expect(401);
    expect((await login(app, 'aa.colleague', 'admin-chosen-password-2').expect(403)).body.accessToken).toBeUndefined();

    // The other supervisor approves; the code goes to her, not to the admin.
    const issued = await approve(supervisor, colleague.userId).expect(200);
    expect(issued.body.activationCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect((await userRow('aa.colleague')).activation_code_hash).not.toContain(issued.body.activationCode);
    // Without the code the admin's password still opens nothing; guessing codes counts as failing.
    const noCode = await login(app, 'aa.colleague', 'admin-chosen-password-2').expect(401);
    expect(noCode.body.fields).toEqual([expect.objectContaining({ field: 'activationCode', constraints: ['activationRequired'] })]);
    const wrong = await login(app, 'aa.colleague', 'admin-chosen-password-2', undefined, { activationCode: 'AAAA-BBBB-CCCC', newPassword: 'admin-guess-password-9' }).expect(401);
    expect(wrong.body.fields).toEqual([expect.objectContaining({ field: 'activationCode', constraints: ['activationInvalid'] })]);
    expect((await db.query(`SELECT detail_code FROM audit_events WHERE action = 'auth.login' AND resource_id = $1 AND outcome = 'denied' ORDER BY id`, [colleague.userId])).map((r: { detail_code: string }) => r.detail_code)).toEqual(
      expect.arrayContaining(['approval-pending', 'activation-code-missing', 'bad-activation-code']),
    );

    // The person, with the code in hand, must choose a password the admin does not know.
    const same = await login(app, 'aa.colleague', 'admin-chosen-password-2', undefined, { activationCode: issued.body.activationCode, newPassword: 'admin-chosen-password-2' }).expect(400);
    expect(same.body.fields).toEqual([expect.objectContaining({ field: 'newPassword', constraints: ['newPasswordDiffers'] })]);
    const mine = await login(app, 'aa.colleague', 'admin-chosen-password-2', undefined, { activationCode: issued.body.activationCode.toLowerCase(), newPassword: 'her-own-password-77' }).expect(200);
    expect(mine.body.mfaEnrolmentRequired).toBe(true);
    const { secret } = await enrolMfa(app, mine.body.accessToken);
    colleague = { ...colleague, token: mine.body.accessToken, mfaSecret: secret };
    expect(await userRow('aa.colleague')).toMatchObject({ approval_pending_reason: null, activation_code_hash: null, activation_expires_at: null });
    // The admin's password is gone, and the code was good once.
    await login(app, 'aa.colleague', 'admin-chosen-password-2', undefined, { activationCode: issued.body.activationCode, newPassword: 'admin-guess-password-9' }).expect(401);
    advanceClock(app, 30_000);
    await login(app, 'aa.colleague', 'her-own-password-77', totpCode(secret, now(app))).expect(200);
    await request(app.url).get(api(`clients/${clientId}`)).set(as(colleague)).expect(200);
  });

  it('path three: an admin who makes another admin a supervisor, or moves or re-enables a counselor, makes an account that waits', async () => {
    const second = await createAndSignIn(app, admin, Role.Admin, 'aa.admin2');
    const promoted = await patchUser(second.userId, { role: 'supervisor', unitId: UNIT_ID }).expect(200);
    expect(promoted.body).toMatchObject({ approvalState: 'pending', approvalReasons: ['role', 'unit'] });
    await request(app.url).get(api('auth/me')).set(as(second)).expect(401);
    advanceClock(app, 30_000);
    await login(app, 'aa.admin2', TEST_PASSWORD, totpCode(second.mfaSecret!, now(app))).expect(403);

    const moved = await createAndSignIn(app, admin, Role.Counselor, 'aa.moved');
    expect((await patchUser(moved.userId, { unitId: OTHER_UNIT_ID }).expect(200)).body).toMatchObject({ approvalState: 'pending', approvalReasons: ['unit'] });
    await login(app, 'aa.moved', TEST_PASSWORD).expect(403);

    const returning = await createAndSignIn(app, admin, Role.Counselor, 'aa.returning');
    await patchUser(returning.userId, { active: false }).expect(200);
    await login(app, 'aa.returning', TEST_PASSWORD).expect(401);
    expect((await patchUser(returning.userId, { active: true }).expect(200)).body).toMatchObject({ approvalState: 'pending', approvalReasons: ['reactivated'] });
    await login(app, 'aa.returning', TEST_PASSWORD).expect(403);

    // A name change alone waits for nobody; nor do roles that read no one's records.
    const renamed = await patchUser(counselor.userId, { displayName: '架空 改名' }).expect(200);
    expect(renamed.body.approvalState).toBe('approved');
    await request(app.url).get(api('auth/me')).set(as(counselor)).expect(200);
    const statistician = await createUser({ loginId: 'aa.stats', displayName: '架空 統計', role: 'statistician', password: TEST_PASSWORD }).expect(201);
    expect(statistician.body).toMatchObject({ approvalState: 'approved', approvalReasons: [] });
  });

  it('a waiting account’s old session is dead even if nothing revoked it', async () => {
    const witness = await createAndSignIn(app, admin, Role.Counselor, 'aa.witness');
    await request(app.url).get(api('auth/me')).set(as(witness)).expect(200);
    await db.query(`UPDATE users SET approval_pending_reason = 'password', approval_requested_at = $2 WHERE id = $1`, [witness.userId, now(app)]);
    await request(app.url).get(api('auth/me')).set(as(witness)).expect(401);
  });

  it('scope: another unit’s supervisor approves only where the unit has no supervisor who could; liaison staff by any supervisor; never oneself', async () => {
    const outsider = await createAndSignIn(app, admin, Role.Supervisor, 'aa.outsider', OTHER_UNIT_ID);
    // The other unit sees its own moved counselor, not this unit's waiting accounts.
    const seen = (await approvalsOf(outsider)).map((a) => a.loginId);
    expect(seen).toContain('aa.moved');
    expect(seen).not.toContain('aa.planted');
    const planted = await userRow('aa.planted');
    await approve(outsider, planted.id).expect(404);
    expect((await db.query(`SELECT outcome, detail_code FROM audit_events WHERE action = 'user.approve' AND resource_id = $1`, [planted.id]))).toEqual([{ outcome: 'denied', detail_code: 'not-approvable' }]);

    const liaison = await createUser({ loginId: 'aa.liaison', displayName: '架空 窓口', role: 'liaison', departmentId: DEPARTMENT_ID, password: ADMIN_SET_PASSWORD }).expect(201);
    expect((await approvalsOf(outsider)).map((a) => a.loginId)).toContain('aa.liaison');
    expect((await approvalsOf(supervisor)).map((a) => a.loginId)).toContain('aa.liaison');
    await approve(outsider, liaison.body.id).expect(200);

    // A supervisor of a unit with no other: her reset waits for a supervisor of another unit.
    await request(app.url).post(api(`users/${outsider.userId}/mfa/reset`)).set(as(admin)).expect(200);
    expect((await approvalsOf(supervisor)).map((a) => a.loginId)).toContain('aa.outsider');
    await approve(supervisor, supervisor.userId).expect(403);
  });

  it('a code expires after 72 hours and can be issued again; 承認しない disables the account until an admin enables it, when it waits again', async () => {
    const late = await createUser({ loginId: 'aa.late', displayName: '架空 遅刻', role: 'counselor', unitId: UNIT_ID, password: ADMIN_SET_PASSWORD }).expect(201);
    const first = (await approve(supervisor, late.body.id).expect(200)).body.activationCode;
    expect((await approvalsOf(supervisor)).find((a) => a.loginId === 'aa.late')).toMatchObject({ state: 'awaiting-activation' });
    advanceClock(app, 72 * 3_600_000 + 1_000);
    const expired = await login(app, 'aa.late', ADMIN_SET_PASSWORD, undefined, { activationCode: first, newPassword: 'her-own-password-78' }).expect(401);
    expect(expired.body.fields).toEqual([expect.objectContaining({ constraints: ['activationExpired'] })]);
    supervisor = await signInAgainWithMfa(supervisor, TEST_PASSWORD);
    admin = await signInAgainWithMfa(admin, BOOTSTRAP_ADMIN_PASSWORD);
    const second = (await approve(supervisor, late.body.id).expect(200)).body.activationCode;
    expect(second).not.toBe(first);
    await login(app, 'aa.late', ADMIN_SET_PASSWORD, undefined, { activationCode: first, newPassword: 'her-own-password-78' }).expect(401);
    await login(app, 'aa.late', ADMIN_SET_PASSWORD, undefined, { activationCode: second, newPassword: 'her-own-password-78' }).expect(200);

    // An admin's change after the approval voids the code: it waits again.
    const bounced = await createUser({ loginId: 'aa.bounced', displayName: '架空 差戻', role: 'counselor', unitId: UNIT_ID, password: ADMIN_SET_PASSWORD }).expect(201);
    const voided = (await approve(supervisor, bounced.body.id).expect(200)).body.activationCode;
    await patchUser(bounced.body.id, { password: 'admin-chosen-password-3' }).expect(200);
    await login(app, 'aa.bounced', 'admin-chosen-password-3', undefined, { activationCode: voided, newPassword: 'her-own-password-79' }).expect(403);
    await request(app.url).post(api(`account-approvals/${bounced.body.id}/reject`)).set(as(supervisor)).expect(204);
    expect(await userRow('aa.bounced')).toMatchObject({ active: false, approval_pending_reason: 'created,password' });
    expect((await approvalsOf(supervisor)).map((a) => a.loginId)).not.toContain('aa.bounced');
    const enabled = await patchUser(bounced.body.id, { active: true }).expect(200);
    expect(enabled.body).toMatchObject({ approvalState: 'pending', approvalReasons: ['created', 'password', 'reactivated'] });
    expect((await approvalsOf(supervisor)).map((a) => a.loginId)).toContain('aa.bounced');
  });

  it('the server operator approves from the command line when no supervisor can, and the admin’s web session never reads a case', async () => {
    ensureApiBuild();
    const cli = spawnSync(process.execPath, [join(__dirname, '..', 'dist', 'apps', 'cli', 'src', 'accounts-approve.js'), 'aa.planted'], {
      env: { PATH: process.env.PATH, NODE_ENV: 'test', DATABASE_URL: app.db.url, LOG_LEVEL: 'silent', ...testClockEnv() },
      encoding: 'utf8',
    });
    expect(cli.stderr).toBe('');
    expect(cli.status).toBe(0);
    const code = cli.stdout.trim().split('\n').pop()!;
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect((await db.query(`SELECT actor_id, request_id FROM audit_events WHERE action = 'user.approve' AND resource_id = (SELECT id::text FROM users WHERE login_id = 'aa.planted') AND outcome = 'allowed'`))).toEqual([
      { actor_id: null, request_id: 'cli:accounts-approve' },
    ]);
    const unknown = spawnSync(process.execPath, [join(__dirname, '..', 'dist', 'apps', 'cli', 'src', 'accounts-approve.js'), 'aa.nobody'], {
      env: { PATH: process.env.PATH, NODE_ENV: 'test', DATABASE_URL: app.db.url, LOG_LEVEL: 'silent', ...testClockEnv() },
      encoding: 'utf8',
    });
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('承認待ちのアカウントが見つかりません');

    // Everything the admin held along the way reads nothing of her.
    await readsNothing(admin.token);
    expect(await db.query(`SELECT DISTINCT action FROM audit_events WHERE actor_id = $1 AND category = 'case'`, [admin.userId])).toEqual([]);
  });

  async function signInAgainWithMfa(who: SignedIn, password: string): Promise<SignedIn> {
    advanceClock(app, 30_000);
    const res = await login(app, who.loginId, password, totpCode(who.mfaSecret!, now(app))).expect(200);
    return { ...who, token: res.body.accessToken };
  }
});
