import fc from 'fast-check';
import { EarlierReleaseConflict, gaussSuppress, PublishedNumber } from './gauss-suppression';

/** A 2-D table of inner cells with its row, column and grand totals, as published numbers. */
function table2d(values: number[][]): PublishedNumber[] {
  const rows = values.length;
  const cols = values[0].length;
  const at = (r: number, c: number) => r * cols + c;
  const out: PublishedNumber[] = [];
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out.push({ terms: [at(r, c)], value: values[r][c] });
  for (let r = 0; r < rows; r++) out.push({ terms: values[r].map((_, c) => at(r, c)), value: values[r].reduce((a, b) => a + b, 0) });
  for (let c = 0; c < cols; c++) out.push({ terms: values.map((_, r) => at(r, c)), value: values.reduce((a, row) => a + row[c], 0) });
  out.push({ terms: values.flatMap((row, r) => row.map((_, c) => at(r, c))), value: values.flat().reduce((a, b) => a + b, 0) });
  return out;
}

/** Months and their year total. */
function series(values: number[]): PublishedNumber[] {
  return [...values.map((v, i) => ({ terms: [i], value: v })), { terms: values.map((_, i) => i), value: values.reduce((a, b) => a + b, 0) }];
}

/**
 * Every non-negative integer assignment of the inner cells consistent with the shown numbers;
 * for each number, the set of values it can take across them.
 */
function feasibleValues(numbers: PublishedNumber[], cells: number, hidden: boolean[]): Set<number>[] {
  const shown = numbers.filter((_, i) => !hidden[i]);
  const knownCell = new Map<number, number>();
  for (const n of shown) if (n.terms.length === 1) knownCell.set(n.terms[0], n.value);
  for (const n of shown) if (n.value === 0) for (const t of n.terms) knownCell.set(t, 0);
  const free = Array.from({ length: cells }, (_, i) => i).filter((i) => !knownCell.has(i));
  const bound = Math.max(0, ...numbers.map((n) => n.value));
  const x = new Array<number>(cells).fill(0);
  for (const [i, v] of knownCell) x[i] = v;
  const sets = numbers.map(() => new Set<number>());
  const sum = (n: PublishedNumber) => n.terms.reduce((a, t) => a + x[t], 0);
  const fits = (partial: boolean) => shown.every((n) => (partial ? sum(n) <= n.value : sum(n) === n.value));
  const walk = (j: number) => {
    if (!fits(true)) return;
    if (j === free.length) {
      if (fits(false)) numbers.forEach((n, i) => sets[i].add(sum(n)));
      return;
    }
    for (let v = 0; v <= bound; v++) {
      x[free[j]] = v;
      walk(j + 1);
    }
    x[free[j]] = 0;
  };
  walk(0);
  return sets;
}

function assertProtected(numbers: PublishedNumber[], cells: number, k: number): boolean {
  const { hidden, primary } = gaussSuppress(numbers, cells, k);
  if (numbers.some((n, i) => !hidden[i] && n.value >= 1 && n.value < k)) return false;
  const sets = feasibleValues(numbers, cells, hidden);
  return numbers.every((_, i) => !primary[i] || (sets[i].size >= 2 && [...sets[i]].some((v) => v === 0 || v >= k)));
}

/**
 * A 3-D table (a × b × c inner cells) with every two-way margin, every one-way margin and the
 * grand total, as published numbers: the most equations a one-table release could give.
 */
