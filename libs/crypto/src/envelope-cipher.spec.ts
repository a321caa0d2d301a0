import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import {
  dataKeyIdOf,
  decryptField,
  encryptField,
  generateDataKey,
  rewrapDataKey,
  unwrapDataKey,
  wrapDataKey,
} from './envelope-cipher';
import { DecryptionError } from './errors';
import { MasterKeyring, masterKeyId } from './keyring';

const KEY_ID = '3f2b8c1e-9a4d-4e7f-8b21-6c5d0e9f1a2b';
const AAD = 'client:0b7c3c1e-1111-4e7f-8b21-6c5d0e9f1a2b:name';
const SECRET = '山田花子 090-1234-5678 shelter at 3-2-1 Chūō';

function ringOf(...keys: Buffer[]): MasterKeyring {
  return new MasterKeyring(
    keys.map((key) => ({ id: masterKeyId(key), key })),
    masterKeyId(keys[keys.length - 1]),
  );
}

/** Runs fn, expects a DecryptionError, and returns it for further checks. */
function decryptionErrorOf(fn: () => unknown): DecryptionError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DecryptionError);
    return error as DecryptionError;
  }
  throw new Error('expected a DecryptionError');
}

/** Flips one bit in the decoded bytes of part `index` of a dotted value and re-encodes it. */
function flip(value: string, index: number, byte = 0): string {
  const parts = value.split('.');
  const bytes = Buffer.from(parts[index], 'base64url');
  bytes[byte] ^= 0x01;
  parts[index] = bytes.toString('base64url');
  return parts.join('.');
}

/** The last base64url character of `part` with its unused low bits set, which a lenient decoder reads as the same bytes. */
function otherSpelling(part: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  return alphabet[alphabet.indexOf(part[part.length - 1]) | 0b11];
}

