import { describe, expect, it } from 'vitest';
import { dueLabel, formatJstDate, formatJstDateTime, formatMinutes, todayJst } from './dates';

describe('JST 和暦 dates', () => {
  it('shows a calendar date in the era of that day, 元年 for the first year', () => {
    expect(formatJstDate('2025-11-26')).toBe('令和7年11月26日');
    expect(formatJstDate('2019-05-01')).toBe('令和元年5月1日');
    expect(formatJstDate('2019-04-30')).toBe('平成31年4月30日');
  });

  it('shows an instant on its Tokyo date and time, across the UTC day boundary', () => {
    expect(formatJstDateTime('2026-03-31T15:30:00.000Z')).toBe('令和8年4月1日 00:30');
    expect(formatJstDate('2026-03-31T14:59:00.000Z')).toBe('令和8年3月31日');
    expect(todayJst(new Date('2026-11-25T16:00:00Z'))).toBe('2026-11-26');
  });

  it('formats minutes for waiting times and durations', () => {
    expect(formatMinutes(0)).toBe('0分');
    expect(formatMinutes(59.9)).toBe('59分');
    expect(formatMinutes(65)).toBe('1時間5分');
    expect(formatMinutes(120)).toBe('2時間');
    expect(formatMinutes(60 * 27)).toBe('1日3時間');
  });

  it('labels due dates against today', () => {
    expect(dueLabel('2026-11-20', '2026-11-26')).toEqual({ text: '期限切れ（6日超過）', overdue: true, soon: true });
    expect(dueLabel('2026-11-26', '2026-11-26').text).toBe('本日期限');
    expect(dueLabel('2026-12-06', '2026-11-26')).toEqual({ text: 'あと10日', overdue: false, soon: true });
    expect(dueLabel('2027-03-01', '2026-11-26').soon).toBe(false);
  });
});
