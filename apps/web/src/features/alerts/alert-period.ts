import { addDays, formatJstDate, isValidDate } from '../../format/dates';

/**
 * The period an alert is about, as the api gives it (AlertDto.period): a JST day (2026-11-26),
 * shown as its 和暦 date, or an ISO week (2026-W48), shown as 2026年第48週. Anything else is
 * shown as it came rather than guessed at.
 */
export function formatAlertPeriod(period: string): string {
  const week = /^(\d{4})-W(\d{2})$/.exec(period);
  if (week) return `${week[1]}年第${Number(week[2])}週`;
  if (/^\d{4}-\d{2}-\d{2}$/.test(period)) return formatJstDate(period);
  return period;
}

/** An alert's count against its rule's threshold: 25件（基準 20件）. */
export function formatObserved(observed: number, threshold: number): string {
  return `${observed}件（基準 ${threshold}件）`;
}

/**
 * The JST days an alert's period covers, both inclusive, for a search of the audit log: the day
 * itself, or Monday to Sunday of the ISO week. Null for a period in another form.
 */
export function alertPeriodRange(period: string): { from: string; to: string } | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(period)) return isValidDate(period) ? { from: period, to: period } : null;
  const week = /^(\d{4})-W(\d{2})$/.exec(period);
  if (!week || Number(week[2]) < 1 || Number(week[2]) > 53) return null;
  // 4 January is always in week 1; its week's Monday starts week 1.
  const january4 = `${week[1]}-01-04`;
  const weekday = (new Date(`${january4}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0
  const monday = addDays(january4, -weekday + 7 * (Number(week[2]) - 1));
  return { from: monday, to: addDays(monday, 6) };
}
