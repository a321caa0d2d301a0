import fc from 'fast-check';
import { RISK_ITEMS, RiskItem, riskLevelOf, RiskLevel } from './dv-codes';
import { AgeBand, ageBandOf } from './code-lists';

describe('risk level', () => {
  it('grades the checklist', () => {
    expect(riskLevelOf([])).toBe(RiskLevel.Low);
    expect(riskLevelOf([RiskItem.Pregnancy])).toBe(RiskLevel.Medium);
    expect(riskLevelOf([RiskItem.Strangulation])).toBe(RiskLevel.High);
    expect(riskLevelOf([RiskItem.Strangulation, RiskItem.ThreatsToKill])).toBe(RiskLevel.Severe);
    expect(riskLevelOf([RiskItem.Weapon, RiskItem.Escalation, RiskItem.Stalking, RiskItem.Substance])).toBe(RiskLevel.Severe);
    expect(riskLevelOf([RiskItem.Strangulation, RiskItem.Strangulation])).toBe(RiskLevel.High);
  });

  it('never goes down when an item is added', () => {
    const order = [RiskLevel.Low, RiskLevel.Medium, RiskLevel.High, RiskLevel.Severe];
    const items = Object.keys(RISK_ITEMS) as RiskItem[];
    fc.assert(
      fc.property(fc.subarray(items), fc.constantFrom(...items), (some, extra) => {
        expect(order.indexOf(riskLevelOf([...some, extra]))).toBeGreaterThanOrEqual(order.indexOf(riskLevelOf(some)));
      }),
    );
  });
});

describe('age band', () => {
  it('counts birthdays', () => {
    expect(ageBandOf('2006-04-02', '2026-04-01')).toBe(AgeBand.Under20);
    expect(ageBandOf('2006-04-01', '2026-04-01')).toBe(AgeBand.Twenties);
    expect(ageBandOf('1956-01-01', '2026-01-01')).toBe(AgeBand.SeventyPlus);
    expect(ageBandOf(null, '2026-01-01')).toBe(AgeBand.Unknown);
  });
});
