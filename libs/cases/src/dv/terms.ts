import { addDays, addMonths } from '@tsunagu/common';
import { ACCOMPANYING_ORDERS, ProtectionOrderKind } from '@tsunagu/codes';

/**
 * The last day of a term of `months` starting on `start` (counted from the start day itself):
 * a year from 2025-04-01 ends on 2026-03-31.
 */
export function lastDayOfTerm(start: string, months: number): string {
  return addDays(addMonths(start, months), -1);
}

export type StartBasis = 'applied' | 'received' | 'accepted';

export interface MeasureDates {
  appliedOn: string;
  receivedOn?: string | null;
  acceptedOn?: string | null;
}

const BASIS_FIELD: Record<StartBasis, keyof MeasureDates> = { applied: 'appliedOn', received: 'receivedOn', accepted: 'acceptedOn' };

/** Start and 期限 of a DV等支援措置 term, or the name of the date the city's basis needs but lacks. */
export function supportMeasureTerm(basis: StartBasis, dates: MeasureDates): { startsOn: string; expiresOn: string } | { missing: keyof MeasureDates } {
  const startsOn = dates[BASIS_FIELD[basis]];
  if (!startsOn) return { missing: BASIS_FIELD[basis] };
  return { startsOn, expiresOn: lastDayOfTerm(startsOn, 12) };
}

/**
 * Expiry of an issued 保護命令: 接近禁止 one year; the orders that accompany it end with it;
 * 退去等 two months, six when the home is hers alone.
 */
export function protectionOrderExpiry(kind: ProtectionOrderKind, issuedOn: string, homeSolelyHers: boolean, approachBanExpiry: string | null): string | null {
  if (kind === ProtectionOrderKind.ApproachBan) return lastDayOfTerm(issuedOn, 12);
  if (kind === ProtectionOrderKind.Eviction) return lastDayOfTerm(issuedOn, homeSolelyHers ? 6 : 2);
  if (ACCOMPANYING_ORDERS.includes(kind)) return approachBanExpiry;
  return null;
}

export type RenewalStage = 'month-before' | 'week-before';

/** Reminder stages due on `today` for a term ending `expiresOn`: from a month before, and again from a week before. */
export function renewalStagesDue(expiresOn: string, today: string): RenewalStage[] {
  if (today > expiresOn) return [];
  const stages: RenewalStage[] = [];
  if (today >= addMonths(expiresOn, -1)) stages.push('month-before');
  if (today >= addDays(expiresOn, -7)) stages.push('week-before');
  return stages;
}
