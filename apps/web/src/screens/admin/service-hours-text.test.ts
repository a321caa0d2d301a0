import { describe, expect, it } from 'vitest';
import { formatRule, formatServiceHours, formatTime, formatWeekdays } from './service-hours-text';

describe('service hours in words', () => {
  it('drops the leading zero of an hour', () => {
    expect(formatTime('09:00')).toBe('9:00');
    expect(formatTime('19:30')).toBe('19:30');
    expect(formatTime('00:15')).toBe('0:15');
  });

  it('names weekdays Monday first, as a range when consecutive', () => {
    expect(formatWeekdays([1, 2, 3, 4, 5])).toBe('月〜金');
    expect(formatWeekdays([5, 1, 3])).toBe('月・水・金');
    expect(formatWeekdays([1])).toBe('月曜');
    expect(formatWeekdays([0, 6])).toBe('土・日');
    expect(formatWeekdays([6, 0, 1])).toBe('月・土・日');
    expect(formatWeekdays([1, 2])).toBe('月・火');
  });

  it('writes a weekly and a monthly rule', () => {
    expect(formatRule({ kind: 'weekly', weekdays: [1], start: '09:00', end: '17:00' })).toBe('月曜 9:00〜17:00');
    expect(formatRule({ kind: 'monthly', nth: 4, weekday: 5, start: '19:00', end: '22:00' })).toBe('第4金曜 19:00〜22:00');
  });

  it('joins rules and reads monthly rules of one weekday and hours as one', () => {
    expect(
      formatServiceHours([
        { kind: 'weekly', weekdays: [1, 2, 3, 4, 5], start: '08:45', end: '17:15' },
        { kind: 'monthly', nth: 4, weekday: 6, start: '10:00', end: '12:00' },
        { kind: 'monthly', nth: 2, weekday: 6, start: '10:00', end: '12:00' },
        { kind: 'monthly', nth: 1, weekday: 0, start: '13:00', end: '15:00' },
      ]),
    ).toBe('月〜金 8:45〜17:15、第2・第4土曜 10:00〜12:00、第1日曜 13:00〜15:00');
  });

  it('keeps monthly rules of different hours apart', () => {
    expect(
      formatServiceHours([
        { kind: 'monthly', nth: 2, weekday: 6, start: '10:00', end: '12:00' },
        { kind: 'monthly', nth: 4, weekday: 6, start: '13:00', end: '15:00' },
      ]),
    ).toBe('第2土曜 10:00〜12:00、第4土曜 13:00〜15:00');
  });

  it('says so when there are no fixed hours', () => {
    expect(formatServiceHours(null)).toBe('時間の定めなし');
    expect(formatServiceHours([])).toBe('時間の定めなし');
  });
});
