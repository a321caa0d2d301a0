import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { DecryptionError } from './errors';
import { KEY_LENGTH, MasterKeyring } from './keyring';

const ALGORITHM = 'aes-256-gcm';
const IV_LENGTH = 12;
const TAG_LENGTH = 16;
const WRAPPED_VERSION = 'wk1';
const FIELD_VERSION = 'f1';
const MASTER_KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
const DATA_KEY_ID_PATTERN = /^[A-Za-z0-9-]{1,64}$/;
const BASE64URL_PATTERN = /^[A-Za-z0-9_-]*$/;
// With the u flag only unpaired surrogates match; UTF-8 would silently turn them into U+FFFD.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

interface Sealed {
  keyId: string;
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

/** A fresh random 32-byte data key; each client's fields get their own. */
export function generateDataKey(): Buffer {
  return randomBytes(KEY_LENGTH);
}

/** Wraps a data key under the current master key; `context` (e.g. the data key's row id) binds it to its row. */
export function wrapDataKey(keyring: MasterKeyring, dataKey: Buffer, context: string): string {
  assertKey(dataKey, 'Data key');
  const { id, key } = keyring.current();
  return format(WRAPPED_VERSION, id, seal(key, dataKey, wrapAad(context)));
}

/** Unwraps with the master key named in the value; any failure is a DecryptionError. */
export function unwrapDataKey(keyring: MasterKeyring, wrapped: string, context: string): Buffer {
  const sealed = parse(wrapped, WRAPPED_VERSION, MASTER_KEY_ID_PATTERN);
  if (sealed.ciphertext.length !== KEY_LENGTH) throw new DecryptionError('malformed');
  if (!keyring.has(sealed.keyId)) throw new DecryptionError('unknown-master-key');
  return open(keyring.get(sealed.keyId), sealed, wrapAad(context));
}

/** Re-wraps a data key under the keyring's current master key, for master key rotation. */
export function rewrapDataKey(keyring: MasterKeyring, wrapped: string, context: string): string {
  const dataKey = unwrapDataKey(keyring, wrapped, context);
  try {
    return wrapDataKey(keyring, dataKey, context);
  } finally {
    dataKey.fill(0);
  }
}

/** Encrypts one field value; `aad` names where it is stored (e.g. "client:<uuid>:name") so it cannot be moved. */
export function encryptField(dataKey: Buffer, dataKeyId: string, plaintext: string, aad: string): string {
  assertKey(dataKey, 'Data key');
  if (!DATA_KEY_ID_PATTERN.test(dataKeyId)) throw new Error('Data key id must match /^[A-Za-z0-9-]{1,64}$/');
  if (typeof plaintext !== 'string') throw new Error('Plaintext must be a string');
  if (LONE_SURROGATE.test(plaintext)) throw new Error('Plaintext is not well-formed Unicode');
  return format(FIELD_VERSION, dataKeyId, seal(dataKey, Buffer.from(plaintext, 'utf8'), bindingAad(aad)));
}

/** Decrypts a field value; throws DecryptionError rather than ever returning unauthenticated text. */
export function decryptField(dataKey: Buffer, value: string, aad: string): string {
  assertKey(dataKey, 'Data key');
  const sealed = parse(value, FIELD_VERSION, DATA_KEY_ID_PATTERN);
  const plaintext = open(dataKey, sealed, bindingAad(aad));
  try {
    return strictUtf8.decode(plaintext);
  } catch {
    throw new DecryptionError('malformed');
  } finally {
    plaintext.fill(0);
  }
}

/** The data key id named in a field value, to look its key up before decrypting. */
export function dataKeyIdOf(value: string): string {
  return parse(value, FIELD_VERSION, DATA_KEY_ID_PATTERN).keyId;
}

function wrapAad(context: string): Buffer {
  return bindingAad(`tsunagu:datakey:${requireText(context, 'Context')}`);
}

function bindingAad(aad: string): Buffer {
  return Buffer.from(requireText(aad, 'AAD'), 'utf8');
}

// An empty binding would let a value be copied anywhere, which is what AAD exists to stop.
function requireText(value: string, name: string): string {
  if (typeof value !== 'string' || value.length === 0) throw new Error(`${name} must be a non-empty string`);
  return value;
}

function assertKey(key: Buffer, name: string): void {
  if (!Buffer.isBuffer(key) || key.length !== KEY_LENGTH) throw new Error(`${name} must be exactly ${KEY_LENGTH} bytes`);
}

function seal(key: Buffer, plaintext: Buffer, aad: Buffer): Omit<Sealed, 'keyId'> {
  // Random 96-bit IVs are safe well below 2^32 encryptions per key; one data key per client stays far below.
  const iv = randomBytes(IV_LENGTH);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_LENGTH });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, ciphertext, tag: cipher.getAuthTag() };
}

function open(key: Buffer, sealed: Sealed, aad: Buffer): Buffer {
  try {
    // authTagLength pins the tag size, so a truncated tag cannot weaken verification.
    const decipher = createDecipheriv(ALGORITHM, key, sealed.iv, { authTagLength: TAG_LENGTH });
    decipher.setAAD(aad);
    decipher.setAuthTag(sealed.tag);
    return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
  } catch {
    throw new DecryptionError('authentication-failed');
  }
}

function format(version: string, keyId: string, sealed: Omit<Sealed, 'keyId'>): string {
  return [version, keyId, sealed.iv, sealed.ciphertext, sealed.tag]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

function parse(value: string, version: string, keyIdPattern: RegExp): Sealed {
  if (typeof value !== 'string') throw new DecryptionError('malformed');
  const parts = value.split('.');
  if (parts.length < 2 || !/^[a-z]+[0-9]+$/.test(parts[0])) throw new DecryptionError('malformed');
  if (parts[0] !== version) throw new DecryptionError('unsupported-version');
  if (parts.length !== 5) throw new DecryptionError('malformed');
  const [, keyId, iv, ciphertext, tag] = parts;
  if (!keyIdPattern.test(keyId)) throw new DecryptionError('malformed');
  const sealed = { keyId, iv: decode(iv), ciphertext: decode(ciphertext), tag: decode(tag) };
  if (sealed.iv.length !== IV_LENGTH || sealed.tag.length !== TAG_LENGTH) throw new DecryptionError('malformed');
  return sealed;
}

// Node's base64url decoder skips invalid characters; only the canonical encoding is accepted, so one value has one text.
function decode(part: string): Buffer {
  if (!BASE64URL_PATTERN.test(part)) throw new DecryptionError('malformed');
  const bytes = Buffer.from(part, 'base64url');
  if (bytes.toString('base64url') !== part) throw new DecryptionError('malformed');
  return bytes;
}
