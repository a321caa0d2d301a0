/** One published number: a metric's total or one cell of a breakdown, for one month and program. */
export interface StatCell {
  period: string;
  programCode: string;
  metric: string;
  dimension: string;
  key: string;
  value: number;
}

export interface ShownCell extends StatCell {
  /** Null when suppressed. */
  shown: number | null;
  /** As Japanese official statistics print it: `X` suppressed, `‐` none, else the number. */
  display: string;
}

/**
 * Interim disclosure control for internal screens (one month at a time, no cross-tabs, no
 * fiscal-year totals): a count of 1..k-1 singles someone out (primary). A breakdown with any
 * such cell is hidden whole (every nonzero cell `X`), so no hidden cell can be worked out from
 * its total and the shown cells; a total of 1..k-1 is hidden too. Zeros are shown as `‐`.
 * Gaussian-elimination complementary suppression over a fiscal year's releases replaces this
 * for the report and public exports.
 */
export function suppressBreakdowns(cells: readonly StatCell[], k: number): ShownCell[] {
  if (k < 3) throw new Error('k below 3 is not allowed');
  const small = (v: number) => v >= 1 && v < k;
  const group = (c: StatCell) => `${c.period}|${c.programCode}|${c.metric}|${c.dimension}`;
  const exposed = new Set<string>();
  for (const c of cells) if (small(c.value)) exposed.add(group(c));
  return cells.map((c) => {
    const hidden = c.value !== 0 && exposed.has(group(c));
    return { ...c, shown: hidden ? null : c.value, display: hidden ? 'X' : c.value === 0 ? '‐' : String(c.value) };
  });
}
