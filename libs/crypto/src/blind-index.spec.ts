import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { BlindIndexer, blindIndexKeyId, normalizeKana, normalizePhone } from './blind-index';
import { masterKeyId } from './keyring';

const HIRAGANA_COUNT = 0x3096 - 0x3041 + 1;
const kanaIndexes = fc.array(fc.integer({ min: 0, max: HIRAGANA_COUNT - 1 }), { minLength: 1, maxLength: 20 });
const asHiragana = (indexes: number[]) => String.fromCharCode(...indexes.map((i) => 0x3041 + i));
const asKatakana = (indexes: number[]) => String.fromCharCode(...indexes.map((i) => 0x30a1 + i));
// Inputs biased to the characters the normalizers treat specially.
const messy = fc.string({
  unit: fc.constantFrom(...'0123456789０９+＋ -－()（）　・･·\u200B\u3099\u309Aあがぱゝゞアガパヽヾｱｶﾞﾊﾟﾞﾟ山a'.split('')),
  maxLength: 30,
});

describe('normalizePhone', () => {
  it.each([
    ['+81 90-1234-5678', '09012345678'],
    ['０９０－１２３４－５６７８', '09012345678'],
    ['090-1234-5678', '09012345678'],
    ['(03) 1234-5678', '0312345678'],
    ['＋８１ ３ １２３４ ５６７８', '0312345678'],
    ['+81 (0)90-1234-5678', '09012345678'],
    ['Tel: +81-90-1234-5678', '09012345678'],
    ['+1 555 0100', '15550100'],
    ['', ''],
    ['なし', ''],
    ['+81', ''],
  ])('%j -> %j', (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });

  it('is idempotent and leaves only ASCII digits', () => {
    fc.assert(
      fc.property(fc.oneof(messy, fc.string({ unit: 'grapheme' })), (value) => {
        const once = normalizePhone(value);
        expect(once).toMatch(/^[0-9]*$/);
        expect(normalizePhone(once)).toBe(once);
      }),
      { numRuns: 500 },
    );
  });

  it('gives the same result for the +81 and domestic forms of a mobile number', () => {
    fc.assert(
      fc.property(fc.constantFrom('70', '80', '90'), fc.stringMatching(/^[0-9]{8}$/), (prefix, rest) => {
        expect(normalizePhone(`+81 ${prefix}-${rest.slice(0, 4)}-${rest.slice(4)}`)).toBe(normalizePhone(`0${prefix}${rest}`));
      }),
    );
  });
});

describe('normalizeKana', () => {
  it.each([
    ['やまだ はなこ', 'ヤマダハナコ'],
    ['ヤマダ　ハナコ', 'ヤマダハナコ'],
    ['ﾔﾏﾀﾞ ﾊﾅｺ', 'ヤマダハナコ'],
    ['ヤマダ・ハナコ', 'ヤマダハナコ'],
    ['ﾔﾏﾀﾞ･ﾊﾅｺ', 'ヤマダハナコ'],
    ['\tやまだ\u200Bはなこ\n', 'ヤマダハナコ'],
    ['ゔぁゕゖ', 'ヴァヵヶ'],
    ['みすゞ', 'ミスヾ'],
    ['カ \u3099', 'ガ'],
    ['　', ''],
  ])('%j -> %j', (input, expected) => {
    expect(normalizeKana(input)).toBe(expected);
  });

  it('maps hiragana and katakana spellings to the same value', () => {
    fc.assert(
      fc.property(kanaIndexes, (indexes) => {
        expect(normalizeKana(asHiragana(indexes))).toBe(normalizeKana(asKatakana(indexes)));
      }),
    );
  });

  it('ignores where spaces and middle dots are put', () => {
    fc.assert(
      fc.property(kanaIndexes, fc.constantFrom(' ', '　', '・', '･'), fc.nat(), (indexes, separator, at) => {
        const text = asHiragana(indexes);
        const split = at % (text.length + 1);
        expect(normalizeKana(text.slice(0, split) + separator + text.slice(split))).toBe(normalizeKana(text));
      }),
    );
  });

  it('is idempotent and leaves no hiragana or whitespace', () => {
    fc.assert(
      fc.property(fc.oneof(messy, fc.string({ unit: 'grapheme' })), (value) => {
        const once = normalizeKana(value);
        expect(once).not.toMatch(/[\s\u3041-\u3096・]/u);
        expect(normalizeKana(once)).toBe(once);
      }),
      { numRuns: 500 },
    );
  });
});

