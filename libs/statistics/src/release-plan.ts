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

const id = (c: Pick<PlanInput, 'period' | 'programCode' | 'metric' | 'dimension' | 'key'>) => `${c.period}|${c.programCode}|${c.metric}|${c.dimension}|${c.key}`;

/**
 * Decides what a public release shows, as one linked system per metric: each month's total and
 * the fiscal-year total (dimension `total`), then each one-way breakdown as a months × keys
 * table whose margins are those totals. Suppression is Gaussian elimination at `k`; an earlier
 * release of the same fiscal year is a fixed input — its months keep their values and pattern,
 * and the year totals it showed stay known equations.
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
    // 1. The totals: months and the fiscal year.
    const totals = months.map((m) => valueOf({ period: m, programCode, metric, dimension: 'total', key: 'all' }, at('total', m, 'all')));
    const totalNumbers: PublishedNumber[] = [
      ...months.map((m, i) => fixed({ terms: [i], value: totals[i] }, before.get(id({ period: m, programCode, metric, dimension: 'total', key: 'all' })))),
      { terms: months.map((_, i) => i), value: totals.reduce((a, b) => a + b, 0) },
      ...earlierYearTotals(earlier, programCode, metric, 'total', 'all', months),
    ];
    const totalPlan = gaussSuppress(totalNumbers, months.length, k).hidden;
    months.forEach((m, i) => out.push({ period: m, programCode, metric, dimension: 'total', key: 'all', value: totals[i], shown: !totalPlan[i] }));
    out.push({ period: 'FY', programCode, metric, dimension: 'total', key: 'all', value: totalNumbers[months.length].value, shown: !totalPlan[months.length] });

    // 2. Each breakdown, with the totals' pattern fixed.
    for (const dimension of [...new Set(list.map((r) => r.dimension))].filter((d) => d !== 'total').sort()) {
      const keys = [...new Set([...list.filter((r) => r.dimension === dimension).map((r) => r.key), ...earlier.filter((c) => c.programCode === programCode && c.metric === metric && c.dimension === dimension && c.period !== 'FY').map((c) => c.key)])].sort();
      const cell = (mi: number, ki: number) => mi * keys.length + ki;
      const values = months.map((m) => keys.map((key) => valueOf({ period: m, programCode, metric, dimension, key }, at(dimension, m, key))));
      const numbers: PublishedNumber[] = [];
      months.forEach((m, mi) => keys.forEach((key, ki) => numbers.push(fixed({ terms: [cell(mi, ki)], value: values[mi][ki] }, before.get(id({ period: m, programCode, metric, dimension, key }))))));
      const inner = numbers.length;
      months.forEach((_, mi) =>
        numbers.push({ terms: keys.map((_, ki) => cell(mi, ki)), value: values[mi].reduce((a, b) => a + b, 0), ...(totalPlan[mi] ? { fixedHidden: true } : { fixedShown: true }) }),
      );
      keys.forEach((key, ki) => numbers.push(fixed({ terms: months.map((_, mi) => cell(mi, ki)), value: values.reduce((a, row) => a + row[ki], 0) }, undefined)));
      numbers.push({ terms: numbers.slice(0, inner).flatMap((n) => n.terms), value: values.flat().reduce((a, b) => a + b, 0), ...(totalPlan[months.length] ? { fixedHidden: true } : { fixedShown: true }) });
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
