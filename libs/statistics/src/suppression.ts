import { fiscalYearOf } from '@tsunagu/common';
import { PlanInput, PlannedCell, planRelease } from './release-plan';

/**
 * Metrics whose months don't add up to a year: stocks (友だち登録者数 at a month's end) and
 * distinct counts (実人数). A fiscal-year sum of them is no published figure, so no equation.
 */
export const NON_ADDITIVE_METRICS: readonly string[] = ['clients', 'line-users', 'line-followers'];

/**
 * Disclosure control of the internal monthly view: Gaussian-elimination suppression at `k`,
 * planned per fiscal year over all its computed months (`computed`: months with a finished run),
 * not the range or filters asked for — so a month shows one pattern however it is asked for, and
 * requests can't be differenced (the pattern moves only when a month of the year is computed).
 * Additive metrics are planned as a public release is: months and the year's total, then each
 * one-way breakdown as months × keys. The others month by month, each month's total the margin
 * of its breakdowns. Only months come back: the year's sums are planned as if shown, not shown.
 */
export function planMonthlyView(rows: readonly PlanInput[], computed: readonly string[], k: number): PlannedCell[] {
  const years = new Map<number, string[]>();
  for (const m of [...new Set(computed)].sort()) {
    const fy = fiscalYearOf(`${m}-01`);
    years.set(fy, [...(years.get(fy) ?? []), m]);
  }
  const additive = rows.filter((r) => !NON_ADDITIVE_METRICS.includes(r.metric));
  const out: PlannedCell[] = [];
  const keep = (plan: readonly PlannedCell[]) => {
    for (const c of plan) if (c.period !== 'FY') out.push(c);
  };
  for (const months of years.values()) {
    keep(planRelease(additive.filter((r) => months.includes(r.period)), months, k));
    // A month alone: planRelease's year total is then that month's total, no further equation.
    for (const m of months) keep(planRelease(rows.filter((r) => r.period === m && NON_ADDITIVE_METRICS.includes(r.metric)), [m], k));
  }
  return out;
}
