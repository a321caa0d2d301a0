import fc from 'fast-check';
import { PlanInput, planRelease } from './release-plan';

const months = ['2025-04', '2025-05', '2025-06'];

/** Inputs for one metric: month totals and a two-key breakdown that adds up to them. */
function inputs(values: number[][], keys = ['a', 'b']): PlanInput[] {
  const rows: PlanInput[] = [];
  values.forEach((row, mi) => {
    rows.push({ period: months[mi], programCode: 'p', metric: 'contacts', dimension: 'total', key: 'all', value: row.reduce((a, b) => a + b, 0) });
    row.forEach((v, ki) => rows.push({ period: months[mi], programCode: 'p', metric: 'contacts', dimension: 'channel', key: keys[ki], value: v }));
  });
  return rows;
}

/** Every table of inner cells (months × keys) consistent with the shown numbers; the values each number can take. */
function feasible(values: number[][], shown: Map<string, number>): Map<string, Set<number>> {
  const m = values.length;
  const k = values[0].length;
  const bound = Math.max(...values.flat(), 1) * m * k;
  const numberOf = (x: number[][]): Map<string, number> => {
    const out = new Map<string, number>();
    x.forEach((row, mi) => {
      out.set(`${months[mi]}|total|all`, row.reduce((a, b) => a + b, 0));
      row.forEach((v, ki) => out.set(`${months[mi]}|channel|${['a', 'b'][ki]}`, v));
    });
    out.set('FY|total|all', x.flat().reduce((a, b) => a + b, 0));
    ['a', 'b'].slice(0, k).forEach((key, ki) => out.set(`FY|channel|${key}`, x.reduce((a, row) => a + row[ki], 0)));
    return out;
  };
  const sets = new Map<string, Set<number>>();
  const x = values.map((row) => row.map(() => 0));
  const cap = Math.min(bound, 10);
  const walk = (i: number) => {
    if (i === m * k) {
      const n = numberOf(x);
      for (const [key, v] of shown) if (n.get(key) !== v) return;
      for (const [key, v] of n) sets.set(key, (sets.get(key) ?? new Set()).add(v));
      return;
    }
    for (let v = 0; v <= cap; v++) {
      x[Math.floor(i / k)][i % k] = v;
      walk(i + 1);
    }
  };
  walk(0);
  return sets;
}

