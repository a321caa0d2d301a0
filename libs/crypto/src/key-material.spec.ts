import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEV_KEYS_FILE, KeyMaterialInput, resolveKeyMaterial } from './key-material';
import { masterKeyId } from './keyring';

const posix = process.platform !== 'win32';

describe('resolveKeyMaterial', () => {
  let root: string;
  let dataDir: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'tsunagu-keys-'));
    dataDir = join(root, 'data');
  });

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const input = (over: Partial<KeyMaterialInput> = {}): KeyMaterialInput => ({ nodeEnv: 'development', dataDir, persist: true, ...over });

  it('uses both environment keys as they are', () => {
    const masterKey = randomBytes(32);
    const blindIndexKey = randomBytes(32);
    const resolved = resolveKeyMaterial(input({ nodeEnv: 'production', masterKey, blindIndexKey }));
    expect(resolved.source).toBe('environment');
    expect(resolved.keyring.current().id).toBe(masterKeyId(masterKey));
    expect(resolved.keyring.current().key.equals(masterKey)).toBe(true);
    expect(resolved.blindIndexKey.equals(blindIndexKey)).toBe(true);
    expect(() => statSync(dataDir)).toThrow();
  });

  it.each([
    [{}, /TSUNAGU_MASTER_KEY and TSUNAGU_BLIND_INDEX_KEY/],
    [{ masterKey: randomBytes(32) }, /^TSUNAGU_BLIND_INDEX_KEY must be set/],
    [{ blindIndexKey: randomBytes(32) }, /^TSUNAGU_MASTER_KEY must be set/],
  ])('refuses production without both keys (%#) and writes no file', (keys, message) => {
    expect(() => resolveKeyMaterial(input({ nodeEnv: 'production', ...keys }))).toThrow(message);
    expect(() => statSync(join(dataDir, DEV_KEYS_FILE))).toThrow();
  });

  it('creates the dev file with mode 0600 in a 0700 folder and returns the same keys on the next start', () => {
    const first = resolveKeyMaterial(input());
    expect(first.source).toBe('dev-file');
    const file = join(dataDir, DEV_KEYS_FILE);
    if (posix) {
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    }
    const stored = JSON.parse(readFileSync(file, 'utf8'));
    expect(Buffer.from(stored.masterKey, 'base64').equals(first.keyring.current().key)).toBe(true);
    expect(Buffer.from(stored.blindIndexKey, 'base64').equals(first.blindIndexKey)).toBe(true);

    const second = resolveKeyMaterial(input({ nodeEnv: 'test' }));
    expect(second.source).toBe('dev-file');
    expect(second.keyring.current().id).toBe(first.keyring.current().id);
    expect(second.keyring.current().key.equals(first.keyring.current().key)).toBe(true);
    expect(second.blindIndexKey.equals(first.blindIndexKey)).toBe(true);
    expect(first.blindIndexKey.equals(first.keyring.current().key)).toBe(false);
  });

  (posix ? it : it.skip)('tightens a dev file that others can read', () => {
    resolveKeyMaterial(input());
    const file = join(dataDir, DEV_KEYS_FILE);
    chmodSync(file, 0o644);
    resolveKeyMaterial(input());
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('refuses a damaged dev file instead of replacing it', () => {
    resolveKeyMaterial(input());
    const file = join(dataDir, DEV_KEYS_FILE);
    writeFileSync(file, JSON.stringify({ masterKey: randomBytes(16).toString('base64'), blindIndexKey: 'x' }));
    expect(() => resolveKeyMaterial(input())).toThrow(/"masterKey" must be base64 of exactly 32 bytes/);
    writeFileSync(file, '{');
    expect(() => resolveKeyMaterial(input())).toThrow(/not valid JSON/);
    expect(readFileSync(file, 'utf8')).toBe('{');
  });

  it('makes fresh keys without touching the disk when not persisting', () => {
    const first = resolveKeyMaterial(input({ nodeEnv: 'test', persist: false }));
    const second = resolveKeyMaterial(input({ nodeEnv: 'test', persist: false }));
    expect(first.source).toBe('ephemeral');
    expect(first.keyring.current().key.equals(second.keyring.current().key)).toBe(false);
    expect(first.blindIndexKey.equals(second.blindIndexKey)).toBe(false);
    expect(() => statSync(dataDir)).toThrow();
  });

  it('fills only the missing key outside production', () => {
    const masterKey = randomBytes(32);
    const fromFile = resolveKeyMaterial(input({ masterKey }));
    expect(fromFile.source).toBe('dev-file');
    expect(fromFile.keyring.current().key.equals(masterKey)).toBe(true);
    const stored = JSON.parse(readFileSync(join(dataDir, DEV_KEYS_FILE), 'utf8'));
    expect(Buffer.from(stored.blindIndexKey, 'base64').equals(fromFile.blindIndexKey)).toBe(true);

    const blindIndexKey = randomBytes(32);
    const ephemeral = resolveKeyMaterial(input({ blindIndexKey, persist: false }));
    expect(ephemeral.source).toBe('ephemeral');
    expect(ephemeral.blindIndexKey.equals(blindIndexKey)).toBe(true);
  });

  it('rejects keys of the wrong length and a blind index key equal to the master key', () => {
    const key = randomBytes(32);
    expect(() => resolveKeyMaterial(input({ masterKey: randomBytes(31), blindIndexKey: key }))).toThrow(/32 bytes/);
    expect(() => resolveKeyMaterial(input({ masterKey: key, blindIndexKey: Buffer.from(key) }))).toThrow(/must differ/);
  });

  it('carries the previous blind-index key of a rotation, and refuses one that repeats another key', () => {
    const [masterKey, retiredMaster, blindIndexKey, previousBlindIndexKey] = [randomBytes(32), randomBytes(32), randomBytes(32), randomBytes(32)];
    const resolved = resolveKeyMaterial(input({ masterKey, blindIndexKey, previousBlindIndexKey }));
    expect(resolved.blindIndexKey.equals(blindIndexKey)).toBe(true);
    expect(resolved.previousBlindIndexKey!.equals(previousBlindIndexKey)).toBe(true);
    expect(resolveKeyMaterial(input({ masterKey, blindIndexKey })).previousBlindIndexKey).toBeUndefined();
    const refused: Array<[Partial<KeyMaterialInput>, RegExp]> = [
      [{ previousBlindIndexKey: randomBytes(31) }, /TSUNAGU_PREVIOUS_BLIND_INDEX_KEY must be exactly 32 bytes/],
      [{ previousBlindIndexKey: Buffer.from(blindIndexKey) }, /must differ from TSUNAGU_BLIND_INDEX_KEY/],
      [{ previousBlindIndexKey: Buffer.from(masterKey) }, /must differ from the master keys/],
      [{ previousMasterKeys: [retiredMaster], previousBlindIndexKey: Buffer.from(retiredMaster) }, /must differ from the master keys/],
    ];
    for (const [over, message] of refused) expect(() => resolveKeyMaterial(input({ masterKey, blindIndexKey, ...over }))).toThrow(message);
  });
});
