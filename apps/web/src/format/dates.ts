import { addDays, daysBetween, fiscalYearLabel, formatJstDate, formatJstDateTime, formatJstTime, isValidDate, jstCalendarDate, jstDate, jstStartOfDay } from '../../../../libs/common/src/japan-time';

// One source of the calendar rules and 和暦 formats for api and screens: libs/common's japan-time is plain TypeScript.
export { addDays, daysBetween, fiscalYearLabel, formatJstDate, formatJstDateTime, formatJstTime, isValidDate, jstDate, jstStartOfDay };

/** A waiting time or duration in minutes, as 5分 / 1時間5分 / 2日3時間. */
export function formatMinutes(totalMinutes: number): string {
  const minutes = Math.max(0, Math.floor(totalMinutes));
  if (minutes < 60) return `${minutes}分`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours}時間` : `${hours}時間${minutes % 60}分`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days}日` : `${days}日${hours % 24}時間`;
}

/** Today's date in Japan time (YYYY-MM-DD). */
export function todayJst(now: Date = new Date()): string {
  return jstDate(now);
}

/**
 * A due date against today, for 期限 columns: 期限切れ (n日超過), 本日, あとn日. `soon` is true within
 * `warnDays` so the screen can mark it.
 */
export function dueLabel(due: string, today: string, warnDays = 30): { text: string; overdue: boolean; soon: boolean } {
  const days = daysBetween(today, jstCalendarDate(due));
  if (days < 0) return { text: `期限切れ（${-days}日超過）`, overdue: true, soon: true };
  if (days === 0) return { text: '本日期限', overdue: false, soon: true };
  return { text: `あと${days}日`, overdue: false, soon: days <= warnDays };
}