describe('field encryption', () => {
  const dataKey = generateDataKey();

  it('generates distinct 32-byte data keys', () => {
    expect(dataKey).toHaveLength(32);
    expect(generateDataKey().equals(dataKey)).toBe(false);
  });

  it('round-trips and names the data key in the value', () => {
    const value = encryptField(dataKey, KEY_ID, SECRET, AAD);
    expect(value).toMatch(/^f1\.[A-Za-z0-9-]+\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    expect(dataKeyIdOf(value)).toBe(KEY_ID);
    expect(decryptField(dataKey, value, AAD)).toBe(SECRET);
  });

  it('round-trips any well-formed string, including the empty string', () => {
    expect(decryptField(dataKey, encryptField(dataKey, KEY_ID, '', AAD), AAD)).toBe('');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        expect(decryptField(dataKey, encryptField(dataKey, KEY_ID, text, AAD), AAD)).toBe(text);
      }),
      { numRuns: 200 },
    );
  });

  it('does not contain the plaintext, raw or in base64', () => {
    const plaintext = 'HanakoYamadaHanakoYamada';
    const value = encryptField(dataKey, KEY_ID, plaintext, AAD);
    for (const encoding of ['utf8', 'base64', 'base64url', 'hex'] as const) {
      const encoded = Buffer.from(plaintext).toString(encoding).replace(/=+$/, '');
      expect(value).not.toContain(encoded.slice(0, 16));
    }
    const ciphertext = Buffer.from(value.split('.')[3], 'base64url');
    expect(ciphertext.includes(Buffer.from(plaintext))).toBe(false);
  });

  it('uses a fresh IV each time, so equal values encrypt differently', () => {
    const first = encryptField(dataKey, KEY_ID, SECRET, AAD);
    const second = encryptField(dataKey, KEY_ID, SECRET, AAD);
    expect(first).not.toBe(second);
    expect(first.split('.')[2]).not.toBe(second.split('.')[2]);
  });

  describe('refuses with DecryptionError and a message without the plaintext', () => {
    const value = encryptField(dataKey, KEY_ID, SECRET, AAD);
    const [, , iv, ct, tag] = value.split('.');
    const cases: Array<[string, () => unknown, string]> = [
      ['a wrong data key', () => decryptField(generateDataKey(), value, AAD), 'authentication-failed'],
      ['a wrong AAD', () => decryptField(dataKey, value, 'client:other:name'), 'authentication-failed'],
      ['a flipped ciphertext byte', () => decryptField(dataKey, flip(value, 3), AAD), 'authentication-failed'],
      ['a flipped last ciphertext byte', () => decryptField(dataKey, flip(value, 3, Buffer.from(ct, 'base64url').length - 1), AAD), 'authentication-failed'],
      ['a flipped tag byte', () => decryptField(dataKey, flip(value, 4, 15), AAD), 'authentication-failed'],
      ['a flipped IV byte', () => decryptField(dataKey, flip(value, 2), AAD), 'authentication-failed'],
      ['a truncated value', () => decryptField(dataKey, value.slice(0, -4), AAD), 'malformed'],
      ['a truncated tag', () => decryptField(dataKey, `f1.${KEY_ID}.${iv}.${ct}.${tag.slice(0, 16)}`, AAD), 'malformed'],
      ['a missing part', () => decryptField(dataKey, `f1.${KEY_ID}.${iv}.${ct}`, AAD), 'malformed'],
      ['an extra part', () => decryptField(dataKey, `${value}.AA`, AAD), 'malformed'],
      ['a short IV', () => decryptField(dataKey, `f1.${KEY_ID}.${iv.slice(0, 12)}.${ct}.${tag}`, AAD), 'malformed'],
      ['non-base64url characters', () => decryptField(dataKey, `f1.${KEY_ID}.${iv}.${ct}!.${tag}`, AAD), 'malformed'],
      ['base64 padding', () => decryptField(dataKey, `f1.${KEY_ID}.${iv}.${ct}.${tag}==`, AAD), 'malformed'],
      // The last character of a 16-byte tag carries 2 unused bits; a second spelling of one value must not verify.
      ['non-canonical base64url', () => decryptField(dataKey, `f1.${KEY_ID}.${iv}.${ct}.${tag.slice(0, -1)}${otherSpelling(tag)}`, AAD), 'malformed'],
      ['an unknown version', () => decryptField(dataKey, value.replace(/^f1\./, 'f2.'), AAD), 'unsupported-version'],
      ['a wrapped key instead of a field', () => decryptField(dataKey, value.replace(/^f1\./, 'wk1.'), AAD), 'unsupported-version'],
      ['not an encrypted value at all', () => decryptField(dataKey, SECRET, AAD), 'malformed'],
    ];

    it.each(cases)('%s', (_name, attempt, reason) => {
      const error = decryptionErrorOf(attempt);
      expect(error.reason).toBe(reason);
      expect(error.message).not.toContain(SECRET);
      expect(error.message).not.toContain('山田');
      expect(error.message).not.toContain(ct);
    });

    it('for every single-bit flip anywhere in the bytes', () => {
      const raw = [2, 3, 4].map((index) => Buffer.from(value.split('.')[index], 'base64url').length);
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 2 }), fc.nat(), fc.integer({ min: 0, max: 7 }), (part, at, bit) => {
          const parts = value.split('.');
          const bytes = Buffer.from(parts[part + 2], 'base64url');
          bytes[at % raw[part]] ^= 1 << bit;
          parts[part + 2] = bytes.toString('base64url');
          expect(() => decryptField(dataKey, parts.join('.'), AAD)).toThrow(DecryptionError);
        }),
        { numRuns: 300 },
      );
    });
  });

  it('dataKeyIdOf throws DecryptionError on a malformed value', () => {
    expect(decryptionErrorOf(() => dataKeyIdOf('f1.not a key id.AAAA.AA.AA')).reason).toBe('malformed');
    expect(decryptionErrorOf(() => dataKeyIdOf('plain text')).reason).toBe('malformed');
    expect(decryptionErrorOf(() => dataKeyIdOf('f9.x.y.z.w')).reason).toBe('unsupported-version');
  });

  it('rejects invalid inputs when encrypting', () => {
    expect(() => encryptField(dataKey, 'key.with.dots', SECRET, AAD)).toThrow(/Data key id/);
    expect(() => encryptField(dataKey, 'x'.repeat(65), SECRET, AAD)).toThrow(/Data key id/);
    expect(() => encryptField(randomBytes(16), KEY_ID, SECRET, AAD)).toThrow(/32 bytes/);
    expect(() => encryptField(dataKey, KEY_ID, SECRET, '')).toThrow(/AAD/);
    // UTF-8 would silently replace a lone surrogate, so the round trip would not be exact.
    expect(() => encryptField(dataKey, KEY_ID, 'a\uD800b', AAD)).toThrow(/well-formed/);
  });
});

