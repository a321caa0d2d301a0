import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { isValidLineSignature } from './signature';

const secret = Buffer.from('synthetic-channel-secret');
const sign = (body: Buffer) => createHmac('sha256', secret).update(body).digest('base64');

describe('X-Line-Signature', () => {
  it('accepts the signature of the exact bytes', () => {
    const body = Buffer.from('{"destination":"U0","events":[]}');
    expect(isValidLineSignature(secret, body, sign(body))).toBe(true);
  });

  it('refuses a missing, malformed or other-secret signature', () => {
    const body = Buffer.from('{"events":[]}');
    expect(isValidLineSignature(secret, body, undefined)).toBe(false);
    expect(isValidLineSignature(secret, body, '')).toBe(false);
    expect(isValidLineSignature(secret, body, 'not base64 !')).toBe(false);
    expect(isValidLineSignature(secret, body, sign(body).slice(0, 20))).toBe(false);
    expect(isValidLineSignature(Buffer.from('another-secret'), body, sign(body))).toBe(false);
  });

  it('refuses any change to the body, even one that parses to the same JSON (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 200 }), fc.nat(), fc.integer({ min: 1, max: 255 }), (bytes, at, flip) => {
        const body = Buffer.from(bytes);
        const tampered = Buffer.from(bytes);
        tampered[at % tampered.length] ^= flip;
        return isValidLineSignature(secret, body, sign(body)) && !isValidLineSignature(secret, tampered, sign(body));
      }),
    );
    const spaced = Buffer.from('{"events": []}');
    expect(isValidLineSignature(secret, spaced, sign(Buffer.from('{"events":[]}')))).toBe(false);
  });
});
