import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

/** Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand survives. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const GROUPS = 3;
const GROUP_LENGTH = 4;

/** How long an issued activation code may be used: long enough to hand over in person, short enough not to linger. */
export const ACTIVATION_CODE_TTL_MS = 72 * 3_600_000;

/** A one-time activation code, e.g. `7KQ2-M9XD-4TRB` (60 random bits). */
export function newActivationCode(): string {
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g++) {
    let group = '';
    for (let i = 0; i < GROUP_LENGTH; i++) group += ALPHABET[randomInt(ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}

/** Case, spaces and hyphens don't matter, and the letters people confuse with digits read as those digits. */
export function normalizeActivationCode(code: string): string {
  return code
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

/** What is stored: the SHA-256 of the normalised code (the code has 60 random bits and sign-in is throttled). */
export function hashActivationCode(code: string): string {
  return createHash('sha256').update(normalizeActivationCode(code)).digest('hex');
}

export function activationCodeMatches(storedHash: string, code: string): boolean {
  const given = Buffer.from(hashActivationCode(code), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
