import { describe, expect, it } from 'vitest';
import { currentFiscalYearJst, fiscalYearLabel, lastMonthJst } from './periods';

describe('statistics periods (JST, fiscal year from April)', () => {
  it('labels a fiscal year in 和暦', () => {
    expect(fiscalYearLabel(2025)).toBe('令和7年度');
    expect(fiscalYearLabel(2019)).toBe('令和元年度');
    expect(fiscalYearLabel(2018)).toBe('平成30年度');
  });

  it('takes the fiscal year and last month in Japan time', () => {
    // 2026-03-31 20:00 UTC is already 1 April in Tokyo: a new fiscal year.
    expect(currentFiscalYearJst(new Date('2026-03-31T20:00:00Z'))).toBe(2026);
    expect(currentFiscalYearJst(new Date('2026-03-31T10:00:00Z'))).toBe(2025);
    expect(lastMonthJst(new Date('2026-01-10T00:00:00Z'))).toBe('2025-12');
    expect(lastMonthJst(new Date('2025-10-31T16:00:00Z'))).toBe('2025-10');
  });
});
