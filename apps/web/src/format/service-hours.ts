import type { Schemas } from '../api/client';
import { describeServiceHours, WEEKDAY_NAMES, type ServiceHoursRule } from '../../../../libs/codes/src/service-hours';

// The words are the api's own (libs/codes service-hours.ts: the LINE greeting says the same).
export { WEEKDAY_NAMES, type ServiceHoursRule };

/**
 * A rule as the api sends it (one flat object, the other kind's fields absent) as the rule of
 * libs/codes. The api validated it on the way in, so a missing field is only ever defaulted here.
 */
export function toServiceHoursRule(rule: Schemas['ServiceHoursRuleDto']): ServiceHoursRule {
  return rule.kind === 'weekly'
    ? { kind: 'weekly', weekdays: rule.weekdays ?? [], start: rule.start, end: rule.end }
    : { kind: 'monthly', nth: rule.nth ?? 1, weekday: rule.weekday ?? 1, start: rule.start, end: rule.end };
}

/** A program's hours in words; no rules: 時間の定めなし (the program always answers). */
export function formatServiceHours(rules: readonly ServiceHoursRule[] | null | undefined): string {
  return describeServiceHours(rules ?? null) || '時間の定めなし';
}
