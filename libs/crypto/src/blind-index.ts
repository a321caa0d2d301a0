import { createHmac } from 'node:crypto';
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

/** Keyed equality search: the same normalized value gives the same index, and nothing else can be learnt from it. */
export class BlindIndexer {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (!Buffer.isBuffer(key) || key.length !== KEY_LENGTH) throw new Error(`Blind index key must be exactly ${KEY_LENGTH} bytes`);
    this.#key = Buffer.from(key);
  }

  index(kind: BlindIndexKind, normalized: string): string {
    const normalize = NORMALIZERS[kind];
    if (!normalize) throw new Error('Unknown blind index kind');
    if (normalized === '') throw new Error(`Refusing to index an empty ${kind}`);
    // An unnormalized value would be indexed without error and then never match a search.
    if (normalize(normalized) !== normalized) throw new Error(`Value is not a normalized ${kind}`);
    return createHmac('sha256', this.#key).update(`${kind}\0${normalized}`, 'utf8').digest('hex');
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

  toJSON(): string {
    return 'BlindIndexer';
  }

  [inspect.custom](): string {
    return 'BlindIndexer {}';
  }
}
