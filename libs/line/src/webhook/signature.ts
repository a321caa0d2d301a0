import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Whether `signature` (the X-Line-Signature header) is base64(HMAC-SHA256(secret, body)) of
 * these exact bytes. Compared in constant time; a malformed header is simply wrong.
 */
export function isValidLineSignature(secret: Buffer, body: Buffer, signature: string | undefined): boolean {
  if (!signature || !/^[A-Za-z0-9+/]+=*$/.test(signature)) return false;
  const expected = createHmac('sha256', secret).update(body).digest();
  const given = Buffer.from(signature, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