describe('BlindIndexer', () => {
  const key = randomBytes(32);
  const indexer = new BlindIndexer(key);

  it('is hex HMAC-SHA256, the same for the same normalized input', () => {
    const index = indexer.phone('+81 90-1234-5678');
    expect(index).toMatch(/^[0-9a-f]{64}$/);
    expect(indexer.phone('０９０－１２３４－５６７８')).toBe(index);
    expect(indexer.index('phone', '09012345678')).toBe(index);
    expect(new BlindIndexer(Buffer.from(key)).phone('09012345678')).toBe(index);
    expect(indexer.kana('ﾔﾏﾀﾞ ﾊﾅｺ')).toBe(indexer.kana('やまだ はなこ'));
  });

  it('differs across keys, kinds and values', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{1,15}$/), fc.stringMatching(/^[0-9]{1,15}$/), (a, b) => {
        const other = new BlindIndexer(randomBytes(32));
        expect(other.index('phone', a)).not.toBe(indexer.index('phone', a));
        if (a !== b) expect(indexer.index('phone', a)).not.toBe(indexer.index('phone', b));
      }),
      { numRuns: 100 },
    );
    // Same text, different kind: a phone index never matches a kana search.
    expect(indexer.index('kana', '0901')).not.toBe(indexer.index('phone', '0901'));
  });

  it('does not contain the value', () => {
    expect(indexer.phone('09012345678')).not.toContain('09012345678');
  });

  it('refuses to index an empty value', () => {
    expect(() => indexer.index('phone', '')).toThrow(/empty/);
    expect(() => indexer.phone('なし')).toThrow(/empty/);
    expect(() => indexer.kana(' 　・')).toThrow(/empty/);
  });

  it('refuses a value that is not normalized, which would never match a search', () => {
    expect(() => indexer.index('phone', '090-1234-5678')).toThrow(/not a normalized phone/);
    expect(() => indexer.index('kana', 'やまだ')).toThrow(/not a normalized kana/);
    expect(() => indexer.index('name' as 'kana', 'ヤマダ')).toThrow(/Unknown blind index kind/);
  });

  it('rejects a key that is not 32 bytes and never shows its key', () => {
    expect(() => new BlindIndexer(randomBytes(16))).toThrow(/32 bytes/);
    expect(inspect(indexer)).not.toContain(key.toString('hex'));
    expect(JSON.stringify({ indexer })).not.toContain(key.toString('base64'));
  });
});

describe('blindIndexKeyId', () => {
  it('is a short hex id, stable for a key, different across keys, and reveals neither the key nor a master key id', () => {
    const key = randomBytes(32);
    const id = blindIndexKeyId(key);
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(blindIndexKeyId(Buffer.from(key))).toBe(id);
    expect(blindIndexKeyId(randomBytes(32))).not.toBe(id);
    expect(key.toString('hex')).not.toContain(id);
    // Labelled differently from master key ids: the same bytes never give the same id in both roles.
    expect(masterKeyId(key)).not.toBe(id);
    expect(new BlindIndexer(key).keyId).toBe(id);
  });
});

describe('BlindIndexer during a rotation', () => {
  const k1 = randomBytes(32);
  const k2 = randomBytes(32);
  const before = new BlindIndexer(k1);
  const during = new BlindIndexer(k2, k1);
  const after = new BlindIndexer(k2);

  it('writes with the new key and looks up under both, the new one first', () => {
    expect(during.keyId).toBe(blindIndexKeyId(k2));
    expect(during.previousKeyId).toBe(blindIndexKeyId(k1));
    expect(after.previousKeyId).toBeNull();
    expect(during.phone('090-1234-5678')).toBe(after.phone('090-1234-5678'));
    expect(during.phone('090-1234-5678')).not.toBe(before.phone('090-1234-5678'));
    expect(during.lookup('phone', '09012345678')).toEqual([after.phone('09012345678'), before.phone('09012345678')]);
    expect(during.lookup('kana', normalizeKana('やまだ'))).toEqual([after.kana('ヤマダ'), before.kana('ヤマダ')]);
    const lineUser = `U${'ab'.repeat(16)}`;
    expect(during.lineUserLookup(` ${lineUser} `)).toEqual([after.lineUser(lineUser), before.lineUser(lineUser)]);
    expect(after.lookup('phone', '09012345678')).toEqual([after.phone('09012345678')]);
  });

  it('checks the value before looking it up, and refuses a previous key that is wrong or the current one', () => {
    expect(() => during.lookup('phone', '090-1234')).toThrow(/not a normalized phone/);
    expect(() => during.lookup('kana', '')).toThrow(/empty/);
    expect(() => new BlindIndexer(k2, randomBytes(16))).toThrow(/32 bytes/);
    expect(() => new BlindIndexer(k2, Buffer.from(k2))).toThrow(/differ/);
    expect(inspect(during)).not.toContain(k1.toString('hex'));
    expect(JSON.stringify({ during })).not.toContain(k1.toString('base64'));
  });
});
