import fc from 'fast-check';
import { addDays, addMonths, eraYear, fiscalYearLabel, fiscalYearOf, formatJstDate, formatJstDateTime, isValidDate, jstDate, jstStartOfDay, jstTimestamp } from './japan-time';

describe('Japan time and fiscal years', () => {
  it('gives the JST calendar date of an instant', () => {
    expect(jstDate(new Date('2025-03-31T14:59:59.999Z'))).toBe('2025-03-31');
    expect(jstDate(new Date('2025-03-31T15:00:00.000Z'))).toBe('2025-04-01');
    expect(jstStartOfDay('2025-04-01').toISOString()).toBe('2025-03-31T15:00:00.000Z');
  });

  it('starts fiscal years on 1 April', () => {
    expect(fiscalYearOf('2026-03-31')).toBe(2025);
    expect(fiscalYearOf('2026-04-01')).toBe(2026);
    expect(fiscalYearOf('2025-12-31')).toBe(2025);
  });

  it('labels fiscal years with the era', () => {
    expect(fiscalYearLabel(2025)).toBe('令和7年度');
    expect(fiscalYearLabel(2019)).toBe('令和元年度');
    expect(fiscalYearLabel(2018)).toBe('平成30年度');
    expect(fiscalYearLabel(1989)).toBe('平成元年度');
    expect(fiscalYearLabel(2025, 'short')).toBe('R7年度');
    expect(fiscalYearLabel(2019, 'short')).toBe('R1年度');
    expect(eraYear('2026-01-31', 'narrow')).toEqual({ era: 'R', year: '8' });
  });

  it('formats dates in 和暦 and instants in JST, for screens and exports alike', () => {
    expect(formatJstDate('2019-05-01')).toBe('令和元年5月1日');
    expect(formatJstDateTime(new Date('2026-03-31T15:30:00.000Z'))).toBe('令和8年4月1日 00:30');
    expect(jstTimestamp('2026-03-31T15:30:00.000Z')).toBe('2026-04-01 00:30');
  });

  it('adds months the way periods are counted', () => {
    expect(addMonths('2025-04-01', 12)).toBe('2026-04-01');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2025-12-15', -1)).toBe('2025-11-15');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(isValidDate('2025-02-29')).toBe(false);
    expect(isValidDate('2024-02-29')).toBe(true);
  });

  it('properties: every JST date belongs to exactly one fiscal year of 365 or 366 days', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }), (instant) => {
        const date = jstDate(instant);
        const fy = fiscalYearOf(date);
        expect(date >= `${fy}-04-01` && date <= `${fy + 1}-03-31`).toBe(true);
        expect(jstDate(jstStartOfDay(date))).toBe(date);
        expect(addMonths(addMonths(date, 12), -12) <= date).toBe(true);
      }),
    );
  });
});
