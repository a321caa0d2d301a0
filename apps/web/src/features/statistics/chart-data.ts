import type { Schemas } from '../../api/client';

type Cell = Schemas['MonthlyCellDto'];

/**
 * The shaping of GET /statistics/monthly into chart series: pure, so the charts only draw. A
 * suppressed cell (value null) stays null all the way to the screen: never a 0, never summed.
 */
export type PointState = 'value' | 'suppressed' | 'missing';

export interface Point {
  period: string;
  value: number | null;
  state: PointState;
}

export interface Series {
  key: string;
  points: Point[];
}

/** The twelve months of a fiscal year (April to March) as YYYY-MM. */
export function fiscalMonths(fiscalYear: number): string[] {
  return Array.from({ length: 12 }, (_, i) => {
    const month = ((i + 3) % 12) + 1;
    const year = month >= 4 ? fiscalYear : fiscalYear + 1;
    return `${year}-${String(month).padStart(2, '0')}`;
  });
}

export interface SeriesQuery {
  metric: string;
  dimension: string;
  /** Only this program's cells (for a breakdown within one program). */
  programCode?: string;
  /** One series per program, or per breakdown key. */
  by: 'program' | 'key';
}

/**
 * One series per program (or key) over `months`, in order of first appearance. A month the api
 * has no cell for (no finished run) is `missing`; a suppressed cell is `suppressed`.
 */
export function seriesOf(cells: readonly Cell[], months: readonly string[], query: SeriesQuery): Series[] {
  const wanted = cells.filter(
    (c) => c.metric === query.metric && c.dimension === query.dimension && (query.programCode === undefined || c.programCode === query.programCode),
  );
  const keyOf = (c: Cell) => (query.by === 'program' ? c.programCode : c.key);
  const byKey = new Map<string, Map<string, Cell>>();
  for (const c of wanted) {
    const key = keyOf(c);
    if (!byKey.has(key)) byKey.set(key, new Map());
    byKey.get(key)!.set(c.period, c);
  }
  return [...byKey].map(([key, byPeriod]) => ({
    key,
    points: months.map((period): Point => {
      const cell = byPeriod.get(period);
      if (!cell) return { period, value: null, state: 'missing' };
      if (cell.value === null) return { period, value: null, state: 'suppressed' };
      return { period, value: cell.value, state: 'value' };
    }),
  }));
}

/** The programs that have cells of `metric`, in order of first appearance. */
export function programsOf(cells: readonly Cell[], metric: string): string[] {
  return [...new Set(cells.filter((c) => c.metric === metric).map((c) => c.programCode))];
}

/** The largest shown value of the series (0 when none is shown). */
export function maxValue(series: readonly Series[]): number {
  let max = 0;
  for (const s of series) for (const p of s.points) if (p.value !== null && p.value > max) max = p.value;
  return max;
}

/** A round top for the value axis: 1, 2, 2.5 or 5 × 10ⁿ at or above `max` (at least 1). */
export function niceMax(max: number): number {
  if (max <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) {
    const top = step * power;
    if (top >= max) return Math.ceil(top);
  }
  return Math.ceil(10 * power);
}

/** Evenly spaced whole-number axis values from 0 to `top` (a niceMax): 4 or 5 steps, or every 1. */
export function ticks(top: number): number[] {
  const parts = top <= 5 ? top : ([4, 5, 2].find((n) => top % n === 0 && Number.isInteger(top / n)) ?? 1);
  const step = top / parts;
  return Array.from({ length: parts + 1 }, (_, i) => i * step);
}

/** The x position of the i-th of n months within [left, right]. */
export function xAt(i: number, n: number, left: number, right: number): number {
  return n <= 1 ? (left + right) / 2 : left + ((right - left) * i) / (n - 1);
}

/** The y position of a value on an axis from 0 (at `bottom`) to `top` (at `topY`). */
export function yAt(value: number, top: number, bottom: number, topY: number): number {
  return bottom - ((bottom - topY) * value) / top;
}

/**
 * The runs of consecutive shown values, as polylines: a suppressed or missing month breaks the
 * line, so no trend is drawn through a number that is not published.
 */
export function segments(points: readonly Point[]): Array<Array<{ index: number; value: number }>> {
  const runs: Array<Array<{ index: number; value: number }>> = [];
  let current: Array<{ index: number; value: number }> = [];
  points.forEach((p, index) => {
    if (p.value === null) {
      if (current.length) runs.push(current);
      current = [];
    } else current.push({ index, value: p.value });
  });
  if (current.length) runs.push(current);
  return runs;
}

/** Month label: 4月 … 3月. */
export function monthLabel(period: string): string {
  return `${Number(period.slice(5, 7))}月`;
}
