import holidayJp from '@holiday-jp/holiday_jp';
// Plain TypeScript (the calendar helpers by relative path, not the Nest-bearing @tsunagu/common
// index): the web app's 受付時間 indicator runs these same rules in the browser.
import { addDays, jstDate } from '../../common/src/japan-time';

/**
 * When a program answers, as data: weekly (Mon–Fri 19:00–22:00) or the nth weekday of each
 * month (毎月第4金曜日 19:00–22:00). Times are JST, `end` exclusive, never past midnight.
 * Weekdays: 0 = Sunday … 6 = Saturday.
 */
export type ServiceHoursRule =
  | { kind: 'weekly'; weekdays: number[]; start: string; end: string }
  | { kind: 'monthly'; nth: number; weekday: number; start: string; end: string };

/** Days a program is closed whatever its rules say: the city's closure days (年末年始 …). */
export interface ClosureCalendar {
  /** Exact dates, YYYY-MM-DD. */
  dates: ReadonlySet<string>;
  /** Every year, MM-DD (12-29 … 01-03). */
  monthDays: ReadonlySet<string>;
}

const JST_OFFSET_MS = 9 * 3_600_000;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** 国民の祝日・休日 (including 振替休日), by JST calendar date. */
export function isNationalHoliday(date: string): boolean {
  return Object.prototype.hasOwnProperty.call(holidayJp.holidays, date);
}

/** The calendar of closure days (closure_days rows, or GET /closure-days as the api returns them). */
export function closureCalendarOf(days: ReadonlyArray<{ onDate: string | null; monthDay: string | null }>): ClosureCalendar {
  return {
    dates: new Set(days.flatMap((d) => (d.onDate ? [d.onDate] : []))),
    monthDays: new Set(days.flatMap((d) => (d.monthDay ? [d.monthDay] : []))),
  };
}

export function isClosedDay(date: string, closures: ClosureCalendar): boolean {
  return isNationalHoliday(date) || closures.dates.has(date) || closures.monthDays.has(date.slice(5));
}

/** What is wrong with a rule, or null. */
export function ruleProblem(rule: ServiceHoursRule): string | null {
  if (!TIME.test(rule.start) || !TIME.test(rule.end)) return '時刻はHH:MM形式で指定してください';
  if (rule.start >= rule.end) return '終了時刻は開始時刻より後にしてください';
  if (rule.kind === 'weekly') {
    if (!rule.weekdays.length || rule.weekdays.some((d) => !Number.isInteger(d) || d < 0 || d > 6)) return '曜日が正しくありません';
  } else if (!Number.isInteger(rule.nth) || rule.nth < 1 || rule.nth > 5 || !Number.isInteger(rule.weekday) || rule.weekday < 0 || rule.weekday > 6) {
    return '第何週・曜日が正しくありません';
  }
  return null;
}

/** The rule's window on a JST date, as [start, end) instants, or null when it doesn't apply that day. */
function windowOn(rule: ServiceHoursRule, date: string): [Date, Date] | null {
  const day = new Date(`${date}T00:00:00.000Z`);
  const weekday = day.getUTCDay();
  const applies =
    rule.kind === 'weekly' ? rule.weekdays.includes(weekday) : weekday === rule.weekday && Math.ceil(day.getUTCDate() / 7) === rule.nth;
  if (!applies) return null;
  const at = (time: string) => new Date(Date.parse(`${date}T${time}:00.000Z`) - JST_OFFSET_MS);
  return [at(rule.start), at(rule.end)];
}

/** Is the program answering at `instant`? No rules means no fixed hours: always open. */
export function isOpenAt(rules: readonly ServiceHoursRule[] | null, instant: Date, closures: ClosureCalendar): boolean {
  if (!rules || rules.length === 0) return true;
  const date = jstDate(instant);
  if (isClosedDay(date, closures)) return false;
  return rules.some((rule) => {
    const window = windowOn(rule, date);
    return window !== null && window[0] <= instant && instant < window[1];
  });
}

