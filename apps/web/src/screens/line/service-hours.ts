import holidayJp from '@holiday-jp/holiday_jp';
import { addDays, jstDate } from '../../../../../libs/common/src/japan-time';

// The api has no "open now" endpoint: the screens work it out from GET /programs (the rules) and
// GET /closure-days, with the same rules as libs/codes service-hours.ts (which the server uses
// to refuse a counselor's reply outside hours). The server stays the judge; this is the indicator.

/** A program's rule as GET /api/v1/programs returns it (JST times, `end` exclusive). */
export type ServiceHoursRule =
  | { kind: 'weekly'; weekdays: number[]; start: string; end: string }
  | { kind: 'monthly'; nth: number; weekday: number; start: string; end: string };

/** What the screens read of GET /api/v1/programs and /closure-days (untyped in schema.d.ts). */
export interface ProgramHours {
  code: string;
  name: string;
  serviceHours: ServiceHoursRule[] | null;
}

export interface ClosureDayRow {
  onDate: string | null;
  monthDay: string | null;
}

export interface ClosureCalendar {
  dates: ReadonlySet<string>;
  monthDays: ReadonlySet<string>;
}

const JST_OFFSET_MS = 9 * 3_600_000;

export function closureCalendar(rows: readonly ClosureDayRow[]): ClosureCalendar {
  return {
    dates: new Set(rows.flatMap((d) => (d.onDate ? [d.onDate] : []))),
    monthDays: new Set(rows.flatMap((d) => (d.monthDay ? [d.monthDay] : []))),
  };
}

/** 国民の祝日・休日 (including 振替休日), by JST calendar date. */
export function isNationalHoliday(date: string): boolean {
  return Object.prototype.hasOwnProperty.call(holidayJp.holidays, date);
}

function isClosedDay(date: string, closures: ClosureCalendar): boolean {
  return isNationalHoliday(date) || closures.dates.has(date) || closures.monthDays.has(date.slice(5));
}

function windowOn(rule: ServiceHoursRule, date: string): [Date, Date] | null {
  const day = new Date(`${date}T00:00:00.000Z`);
  const weekday = day.getUTCDay();
  const applies = rule.kind === 'weekly' ? rule.weekdays.includes(weekday) : weekday === rule.weekday && Math.ceil(day.getUTCDate() / 7) === rule.nth;
  if (!applies) return null;
  const at = (time: string) => new Date(Date.parse(`${date}T${time}:00.000Z`) - JST_OFFSET_MS);
  return [at(rule.start), at(rule.end)];
}

export type HoursState =
  /** No fixed hours: always answering. */
  | { kind: 'always' }
  | { kind: 'open'; closesAt: Date }
  | { kind: 'closed'; nextOpening: Date | null };

/** Is the program answering at `now`, and until when or from when? */
export function hoursAt(rules: readonly ServiceHoursRule[] | null, now: Date, closures: ClosureCalendar, horizonDays = 62): HoursState {
  if (!rules || rules.length === 0) return { kind: 'always' };
  const today = jstDate(now);
  if (!isClosedDay(today, closures)) {
    const current = rules.map((rule) => windowOn(rule, today)).filter((w): w is [Date, Date] => w !== null && w[0] <= now && now < w[1]);
    if (current.length) return { kind: 'open', closesAt: new Date(Math.max(...current.map((w) => w[1].getTime()))) };
  }
  for (let i = 0; i <= horizonDays; i++) {
    const date = addDays(today, i);
    if (isClosedDay(date, closures)) continue;
    const starts = rules
      .map((rule) => windowOn(rule, date))
      .filter((w): w is [Date, Date] => w !== null && w[0] > now)
      .map((w) => w[0].getTime());
    if (starts.length) return { kind: 'closed', nextOpening: new Date(Math.min(...starts)) };
  }
  return { kind: 'closed', nextOpening: null };
}
