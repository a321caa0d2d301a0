import { gaussSuppress, PublishedNumber } from './gauss-suppression';

/** A count from the monthly statistics (or a frozen earlier release). */
export interface PlanInput {
  period: string;
  programCode: string;
  metric: string;
  dimension: string;
  key: string;
  value: number;
}

/** A number of the release: a month's cell or the fiscal year's (`period: 'FY'`), shown or not. */
export interface PlannedCell extends PlanInput {
  shown: boolean;
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
/** The note under a table with suppressed cells, as Japanese official statistics word it. */
export const SUPPRESSED_NOTE = 'X：個人が特定されるおそれがあるため秘匿（関連秘匿を含む）';
export const SUPPRESSION_NOTE = `${SUPPRESSED_NOTE}　‐：該当数字なし`;

/** A planned cell as published: its value, or null and `X` when suppressed; `‐` for none. */
export function publishedCell(c: PlannedCell): Omit<PlanInput, 'value'> & { value: number | null; display: string } {
  return {
    period: c.period,
    programCode: c.programCode,
    metric: c.metric,
    dimension: c.dimension,
    key: c.key,
    value: c.shown ? c.value : null,
    display: !c.shown ? 'X' : c.value === 0 ? '‐' : String(c.value),
  };
}

const id = (c: Pick<PlanInput, 'period' | 'programCode' | 'metric' | 'dimension' | 'key'>) => `${c.period}|${c.programCode}|${c.metric}|${c.dimension}|${c.key}`;

/**
 * Decides what a public release shows, as one linked system per metric: each month's total and
 * the fiscal-year total (dimension `total`), then each one-way breakdown as a months × keys
 * table whose margins are those totals. Suppression is Gaussian elimination at `k`; an earlier
 * release of the same fiscal year is a fixed input — its months keep their values and pattern,
 * and the year totals it showed stay known equations. The monthly view plans with it too (see
 * `planMonthlyView`).
 */
export function planRelease(rows: readonly PlanInput[], months: readonly string[], k: number, earlier: readonly PlannedCell[] = []): PlannedCell[] {
  const before = new Map(earlier.map((c) => [id(c), c]));
  const earlierMonths = new Set(earlier.filter((c) => c.period !== 'FY').map((c) => c.period));
  const valueOf = (c: Omit<PlanInput, 'value'>, fresh: number) => (earlierMonths.has(c.period) ? (before.get(id(c))?.value ?? 0) : fresh);
  const out: PlannedCell[] = [];
  const groups = new Map<string, PlanInput[]>();
  for (const r of rows) {
    const g = `${r.programCode}|${r.metric}`;
    groups.set(g, [...(groups.get(g) ?? []), r]);
  }
  for (const [group, list] of groups) {
    const [programCode, metric] = group.split('|');
    const at = (dimension: string, period: string, key: string) => list.find((r) => r.dimension === dimension && r.period === period && r.key === key)?.value ?? 0;
    const breakdowns = [...new Set(list.map((r) => r.dimension))]
      .filter((d) => d !== 'total')
      .sort()
      .map((dimension) => {
        const keys = [...new Set([...list.filter((r) => r.dimension === dimension).map((r) => r.key), ...earlier.filter((c) => c.programCode === programCode && c.metric === metric && c.dimension === dimension && c.period !== 'FY').map((c) => c.key)])].sort();
        const values = months.map((m) => keys.map((key) => valueOf({ period: m, programCode, metric, dimension, key }, at(dimension, m, key))));
        return { dimension, keys, values };
      });
    // 1. The totals: months and the fiscal year. A metric counted only by breakdown (referrals by
    // department and by purpose …) still has one: the largest breakdown's sum, the margin they share.
    const storedTotal = list.some((r) => r.dimension === 'total');
    const totalCell = (period: string) => ({ period, programCode, metric, dimension: 'total', key: 'all' });
    const totals = months.map((m, mi) =>
      storedTotal || before.has(id(totalCell(m))) ? valueOf(totalCell(m), at('total', m, 'all')) : Math.max(0, ...breakdowns.map((b) => sum(b.values[mi]))),
    );
    const totalNumbers: PublishedNumber[] = [
      ...months.map((m, i) => fixed({ terms: [i], value: totals[i] }, before.get(id(totalCell(m))))),
      { terms: months.map((_, i) => i), value: sum(totals) },
      ...earlierYearTotals(earlier, programCode, metric, 'total', 'all', months),
    ];
    const totalPlan = gaussSuppress(totalNumbers, months.length, k).hidden;
    months.forEach((m, i) => out.push({ ...totalCell(m), value: totals[i], shown: !totalPlan[i] }));
    out.push({ ...totalCell('FY'), value: totalNumbers[months.length].value, shown: !totalPlan[months.length] });

    // 2. Each breakdown as a months × keys table. Its margins are the totals, their pattern fixed,
    // where it adds up to them; where it counts fewer (an inner join leaves some out) a margin is
    // its own, planned with the table as if published.
    for (const { dimension, keys, values } of breakdowns) {
      const cell = (mi: number, ki: number) => mi * keys.length + ki;
      const asTotal = values.map((row, mi) => sum(row) === totals[mi]);
      const margin = (same: boolean, hidden: boolean) => (!same ? {} : hidden ? { fixedHidden: true } : { fixedShown: true });
      const numbers: PublishedNumber[] = [];
      months.forEach((m, mi) => keys.forEach((key, ki) => numbers.push(fixed({ terms: [cell(mi, ki)], value: values[mi][ki] }, before.get(id({ period: m, programCode, metric, dimension, key }))))));
      const inner = numbers.length;
      months.forEach((_, mi) => numbers.push({ terms: keys.map((_, ki) => cell(mi, ki)), value: sum(values[mi]), ...margin(asTotal[mi], totalPlan[mi]) }));
      keys.forEach((_, ki) => numbers.push({ terms: months.map((_, mi) => cell(mi, ki)), value: sum(values.map((row) => row[ki])) }));
      numbers.push({ terms: numbers.slice(0, inner).flatMap((n) => n.terms), value: sum(values.flat()), ...margin(asTotal.every(Boolean), totalPlan[months.length]) });
      keys.forEach((key) => numbers.push(...earlierYearTotals(earlier, programCode, metric, dimension, key, months, keys, cell)));
      const plan = gaussSuppress(numbers, inner, k).hidden;
      months.forEach((m, mi) => keys.forEach((key, ki) => out.push({ period: m, programCode, metric, dimension, key, value: values[mi][ki], shown: !plan[cell(mi, ki)] })));
      keys.forEach((key, ki) => out.push({ period: 'FY', programCode, metric, dimension, key, value: numbers[inner + months.length + ki].value, shown: !plan[inner + months.length + ki] }));
    }
  }
  return out;
}

function fixed(n: PublishedNumber, earlier: PlannedCell | undefined): PublishedNumber {
  if (!earlier) return n;
  return earlier.shown ? { ...n, fixedShown: true } : { ...n, fixedHidden: true };
}

/** The year totals an earlier release showed remain known: equations over the months it covered. */
function earlierYearTotals(
  earlier: readonly PlannedCell[],
  programCode: string,
  metric: string,
  dimension: string,
  key: string,
  months: readonly string[],
  keys?: readonly string[],
  cell?: (mi: number, ki: number) => number,
): PublishedNumber[] {
  const total = earlier.find((c) => c.period === 'FY' && c.programCode === programCode && c.metric === metric && c.dimension === dimension && c.key === key && c.shown);
  if (!total) return [];
  const covered = months.map((m, mi) => ({ m, mi })).filter(({ m }) => earlier.some((c) => c.period === m));
  const ki = keys ? keys.indexOf(key) : -1;
  const terms = covered.map(({ mi }) => (cell && ki >= 0 ? cell(mi, ki) : mi));
  return [{ terms, value: total.value, fixedShown: true }];
}
