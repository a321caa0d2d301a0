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
 *    — otherwise it is hidden too (complementary);
 * 4. interval audit: outside the span a hidden number is not determined, but counts are
 *    non-negative integers, and that can still pin it (in a 3-D table with its two-way margins a
 *    cell of 2 can be left only 1 or 2). So for each hidden primary number an exact simplex finds
 *    how far it can move over all non-negative tables consistent with what is shown, and a
 *    witness table — integral, by branch and bound where the vertex is not — must give it a
 *    value other than its own that is 0 or at least k (for a number already outside 1..k-1, any
 *    other value). Until there is one, one more shown number is hidden (see `auditIntervals`).
 *    The numbers must be those of one real table: ones that cannot all hold are refused.
 *
 * Published totals are linear equations, so a hidden number in the span of the published ones
 * would be given away exactly. Arithmetic is on exact integers (fraction-free elimination and
 * integer-pivoting simplex with BigInt), so no rounding can hide a leak.
 */
/** What an earlier release published already gives a number hidden now away (or pins it to 1..k-1). */
export class EarlierReleaseConflict extends Error {
  constructor() {
    super('an earlier release already gives a hidden number away');
    this.name = 'EarlierReleaseConflict';
  }
}

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
    const v: Vec = new Array<bigint>(cells).fill(0n);
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
    if (reveals) throw new EarlierReleaseConflict();
    known.add(r);
    residuals = residuals.map((p) => (p === null ? null : known.reduce(p)));
  }
  auditIntervals(numbers, cells, k, hidden, primary);
  return { hidden, primary };
}

/** A ratio of integers, the denominator positive. */
interface Ratio {
  num: bigint;
  den: bigint;
}

const below = (a: Ratio, b: Ratio) => a.num * b.den < b.num * a.den;

/** An optimum of a linear programme: its value and a vertex reaching it, as numerators over `det` (> 0). */
interface Optimum {
  value: bigint;
  point: bigint[];
  det: bigint;
}

/**
 * A feasible simplex tableau for max c·x over { x ≥ 0 : A x = b }, pivoting on integers (as lrs
 * does): each row is det·B⁻¹[A | b] for the current basis B, so every entry stays an integer and
 * each update divides exactly by the previous determinant — no fractions to reduce. Bland's rule
 * (the lowest index enters; of rows tied in the ratio test, the lowest basic index leaves) rules
 * out cycling.
 */
class Simplex {
  private constructor(
    private readonly rows: bigint[][],
    private readonly basis: number[],
    private det: bigint,
    private readonly n: number,
  ) {}

  /** Phase 1, from one artificial variable per equation; null when no x ≥ 0 satisfies A x = b. */
  static feasible(a: readonly Vec[], b: readonly bigint[], n: number): Simplex | null {
    const rows = a.map((row, i) => (b[i] < 0n ? [...row.map((x) => -x), -b[i]] : [...row, b[i]]));
    const lp = new Simplex(rows, rows.map((_, i) => n + i), 1n, n);
    // Maximise minus the artificials' sum; their columns are never needed again, so not kept.
    const objective = new Array<bigint>(n + 1).fill(0n);
    for (const row of rows) for (let j = 0; j <= n; j++) objective[j] -= row[j];
    lp.optimize(objective);
    if (objective[n] < 0n) return null;
    // An artificial still basic is at zero: pivot it out, or drop its row (a redundant equation).
    for (let r = lp.rows.length - 1; r >= 0; r--) {
      if (lp.basis[r] < n) continue;
      const j = lp.rows[r].findIndex((x, col) => col < n && x !== 0n);
      if (j >= 0) lp.pivot(r, j, []);
      else {
        lp.rows.splice(r, 1);
        lp.basis.splice(r, 1);
      }
    }
    return lp;
  }

