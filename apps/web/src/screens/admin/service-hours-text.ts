import { describeServiceHours, WEEKDAY_NAMES, type ServiceHoursRule } from '../../../../../libs/codes/src/service-hours';

// The words are the api's own (libs/codes service-hours.ts: the LINE greeting says the same).
export { WEEKDAY_NAMES, type ServiceHoursRule };

/** A program's hours in words; no rules: 時間の定めなし (the program always answers). */
export function formatServiceHours(rules: readonly ServiceHoursRule[] | null | undefined): string {
  return describeServiceHours(rules ?? null) || '時間の定めなし';
}
