import fc from 'fast-check';
import { StatCell, suppressBreakdowns } from './suppression';

const cell = (dimension: string, key: string, value: number): StatCell => ({ period: '2025-12', programCode: 'josei-soudan', metric: 'contacts', dimension, key, value });

describe('interim suppression of breakdowns', () => {
  it('hides a whole breakdown that has a small cell, keeps zeros as ‐, and shows the total when it is large enough', () => {
    const out = suppressBreakdowns([cell('total', 'all', 12), cell('channel', 'phone', 10), cell('channel', 'visit', 2), cell('channel', 'email', 0)], 3);
    expect(out.map((c) => c.display)).toEqual(['12', 'X', 'X', '‐']);
  });

  it('hides a small total, and shows a breakdown without small cells', () => {
    const out = suppressBreakdowns([cell('total', 'all', 2), cell('channel', 'phone', 0), cell('dv', 'dv', 0)], 3);
    expect(out.map((c) => c.display)).toEqual(['X', '‐', '‐']);
    expect(suppressBreakdowns([cell('channel', 'phone', 5), cell('channel', 'visit', 3)], 3).map((c) => c.display)).toEqual(['5', '3']);
  });

  it('refuses k below 3', () => {
    expect(() => suppressBreakdowns([], 2)).toThrow();
  });

  it('never shows 1..k-1, and leaves every hidden cell undetermined by the total and the shown cells (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 15 }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 3, max: 10 }), (values, k) => {
        const total = values.reduce((a, b) => a + b, 0);
        const cells = [cell('total', 'all', total), ...values.map((v, i) => cell('channel', `c${i}`, v))];
        const out = suppressBreakdowns(cells, k);
        if (out.some((c) => c.shown !== null && c.shown >= 1 && c.shown < k)) return false;
        const hidden = out.slice(1).filter((c) => c.shown === null);
        // With the total shown, a lone hidden cell would equal the total minus the shown ones. With two
        // or more hidden cells, each can be 0 as well as its value (another absorbs the difference), so
        // none is determined or forced into 1..k-1; with the total hidden, nothing constrains them.
        return out[0].shown === null || hidden.length !== 1;
      }),
      { numRuns: 2000 },
    );
  });
});