  /**
   * The maximum of c·x from this feasible basis (left as it is); null when c·x has no bound. With
   * `enough`, stops early at a vertex that is integral with c·x ≥ enough: a witness already.
   */
  maximize(c: readonly bigint[], enough?: bigint): Optimum | null {
    const { n } = this;
    const lp = new Simplex(this.rows.map((row) => row.slice()), this.basis.slice(), this.det, n);
    const objective = [...c.map((x) => -x * lp.det), 0n];
    lp.rows.forEach((row, i) => {
      const cb = c[lp.basis[i]];
      if (cb) for (let j = 0; j <= n; j++) objective[j] += cb * row[j];
    });
    const done = enough === undefined ? undefined : () => objective[n] >= enough * lp.det && lp.rows.every((row) => row[n] % lp.det === 0n);
    if (!lp.optimize(objective, done)) return null;
    const point = new Array<bigint>(n).fill(0n);
    lp.rows.forEach((row, i) => (point[lp.basis[i]] = row[n]));
    return { value: objective[n], point, det: lp.det };
  }

  /** Pivots until no reduced cost is negative or `done` (true), or an entering column has no bound (false). */
  private optimize(objective: bigint[], done?: () => boolean): boolean {
    const { rows, basis, n } = this;
    for (;;) {
      if (done?.()) return true;
      const s = objective.findIndex((x, j) => j < n && x < 0n);
      if (s < 0) return true;
      let r = -1;
      for (let i = 0; i < rows.length; i++) {
        if (rows[i][s] <= 0n) continue;
        if (r >= 0) {
          const here = rows[i][n] * rows[r][s];
          const best = rows[r][n] * rows[i][s];
          if (here > best || (here === best && basis[i] > basis[r])) continue;
        }
        r = i;
      }
      if (r < 0) return false;
      this.pivot(r, s, [objective]);
    }
  }

  private pivot(r: number, s: number, extra: bigint[][]): void {
    const { n } = this;
    const top = this.rows[r];
    const p = top[s];
    // With an unchanged determinant (always, for the unimodular margins of a 2-D table) only the
    // pivot row's nonzero columns move.
    const columns = p === this.det ? top.flatMap((x, j) => (x === 0n ? [] : [j])) : top.map((_, j) => j);
    for (const row of [...this.rows, ...extra]) {
      const f = row[s];
      if (row === top || (f === 0n && p === this.det)) continue;
      for (const j of columns) row[j] = (row[j] * p - f * top[j]) / this.det;
    }
    this.basis[r] = s;
    this.det = p;
    if (p < 0n) {
      // Only when an artificial is pivoted out on a negative entry: keep the determinant positive.
      for (const row of [...this.rows, ...extra]) for (let j = 0; j <= n; j++) row[j] = -row[j];
      this.det = -p;
    }
  }
}

/** Relaxations branch and bound may solve per question; past them the number counts as pinned. */
const BRANCH_BUDGET = 64;

/**
 * Whether some integer x ≥ 0 with A x = b has c·x ≥ target: depth-first branch and bound on the
 * exact simplex, branching on the lowest fractional variable. Over the budget it answers false,
 * and the caller hides more — never less safe.
 */
function integerReaches(a: readonly Vec[], b: readonly bigint[], n: number, c: readonly bigint[], target: bigint): boolean {
  interface Bound {
    j: number;
    at: bigint;
    upper: boolean;
  }
  const open: Bound[][] = [[]];
  for (let nodes = 0; open.length && nodes < BRANCH_BUDGET; nodes++) {
    const bounds = open.pop()!;
    const width = n + bounds.length;
    const slack = bounds.map(() => 0n);
    const rows = [
      ...a.map((row) => [...row, ...slack]),
      ...bounds.map((bound, i) => {
        const row = new Array<bigint>(width).fill(0n);
        row[bound.j] = 1n;
        row[n + i] = bound.upper ? 1n : -1n;
        return row;
      }),
    ];
    const best = Simplex.feasible(rows, [...b, ...bounds.map((bound) => bound.at)], width)?.maximize([...c, ...slack]);
    if (!best || best.value < target * best.det) continue;
    const j = best.point.findIndex((x, i) => i < n && x % best.det !== 0n);
    if (j < 0) return true;
    const floor = best.point[j] / best.det;
    open.push([...bounds, { j, at: floor, upper: true }], [...bounds, { j, at: floor + 1n, upper: false }]);
  }
  return false;
}

/**
 * What the shown numbers say about the inner cells: the values of some (shown alone, or inside a
 * shown zero) and equations over the rest, the variables, grouped into independent blocks.
 */
