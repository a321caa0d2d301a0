import { authenticator } from 'otplib';

const STEP_SECONDS = 30;
export const TOTP_ISSUER = 'Tsunagu';

export function newTotpSecret(): string {
  return authenticator.generateSecret(20);
}

export function totpUri(loginId: string, secret: string): string {
  return authenticator.keyuri(loginId, TOTP_ISSUER, secret);
}

/**
 * The time step a 6-digit code belongs to (±1 step for clock drift), or null when it matches
 * none. Callers refuse a step already used, so a code can't be replayed.
 */
export function matchTotpStep(secret: string, code: string, now: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const totp = authenticator.clone({ epoch: now.getTime(), window: 1, step: STEP_SECONDS });
  const delta = totp.checkDelta(code, secret);
  if (delta === null) return null;
  return Math.floor(now.getTime() / 1000 / STEP_SECONDS) + delta;
}

/** For tests and the smoke check: the current code of a secret. */
export function totpCode(secret: string, now: Date): string {
  return authenticator.clone({ epoch: now.getTime(), step: STEP_SECONDS }).generate(secret);
}
