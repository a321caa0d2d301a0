import { AuditAction } from '@tsunagu/audit';
import { isClosedDay, type ClosureCalendar } from '@tsunagu/codes';
import type { AlertsConfig } from '@tsunagu/config';

/**
 * Insider-misuse rules over the audit trail. The most common real leak of a hidden
 * address is a staff member looking a person up, so each rule flags a pattern of access, not a
 * single act: many cases in an hour, cases outside one's assignments, break-glass too often,
 * searches that lead to no case work, access outside working hours. Pure functions over events,
 * so each rule is tested with generated trails; AlertsService feeds them from audit_events.
 */

export enum AlertRule {
  ManyCasesPerHour = 'many-cases-per-hour',
  UnassignedCases = 'unassigned-cases',
  FrequentBreakGlass = 'frequent-break-glass',
  SearchWithoutAction = 'search-without-action',
  AfterHours = 'after-hours',
}

/** Japanese names of the rules, as supervisors read them. */
export const ALERT_RULE_LABELS: Record<AlertRule, string> = {
  [AlertRule.ManyCasesPerHour]: '1時間に多数のケースを閲覧',
  [AlertRule.UnassignedCases]: '担当外のケースを繰り返し閲覧',
  [AlertRule.FrequentBreakGlass]: '緊急閲覧（ブレークグラス）の多用',
  [AlertRule.SearchWithoutAction]: 'ケース対応のない相談者検索',
  [AlertRule.AfterHours]: '勤務時間外のアクセス',
};

/** The rules' thresholds, from the ALERT_* variables (libs/config AlertsConfig). */
export type AlertThresholds = AlertsConfig;

/** One audited act, as the rules need it (ids and codes only). */
export interface TrailEvent {
  at: Date;
  /** As stored: an AuditAction value (older rows may hold a code no longer written). */
  action: string;
  actorId: string;
  actorRole: string | null;
  actorUnitId: string | null;
  caseId: string | null;
  /** For an event on a case: whether the case is assigned to the actor. */
  assignedToActor: boolean | null;
}

export interface Finding {
  rule: AlertRule;
  actorId: string;
  actorUnitId: string | null;
  /** The day (YYYY-MM-DD, JST) or ISO week (2026-W48, JST) the finding is about: one alert per rule, user and period. */
  period: string;
  observed: number;
  threshold: number;
  firstAt: Date;
  lastAt: Date;
}


const HOUR_MS = 3_600_000;
const JST_MS = 9 * HOUR_MS;

/** The JST calendar date of an instant. */
export function jstDay(at: Date): string {
  return new Date(at.getTime() + JST_MS).toISOString().slice(0, 10);
}