/** While open at `instant`, when the current window closes (the latest end of the windows it is in); null when closed or always open. */
export function closesAt(rules: readonly ServiceHoursRule[] | null, instant: Date, closures: ClosureCalendar): Date | null {
  if (!rules || rules.length === 0) return null;
  const date = jstDate(instant);
  if (isClosedDay(date, closures)) return null;
  const ends = rules
    .map((rule) => windowOn(rule, date))
    .filter((w): w is [Date, Date] => w !== null && w[0] <= instant && instant < w[1])
    .map((w) => w[1].getTime());
  return ends.length ? new Date(Math.max(...ends)) : null;
}

/**
 * The next instant the program opens after `instant` (within `horizonDays`), or null. While
 * closed, it also names the closed period: every message of one closed period shares it.
 */
export function nextOpening(rules: readonly ServiceHoursRule[] | null, instant: Date, closures: ClosureCalendar, horizonDays = 62): Date | null {
  if (!rules || rules.length === 0) return null;
  const today = jstDate(instant);
  for (let i = 0; i <= horizonDays; i++) {
    const date = addDays(today, i);
    if (isClosedDay(date, closures)) continue;
    const starts = rules
      .map((rule) => windowOn(rule, date))
      .filter((w): w is [Date, Date] => w !== null && w[0] > instant)
      .map((w) => w[0].getTime());
    if (starts.length) return new Date(Math.min(...starts));
  }
  return null;
}

/** Weekday names, 0 = Sunday … 6 = Saturday. */
export const WEEKDAY_NAMES = ['日', '月', '火', '水', '木', '金', '土'] as const;

/** 09:00 → 9:00, as notices write times. */
function formatTime(time: string): string {
  return time.replace(/^0(\d:)/, '$1');
}

function timeRange(rule: { start: string; end: string }): string {
  return `${formatTime(rule.start)}〜${formatTime(rule.end)}`;
}

/** A weekly rule's days, Monday first (the city's week): 月〜金, 月・水・金, 土・日, 毎週水曜日. */
function weekdaysText(weekdays: readonly number[]): string {
  const days = [...new Set(weekdays)].map((d) => (d + 6) % 7).sort((a, b) => a - b); // 0 = Monday
  const name = (d: number) => WEEKDAY_NAMES[(d + 1) % 7];
  if (days.length === 1) return `毎週${name(days[0])}曜日`;
  const consecutive = days.length > 2 && days.every((d, i) => i === 0 || d === days[i - 1] + 1);
  return consecutive ? `${name(days[0])}〜${name(days[days.length - 1])}` : days.map(name).join('・');
}

/**
 * The rules in words, for users and the LINE greeting: 月〜金 19:00〜22:00、毎月第2・第4土曜日
 * 10:00〜12:00 (monthly rules of one weekday and hours read as one). '' without rules.
 */
export function describeServiceHours(rules: readonly ServiceHoursRule[] | null): string {
  if (!rules || rules.length === 0) return '';
  const parts: string[] = [];
  const monthly = new Map<string, { nths: number[]; weekday: number; start: string; end: string; at: number }>();
  for (const rule of rules) {
    if (rule.kind === 'weekly') {
      parts.push(`${weekdaysText(rule.weekdays)} ${timeRange(rule)}`);
      continue;
    }
    const key = `${rule.weekday}|${rule.start}|${rule.end}`;
    const group = monthly.get(key);
    if (group) group.nths.push(rule.nth);
    else {
      monthly.set(key, { nths: [rule.nth], weekday: rule.weekday, start: rule.start, end: rule.end, at: parts.length });
      parts.push(key); // replaced below, keeping the rules' order
    }
  }
  for (const group of monthly.values()) {
    const nths = [...new Set(group.nths)].sort((a, b) => a - b).map((n) => `第${n}`).join('・');
    parts[group.at] = `毎月${nths}${WEEKDAY_NAMES[group.weekday]}曜日 ${timeRange(group)}`;
  }
  return parts.join('、');
}
