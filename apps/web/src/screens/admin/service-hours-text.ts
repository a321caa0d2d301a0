// Service-hours rules (libs/codes service-hours.ts) in the words the city uses on its notices:
// 月〜金 9:00〜17:00、第2・第4土曜 10:00〜12:00. Pure functions, no React.

/** One rule as the api stores it: weekdays 0 = Sunday … 6 = Saturday, times HH:MM JST, end exclusive. */
export type ServiceHoursRule =
  | { kind: 'weekly'; weekdays: number[]; start: string; end: string }
  | { kind: 'monthly'; nth: number; weekday: number; start: string; end: string };

export const WEEKDAY_NAMES = ['日', '月', '火', '水', '木', '金', '土'] as const;

/** 09:00 → 9:00 */
export function formatTime(time: string): string {
  return time.replace(/^0(\d:)/, '$1');
}

function timeRange(rule: { start: string; end: string }): string {
  return `${formatTime(rule.start)}〜${formatTime(rule.end)}`;
}

/** The weekdays of a weekly rule, Monday first (the city's week): 月〜金, 月・水・金, 土・日, 月曜. */
export function formatWeekdays(weekdays: readonly number[]): string {
  const days = [...new Set(weekdays)].map((d) => (d + 6) % 7).sort((a, b) => a - b); // 0 = Monday
  const name = (d: number) => WEEKDAY_NAMES[(d + 1) % 7];
  if (days.length === 0) return '';
  if (days.length === 1) return `${name(days[0])}曜`;
  const consecutive = days.length > 2 && days.every((d, i) => i === 0 || d === days[i - 1] + 1);
  return consecutive ? `${name(days[0])}〜${name(days[days.length - 1])}` : days.map(name).join('・');
}

/** One rule: 月〜金 9:00〜17:00 / 毎月第4金曜 19:00〜22:00. */
export function formatRule(rule: ServiceHoursRule): string {
  if (rule.kind === 'weekly') return `${formatWeekdays(rule.weekdays)} ${timeRange(rule)}`;
  return `第${rule.nth}${WEEKDAY_NAMES[rule.weekday] ?? '?'}曜 ${timeRange(rule)}`;
}

/**
 * All of a program's rules. Monthly rules on the same weekday and hours read as one:
 * 第2・第4土曜 10:00〜12:00. No rules: 時間の定めなし (the program always answers).
 */
export function formatServiceHours(rules: readonly ServiceHoursRule[] | null | undefined): string {
  if (!rules || rules.length === 0) return '時間の定めなし';
  const parts: string[] = [];
  const monthly = new Map<string, { nths: number[]; weekday: number; start: string; end: string; at: number }>();
  for (const rule of rules) {
    if (rule.kind === 'weekly') {
      parts.push(formatRule(rule));
      continue;
    }
    const key = `${rule.weekday}|${rule.start}|${rule.end}`;
    const group = monthly.get(key);
    if (group) group.nths.push(rule.nth);
    else {
      monthly.set(key, { nths: [rule.nth], weekday: rule.weekday, start: rule.start, end: rule.end, at: parts.length });
      parts.push(key); // replaced below, keeping the rules' order
    }
  }
  for (const group of monthly.values()) {
    const nths = [...new Set(group.nths)].sort((a, b) => a - b).map((n) => `第${n}`).join('・');
    parts[group.at] = `${nths}${WEEKDAY_NAMES[group.weekday] ?? '?'}曜 ${timeRange(group)}`;
  }
  return parts.join('、');
}