describe('data key wrapping', () => {
  const masterA = randomBytes(32);
  const masterB = randomBytes(32);
  const context = 'data-key:7d9c1c1e-2222-4e7f-8b21-6c5d0e9f1a2b';

  it('round-trips under the current master key and names it', () => {
    const ring = ringOf(masterA);
    const dataKey = generateDataKey();
    const wrapped = wrapDataKey(ring, dataKey, context);
    expect(wrapped.startsWith(`wk1.${masterKeyId(masterA)}.`)).toBe(true);
    expect(wrapped.split('.')).toHaveLength(5);
    expect(wrapped).not.toContain(dataKey.toString('base64url'));
    expect(unwrapDataKey(ring, wrapped, context).equals(dataKey)).toBe(true);
    expect(wrapDataKey(ring, dataKey, context)).not.toBe(wrapped);
  });

  it('fails with a wrong master key under the same id', () => {
    const wrapped = wrapDataKey(ringOf(masterA), generateDataKey(), context);
    const impostor = new MasterKeyring([{ id: masterKeyId(masterA), key: masterB }], masterKeyId(masterA));
    expect(decryptionErrorOf(() => unwrapDataKey(impostor, wrapped, context)).reason).toBe('authentication-failed');
  });

  it('fails with a master key id the keyring lacks', () => {
    const wrapped = wrapDataKey(ringOf(masterA), generateDataKey(), context);
    expect(decryptionErrorOf(() => unwrapDataKey(ringOf(masterB), wrapped, context)).reason).toBe('unknown-master-key');
  });

  it('fails in another context, so a wrapped key cannot move to another row', () => {
    const ring = ringOf(masterA);
    const wrapped = wrapDataKey(ring, generateDataKey(), context);
    expect(decryptionErrorOf(() => unwrapDataKey(ring, wrapped, 'data-key:other')).reason).toBe('authentication-failed');
  });

  it('fails on tampering, truncation and unknown versions without echoing the input', () => {
    const ring = ringOf(masterA);
    const dataKey = generateDataKey();
    const wrapped = wrapDataKey(ring, dataKey, context);
    const attempts = [flip(wrapped, 3), flip(wrapped, 4), flip(wrapped, 2), wrapped.slice(0, -3), wrapped.replace(/^wk1/, 'wk2'), 'wk1'];
    for (const attempt of attempts) {
      const error = decryptionErrorOf(() => unwrapDataKey(ring, attempt, context));
      expect(error.message).not.toContain(wrapped.split('.')[3]);
      expect(error.message).not.toContain(dataKey.toString('base64url'));
    }
  });

  it('rewraps under a new current key: the old keyring cannot unwrap, the new one can', () => {
    const dataKey = generateDataKey();
    const wrapped = wrapDataKey(ringOf(masterA), dataKey, context);
    const rotating = ringOf(masterA, masterB);
    const rewrapped = rewrapDataKey(rotating, wrapped, context);
    expect(rewrapped.startsWith(`wk1.${masterKeyId(masterB)}.`)).toBe(true);
    expect(decryptionErrorOf(() => unwrapDataKey(ringOf(masterA), rewrapped, context)).reason).toBe('unknown-master-key');
    expect(unwrapDataKey(ringOf(masterB), rewrapped, context).equals(dataKey)).toBe(true);
    expect(() => rewrapDataKey(rotating, wrapped, 'data-key:other')).toThrow(DecryptionError);
  });

  it('keeps field values readable across a master key rotation', () => {
    const dataKey = generateDataKey();
    const value = encryptField(dataKey, KEY_ID, SECRET, AAD);
    const rewrapped = rewrapDataKey(ringOf(masterA, masterB), wrapDataKey(ringOf(masterA), dataKey, context), context);
    expect(decryptField(unwrapDataKey(ringOf(masterB), rewrapped, context), value, AAD)).toBe(SECRET);
  });
});