function table3d(values: number[][][]): PublishedNumber[] {
  const [a, b, c] = [values.length, values[0].length, values[0][0].length];
  const at = (i: number, j: number, l: number) => (i * b + j) * c + l;
  const all = [] as [number, number, number][];
  for (let i = 0; i < a; i++) for (let j = 0; j < b; j++) for (let l = 0; l < c; l++) all.push([i, j, l]);
  const margin = (keep: (p: [number, number, number]) => boolean): PublishedNumber => {
    const inside = all.filter(keep);
    return { terms: inside.map((p) => at(...p)), value: inside.reduce((s, [i, j, l]) => s + values[i][j][l], 0) };
  };
  const out: PublishedNumber[] = all.map((p) => margin(([i, j, l]) => i === p[0] && j === p[1] && l === p[2]));
  for (let i = 0; i < a; i++) for (let j = 0; j < b; j++) out.push(margin((p) => p[0] === i && p[1] === j));
  for (let i = 0; i < a; i++) for (let l = 0; l < c; l++) out.push(margin((p) => p[0] === i && p[2] === l));
  for (let j = 0; j < b; j++) for (let l = 0; l < c; l++) out.push(margin((p) => p[1] === j && p[2] === l));
  for (let i = 0; i < a; i++) out.push(margin((p) => p[0] === i));
  for (let j = 0; j < b; j++) out.push(margin((p) => p[1] === j));
  for (let l = 0; l < c; l++) out.push(margin((p) => p[2] === l));
  out.push(margin(() => true));
  return out;
}

/**
 * Walks every non-negative integer assignment of the inner cells consistent with the shown
 * numbers, each cell bounded by the smallest shown number containing it (or the grand total):
 * the true table is inside those bounds, so what is found is a subset of what an attacker must
 * allow. A shown number with one open cell left fixes that cell; a partial sum above a shown
 * value cuts the branch. `visit` returns true to stop early.
 */
function forEachConsistent(numbers: readonly PublishedNumber[], cells: number, hidden: readonly boolean[], visit: (x: readonly number[]) => boolean): void {
  const shown = numbers.filter((_, i) => !hidden[i]);
  const grand = numbers.reduce((m, n) => Math.max(m, n.value), 0);
  const containing = Array.from({ length: cells }, (_, t) => shown.map((n, s) => (n.terms.includes(t) ? s : -1)).filter((s) => s >= 0));
  const bound = containing.map((list) => Math.min(grand, ...list.map((s) => shown[s].value)));
  const partial = shown.map(() => 0);
  const open = shown.map((n) => n.terms.length);
  const x = new Array<number>(cells).fill(-1);
  const set = (t: number, v: number, sign: 1 | -1): boolean => {
    x[t] = sign === 1 ? v : -1;
    let ok = true;
    for (const s of containing[t]) {
      partial[s] += sign * v;
      open[s] -= sign;
      if (partial[s] > shown[s].value || (open[s] === 0 && partial[s] !== shown[s].value)) ok = false;
    }
    return ok;
  };
  const walk = (): boolean => {
    const forcing = shown.findIndex((_, s) => open[s] === 1);
    const t = forcing >= 0 ? shown[forcing].terms.find((u) => x[u] < 0)! : x.indexOf(-1);
    if (t < 0) return visit(x);
    const [from, to] = forcing >= 0 ? [shown[forcing].value - partial[forcing], shown[forcing].value - partial[forcing]] : [0, bound[t]];
    for (let v = Math.max(0, from); v <= Math.min(to, bound[t]); v++) {
      const ok = set(t, v, 1);
      const stop = ok && walk();
      set(t, v, -1);
      if (stop) return true;
    }
    return false;
  };
  walk();
}

/**
 * The requirement, by enumeration: nothing of 1..k-1 is shown, and over every consistent
 * table each primary number takes at least two values, not all of them in 1..k-1.
 */
function protectedByEnumeration(numbers: readonly PublishedNumber[], cells: number, k: number, { hidden, primary }: { hidden: boolean[]; primary: boolean[] }): boolean {
  if (numbers.some((n, i) => !hidden[i] && n.value >= 1 && n.value < k)) return false;
  const seen = numbers.map(() => new Set<number>());
  const targets = numbers.map((_, i) => i).filter((i) => primary[i]);
  const free = (i: number) => seen[i].size >= 2 && [...seen[i]].some((v) => v === 0 || v >= k);
  forEachConsistent(numbers, cells, hidden, (x) => {
    for (const i of targets) seen[i].add(numbers[i].terms.reduce((s, t) => s + x[t], 0));
    return targets.every(free);
  });
  return targets.every(free);
}

