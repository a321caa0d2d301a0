const JST = 'Asia/Tokyo';

/** Year and month (1–12) of `now` in Japan time. */
function jstYearMonth(now: Date): { year: number; month: number } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: JST, year: 'numeric', month: 'numeric' }).formatToParts(now);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month') };
}

/** The month before `now` in JST, as YYYY-MM (the default month to compute). */
export function lastMonthJst(now: Date = new Date()): string {
  const { year, month } = jstYearMonth(now);
  const y = month === 1 ? year - 1 : year;
  const m = month === 1 ? 12 : month - 1;
  return `${y}-${String(m).padStart(2, '0')}`;
}

/** The fiscal year (starting in April) that `now` falls in, in JST. */
export function currentFiscalYearJst(now: Date = new Date()): number {
  const { year, month } = jstYearMonth(now);
  return month >= 4 ? year : year - 1;
}

const ERA_YEAR = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { timeZone: JST, era: 'long', year: 'numeric' });

/**
 * 和暦 label of a fiscal year, e.g. 2025 → 令和7年度. Dated at the year's end of December so
 * a year whose era changed in spring gets the new era (FY2019 → 令和元年度, as the city writes it).
 */
export function fiscalYearLabel(fiscalYear: number): string {
  return `${ERA_YEAR.format(new Date(Date.UTC(fiscalYear, 11, 31, 3)))}度`;
}
