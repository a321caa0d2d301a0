import { PlanInput } from './release-plan';
import { planMonthlyView } from './suppression';

const row = (period: string, metric: string, dimension: string, key: string, value: number, programCode = 'career-hoken'): PlanInput => ({ period, programCode, metric, dimension, key, value });
const display = (cells: ReturnType<typeof planMonthlyView>, period: string, metric: string, dimension: string, key: string) => {
  const c = cells.find((x) => x.period === period && x.metric === metric && x.dimension === dimension && x.key === key);
  return !c ? undefined : !c.shown ? 'X' : c.value === 0 ? '‐' : String(c.value);
};

describe('monthly view suppression', () => {
  it('hides a small cell and just the cells that would give it back, leaving the rest of its breakdown shown', () => {
    const rows = [row('2025-10', 'contacts', 'total', 'all', 10), row('2025-10', 'contacts', 'channel', 'phone', 5), row('2025-10', 'contacts', 'channel', 'online', 4), row('2025-10', 'contacts', 'channel', 'visit', 1)];
    const cells = planMonthlyView(rows, ['2025-10'], 3);
    expect(['phone', 'online', 'visit'].map((k) => display(cells, '2025-10', 'contacts', 'channel', k))).toEqual(['5', 'X', 'X']);
    expect(display(cells, '2025-10', 'contacts', 'total', 'all')).toBe('10');
    expect(cells.some((c) => c.period === 'FY')).toBe(false);
  });

  it('links an additive metric\'s months through the year, but not a stock or distinct count', () => {
    const rows = [row('2025-10', 'contacts', 'total', 'all', 6), row('2025-11', 'contacts', 'total', 'all', 2), row('2025-10', 'clients', 'total', 'all', 6), row('2025-11', 'clients', 'total', 'all', 2)];
    const cells = planMonthlyView(rows, ['2025-10', '2025-11'], 3);
    // Contacts add up: October beside the year's sum would give November back.
    expect([display(cells, '2025-10', 'contacts', 'total', 'all'), display(cells, '2025-11', 'contacts', 'total', 'all')]).toEqual(['X', 'X']);
    // 実人数 don't: each month stands alone.
    expect([display(cells, '2025-10', 'clients', 'total', 'all'), display(cells, '2025-11', 'clients', 'total', 'all')]).toEqual(['6', 'X']);
  });

  it('plans each fiscal year apart, and a month alike whichever months of its year are asked for', () => {
    const rows = [row('2026-03', 'contacts', 'total', 'all', 6), row('2026-04', 'contacts', 'total', 'all', 2)];
    const cells = planMonthlyView(rows, ['2026-03', '2026-04'], 3);
    expect([display(cells, '2026-03', 'contacts', 'total', 'all'), display(cells, '2026-04', 'contacts', 'total', 'all')]).toEqual(['6', 'X']);
    // The plan is of the computed months, not of a range: the same rows give the same cells.
    expect(planMonthlyView([...rows].reverse(), ['2026-04', '2026-03'], 3)).toEqual(cells);
  });

  it('plans a metric counted only by breakdown, and protects a cell through another breakdown that shares its total', () => {
    // Referrals by department and by purpose (no stored total): both add up to 7.
    const rows = [
      row('2025-10', 'referrals', 'department', 'a', 5),
      row('2025-10', 'referrals', 'department', 'b', 2),
      row('2025-10', 'referrals', 'purpose', 'x', 4),
      row('2025-10', 'referrals', 'purpose', 'y', 3),
      row('2025-10', 'placements', 'facility-kind', 'shelter', 2),
      row('2025-11', 'placements', 'facility-kind', 'shelter', 5),
    ];
    const cells = planMonthlyView(rows, ['2025-10', '2025-11'], 3);
    // The purposes give the total away, so department a can't be shown beside the small b.
    expect(display(cells, '2025-10', 'referrals', 'total', 'all')).toBe('7');
    expect(['a', 'b'].map((k) => display(cells, '2025-10', 'referrals', 'department', k))).toEqual(['X', 'X']);
    expect(['x', 'y'].map((k) => display(cells, '2025-10', 'referrals', 'purpose', k))).toEqual(['4', '3']);
    expect(['2025-10', '2025-11'].map((m) => display(cells, m, 'placements', 'facility-kind', 'shelter'))).toEqual(['X', 'X']);
    expect(cells.every((c) => !c.shown || c.value === 0 || c.value >= 3)).toBe(true);
  });
});
