import { describe, expect, it } from 'vitest';
import { fiscalMonths, maxValue, monthLabel, niceMax, programsOf, segments, seriesOf, ticks, xAt, yAt } from './chart-data';

const cell = (period: string, programCode: string, dimension: string, key: string, value: number | null) => ({
  period,
  programCode,
  metric: 'contacts',
  dimension,
  key,
  value,
  display: value === null ? 'X' : value === 0 ? '‐' : String(value),
});

describe('chart data', () => {
  it('lists a fiscal year from April to March', () => {
    const months = fiscalMonths(2025);
    expect(months).toHaveLength(12);
    expect(months[0]).toBe('2025-04');
    expect(months[8]).toBe('2025-12');
    expect(months[9]).toBe('2026-01');
    expect(months[11]).toBe('2026-03');
    expect(monthLabel('2026-01')).toBe('1月');
  });

  it('makes one series per program, keeping suppressed cells null and marking months without a run', () => {
    const months = ['2025-04', '2025-05', '2025-06'];
    const cells = [
      cell('2025-04', 'women', 'total', 'all', 12),
      cell('2025-04', 'dv', 'total', 'all', null),
      cell('2025-04', 'women', 'channel', 'phone', 7),
      cell('2025-05', 'women', 'total', 'all', 0),
      cell('2025-05', 'dv', 'total', 'all', 4),
      { ...cell('2025-05', 'women', 'total', 'all', 99), metric: 'clients' },
    ];
    const series = seriesOf(cells, months, { metric: 'contacts', dimension: 'total', by: 'program' });
    expect(series.map((s) => s.key)).toEqual(['women', 'dv']);
    expect(series[0].points).toEqual([
      { period: '2025-04', value: 12, state: 'value' },
      { period: '2025-05', value: 0, state: 'value' },
      { period: '2025-06', value: null, state: 'missing' },
    ]);
    expect(series[1].points[0]).toEqual({ period: '2025-04', value: null, state: 'suppressed' });
    expect(maxValue(series)).toBe(12);
    expect(programsOf(cells, 'contacts')).toEqual(['women', 'dv']);
  });

  it("makes one series per breakdown key within one program", () => {
    const cells = [cell('2025-04', 'women', 'channel', 'phone', 7), cell('2025-04', 'women', 'channel', 'line', null), cell('2025-04', 'dv', 'channel', 'phone', 3)];
    const series = seriesOf(cells, ['2025-04'], { metric: 'contacts', dimension: 'channel', programCode: 'women', by: 'key' });
    expect(series.map((s) => [s.key, s.points[0].state])).toEqual([
      ['phone', 'value'],
      ['line', 'suppressed'],
    ]);
  });

  it('never counts a suppressed value in the scale', () => {
    expect(maxValue([{ key: 'a', points: [{ period: 'p', value: null, state: 'suppressed' }] }])).toBe(0);
  });

  it('rounds the axis top and spaces the ticks', () => {
    expect(niceMax(0)).toBe(1);
    expect(niceMax(7)).toBe(10);
    expect(niceMax(12)).toBe(20);
    expect(niceMax(23)).toBe(25);
    expect(niceMax(40)).toBe(50);
    expect(niceMax(100)).toBe(100);
    expect(niceMax(101)).toBe(200);
    expect(ticks(20)).toEqual([0, 5, 10, 15, 20]);
    expect(ticks(1)).toEqual([0, 1]);
    expect(ticks(25)).toEqual([0, 5, 10, 15, 20, 25]);
    expect(ticks(200)).toEqual([0, 50, 100, 150, 200]);
    expect(ticks(3)).toEqual([0, 1, 2, 3]);
  });

  it('places points and breaks lines at unpublished months', () => {
    expect(xAt(0, 12, 40, 590)).toBe(40);
    expect(xAt(11, 12, 40, 590)).toBe(590);
    expect(yAt(0, 20, 200, 20)).toBe(200);
    expect(yAt(20, 20, 200, 20)).toBe(20);
    expect(yAt(10, 20, 200, 20)).toBe(110);
    const runs = segments([
      { period: 'a', value: 1, state: 'value' },
      { period: 'b', value: 2, state: 'value' },
      { period: 'c', value: null, state: 'suppressed' },
      { period: 'd', value: 0, state: 'value' },
      { period: 'e', value: null, state: 'missing' },
    ]);
    expect(runs).toEqual([
      [
        { index: 0, value: 1 },
        { index: 1, value: 2 },
      ],
      [{ index: 3, value: 0 }],
    ]);
  });
});
