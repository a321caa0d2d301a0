import { daysBetween, eraYear, fiscalYearLabel, jstDate } from '../../../../libs/common/src/japan-time';

// One source of the calendar rules for api and screens: libs/common's japan-time is plain TypeScript.
export { daysBetween, fiscalYearLabel, jstDate };

/** A calendar date (YYYY-MM-DD) or an instant (ISO string) as its JST calendar date. */
function calendarDate(value: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : jstDate(new Date(value));
}

/** 和暦 date as the city writes it: 令和7年11月26日 (元年 for an era's first year). */
export function formatJstDate(value: string): string {
  const date = calendarDate(value);
  const { era, year } = eraYear(date, 'long');
  const [, m, d] = date.split('-').map(Number);
  return `${era}${year}年${m}月${d}日`;
}

/** HH:mm of an instant in Japan time. */
export function formatJstTime(instant: string): string {
  const jst = new Date(new Date(instant).getTime() + 9 * 3_600_000);
  return jst.toISOString().slice(11, 16);
}

/** 令和7年11月26日 13:05 */
export function formatJstDateTime(instant: string): string {
  return `${formatJstDate(instant)} ${formatJstTime(instant)}`;
}

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
  const days = daysBetween(today, calendarDate(due));
  if (days < 0) return { text: `期限切れ（${-days}日超過）`, overdue: true, soon: true };
  if (days === 0) return { text: '本日期限', overdue: false, soon: true };
  return { text: `あと${days}日`, overdue: false, soon: days <= warnDays };
}
