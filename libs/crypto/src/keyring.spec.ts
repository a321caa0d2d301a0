import { createHash, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { UnknownKeyError } from './errors';
import { MasterKeyring, masterKeyId } from './keyring';

describe('masterKeyId', () => {
  it('is 16 hex chars, stable for a key and different across keys', () => {
    const key = randomBytes(32);
    expect(masterKeyId(key)).toMatch(/^[0-9a-f]{16}$/);
    expect(masterKeyId(Buffer.from(key))).toBe(masterKeyId(key));
    expect(masterKeyId(randomBytes(32))).not.toBe(masterKeyId(key));
  });

  it('is not a prefix of the key or of its unlabelled hash', () => {
    const key = Buffer.alloc(32, 7);
    expect(key.toString('hex')).not.toContain(masterKeyId(key));
    expect(masterKeyId(key)).not.toBe(createHash('sha256').update(key).digest('hex').slice(0, 16));
  });
});

describe('MasterKeyring', () => {
  const a = randomBytes(32);
  const b = randomBytes(32);

  it('returns the current key and any key by id', () => {
    const ring = new MasterKeyring([{ id: 'old', key: a }, { id: 'new', key: b }], 'new');
    expect(ring.current().id).toBe('new');
    expect(ring.current().key.equals(b)).toBe(true);
    expect(ring.get('old').equals(a)).toBe(true);
    expect(ring.ids()).toEqual(['old', 'new']);
  });

  it('throws UnknownKeyError for an unknown id', () => {
    const ring = new MasterKeyring([{ id: 'k1', key: a }], 'k1');
    expect(() => ring.get('k2')).toThrow(UnknownKeyError);
  });

  it.each([0, 16, 31, 33, 64])('rejects a %i-byte key', (length) => {
    expect(() => new MasterKeyring([{ id: 'k', key: randomBytes(length) }], 'k')).toThrow(/32 bytes/);
  });

  it.each(['', 'a.b', 'a b', 'ключ', 'x'.repeat(33)])('rejects the id %j', (id) => {
    expect(() => new MasterKeyring([{ id, key: a }], id)).toThrow(/id must match/);
  });

  it('rejects a current id that is not among the keys, and duplicate ids', () => {
    expect(() => new MasterKeyring([{ id: 'k1', key: a }], 'k2')).toThrow(/not among/);
    expect(() => new MasterKeyring([{ id: 'k1', key: a }, { id: 'k1', key: b }], 'k1')).toThrow(/twice/);
  });

  it('keeps its own copy of the key bytes', () => {
    const key = Buffer.from(a);
    const ring = new MasterKeyring([{ id: 'k', key }], 'k');
    key.fill(0);
    expect(ring.get('k').equals(a)).toBe(true);
  });

  it('shows ids but no key bytes when logged or serialized', () => {
    const ring = new MasterKeyring([{ id: 'k1', key: a }], 'k1');
    for (const shown of [inspect(ring), JSON.stringify(ring)]) {
      expect(shown).toContain('k1');
      expect(shown).not.toContain(a.toString('hex'));
      expect(shown).not.toContain(a.toString('base64'));
      expect(shown).not.toMatch(/Buffer|data/);
    }
  });
});
