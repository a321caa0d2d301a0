import { randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KEY_LENGTH, MasterKeyring, masterKeyId } from './keyring';

export interface KeyMaterialInput {
  nodeEnv: 'development' | 'test' | 'production';
  masterKey?: Buffer;
  /** Retired master keys: kept in the keyring to unwrap, never current. */
  previousMasterKeys?: Buffer[];
  blindIndexKey?: Buffer;
  /** The blind-index key retired by a rotation: lookups still match its indexes, writes never use it. */
  previousBlindIndexKey?: Buffer;
  dataDir: string;
  persist: boolean;
}

export interface ResolvedKeyMaterial {
  keyring: MasterKeyring;
  blindIndexKey: Buffer;
  previousBlindIndexKey?: Buffer;
  source: 'environment' | 'dev-file' | 'ephemeral';
}

export const DEV_KEYS_FILE = 'dev-keys.json';

interface KeyPair {
  masterKey: Buffer;
  blindIndexKey: Buffer;
}

/** The keys a process runs with: from the environment, else (outside production) a local dev file or fresh keys. */
export function resolveKeyMaterial(input: KeyMaterialInput): ResolvedKeyMaterial {
  const { masterKey, blindIndexKey } = input;
  const previous = { masterKeys: input.previousMasterKeys ?? [], blindIndexKey: input.previousBlindIndexKey };
  if (masterKey && blindIndexKey) return build({ masterKey, blindIndexKey }, 'environment', previous);

  // Second guard behind config validation: production must never invent keys it would lose on restart.
  if (input.nodeEnv === 'production') {
    const missing = [!masterKey && 'TSUNAGU_MASTER_KEY', !blindIndexKey && 'TSUNAGU_BLIND_INDEX_KEY'].filter(Boolean);
    throw new Error(`${missing.join(' and ')} must be set when NODE_ENV=production`);
  }

  const fallback = input.persist ? readOrCreateDevKeys(input.dataDir) : freshKeys();
  return build(
    { masterKey: masterKey ?? fallback.masterKey, blindIndexKey: blindIndexKey ?? fallback.blindIndexKey },
    input.persist ? 'dev-file' : 'ephemeral',
    previous,
  );
}

function build(keys: KeyPair, source: ResolvedKeyMaterial['source'], previous: { masterKeys: Buffer[]; blindIndexKey?: Buffer }): ResolvedKeyMaterial {
  assertKey(keys.masterKey, 'TSUNAGU_MASTER_KEY');
  assertKey(keys.blindIndexKey, 'TSUNAGU_BLIND_INDEX_KEY');
  if (keys.masterKey.equals(keys.blindIndexKey)) throw new Error('TSUNAGU_BLIND_INDEX_KEY must differ from TSUNAGU_MASTER_KEY');
  previous.masterKeys.forEach((key) => assertKey(key, 'TSUNAGU_PREVIOUS_MASTER_KEYS'));
  const oldBlind = previous.blindIndexKey;
  if (oldBlind) {
    // Second guard behind config validation, which names these same problems.
    assertKey(oldBlind, 'TSUNAGU_PREVIOUS_BLIND_INDEX_KEY');
    if (oldBlind.equals(keys.blindIndexKey)) throw new Error('TSUNAGU_PREVIOUS_BLIND_INDEX_KEY must differ from TSUNAGU_BLIND_INDEX_KEY');
    if ([keys.masterKey, ...previous.masterKeys].some((key) => key.equals(oldBlind))) throw new Error('TSUNAGU_PREVIOUS_BLIND_INDEX_KEY must differ from the master keys');
  }
  const id = masterKeyId(keys.masterKey);
  const retired = previous.masterKeys.filter((key) => !key.equals(keys.masterKey)).map((key) => ({ id: masterKeyId(key), key }));
  return {
    keyring: new MasterKeyring([{ id, key: keys.masterKey }, ...retired], id),
    blindIndexKey: Buffer.from(keys.blindIndexKey),
    ...(oldBlind ? { previousBlindIndexKey: Buffer.from(oldBlind) } : {}),
    source,
  };
}

function assertKey(key: Buffer, variable: string): void {
  if (!Buffer.isBuffer(key) || key.length !== KEY_LENGTH) throw new Error(`${variable} must be exactly ${KEY_LENGTH} bytes`);
}

function freshKeys(): KeyPair {
  return { masterKey: randomBytes(KEY_LENGTH), blindIndexKey: randomBytes(KEY_LENGTH) };
}

function readOrCreateDevKeys(dataDir: string): KeyPair {
  const file = join(dataDir, DEV_KEYS_FILE);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    return readDevKeys(file);
  } catch (error) {
    if (!isCode(error, 'ENOENT')) throw error;
  }
  const keys = freshKeys();
  const body = JSON.stringify({ masterKey: keys.masterKey.toString('base64'), blindIndexKey: keys.blindIndexKey.toString('base64') });
  // Write aside and hard-link into place: a second process starting at the same moment never reads half a file.
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(temp, `${body}\n`, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(temp, file);
    return keys;
  } catch (error) {
    if (!isCode(error, 'EEXIST')) throw error;
    return readDevKeys(file);
  } finally {
    unlinkSync(temp);
  }
}

function readDevKeys(file: string): KeyPair {
  const text = readFileSync(file, 'utf8');
  // A file copied around with loose permissions is tightened rather than left readable by others.
  if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`${file} is not valid JSON; restore it from a copy (deleting it makes the existing data unreadable)`);
  }
  const record = (parsed ?? {}) as Record<string, unknown>;
  return { masterKey: decodeDevKey(file, record, 'masterKey'), blindIndexKey: decodeDevKey(file, record, 'blindIndexKey') };
}

function decodeDevKey(file: string, record: Record<string, unknown>, field: string): Buffer {
  const value = record[field];
  const key = typeof value === 'string' ? Buffer.from(value, 'base64') : Buffer.alloc(0);
  if (key.length !== KEY_LENGTH) throw new Error(`${file}: "${field}" must be base64 of exactly ${KEY_LENGTH} bytes`);
  return key;
}

// Duck-typed: fs errors fail `instanceof Error` across realms (e.g. under Jest).
function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as NodeJS.ErrnoException).code === code;
}
