import fc from 'fast-check';
import { addDays } from '@tsunagu/common';
import { ProtectionOrderKind } from '@tsunagu/codes';
import { lastDayOfTerm, protectionOrderExpiry, renewalStagesDue, supportMeasureTerm } from './terms';

describe('DV terms', () => {
  it('ends a one-year term the day before the same date next year', () => {
    expect(lastDayOfTerm('2025-04-01', 12)).toBe('2026-03-31');
    expect(lastDayOfTerm('2024-02-29', 12)).toBe('2025-02-27');
    expect(lastDayOfTerm('2025-01-31', 1)).toBe('2025-02-27');
  });

  it('starts a support measure from the date the city counts from', () => {
    const dates = { appliedOn: '2025-05-01', receivedOn: '2025-05-02', acceptedOn: null };
    expect(supportMeasureTerm('applied', dates)).toEqual({ startsOn: '2025-05-01', expiresOn: '2026-04-30' });
    expect(supportMeasureTerm('received', dates)).toEqual({ startsOn: '2025-05-02', expiresOn: '2026-05-01' });
    expect(supportMeasureTerm('accepted', dates)).toEqual({ missing: 'acceptedOn' });
  });

  it('computes protection order expiries by kind', () => {
    expect(protectionOrderExpiry(ProtectionOrderKind.ApproachBan, '2025-06-10', false, null)).toBe('2026-06-09');
    expect(protectionOrderExpiry(ProtectionOrderKind.Eviction, '2025-06-10', false, null)).toBe('2025-08-09');
    expect(protectionOrderExpiry(ProtectionOrderKind.Eviction, '2025-06-10', true, null)).toBe('2025-12-09');
    expect(protectionOrderExpiry(ProtectionOrderKind.PhoneBan, '2025-07-01', false, '2026-06-09')).toBe('2026-06-09');
  });

  it('reminds a month before and again a week before, never after expiry', () => {
    expect(renewalStagesDue('2026-04-30', '2026-03-29')).toEqual([]);
    expect(renewalStagesDue('2026-04-30', '2026-03-30')).toEqual(['month-before']);
    expect(renewalStagesDue('2026-04-30', '2026-04-23')).toEqual(['month-before', 'week-before']);
    expect(renewalStagesDue('2026-04-30', '2026-05-01')).toEqual([]);
  });

  it('property: on every day of the last month exactly the right stages are due', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.date({ min: new Date('2020-01-01'), max: new Date('2040-01-01'), noInvalidDate: true }), (daysBefore, d) => {
        const expiresOn = d.toISOString().slice(0, 10);
        const today = addDays(expiresOn, -daysBefore);
        const stages = renewalStagesDue(expiresOn, today);
        expect(stages.includes('week-before')).toBe(daysBefore <= 7);
        if (daysBefore <= 27) expect(stages).toContain('month-before');
        if (daysBefore > 31) expect(stages).toEqual([]);
      }),
    );
  });
});
