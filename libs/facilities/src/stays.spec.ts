import fc from 'fast-check';
import { addDays, fiscalYearRange } from '@tsunagu/common';
import { exitsWithin, householdsOnFirstOfMonth, nightlyOccupancy, nightsStayed, nightsWithin, Stay, yearFigures } from './stays';

const stay = (start: string, end: string | null, adults = 1, children = 0): Stay => ({ start, end, adults, children });

describe('受入日数 (nights stayed)', () => {
  it('counts nights, not days: in on the 1st, out on the 3rd is two nights', () => {
    expect(nightsStayed(stay('2025-06-01', '2025-06-03'), '2025-12-31')).toBe(2);
    expect(nightsStayed(stay('2025-06-01', '2025-06-01'), '2025-12-31')).toBe(0);
  });

  it('counts an open stay up to the report date', () => {
    expect(nightsStayed(stay('2025-06-01', null), '2025-06-11')).toBe(10);
    expect(nightsStayed(stay('2025-06-01', null), '2025-06-01')).toBe(0);
  });

  it('splits a stay across 1 April between the two fiscal years', () => {
    const s = stay('2026-03-25', '2026-04-05');
    const fy2025 = fiscalYearRange(2025);
    const fy2026 = fiscalYearRange(2026);
    expect(nightsWithin(s, fy2025.from, fy2025.to)).toBe(7); // nights of 3/25 … 3/31
    expect(nightsWithin(s, fy2026.from, fy2026.to)).toBe(4); // nights of 4/1 … 4/4
    expect(nightsStayed(s, '2026-12-31')).toBe(11);
  });

  it('a stay split over any cut point adds up to the whole (property)', () => {
    const day = fc.integer({ min: 0, max: 800 }).map((n) => addDays('2024-01-01', n));
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 400 }), day, (start, length, cut) => {
        const s = stay(start, addDays(start, length));
        const before = nightsWithin(s, '2000-01-01', addDays(cut, -1));
        const after = nightsWithin(s, cut, '2100-12-31');
        return before + after === length;
      }),
    );
  });
});

describe('nightly occupancy', () => {
  it('counts adults, children and households present each night with overlapping stays', () => {
    const stays = [stay('2025-07-01', '2025-07-04', 1, 2), stay('2025-07-03', null, 1, 0), stay('2025-07-04', '2025-07-05', 2, 1)];
    expect(nightlyOccupancy(stays, '2025-07-01', '2025-07-05')).toEqual([
      { date: '2025-07-01', adults: 1, children: 2, households: 1 },
      { date: '2025-07-02', adults: 1, children: 2, households: 1 },
      { date: '2025-07-03', adults: 2, children: 2, households: 2 },
      { date: '2025-07-04', adults: 3, children: 1, households: 2 },
      { date: '2025-07-05', adults: 1, children: 0, households: 1 },
    ]);
  });
});

describe('母子生活支援施設: 延べ世帯数 and 退所世帯数', () => {
  const stays = [
    stay('2025-03-15', '2025-05-01'), // in on 4/1; leaves on 5/1 so not in on 5/1
    stay('2025-04-01', null), // in on every 1st from April
    stay('2025-04-02', '2025-06-30'), // in on 5/1 and 6/1
    stay('2026-03-31', '2026-04-10'), // in on no 1st of FY2025; on 4/1 of FY2026
  ];

  it('sums households in residence on the 1st of each month', () => {
    const months = householdsOnFirstOfMonth(stays, 2025);
    expect(months.map((m) => m.month)).toEqual([
      '2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03',
    ]);
    expect(months.map((m) => m.households)).toEqual([2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(months.reduce((n, m) => n + m.households, 0)).toBe(15);
    expect(householdsOnFirstOfMonth(stays, 2026)[0]).toEqual({ month: '2026-04', households: 2 });
  });

  it('counts households whose stay ended in the fiscal year', () => {
    const { from, to } = fiscalYearRange(2025);
    expect(exitsWithin(stays, from, to)).toBe(2);
    expect(exitsWithin(stays, '2026-04-01', '2027-03-31')).toBe(1);
  });
});

describe('a fiscal year of one facility, counted up to today', () => {
  const stays = [stay('2025-03-15', '2025-05-01', 1, 1), stay('2025-04-01', null, 1, 2), stay('2025-04-02', '2025-06-30', 1, 0)];

  it('counts a finished year in full', () => {
    expect(yearFigures(stays, 2025, '2026-11-25')).toMatchObject({ admissions: 2, adultsAdmitted: 2, childrenAdmitted: 2, nights: 30 + 365 + 89, householdMonths: 15, exits: 2 });
    expect(yearFigures(stays, 2024, '2026-11-25')).toMatchObject({ admissions: 1, childrenAdmitted: 1, nights: 17, householdMonths: 0, exits: 0 });
  });

  it('counts the running year only up to today: no future nights or months', () => {
    // Today 2025-05-10: open stay B has the nights 4/1 … 5/9; the 1sts of April and May only.
    const running = yearFigures(stays, 2025, '2025-05-10');
    expect(running.nights).toBe(30 + 39 + 38);
    expect(running.householdMonths).toBe(2 + 2);
    expect(running.months.slice(2).every((m) => m.householdsOnFirst === 0)).toBe(true);
  });
});
