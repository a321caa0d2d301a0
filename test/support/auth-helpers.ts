import { readsPersonalRecords } from '@tsunagu/access';
import { Clock, clockNow, Role } from '@tsunagu/common';
import { AccountApprovalService, totpCode } from '@tsunagu/auth';
import request from 'supertest';
import { BOOTSTRAP_ADMIN_PASSWORD, TestApp } from './test-app';

export const UNIT_ID = '6d1f3c2a-0b7e-4c59-9a51-3f0e8a7b1c01';
export const DEPARTMENT_ID = '0c6a3f10-58b2-4d7e-9e21-5a4b7c8d9e01';
export const TEST_PASSWORD = 'correct-horse-battery-1';
/** What an admin sets when creating an account; the person replaces it at activation. */
export const ADMIN_SET_PASSWORD = 'admin-set-password-0001';

export interface SignedIn {
  token: string;
  userId: string;
  loginId: string;
  role: Role;
  /** TOTP secret, for roles that enrolled. */
  mfaSecret?: string;
  recoveryCodes?: string[];
}

const clockOffsets = new WeakMap<Clock, number>();

/** Moves the app's clock (and so TOTP steps, idle timeouts and lockouts) forward. */
export function advanceClock(app: TestApp, ms: number): void {
  const clock = app.app.get(Clock);
  const offset = (clockOffsets.get(clock) ?? 0) + ms;
  clockOffsets.set(clock, offset);
  jest.spyOn(clock, 'now').mockImplementation(() => new Date(clockNow().getTime() + offset));
}

export function now(app: TestApp): Date {
  return app.app.get(Clock).now();
}

export function login(app: TestApp, loginId: string, password: string, otp?: string, activation?: { activationCode: string; newPassword: string }) {
  return request(app.url)
    .post('/api/v1/auth/login')
    .send({ loginId, password, ...(otp ? { otp } : {}), ...activation });
}

/**
 * The server operator's approval (`npm run accounts:approve`, in process): the test set-up's way
 * past the supervisor's approval that an admin-created account waits for. Returns the code.
 */
export async function approveByOperator(app: TestApp, loginId: string): Promise<string> {
  const issued = await app.app.get(AccountApprovalService).approveByOperator(loginId, { requestId: 'test-setup', ip: null });
  return issued.activationCode;
}

/** Approves (as the operator) and signs in for the first time with the code, choosing `newPassword`. */
export async function activate(app: TestApp, loginId: string, adminSetPassword: string, newPassword: string) {
  const activationCode = await approveByOperator(app, loginId);
  const res = await login(app, loginId, adminSetPassword, undefined, { activationCode, newPassword });
  if (res.status !== 200) throw new Error(`activation of ${loginId} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}

/** Completes MFA enrolment on an enrolment-only session; returns the secret and recovery codes. */
export async function enrolMfa(app: TestApp, token: string): Promise<{ secret: string; recoveryCodes: string[] }> {
  const enrol = await request(app.url).post('/api/v1/auth/mfa/enroll').set('Authorization', `Bearer ${token}`).expect(200);
  const secret: string = enrol.body.secret;
  const verify = await request(app.url)
    .post('/api/v1/auth/mfa/verify')
    .set('Authorization', `Bearer ${token}`)
    .send({ code: totpCode(secret, now(app)) })
    .expect(200);
  return { secret, recoveryCodes: verify.body.recoveryCodes };
}

/** The bootstrap admin, signed in with MFA set up. */
export async function signInAdmin(app: TestApp): Promise<SignedIn> {
  const res = await login(app, 'admin', BOOTSTRAP_ADMIN_PASSWORD);
  if (res.status !== 200) throw new Error(`admin login failed: ${res.status} ${JSON.stringify(res.body)}`);
  const token: string = res.body.accessToken;
  const me = await request(app.url).get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`).expect(200);
  const { secret, recoveryCodes } = await enrolMfa(app, token);
  return { token, userId: me.body.id, loginId: 'admin', role: Role.Admin, mfaSecret: secret, recoveryCodes };
}

/**
 * Creates a user of `role` through the admin API and signs them in (with MFA where the role
 * needs it); an account that reads personal records is approved by the operator and activated
 * with TEST_PASSWORD first.
 */
export async function createAndSignIn(app: TestApp, admin: SignedIn, role: Role, loginId: string, unitId = UNIT_ID): Promise<SignedIn> {
  const waits = readsPersonalRecords(role);
  const body: Record<string, unknown> = { loginId, displayName: `テスト ${role}`, role, password: waits ? ADMIN_SET_PASSWORD : TEST_PASSWORD };
  if (role === Role.Counselor || role === Role.Supervisor) body.unitId = unitId;
  if (role === Role.Liaison) body.departmentId = DEPARTMENT_ID;
  const created = await request(app.url).post('/api/v1/users').set('Authorization', `Bearer ${admin.token}`).send(body);
  if (created.status !== 201) throw new Error(`create ${role} failed: ${created.status} ${JSON.stringify(created.body)}`);
  if (created.body.approvalState !== (waits ? 'pending' : 'approved')) throw new Error(`${role} created as ${created.body.approvalState}`);
  const res = waits ? await activate(app, loginId, ADMIN_SET_PASSWORD, TEST_PASSWORD) : await login(app, loginId, TEST_PASSWORD);
  const signedIn: SignedIn = { token: res.body.accessToken, userId: created.body.id, loginId, role };
  if (res.body.mfaEnrolmentRequired) Object.assign(signedIn, { mfaSecret: undefined }, await enrolMfa(app, signedIn.token).then((m) => ({ mfaSecret: m.secret, recoveryCodes: m.recoveryCodes })));
  return signedIn;
}

/** Signs in again with a fresh TOTP step (the clock moves 30 s), e.g. after a test aged the session. */
export async function signInAgain(app: TestApp, who: SignedIn, password: string): Promise<SignedIn> {
  advanceClock(app, 30_000);
  const otp = who.mfaSecret ? totpCode(who.mfaSecret, now(app)) : undefined;
  const res = await login(app, who.loginId, password, otp);
  if (res.status !== 200) throw new Error(`sign-in of ${who.loginId} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { ...who, token: res.body.accessToken };
}
