import { fieldsWithLoneSurrogates, isCalendarDate, isInstant, isMonth } from './validation';

describe('date validators', () => {
  it.each(['2024-02-29', '2025-12-31', '0001-01-01'])('accepts the calendar date %s', (date) => expect(isCalendarDate(date)).toBe(true));
  it.each(['2025-02-29', '2025-13-45', '2025-02-30', '2025-04-31', '0000-01-01', '2025-1-01', '2025-01-01T00:00:00Z', 20250101])('refuses %s as a calendar date', (date) =>
    expect(isCalendarDate(date)).toBe(false),
  );

  it('accepts an instant with its offset on a day that exists, a bare date only when asked', () => {
    expect(isInstant('2024-02-29T23:59:59.999+09:00')).toBe(true);
    expect(isInstant('2025-10-15T01:00Z')).toBe(true);
    expect(isInstant('2025-10-15')).toBe(false);
    expect(isInstant('2025-10-15', true)).toBe(true);
    for (const bad of ['2025-02-30T10:00:00+09:00', '2025-10-15T24:00:00Z', '2025-10-15T10:00:00', '0000-01-01T00:00:00Z', '2025-10-15T10:00:00+24:00']) {
      expect(isInstant(bad, true)).toBe(false);
    }
  });

  it('accepts a month that exists', () => {
    expect(isMonth('2025-12')).toBe(true);
    for (const bad of ['2025-13', '2025-00', '0000-10', '2025-1']) expect(isMonth(bad)).toBe(false);
  });
});

describe('fieldsWithLoneSurrogates', () => {
  it('names every field holding half a surrogate pair, by path, and passes whole pairs', () => {
    expect(fieldsWithLoneSurrogates({ a: 'ok😀', b: 'x\ud800', c: [{ d: '\udfff' }], e: 3 }).sort()).toEqual(['b', 'c.0.d']);
    expect(fieldsWithLoneSurrogates('\ud83d')).toEqual(['body']);
    expect(fieldsWithLoneSurrogates({ '\ud800': 1 })).toEqual(['body']);
  });

  it('walks a deeply nested value without overflowing the stack', () => {
    let deep: unknown = 'x\ud800';
    for (let i = 0; i < 20_000; i++) deep = [deep];
    expect(fieldsWithLoneSurrogates(deep)).toHaveLength(1);
  });
});