class ShownTable {
  private readonly variable: number[];
  private readonly known: bigint[];
  private readonly equations: { source: number; terms: Map<number, bigint>; rhs: bigint; group: number }[] = [];
  private readonly group: number[];
  private readonly alone = new Map<number, number[]>();
  private readonly programmes = new Map<string, { a: Vec[]; b: bigint[]; variables: number[]; simplex: Simplex }>();

  constructor(
    private readonly numbers: readonly PublishedNumber[],
    cells: number,
    hidden: readonly boolean[],
  ) {
    const value = new Array<bigint | null>(cells).fill(null);
    const fix = (t: number, v: bigint) => {
      if (value[t] !== null && value[t] !== v) throw new Error('the published numbers do not add up');
      value[t] = v;
    };
    numbers.forEach((n, i) => {
      if (hidden[i]) return;
      if (n.value === 0) for (const t of n.terms) fix(t, 0n);
      if (n.terms.length === 1) {
        fix(n.terms[0], BigInt(n.value));
        this.alone.set(n.terms[0], [...(this.alone.get(n.terms[0]) ?? []), i]);
      }
    });
    let count = 0;
    this.variable = value.map((v) => (v === null ? count++ : -1));
    this.known = value.map((v) => v ?? 0n);
    const parent = Array.from({ length: count }, (_, i) => i);
    const root = (x: number): number => (parent[x] === x ? x : (parent[x] = root(parent[x])));
    numbers.forEach((n, i) => {
      if (hidden[i] || n.value === 0 || n.terms.length === 1) return;
      const terms = new Map<number, bigint>();
      let rhs = BigInt(n.value);
      for (const t of n.terms) {
        if (this.variable[t] < 0) rhs -= this.known[t];
        else terms.set(this.variable[t], (terms.get(this.variable[t]) ?? 0n) + 1n);
      }
      if (terms.size === 0) {
        if (rhs !== 0n) throw new Error('the published numbers do not add up');
        return;
      }
      const [first, ...rest] = terms.keys();
      for (const x of rest) parent[root(x)] = root(first);
      this.equations.push({ source: i, terms, rhs, group: first });
    });
    this.group = parent.map((_, x) => root(x));
    for (const e of this.equations) e.group = this.group[e.group];
  }

  /**
   * Whether some non-negative integer table consistent with what is shown gives hidden number `p`
   * a value other than its own that is 0 or ≥ k (for a number outside 1..k-1: any other value).
   */
  safe(p: number, k: number): boolean {
    const { lp, c, constant } = this.objective(p);
    const v = BigInt(this.numbers[p].value);
    const small = v >= 1n && v < BigInt(k);
    const [high, low] = small ? [BigInt(k), 0n] : [v + 1n, v - 1n];
    const reaches = (objective: Vec, target: bigint) => {
      const best = lp.simplex.maximize(objective, target);
      // Unbounded: the true table plus an integral multiple of the ray is a witness.
      if (best === null) return true;
      if (best.value < target * best.det) return false;
      return best.point.every((x) => x % best.det === 0n) || integerReaches(lp.a, lp.b, lp.variables.length, objective, target);
    };
    return reaches(c, high - constant) || reaches(c.map((x) => -x), constant - low);
  }

  /** How far `p` can move over non-negative real tables (max null: without bound). */
  range(p: number): { max: Ratio | null; min: Ratio } {
    const { lp, c, constant } = this.objective(p);
    const top = lp.simplex.maximize(c);
    const bottom = lp.simplex.maximize(c.map((x) => -x))!; // x ≥ 0 and c ≥ 0 bound it
    return {
      max: top && { num: top.value + constant * top.det, den: top.det },
      min: { num: constant * bottom.det - bottom.value, den: bottom.det },
    };
  }

  /** `p` as constant + c·x over the variables of its groups' programme. */
  private objective(p: number) {
    const { groups, constant } = this.locate(p);
    const lp = this.programme(groups);
    const c = lp.variables.map(() => 0n);
    const local = new Map(lp.variables.map((x, i) => [x, i]));
    for (const t of this.numbers[p].terms) if (this.variable[t] >= 0) c[local.get(this.variable[t])!] += 1n;
    return { lp, c, constant };
  }

