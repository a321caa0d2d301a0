import fc from 'fast-check';
import { gaussSuppress, PublishedNumber } from './gauss-suppression';

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

  it('protects months against their year total (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 3, max: 5 })), { minLength: 2, maxLength: 4 }), (months) =>
        assertProtected(series(months), months.length, 3),
      ),
      { numRuns: 300 },
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
