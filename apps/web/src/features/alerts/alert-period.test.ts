import { describe, expect, it } from 'vitest';
import { alertPeriodRange, formatAlertPeriod, formatObserved } from './alert-period';

describe('formatAlertPeriod', () => {
  it('shows an ISO week as 年第n週 without a leading zero', () => {
    expect(formatAlertPeriod('2026-W48')).toBe('2026年第48週');
    expect(formatAlertPeriod('2027-W01')).toBe('2027年第1週');
  });

  it('shows a JST day as its 和暦 date', () => {
    expect(formatAlertPeriod('2026-11-26')).toBe('令和8年11月26日');
    expect(formatAlertPeriod('2019-05-01')).toBe('令和元年5月1日');
  });

  it('leaves an unknown shape as it came', () => {
    expect(formatAlertPeriod('2026-11')).toBe('2026-11');
    expect(formatAlertPeriod('')).toBe('');
  });
});

describe('formatObserved', () => {
  it('says the count and the threshold', () => {
    expect(formatObserved(25, 20)).toBe('25件（基準 20件）');
    expect(formatObserved(1, 0)).toBe('1件（基準 0件）');
  });
});

describe('alertPeriodRange', () => {
  it('is the day itself for a JST day', () => {
    expect(alertPeriodRange('2026-11-26')).toEqual({ from: '2026-11-26', to: '2026-11-26' });
  });

  it('is Monday to Sunday for an ISO week, across year ends', () => {
    expect(alertPeriodRange('2026-W48')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(alertPeriodRange('2026-W01')).toEqual({ from: '2025-12-29', to: '2026-01-04' });
    expect(alertPeriodRange('2027-W01')).toEqual({ from: '2027-01-04', to: '2027-01-10' });
    expect(alertPeriodRange('2026-W53')).toEqual({ from: '2026-12-28', to: '2027-01-03' });
  });

  it('is null for anything else', () => {
    expect(alertPeriodRange('2026-11')).toBeNull();
    expect(alertPeriodRange('2026-02-30')).toBeNull();
    expect(alertPeriodRange('2026-W00')).toBeNull();
  });
});