  /** Shown numbers whose hiding could move `p`: the equations of its groups and the cells shown in them. */
  neighbours(p: number): number[] {
    const { groups } = this.locate(p);
    const out = new Set<number>();
    for (const e of this.equations) {
      if (!groups.includes(e.group)) continue;
      out.add(e.source);
      for (const t of this.numbers[e.source].terms) for (const i of this.alone.get(t) ?? []) out.add(i);
    }
    return [...out];
  }

  private locate(p: number): { groups: number[]; constant: bigint } {
    const groups = new Set<number>();
    let constant = 0n;
    for (const t of this.numbers[p].terms) {
      if (this.variable[t] < 0) constant += this.known[t];
      else groups.add(this.group[this.variable[t]]);
    }
    return { groups: [...groups].sort((x, y) => x - y), constant };
  }

  /** The equations of some groups as A x = b over their variables, past phase 1; built once. */
  private programme(groups: number[]) {
    const key = groups.join(',');
    const cached = this.programmes.get(key);
    if (cached) return cached;
    const variables = this.group.map((g, x) => (groups.includes(g) ? x : -1)).filter((x) => x >= 0);
    const local = new Map(variables.map((x, i) => [x, i]));
    const mine = this.equations.filter((e) => groups.includes(e.group));
    const a = mine.map((e) => {
      const row = variables.map(() => 0n);
      for (const [x, coefficient] of e.terms) row[local.get(x)!] = coefficient;
      return row;
    });
    const b = mine.map((e) => e.rhs);
    const simplex = Simplex.feasible(a, b, variables.length);
    if (!simplex) throw new Error('the published numbers do not add up');
    const built = { a, b, variables, simplex };
    this.programmes.set(key, built);
    return built;
  }
}

/**
 * Step 4: hides more until no hidden primary number is pinned by non-negativity (see the top of
 * the file). Hiding only removes equations, so a number once safe stays safe and each is settled
 * in turn. Candidates are the shown numbers that could move it (not an earlier release's), cells
 * before totals, smaller before larger. The first whose hiding makes it safe or widens its range
 * is hidden; when none does alone (the bound is held by more than one equation), candidates are
 * taken in that order until they do together, then each one not needed for it is put back.
 */
function auditIntervals(numbers: readonly PublishedNumber[], cells: number, k: number, hidden: boolean[], primary: readonly boolean[]): void {
  let table = new ShownTable(numbers, cells, hidden);
  for (let p = 0; p < numbers.length; p++) {
    if (!primary[p]) continue;
    while (!table.safe(p, k)) {
      const candidates = table
        .neighbours(p)
        .filter((i) => !numbers[i].fixedShown && numbers[i].value !== 0)
        .sort((a, b) => Number(numbers[b].terms.length === 1) - Number(numbers[a].terms.length === 1) || numbers[a].value - numbers[b].value || a - b);
      if (!candidates.length) throw new EarlierReleaseConflict();
      const before = table.range(p);
      // The table with `more` hidden too, if that frees p or widens its range.
      const progress = (more: readonly number[]): ShownTable | null => {
        const trial = new ShownTable(numbers, cells, hidden.map((h, j) => h || more.includes(j)));
        if (trial.safe(p, k)) return trial;
        const after = trial.range(p);
        return below(after.min, before.min) || (before.max !== null && (after.max === null || below(before.max, after.max))) ? trial : null;
      };
      let more: number[] = [];
      let next: ShownTable | null = null;
      for (const i of candidates) {
        next = progress([i]);
        if (next) {
          more = [i];
          break;
        }
      }
      if (!next) {
        for (const i of candidates) {
          more.push(i);
          next = progress(more);
          if (next) break;
        }
        for (const i of [...more].reverse()) {
          if (more.length === 1) break;
          const fewer = more.filter((j) => j !== i);
          const smaller = next && progress(fewer);
          if (smaller) [more, next] = [fewer, smaller];
        }
      }
      for (const i of more) hidden[i] = true;
      table = next ?? new ShownTable(numbers, cells, hidden);
    }
  }
}
