import { closesAt, isOpenAt, nextOpening, type ClosureCalendar, type ServiceHoursRule } from '../../../../../libs/codes/src/service-hours';

// The api has no "open now" endpoint: the screens work it out from GET /programs (the rules) and
// GET /closure-days with the very rules the server uses to refuse a reply outside hours
// (libs/codes service-hours.ts, plain TypeScript). The server stays the judge; this is the indicator.

export type { ClosureCalendar, ServiceHoursRule };

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

export function closureCalendar(rows: readonly ClosureDayRow[]): ClosureCalendar {
  return {
    dates: new Set(rows.flatMap((d) => (d.onDate ? [d.onDate] : []))),
    monthDays: new Set(rows.flatMap((d) => (d.monthDay ? [d.monthDay] : []))),
  };
}

export type HoursState =
  /** No fixed hours: always answering. */
  | { kind: 'always' }
  | { kind: 'open'; closesAt: Date }
  | { kind: 'closed'; nextOpening: Date | null };

/** Is the program answering at `now`, and until when or from when? */
export function hoursAt(rules: readonly ServiceHoursRule[] | null, now: Date, closures: ClosureCalendar): HoursState {
  if (!rules || rules.length === 0) return { kind: 'always' };
  if (isOpenAt(rules, now, closures)) return { kind: 'open', closesAt: closesAt(rules, now, closures) as Date };
  return { kind: 'closed', nextOpening: nextOpening(rules, now, closures) };
}
