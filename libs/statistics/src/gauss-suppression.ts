/**
 * Disclosure control for a set of published numbers that are sums of inner cells (a table with
 * its margins, twelve months and their year total, …), by exact Gaussian elimination, after
 * the idea of Statistics Norway's GaussSuppression:
 *
 * 1. primary: every number of 1..k-1 persons is hidden (zeros are shown, as `‐`);
 * 2. a shown zero tells that each of its cells is zero: that is known;
 * 3. numbers are then considered for publication one by one (those an earlier release already
 *    published first, then margins before inner cells, larger before smaller); a number is
 *    published only if no hidden primary number becomes a linear combination of what is known
 *    — otherwise it is hidden too (complementary).
 *
 * Published totals are linear equations, so a hidden number in the span of the published ones
 * would be given away exactly; outside the span it is not determined. Arithmetic is on exact
 * integers (fraction-free elimination with BigInt), so no rounding can hide a leak.
 */
export interface PublishedNumber {
  /** The inner cells (0..cells-1) this number sums; an inner cell is the sum of itself. */
  terms: readonly number[];
  value: number;
  /** Published by an earlier release: stays shown. */
  fixedShown?: boolean;
  /** Hidden by an earlier release: stays hidden. */
  fixedHidden?: boolean;
}

export interface SuppressionResult {
  hidden: boolean[];
  primary: boolean[];
}

type Vec = bigint[];

const abs = (x: bigint) => (x < 0n ? -x : x);
function gcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
}

function normalize(v: Vec): Vec {
  let g = 0n;
  for (const x of v) if (x) g = gcd(g, x);
  if (g <= 1n) return v;
  return v.map((x) => x / g);
}

const isZero = (v: Vec) => v.every((x) => x === 0n);
const pivotOf = (v: Vec) => v.findIndex((x) => x !== 0n);

/** An echelon basis of what is known, reducing vectors exactly. */
class Knowledge {
  private readonly rows: { pivot: number; row: Vec }[] = [];

  reduce(v: Vec): Vec {
    let out = v;
    for (const { pivot, row } of this.rows) {
      const x = out[pivot];
      if (x === 0n) continue;
      const p = row[pivot];
      out = normalize(out.map((value, i) => value * p - row[i] * x));
    }
    return out;
  }

  /** Adds an already reduced, nonzero vector. */
  add(reduced: Vec): void {
    this.rows.push({ pivot: pivotOf(reduced), row: reduced });
  }
}

/** Whether two nonzero vectors are multiples of each other. */
function parallel(a: Vec, b: Vec): boolean {
  const i = pivotOf(a);
  if (i !== pivotOf(b)) return false;
  return a.every((x, j) => x * b[i] === b[j] * a[i]);
}

export function gaussSuppress(numbers: readonly PublishedNumber[], cells: number, k: number): SuppressionResult {
  if (k < 3) throw new Error('k below 3 is not allowed');
  const vector = (n: PublishedNumber): Vec => {
    const v: Vec = new Array(cells).fill(0n);
    for (const t of n.terms) v[t] += 1n;
    return v;
  };
  const primary = numbers.map((n) => n.fixedHidden === true || (n.value >= 1 && n.value < k));
  const hidden = [...primary];
  const known = new Knowledge();
  const learn = (v: Vec) => {
    const r = known.reduce(v);
    if (!isZero(r)) known.add(r);
  };
  // A shown zero: all its cells are zero.
  numbers.forEach((n, i) => {
    if (!primary[i] && n.value === 0) {
      for (const t of n.terms) learn(vector({ terms: [t], value: 0 }));
    }
  });
  let residuals = numbers.map((n, i) => (primary[i] ? known.reduce(vector(n)) : null));
  if (residuals.some((r) => r !== null && isZero(r))) throw new Error('a primary number is already determined by the zeros');

  const order = numbers
    .map((n, i) => i)
    .filter((i) => !primary[i] && numbers[i].value !== 0)
    .sort((a, b) => {
      const x = numbers[a];
      const y = numbers[b];
      return Number(y.fixedShown === true) - Number(x.fixedShown === true) || y.terms.length - x.terms.length || y.value - x.value || a - b;
    });
  for (const i of order) {
    const r = known.reduce(vector(numbers[i]));
    if (isZero(r)) continue; // adds nothing: shown
    const reveals = residuals.some((p) => p !== null && parallel(p, r));
    if (reveals && !numbers[i].fixedShown) {
      hidden[i] = true;
      continue;
    }
    if (reveals) throw new Error('an earlier release already gives a hidden number away');
    known.add(r);
    residuals = residuals.map((p) => (p === null ? null : known.reduce(p)));
  }
  return { hidden, primary };
}
