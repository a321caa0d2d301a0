import { describe, expect, it } from 'vitest';
import { formatServiceHours, toServiceHoursRule } from './service-hours';

// The wording itself is tested with the rules (libs/codes service-hours.spec.ts).
describe('formatServiceHours', () => {
  it('gives the rules in words', () => {
    expect(formatServiceHours([{ kind: 'monthly', nth: 2, weekday: 6, start: '10:00', end: '12:00' }])).toBe('毎月第2土曜日 10:00〜12:00');
  });

  it('says so when there are no fixed hours', () => {
    expect(formatServiceHours(null)).toBe('時間の定めなし');
    expect(formatServiceHours([])).toBe('時間の定めなし');
  });
});

describe('toServiceHoursRule', () => {
  it("reads the api's flat rules as the kinds of libs/codes", () => {
    expect(toServiceHoursRule({ kind: 'weekly', weekdays: [1, 5], start: '19:00', end: '22:00' })).toEqual({ kind: 'weekly', weekdays: [1, 5], start: '19:00', end: '22:00' });
    expect(toServiceHoursRule({ kind: 'monthly', nth: 4, weekday: 5, start: '19:00', end: '22:00', weekdays: [] })).toEqual({ kind: 'monthly', nth: 4, weekday: 5, start: '19:00', end: '22:00' });
  });
});