describe('Gaussian-elimination suppression', () => {
  it('hides small cells and enough others that none can be worked out (2-D tables with margins, property)', () => {
    const cellValue = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 3, max: 6 }));
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 3 }), fc.integer({ min: 2, max: 3 }), fc.array(cellValue, { minLength: 9, maxLength: 9 }), (rows, cols, pool) => {
        const values = Array.from({ length: rows }, (_, r) => pool.slice(r * cols, r * cols + cols));
        return assertProtected(table2d(values), rows * cols, 3);
      }),
      { numRuns: 300 },
    );
  });

  it('leaves no small number in 3-D tables with every one- and two-way margin worked out or pinned to 1..k-1, and decides alike each time (property)', () => {
    const k = 3;
    const cellValue = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 3, max: 5 }));
    const shape = fc.constantFrom<[number, number, number]>([2, 2, 2], [2, 3, 2], [3, 2, 2], [2, 2, 3]);
    fc.assert(
      fc.property(shape, fc.array(cellValue, { minLength: 12, maxLength: 12 }), ([a, b, c], pool) => {
        const values = Array.from({ length: a }, (_, i) => Array.from({ length: b }, (_, j) => pool.slice((i * b + j) * c, (i * b + j) * c + c)));
        const numbers = table3d(values);
        const cells = a * b * c;
        const result = gaussSuppress(numbers, cells, k);
        expect(gaussSuppress(numbers, cells, k)).toEqual(result);
        return protectedByEnumeration(numbers, cells, k, result);
      }),
      { numRuns: 200 },
    );
  });

  it('frees a small cell that non-negativity alone pinned to 1..k-1 in a 3-D table (the former gap)', () => {
    // 2 × 2 × 3, found by the property above. With only what elimination hides, the consistent tables
    // are a one-parameter family and non-negativity leaves two of them: cell (0,1,2), 2 persons, is
    // known to be 1 or 2 though no equation gives it. The interval audit hides one more number.
    const values = [
      [
        [1, 3, 1],
        [0, 3, 2],
      ],
      [
        [3, 3, 3],
        [3, 3, 0],
      ],
    ];
    const numbers = table3d(values);
    const result = gaussSuppress(numbers, 12, 3);
    expect(result.primary[5]).toBe(true); // (0,1,2)
    expect(protectedByEnumeration(numbers, 12, 3, result)).toBe(true);
  });

  it('refuses when an earlier release already pins a hidden small cell to 1..k-1 and nothing else can be hidden', () => {
    // The same table, with what elimination alone leaves shown — cell (1,0,0) included, the one the
    // audit hides — published by an earlier release: the audit may hide none of it, and must refuse.
    const numbers = table3d([
      [
        [1, 3, 1],
        [0, 3, 2],
      ],
      [
        [3, 3, 3],
        [3, 3, 0],
      ],
    ]);
    const { hidden } = gaussSuppress(numbers, 12, 3);
    const audited = 6; // (1,0,0), 3 persons
    expect(hidden[audited]).toBe(true);
    const before = numbers.map((n, i) => (hidden[i] && i !== audited ? n : { ...n, fixedShown: true }));
    expect(() => gaussSuppress(before, 12, 3)).toThrow(EarlierReleaseConflict);
  });

  it('leaves no small cell pinned to 1..k-1 in 2-D tables at k = 4 or 5, where non-negativity can pin one too (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 4, max: 5 }), fc.integer({ min: 2, max: 3 }), fc.integer({ min: 2, max: 4 }), fc.array(fc.nat({ max: 1000 }), { minLength: 12, maxLength: 12 }), (k, rows, cols, draws) => {
        // About a quarter zeros, a third small, the rest k..k+3.
        const pool = draws.map((d) => (d < 250 ? 0 : d < 600 ? 1 + (d % (k - 1)) : k + (d % 4)));
        const values = Array.from({ length: rows }, (_, r) => pool.slice(r * cols, r * cols + cols));
        const numbers = table2d(values);
        return protectedByEnumeration(numbers, rows * cols, k, gaussSuppress(numbers, rows * cols, k));
      }),
      { numRuns: 400 },
    );
  });

  it('frees a small cell of a 2-D table that non-negativity alone pinned to 1..k-1', () => {
    // Found by the property above: with only what elimination hides, cell (1,0), 2 persons, could
    // only be 1..4 at k = 5.
    const values = [
      [0, 5, 1, 2],
      [2, 6, 4, 0],
    ];
    const numbers = table2d(values);
    const result = gaussSuppress(numbers, 8, 5);
    expect(result.primary[4]).toBe(true);
    expect(protectedByEnumeration(numbers, 8, 5, result)).toBe(true);
  });

  it('protects months against their year total (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 3, max: 5 })), { minLength: 2, maxLength: 4 }), (months) =>
        assertProtected(series(months), months.length, 3),
      ),
      { numRuns: 300 },
    );
  });

  it('protects twelve months and their year total at k = 3 to 5 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 5 }), fc.array(fc.nat({ max: 1000 }), { minLength: 12, maxLength: 12 }), (k, draws) => {
        const months = draws.map((d) => (d < 250 ? 0 : d < 600 ? 1 + (d % (k - 1)) : k + (d % 4)));
        const numbers = series(months);
        return protectedByEnumeration(numbers, 12, k, gaussSuppress(numbers, 12, k));
      }),
      { numRuns: 150 },
    );
  });

  it('is deterministic', () => {
    const numbers = table2d([
      [1, 5, 7],
      [4, 2, 9],
      [6, 8, 3],
    ]);
    expect(gaussSuppress(numbers, 9, 3)).toEqual(gaussSuppress(numbers, 9, 3));
  });

  it('sees through two hidden rectangles joined by one cell, where "two hidden cells per row and column" fails', () => {
    // Small cells at rows 1-2 × cols 1-2, rows 3-4 × cols 3-4, and (1,3): every row and column has two
    // hidden cells, yet row1 + row2 − col1 − col2 gives (1,3) exactly. Everything else is 20.
    const small = new Set(['0,0', '0,1', '1,0', '1,1', '2,2', '2,3', '3,2', '3,3', '0,2']);
    const values = Array.from({ length: 4 }, (_, r) => Array.from({ length: 4 }, (_, c) => (small.has(`${r},${c}`) ? 1 : 20)));
    const numbers = table2d(values);
    const [R0, R1] = [numbers[16].value, numbers[17].value];
    const [C0, C1] = [numbers[20].value, numbers[21].value];
    const x = (r: number, c: number) => values[r][c];
    // With only the nine small cells hidden, the corner cell follows from what is shown:
    expect(R0 + R1 - C0 - C1 - x(0, 3) - x(1, 2) - x(1, 3) + x(2, 0) + x(2, 1) + x(3, 0) + x(3, 1)).toBe(values[0][2]);
    const { hidden, primary } = gaussSuppress(numbers, 16, 3);
    expect(primary.slice(0, 16).filter(Boolean)).toHaveLength(9);
    expect(hidden.slice(0, 16).filter(Boolean).length).toBeGreaterThan(9); // so more is hidden
    // Nothing small is shown, and the shown numbers no longer give the corner away.
    expect(numbers.every((n, i) => hidden[i] || n.value === 0 || n.value >= 3)).toBe(true);
    const shownCorner = !hidden[16] && !hidden[17] && !hidden[20] && !hidden[21] && [[0, 3], [1, 2], [1, 3], [2, 0], [2, 1], [3, 0], [3, 1]].every(([r, c]) => !hidden[r * 4 + c]);
    expect(shownCorner).toBe(false);
  });

  it('honours an earlier release: what it published stays shown, what it hid stays hidden', () => {
    const numbers = series([5, 5, 5]).map((n, i) => (i === 0 ? { ...n, fixedHidden: true } : i === 3 ? { ...n, fixedShown: true } : n));
    const { hidden } = gaussSuppress(numbers, 3, 3);
    expect(hidden[0]).toBe(true); // hidden before: stays hidden
    expect(hidden[3]).toBe(false); // the year total was published: stays shown
    expect(hidden.slice(1, 3).filter(Boolean).length).toBeGreaterThanOrEqual(1); // so another month must hide
  });
});
