import fc from 'fast-check';
import { jstDate } from '@tsunagu/common';
import { ClosureCalendar, describeServiceHours, isNationalHoliday, isOpenAt, nextOpening, ruleProblem, ServiceHoursRule } from './service-hours';

const NEW_YEAR: ClosureCalendar = { dates: new Set(), monthDays: new Set(['12-29', '12-30', '12-31', '01-01', '01-02', '01-03']) };
const WEEKDAY_EVENINGS: ServiceHoursRule[] = [{ kind: 'weekly', weekdays: [1, 2, 3, 4, 5], start: '19:00', end: '22:00' }];
const FOURTH_FRIDAY: ServiceHoursRule[] = [{ kind: 'monthly', nth: 4, weekday: 5, start: '19:00', end: '22:00' }];
const jst = (local: string) => new Date(`${local}+09:00`);

/** JST wall-clock parts of an instant. */
const parts = (t: Date) => {
  const shifted = new Date(t.getTime() + 9 * 3_600_000);
  return { weekday: shifted.getUTCDay(), day: shifted.getUTCDate(), minutes: shifted.getUTCHours() * 60 + shifted.getUTCMinutes() };
};
const instant = fc.integer({ min: Date.parse('2025-01-01T00:00:00Z'), max: Date.parse('2027-12-31T00:00:00Z') }).map((ms) => new Date(ms));

describe('service hours', () => {
  it('answers weekday evenings, not on a national holiday, not on 12/30, not at 22:00 sharp', () => {
    expect(isOpenAt(WEEKDAY_EVENINGS, jst('2025-11-04T20:00:00'), NEW_YEAR)).toBe(true); // Tuesday
    expect(isOpenAt(WEEKDAY_EVENINGS, jst('2025-11-03T20:00:00'), NEW_YEAR)).toBe(false); // 文化の日 (Monday)
    expect(isOpenAt(WEEKDAY_EVENINGS, jst('2025-12-30T20:00:00'), NEW_YEAR)).toBe(false); // 年末年始 (Tuesday)
    expect(isOpenAt(WEEKDAY_EVENINGS, jst('2025-11-04T22:00:00'), NEW_YEAR)).toBe(false);
    expect(isOpenAt(WEEKDAY_EVENINGS, jst('2025-11-04T18:59:59'), NEW_YEAR)).toBe(false);
    expect(isOpenAt(WEEKDAY_EVENINGS, jst('2025-11-08T20:00:00'), NEW_YEAR)).toBe(false); // Saturday
    expect(isNationalHoliday('2025-11-24')).toBe(true); // 振替休日
  });

  it('is open exactly on weekday evenings that are neither holidays nor closure days (property)', () => {
    fc.assert(
      fc.property(instant, (t) => {
        const { weekday, minutes } = parts(t);
        const date = jstDate(t);
        const expected = weekday >= 1 && weekday <= 5 && minutes >= 19 * 60 && minutes < 22 * 60 && !isNationalHoliday(date) && !NEW_YEAR.monthDays.has(date.slice(5));
        return isOpenAt(WEEKDAY_EVENINGS, t, NEW_YEAR) === expected;
      }),
      { numRuns: 5000 },
    );
  });

  it('opens on the fourth Friday only (property)', () => {
    fc.assert(
      fc.property(instant, (t) => {
        const { weekday, day, minutes } = parts(t);
        if (!isOpenAt(FOURTH_FRIDAY, t, NEW_YEAR)) return true;
        return weekday === 5 && day >= 22 && day <= 28 && minutes >= 19 * 60 && minutes < 22 * 60;
      }),
      { numRuns: 5000 },
    );
    expect(isOpenAt(FOURTH_FRIDAY, jst('2025-11-28T19:30:00'), NEW_YEAR)).toBe(true);
    expect(isOpenAt(FOURTH_FRIDAY, jst('2025-11-21T19:30:00'), NEW_YEAR)).toBe(false);
  });

  it('names the next opening: open then, closed just before it (property)', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom(WEEKDAY_EVENINGS, FOURTH_FRIDAY), (t, rules) => {
        const next = nextOpening(rules, t, NEW_YEAR);
        if (!next) return false;
        return next > t && isOpenAt(rules, next, NEW_YEAR) && !isOpenAt(rules, new Date(next.getTime() - 1000), NEW_YEAR);
      }),
      { numRuns: 2000 },
    );
    // Friday 2025-12-26 at 23:00: closed through 年末年始 and the weekend until Monday 1/5 19:00.
    expect(nextOpening(WEEKDAY_EVENINGS, jst('2025-12-26T23:00:00'), NEW_YEAR)).toEqual(jst('2026-01-05T19:00:00'));
  });

  it('is always open without rules, and rejects malformed rules', () => {
    expect(isOpenAt(null, jst('2025-12-31T03:00:00'), NEW_YEAR)).toBe(true);
    expect(ruleProblem({ kind: 'weekly', weekdays: [7], start: '19:00', end: '22:00' })).not.toBeNull();
    expect(ruleProblem({ kind: 'weekly', weekdays: [1], start: '22:00', end: '19:00' })).not.toBeNull();
    expect(ruleProblem({ kind: 'monthly', nth: 6, weekday: 5, start: '19:00', end: '22:00' })).not.toBeNull();
    expect(ruleProblem({ kind: 'weekly', weekdays: [1], start: '9:00', end: '12:00' })).not.toBeNull();
    expect(ruleProblem(FOURTH_FRIDAY[0])).toBeNull();
  });

  it('describes the hours in words for the greeting', () => {
    expect(describeServiceHours(WEEKDAY_EVENINGS)).toBe('月〜金 19:00〜22:00');
    expect(describeServiceHours(FOURTH_FRIDAY)).toBe('毎月第4金曜日 19:00〜22:00');
    expect(describeServiceHours([{ kind: 'weekly', weekdays: [3], start: '14:00', end: '17:00' }])).toBe('毎週水曜日 14:00〜17:00');
    expect(describeServiceHours([{ kind: 'weekly', weekdays: [1, 3], start: '10:00', end: '12:00' }])).toBe('月・水 10:00〜12:00');
    expect(describeServiceHours(null)).toBe('');
    expect(describeServiceHours([{ kind: 'weekly', weekdays: [6, 0, 1], start: '09:00', end: '17:00' }])).toBe('月・土・日 9:00〜17:00');
    expect(
      describeServiceHours([
        { kind: 'weekly', weekdays: [1, 2, 3, 4, 5], start: '08:45', end: '17:15' },
        { kind: 'monthly', nth: 4, weekday: 6, start: '10:00', end: '12:00' },
        { kind: 'monthly', nth: 2, weekday: 6, start: '10:00', end: '12:00' },
        { kind: 'monthly', nth: 4, weekday: 0, start: '13:00', end: '15:00' },
      ]),
    ).toBe('月〜金 8:45〜17:15、毎月第2・第4土曜日 10:00〜12:00、毎月第4日曜日 13:00〜15:00');
  });
});
