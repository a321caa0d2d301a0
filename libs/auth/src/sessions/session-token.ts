import { createHash, randomBytes } from 'node:crypto';

const PREFIX = 'tsg_';

/** 256 random bits; the prefix lets secret scanners recognise a leaked token. */
export function newSessionToken(): string {
  return `${PREFIX}${randomBytes(32).toString('base64url')}`;
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function looksLikeSessionToken(value: string): boolean {
  return /^tsg_[A-Za-z0-9_-]{43}$/.test(value);
}
