import type { Schemas } from '../../api/client';
import { closesAt, isOpenAt, nextOpening, type ClosureCalendar, type ServiceHoursRule } from '../../../../../libs/codes/src/service-hours';
import { toServiceHoursRule } from '../../format/service-hours';

// The api has no "open now" endpoint: the screens work it out from GET /programs (the rules) and
// GET /closure-days with the very rules the server uses to refuse a reply outside hours
// (libs/codes service-hours.ts, plain TypeScript). The server stays the judge; this is the indicator.

// closureCalendarOf builds the calendar from GET /closure-days as the server does from its rows.
export { closureCalendarOf } from '../../../../../libs/codes/src/service-hours';
export type { ClosureCalendar, ServiceHoursRule };

/** A program with its hours as the rules of libs/codes (GET /programs, rules narrowed by kind). */
export interface ProgramHours {
  code: string;
  name: string;
  serviceHours: ServiceHoursRule[] | null;
}

export function programHours(program: Schemas['ProgramDto']): ProgramHours {
  return { code: program.code, name: program.name, serviceHours: program.serviceHours?.map(toServiceHoursRule) ?? null };
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
