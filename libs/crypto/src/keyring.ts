import { createHash } from 'node:crypto';
import { inspect } from 'node:util';
import { UnknownKeyError } from './errors';

export const KEY_LENGTH = 32;
const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
const KEY_ID_LABEL = Buffer.from('tsunagu-master-key-id', 'utf8');

/** Stable id of a master key: a labelled hash, so it can be stored beside ciphertext without revealing the key. */
export function masterKeyId(key: Buffer): string {
  return createHash('sha256').update(KEY_ID_LABEL).update(key).digest('hex').slice(0, 16);
}

/** The master keys a process may use, by id; one of them is current and wraps new data keys. */
export class MasterKeyring {
  readonly #keys = new Map<string, Buffer>();
  readonly #currentId: string;

  constructor(keys: Array<{ id: string; key: Buffer }>, currentId: string) {
    for (const { id, key } of keys) {
      if (!KEY_ID_PATTERN.test(id)) throw new Error('Master key id must match /^[A-Za-z0-9_-]{1,32}$/');
      if (!Buffer.isBuffer(key) || key.length !== KEY_LENGTH) {
        throw new Error(`Master key "${id}" must be exactly ${KEY_LENGTH} bytes`);
      }
      if (this.#keys.has(id)) throw new Error(`Master key id "${id}" appears twice`);
      // Own copy, so a caller wiping or reusing its buffer cannot change the keyring.
      this.#keys.set(id, Buffer.from(key));
    }
    if (!this.#keys.has(currentId)) throw new Error(`Current master key id "${currentId}" is not among the keys`);
    this.#currentId = currentId;
  }

  current(): { id: string; key: Buffer } {
    return { id: this.#currentId, key: this.get(this.#currentId) };
  }

  get(id: string): Buffer {
    const key = this.#keys.get(id);
    if (!key) throw new UnknownKeyError(id);
    return key;
  }

  has(id: string): boolean {
    return this.#keys.has(id);
  }

  ids(): string[] {
    return [...this.#keys.keys()];
  }

  // A keyring that ends up in a log line or a JSON body shows ids only.
  toJSON(): { currentId: string; ids: string[] } {
    return { currentId: this.#currentId, ids: this.ids() };
  }

  [inspect.custom](): string {
    return `MasterKeyring { current: '${this.#currentId}', ids: [${this.ids().map((id) => `'${id}'`).join(', ')}] }`;
  }
}
