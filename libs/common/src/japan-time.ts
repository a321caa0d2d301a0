/** Japan has had no daylight saving time since 1951: JST is always UTC+9. */
const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

/** The calendar date in Asia/Tokyo of an instant, as YYYY-MM-DD. */
export function jstDate(instant: Date): string {
  return new Date(instant.getTime() + JST_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a JST calendar day begins. */
export function jstStartOfDay(date: string): Date {
  return new Date(new Date(`${date}T00:00:00.000Z`).getTime() - JST_OFFSET_MS);
}

/** Adds whole days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00.000Z`) - Date.parse(`${from}T00:00:00.000Z`)) / 86_400_000);
}

/** First and last day (inclusive) of a fiscal year: FY2025 runs 2025-04-01 to 2026-03-31. */
export function fiscalYearRange(fiscalYear: number): { from: string; to: string } {
  return { from: `${fiscalYear}-04-01`, to: `${fiscalYear + 1}-03-31` };
}

/**
 * Adds calendar months; a day that does not exist in the target month becomes its last day
 * (2024-01-31 + 1 month = 2024-02-29), as Japanese periods (期間) are counted.
 */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Fiscal year (April–March) of a JST calendar date: 2026-03-31 is FY2025, 2026-04-01 is FY2026. */
export function fiscalYearOf(date: string): number {
  const [y, m] = date.split('-').map(Number);
  return m >= 4 ? y : y - 1;
}

/**
 * The Japanese era and year of a calendar date, from the platform's Japanese calendar
 * (`ja-JP-u-ca-japanese`): `long` gives 令和 and 元 for the first year, `narrow` gives R and 1.
 */
export function eraYear(date: string, style: 'long' | 'narrow'): { era: string; year: string } {
  const parts = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { era: style, year: 'numeric', timeZone: 'Asia/Tokyo' }).formatToParts(new Date(`${date}T12:00:00+09:00`));
  const era = parts.find((p) => p.type === 'era')?.value ?? '';
  const year = parts.find((p) => p.type === 'year')?.value ?? '';
  // ICU may print the first year either way.
  const first = year === '1' || year === '元';
  return { era, year: first ? (style === 'long' ? '元' : '1') : year };
}

/**
 * The era label of a fiscal year, named after the era in force in the calendar year it starts in:
 * FY2019 is 令和元年度 (Reiwa began on 2019-05-01, inside it), FY2025 令和7年度. `short`: R7年度.
 */
export function fiscalYearLabel(fiscalYear: number, form: 'long' | 'short' = 'long'): string {
  const { era, year } = eraYear(`${fiscalYear}-12-31`, form === 'long' ? 'long' : 'narrow');
  return `${era}${year}年度`;
}

/** A calendar date (YYYY-MM-DD) as it is, or an instant (ISO string or Date) as its JST calendar date. */
export function jstCalendarDate(value: string | Date): string {
  if (value instanceof Date) return jstDate(value);
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : jstDate(new Date(value));
}

/** 和暦 date as the city writes it: 令和7年11月26日 (元年 for an era's first year); an instant on its JST day. */
export function formatJstDate(value: string | Date): string {
  const date = jstCalendarDate(value);
  const { era, year } = eraYear(date, 'long');
  const [, m, d] = date.split('-').map(Number);
  return `${era}${year}年${m}月${d}日`;
}

/** HH:mm of an instant in Japan time. */
export function formatJstTime(instant: string | Date): string {
  return new Date(new Date(instant).getTime() + JST_OFFSET_MS).toISOString().slice(11, 16);
}

/** 令和7年11月26日 13:05 */
export function formatJstDateTime(instant: string | Date): string {
  return `${formatJstDate(instant)} ${formatJstTime(instant)}`;
}

/** 2025-11-26 13:05: an instant in Japan time in a form spreadsheets sort and read as a date. */
export function jstTimestamp(instant: string | Date): string {
  return `${jstDate(new Date(instant))} ${formatJstTime(instant)}`;
}

export function isValidDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const d = new Date(`${date}T00:00:00.000Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === date;
}
