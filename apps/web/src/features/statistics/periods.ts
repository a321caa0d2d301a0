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

// 和暦 labels of fiscal years come from libs/common (one rule for the api's report and the screens).
export { fiscalYearLabel } from '../../format/dates';
