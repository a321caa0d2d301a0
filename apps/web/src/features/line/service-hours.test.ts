import { describe, expect, it } from 'vitest';
import { closureCalendarOf, hoursAt, type ServiceHoursRule } from './service-hours';

const WEEKDAY_EVENINGS: ServiceHoursRule[] = [{ kind: 'weekly', weekdays: [1, 2, 3, 4, 5], start: '19:00', end: '22:00' }];
const FOURTH_FRIDAY: ServiceHoursRule[] = [{ kind: 'monthly', nth: 4, weekday: 5, start: '19:00', end: '22:00' }];
const NEW_YEAR = closureCalendarOf(['12-29', '12-30', '12-31', '01-01', '01-02', '01-03'].map((monthDay) => ({ onDate: null, monthDay })));
const jst = (local: string) => new Date(`${local}+09:00`);

describe('hoursAt (the LINE screens’ 受付時間 indicator)', () => {
  it('is open on a weekday evening until 22:00 JST', () => {
    expect(hoursAt(WEEKDAY_EVENINGS, jst('2025-11-04T20:00:00'), NEW_YEAR)).toEqual({ kind: 'open', closesAt: jst('2025-11-04T22:00:00') });
  });

  it('is closed at 22:00 sharp and before 19:00, naming the next opening', () => {
    expect(hoursAt(WEEKDAY_EVENINGS, jst('2025-11-04T22:00:00'), NEW_YEAR)).toEqual({ kind: 'closed', nextOpening: jst('2025-11-05T19:00:00') });
    expect(hoursAt(WEEKDAY_EVENINGS, jst('2025-11-04T18:59:59'), NEW_YEAR)).toEqual({ kind: 'closed', nextOpening: jst('2025-11-04T19:00:00') });
  });

  it('skips national holidays and the weekend: 文化の日 (Mon) 2025-11-03 opens next on Tuesday', () => {
    expect(hoursAt(WEEKDAY_EVENINGS, jst('2025-11-03T20:00:00'), NEW_YEAR)).toEqual({ kind: 'closed', nextOpening: jst('2025-11-04T19:00:00') });
    expect(hoursAt(WEEKDAY_EVENINGS, jst('2025-11-08T20:00:00'), NEW_YEAR)).toEqual({ kind: 'closed', nextOpening: jst('2025-11-10T19:00:00') });
  });

  it('skips the city’s closure days (年末年始 and exact dates)', () => {
    expect(hoursAt(WEEKDAY_EVENINGS, jst('2025-12-30T20:00:00'), NEW_YEAR)).toEqual({ kind: 'closed', nextOpening: jst('2026-01-05T19:00:00') });
    const closedOnce = closureCalendarOf([{ onDate: '2025-11-05', monthDay: null }]);
    expect(hoursAt(WEEKDAY_EVENINGS, jst('2025-11-04T23:00:00'), closedOnce)).toEqual({ kind: 'closed', nextOpening: jst('2025-11-06T19:00:00') });
  });

  it('handles a monthly rule (毎月第4金曜日)', () => {
    expect(hoursAt(FOURTH_FRIDAY, jst('2025-11-28T19:30:00'), NEW_YEAR).kind).toBe('open');
    expect(hoursAt(FOURTH_FRIDAY, jst('2025-11-21T19:30:00'), NEW_YEAR)).toEqual({ kind: 'closed', nextOpening: jst('2025-11-28T19:00:00') });
  });

  it('has no fixed hours without rules', () => {
    expect(hoursAt(null, jst('2025-11-03T03:00:00'), NEW_YEAR)).toEqual({ kind: 'always' });
    expect(hoursAt([], jst('2025-11-03T03:00:00'), NEW_YEAR)).toEqual({ kind: 'always' });
  });
});