/** ISO week (Monday first) of an instant's JST date, as 2026-W48. */
export function jstIsoWeek(at: Date): string {
  const day = new Date(`${jstDay(at)}T00:00:00Z`);
  const weekday = (day.getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date(day.getTime() + (3 - weekday) * 24 * HOUR_MS);
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = 1 + Math.floor((thursday.getTime() - yearStart) / (7 * 24 * HOUR_MS));
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** Whether an instant is outside working hours in JST: before/after hours, Saturday, Sunday, a national holiday or a closure day. */
export function outsideWorkingHours(at: Date, hours: AlertThresholds['workingHours'], calendar: ClosureCalendar): boolean {
  const jst = new Date(at.getTime() + JST_MS);
  const weekday = jst.getUTCDay();
  if (weekday === 0 || weekday === 6) return true;
  const day = jst.toISOString().slice(0, 10);
  if (isClosedDay(day, calendar)) return true;
  const minute = jst.getUTCHours() * 60 + jst.getUTCMinutes();
  return minute < hours.startMinute || minute >= hours.endMinute;
}

/** Client actions that follow a search up, as any event on a case does: opening or registering her. */
export const CLIENT_FOLLOW_UP_ACTIONS: ReadonlySet<string> = new Set<AuditAction>([AuditAction.ClientRead, AuditAction.ClientCreate]);

/** Client actions that count as access to personal records (with every event on a case) for the after-hours rule. */
export const CLIENT_RECORD_ACTIONS: ReadonlySet<string> = new Set<AuditAction>([
  AuditAction.ClientSearch,
  AuditAction.ClientCreate,
  AuditAction.ClientRead,
  AuditAction.ClientUpdate,
  AuditAction.ClientChildCreate,
  AuditAction.ClientChildList,
  AuditAction.ClientDisclosureExport,
  AuditAction.ClientShred,
]);

/** Case work that follows a search up: anything on a case, or opening/registering a client. */
function isCaseWork(e: TrailEvent): boolean {
  return e.caseId !== null || CLIENT_FOLLOW_UP_ACTIONS.has(e.action);
}

/** Access to personal records: events on a case and the client actions above. */
function isRecordAccess(e: TrailEvent): boolean {
  return e.caseId !== null || CLIENT_RECORD_ACTIONS.has(e.action);
}

/** Groups counts per (actor, period) and keeps those over the threshold. */
class Tally {
  private readonly rows = new Map<string, Finding>();
  constructor(
    private readonly rule: AlertRule,
    private readonly threshold: number,
  ) {}

  /** Records `observed` for the actor's period at `at`; the period keeps its maximum. */
  see(e: TrailEvent, period: string, observed: number): void {
    const key = `${e.actorId} ${period}`;
    const row = this.rows.get(key);
    if (!row) {
      this.rows.set(key, { rule: this.rule, actorId: e.actorId, actorUnitId: e.actorUnitId, period, observed, threshold: this.threshold, firstAt: e.at, lastAt: e.at });
      return;
    }
    row.observed = Math.max(row.observed, observed);
    if (e.at < row.firstAt) row.firstAt = e.at;
    if (e.at > row.lastAt) row.lastAt = e.at;
    row.actorUnitId = e.actorUnitId ?? row.actorUnitId;
  }

  findings(): Finding[] {
    return [...this.rows.values()].filter((f) => f.observed > this.threshold);
  }
}

/** The events (in time order, as detect() hands them on) of each actor. */
function byActor(events: readonly TrailEvent[]): Map<string, TrailEvent[]> {
  const groups = new Map<string, TrailEvent[]>();
  for (const e of events) {
    const list = groups.get(e.actorId);
    if (list) list.push(e);
    else groups.set(e.actorId, [e]);
  }
  return groups;
}

/** The most distinct cases one user touched within any 60 minutes, per JST day of the window's end. */
function manyCasesPerHour(events: readonly TrailEvent[], threshold: number): Finding[] {
  const tally = new Tally(AlertRule.ManyCasesPerHour, threshold);
  for (const list of byActor(events.filter((e) => e.caseId !== null)).values()) {
    const inWindow = new Map<string, number>();
    let start = 0;
    for (const e of list) {
      inWindow.set(e.caseId as string, (inWindow.get(e.caseId as string) ?? 0) + 1);
      while (list[start].at.getTime() <= e.at.getTime() - HOUR_MS) {
        const old = list[start++].caseId as string;
        const left = (inWindow.get(old) ?? 1) - 1;
        if (left === 0) inWindow.delete(old);
        else inWindow.set(old, left);
      }
      if (inWindow.size > threshold) tally.see(e, jstDay(e.at), inWindow.size);
    }
  }
  return tally.findings();
}

/** Distinct cases not assigned to a counselor that she touched, per JST day. */
function unassignedCases(events: readonly TrailEvent[], threshold: number): Finding[] {
  const tally = new Tally(AlertRule.UnassignedCases, threshold);
  const seen = new Map<string, Set<string>>();
  for (const e of events) {
    if (e.actorRole !== 'counselor' || e.caseId === null || e.assignedToActor !== false) continue;
    const key = `${e.actorId} ${jstDay(e.at)}`;
    const cases = seen.get(key) ?? new Set<string>();
    cases.add(e.caseId);
    seen.set(key, cases);
    tally.see(e, jstDay(e.at), cases.size);
  }
  return tally.findings();
}

/** Counts events that pass `keep`, per actor and period. */
function countPer(rule: AlertRule, events: readonly TrailEvent[], threshold: number, keep: (e: TrailEvent) => boolean, period: (at: Date) => string): Finding[] {
  const tally = new Tally(rule, threshold);
  const counts = new Map<string, number>();
  for (const e of events) {
    if (!keep(e)) continue;
    const p = period(e.at);
    const key = `${e.actorId} ${p}`;
    const n = (counts.get(key) ?? 0) + 1;
    counts.set(key, n);
    tally.see(e, p, n);
  }
  return tally.findings();
}

/** Searches with no case work by the same user within the follow-up time; a search younger than that is not judged yet. */
function searchesWithoutAction(events: readonly TrailEvent[], threshold: number, followUpMinutes: number, now: Date): Finding[] {
  const followUpMs = followUpMinutes * 60_000;
  const unanswered = new Set<TrailEvent>();
  for (const list of byActor(events).values()) {
    // Backwards through the user's day: the time of the next case work after each event.
    let nextWork = Number.POSITIVE_INFINITY;
    for (let i = list.length - 1; i >= 0; i--) {
      const e = list[i];
      const judged = e.at.getTime() + followUpMs <= now.getTime();
      if (e.action === AuditAction.ClientSearch && judged && nextWork - e.at.getTime() > followUpMs) unanswered.add(e);
      if (isCaseWork(e)) nextWork = e.at.getTime();
    }
  }
  return countPer(AlertRule.SearchWithoutAction, events, threshold, (e) => unanswered.has(e), jstDay);
}

/** Everything the rules find in a trail. `now` bounds the search rule's follow-up wait. */
export function detect(trail: readonly TrailEvent[], thresholds: AlertThresholds, calendar: ClosureCalendar, now: Date): Finding[] {
  // In time order once; every rule below walks it as given.
  const events = [...trail].sort((a, b) => a.at.getTime() - b.at.getTime());
  return [
    ...manyCasesPerHour(events, thresholds.casesPerHour),
    ...unassignedCases(events, thresholds.unassignedCasesPerDay),
    ...countPer(AlertRule.FrequentBreakGlass, events, thresholds.breakGlassPerWeek, (e) => e.action === AuditAction.CaseBreakGlass, jstIsoWeek),
    ...searchesWithoutAction(events, thresholds.searchesWithoutActionPerDay, thresholds.searchFollowUpMinutes, now),
    ...countPer(AlertRule.AfterHours, events, thresholds.afterHoursPerDay, (e) => isRecordAccess(e) && outsideWorkingHours(e.at, thresholds.workingHours, calendar), jstDay),
  ];
}