describe('release plan', () => {
  it('protects every small number across the totals and the breakdown together (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 3, max: 5 })), { minLength: 2, maxLength: 2 }), { minLength: 2, maxLength: 2 }), (values) => {
        const plan = planRelease(inputs(values), months.slice(0, values.length), 3);
        const key = (c: { period: string; dimension: string; key: string }) => `${c.period}|${c.dimension}|${c.key}`;
        if (plan.some((c) => c.shown && c.value >= 1 && c.value < 3)) return false;
        const shown = new Map(plan.filter((c) => c.shown).map((c) => [key(c), c.value]));
        const sets = feasible(values, shown);
        return plan.filter((c) => c.value >= 1 && c.value < 3).every((c) => {
          const s = sets.get(key(c))!;
          return s.size >= 2 && [...s].some((v) => v === 0 || v >= 3);
        });
      }),
      { numRuns: 100 },
    );
  });

  it('protects small cells of two breakdowns that share the month totals, the attacker knowing both add up to them (property)', () => {
    const v = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 3, max: 4 }));
    fc.assert(
      fc.property(fc.array(v, { minLength: 4, maxLength: 4 }), fc.array(fc.nat({ max: 8 }), { minLength: 2, maxLength: 2 }), (a, splits) => {
        // Breakdown A as drawn; B splits each month's total its own way.
        const totals = [a[0] + a[1], a[2] + a[3]];
        const b = totals.flatMap((t, mi) => [Math.min(t, splits[mi]), t - Math.min(t, splits[mi])]);
        const rows: PlanInput[] = months.slice(0, 2).flatMap((m, mi) => [
          { period: m, programCode: 'p', metric: 'contacts', dimension: 'total', key: 'all', value: totals[mi] },
          ...['a', 'b'].flatMap((key, ki) => [
            { period: m, programCode: 'p', metric: 'contacts', dimension: 'channel', key, value: a[mi * 2 + ki] },
            { period: m, programCode: 'p', metric: 'contacts', dimension: 'dv', key, value: b[mi * 2 + ki] },
          ]),
        ]);
        const plan = planRelease(rows, months.slice(0, 2), 3);
        if (plan.some((c) => c.shown && c.value >= 1 && c.value < 3)) return false;
        const shown = new Map(plan.filter((c) => c.shown).map((c) => [`${c.period}|${c.dimension}|${c.key}`, c.value]));
        // Every pair of tables consistent with what is shown, B's months adding up to A's.
        const numbers = (dimension: string, x: number[]) => {
          const out = new Map<string, number>();
          months.slice(0, 2).forEach((m, mi) => {
            out.set(`${m}|total|all`, x[mi * 2] + x[mi * 2 + 1]);
            out.set(`${m}|${dimension}|a`, x[mi * 2]);
            out.set(`${m}|${dimension}|b`, x[mi * 2 + 1]);
          });
          out.set('FY|total|all', x.reduce((p, q) => p + q, 0));
          out.set(`FY|${dimension}|a`, x[0] + x[2]);
          out.set(`FY|${dimension}|b`, x[1] + x[3]);
          return out;
        };
        const fits = (n: Map<string, number>) => [...n].every(([key, value]) => !shown.has(key) || shown.get(key) === value);
        // Each cell of A bounded by the smallest shown number containing it, else by the grand total:
        // the true tables are inside those bounds.
        const sets = new Map<string, Set<number>>();
        const grand = totals[0] + totals[1];
        const bound = [0, 1, 2, 3].map((c) => {
          const m = months[Math.floor(c / 2)];
          const key = ['a', 'b'][c % 2];
          return Math.min(grand, ...[`${m}|channel|${key}`, `${m}|total|all`, `FY|channel|${key}`, 'FY|total|all'].filter((n) => shown.has(n)).map((n) => shown.get(n)!));
        });
        for (let x0 = 0; x0 <= bound[0]; x0++) {
          for (let x1 = 0; x1 <= bound[1]; x1++) {
            for (let x2 = 0; x2 <= bound[2]; x2++) {
              for (let x3 = 0; x3 <= bound[3]; x3++) {
                const na = numbers('channel', [x0, x1, x2, x3]);
                if (!fits(na)) continue;
                const t = [x0 + x1, x2 + x3];
                for (let y0 = 0; y0 <= t[0]; y0++) {
                  for (let y2 = 0; y2 <= t[1]; y2++) {
                    const nb = numbers('dv', [y0, t[0] - y0, y2, t[1] - y2]);
                    if (!fits(nb)) continue;
                    for (const [key, value] of [...na, ...nb]) sets.set(key, (sets.get(key) ?? new Set()).add(value));
                  }
                }
              }
            }
          }
        }
        return plan
          .filter((c) => c.value >= 1 && c.value < 3)
          .every((c) => {
            const s = sets.get(`${c.period}|${c.dimension}|${c.key}`)!;
            return s.size >= 2 && [...s].some((x) => x === 0 || x >= 3);
          });
      }),
      { numRuns: 100 },
    );
  });

  it('plans a metric stored only by breakdown, its total the largest breakdown\'s sum, where a breakdown that counts fewer keeps margins of its own', () => {
    // Placements by facility kind (one was placed without a facility) and by placement kind; no stored total.
    const rows: PlanInput[] = [
      { period: months[0], programCode: 'p', metric: 'placements', dimension: 'facility-kind', key: 'shelter', value: 2 },
      { period: months[0], programCode: 'p', metric: 'placements', dimension: 'placement-kind', key: 'shelter', value: 2 },
      { period: months[0], programCode: 'p', metric: 'placements', dimension: 'placement-kind', key: 'entrusted', value: 1 },
      { period: months[1], programCode: 'p', metric: 'placements', dimension: 'facility-kind', key: 'shelter', value: 5 },
      { period: months[1], programCode: 'p', metric: 'placements', dimension: 'placement-kind', key: 'shelter', value: 5 },
    ];
    const plan = planRelease(rows, months.slice(0, 2), 3);
    const at = (period: string, dimension: string, key: string) => plan.find((c) => c.period === period && c.dimension === dimension && c.key === key)!;
    expect([at(months[0], 'total', 'all').value, at(months[1], 'total', 'all').value, at('FY', 'total', 'all').value]).toEqual([3, 5, 8]);
    expect(plan.filter((c) => c.shown).every((c) => c.value === 0 || c.value >= 3)).toBe(true);
    // April's 2 by facility kind stays hidden though April's total (3) differs from it.
    expect(at(months[0], 'facility-kind', 'shelter').shown).toBe(false);
    expect(at('FY', 'facility-kind', 'shelter').shown && at(months[1], 'facility-kind', 'shelter').shown).toBe(false); // else FY − May
  });

  it('keeps an earlier release fixed: its months keep their values and pattern after a later correction', () => {
    const first = planRelease(inputs([[5, 1], [4, 4]]), months.slice(0, 2), 3);
    // April is corrected afterwards (one more contact on b); the next release still says what the first said.
    const second = planRelease(inputs([[5, 2], [4, 4], [6, 6]]), months, 3, first);
    for (const c of first.filter((x) => x.period !== 'FY')) {
      const again = second.find((x) => x.period === c.period && x.dimension === c.dimension && x.key === c.key)!;
      expect({ period: c.period, key: c.key, value: again.value, shown: again.shown }).toEqual({ period: c.period, key: c.key, value: c.value, shown: c.shown });
    }
    expect(second.filter((c) => c.shown).every((c) => c.value === 0 || c.value >= 3)).toBe(true);
  });
});
