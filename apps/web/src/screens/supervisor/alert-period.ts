import { formatJstDate } from '../../format/dates';

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
