import { createHash, createHmac } from 'node:crypto';
import { inspect } from 'node:util';
import { KEY_LENGTH } from './keyring';

export type BlindIndexKind = 'phone' | 'kana' | 'line-user';

const HIRAGANA = /[\u3041-\u3096\u309D\u309E]/g;
const HIRAGANA_TO_KATAKANA = 0x60;
// Whitespace (incl. U+3000), katakana and Latin middle dots, and invisible format characters such as U+200B.
const KANA_SEPARATORS = /[\s\u30FB\u00B7\p{Cf}]/gu;

/** Digits only, in the domestic form: "+81 90-1234-5678" and "０９０－１２３４－５６７８" both give "09012345678". */
export function normalizePhone(value: string): string {
  const compact = value.normalize('NFKC').replace(/[^0-9+]/g, '');
  if (compact.startsWith('+81')) {
    const national = compact.slice(3).replace(/\D/g, '');
    if (national === '') return '';
    // "+81 (0)90-…" already carries the trunk 0; Japanese numbers never start with 0 after it.
    return national.startsWith('0') ? national : `0${national}`;
  }
  return compact.replace(/\D/g, '');
}

/** Katakana without separators: "やまだ はなこ", "ヤマダ　ハナコ" and "ﾔﾏﾀﾞ ﾊﾅｺ" all give "ヤマダハナコ". */
export function normalizeKana(value: string): string {
  const katakana = value
    .normalize('NFKC')
    .replace(KANA_SEPARATORS, '')
    .replace(HIRAGANA, (c) => String.fromCharCode(c.charCodeAt(0) + HIRAGANA_TO_KATAKANA));
  // Removing a separator can put a base letter next to a combining mark; compose again so the result is stable.
  return katakana.normalize('NFKC');
}

const NORMALIZERS: Record<BlindIndexKind, (value: string) => string> = { phone: normalizePhone, kana: normalizeKana, 'line-user': (value) => value.trim() };

const KEY_ID_LABEL = Buffer.from('tsunagu-blind-index-key-id', 'utf8');

/**
 * Stable, non-secret id of a blind-index key (a labelled SHA-256, as master key ids are), stored
 * beside the indexes it computed so a rotation knows which rows are left.
 */
export function blindIndexKeyId(key: Buffer): string {
  return createHash('sha256').update(KEY_ID_LABEL).update(key).digest('hex').slice(0, 16);
}

/**
 * Keyed equality search: the same normalized value gives the same index, and nothing else can be
 * learnt from it. Indexes are written with the current key; during a rotation `lookup` also gives
 * the value's index under the previous key, so rows not yet recomputed are still found.
 */
export class BlindIndexer {
  readonly #key: Buffer;
  readonly #previousKey: Buffer | null;
  /** Id of the key new indexes are computed with. */
  readonly keyId: string;
  /** Id of the retired key lookups still match, while a rotation runs. */
  readonly previousKeyId: string | null;

  constructor(key: Buffer, previousKey?: Buffer) {
    if (!Buffer.isBuffer(key) || key.length !== KEY_LENGTH) throw new Error(`Blind index key must be exactly ${KEY_LENGTH} bytes`);
    if (previousKey !== undefined && (!Buffer.isBuffer(previousKey) || previousKey.length !== KEY_LENGTH)) {
      throw new Error(`Previous blind index key must be exactly ${KEY_LENGTH} bytes`);
    }
    if (previousKey?.equals(key)) throw new Error('Previous blind index key must differ from the current one');
    this.#key = Buffer.from(key);
    this.#previousKey = previousKey ? Buffer.from(previousKey) : null;
    this.keyId = blindIndexKeyId(key);
    this.previousKeyId = previousKey ? blindIndexKeyId(previousKey) : null;
  }

  /** The index under the current key: what is written. */
  index(kind: BlindIndexKind, normalized: string): string {
    checkNormalized(kind, normalized);
    return hmac(this.#key, kind, normalized);
  }

  /** Every index a stored row may hold for this value: the current key's first, then the previous key's while one is set. */
  lookup(kind: BlindIndexKind, normalized: string): string[] {
    const current = this.index(kind, normalized);
    return this.#previousKey ? [current, hmac(this.#previousKey, kind, normalized)] : [current];
  }

  phone(value: string): string {
    return this.index('phone', normalizePhone(value));
  }

  kana(value: string): string {
    return this.index('kana', normalizeKana(value));
  }

  /** A LINE user id (U + 32 hex digits), as LINE sends it. */
  lineUser(value: string): string {
    return this.index('line-user', value.trim());
  }

  /** The indexes under which a LINE user id may be stored (see `lookup`). */
  lineUserLookup(value: string): string[] {
    return this.lookup('line-user', value.trim());
  }

  toJSON(): string {
    return 'BlindIndexer';
  }

  [inspect.custom](): string {
    return 'BlindIndexer {}';
  }
}

function checkNormalized(kind: BlindIndexKind, normalized: string): void {
  const normalize = NORMALIZERS[kind];
  if (!normalize) throw new Error('Unknown blind index kind');
  if (normalized === '') throw new Error(`Refusing to index an empty ${kind}`);
  // An unnormalized value would be indexed without error and then never match a search.
  if (normalize(normalized) !== normalized) throw new Error(`Value is not a normalized ${kind}`);
}

function hmac(key: Buffer, kind: BlindIndexKind, normalized: string): string {
  return createHmac('sha256', key).update(`${kind}\0${normalized}`, 'utf8').digest('hex');
}
