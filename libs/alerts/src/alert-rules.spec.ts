import { AuditAction } from '@tsunagu/audit';
import type { ClosureCalendar } from '@tsunagu/codes';
import { AlertRule, AlertThresholds, CLIENT_FOLLOW_UP_ACTIONS, CLIENT_RECORD_ACTIONS, detect, jstIsoWeek, outsideWorkingHours, TrailEvent } from './alert-rules';

const THRESHOLDS: AlertThresholds = {
  casesPerHour: 5,
  unassignedCasesPerDay: 3,
  breakGlassPerWeek: 2,
  searchesWithoutActionPerDay: 2,
  searchFollowUpMinutes: 30,
  afterHoursPerDay: 0,
  workingHours: { startMinute: 8 * 60, endMinute: 20 * 60 },
};
const NO_CLOSURES: ClosureCalendar = { dates: new Set(), monthDays: new Set() };
const NOW = new Date('2026-11-27T00:00:00Z');

/** A JST wall-clock time on Thursday 2026-11-26 (a working day), plus minutes. */
function jst(hhmm: string, plusMinutes = 0, date = '2026-11-26'): Date {
  return new Date(new Date(`${date}T${hhmm}:00+09:00`).getTime() + plusMinutes * 60_000);
}

function caseRead(actorId: string, caseId: string, at: Date, assigned = true, role = 'counselor'): TrailEvent {
  return { at, action: 'case.read', actorId, actorRole: role, actorUnitId: 'unit-1', caseId, assignedToActor: assigned };
}

function act(actorId: string, action: string, at: Date): TrailEvent {
  return { at, action, actorId, actorRole: 'counselor', actorUnitId: 'unit-1', caseId: null, assignedToActor: null };
}

function only(rule: AlertRule, events: TrailEvent[], calendar: ClosureCalendar = NO_CLOSURES) {
  return detect(events, THRESHOLDS, calendar, NOW).filter((f) => f.rule === rule);
}

describe('many cases in an hour', () => {
  it('flags more than N distinct cases within a rolling 60 minutes, counting a case once', () => {
    // 6 distinct cases in 50 minutes, with repeats of the first.
    const trail = [0, 10, 20, 30, 40, 50].map((m, i) => caseRead('u1', `c${i}`, jst('10:00', m)));
    trail.push(caseRead('u1', 'c0', jst('10:00', 55)));
    const [finding] = only(AlertRule.ManyCasesPerHour, trail);
    expect(finding).toMatchObject({ actorId: 'u1', period: '2026-11-26', observed: 6, threshold: 5 });
    expect(finding.firstAt).toEqual(jst('10:00', 50));
  });

  it('does not flag the same cases spread over more than an hour, or several users each under N', () => {
    const spread = [0, 15, 30, 45, 60, 75].map((m, i) => caseRead('u1', `c${i}`, jst('10:00', m)));
    const shared = ['u2', 'u3'].flatMap((u) => [0, 1, 2, 3, 4].map((i) => caseRead(u, `c${i}`, jst('11:00', i))));
    expect(only(AlertRule.ManyCasesPerHour, [...spread, ...shared])).toEqual([]);
  });

  it('keeps the window across the JST day boundary and files it on the day the window ends', () => {
    const trail = [0, 5, 10, 15, 20, 25].map((m, i) => caseRead('u1', `c${i}`, jst('23:40', m)));
    expect(only(AlertRule.ManyCasesPerHour, trail).map((f) => f.period)).toEqual(['2026-11-27']);
  });
});

describe('cases outside one’s assignments', () => {
  it('flags a counselor touching more than N unassigned cases in a day, and not a supervisor', () => {
    const counselor = ['a', 'b', 'c', 'd'].map((c, i) => caseRead('u1', c, jst('09:00', i * 90), false));
    const ownWork = ['e', 'f', 'g', 'h', 'i'].map((c) => caseRead('u1', c, jst('09:30'), true));
    const supervisor = ['a', 'b', 'c', 'd', 'e'].map((c) => caseRead('s1', c, jst('09:00'), false, 'supervisor'));
    const found = only(AlertRule.UnassignedCases, [...counselor, ...ownWork, ...supervisor]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ actorId: 'u1', observed: 4 });
  });

  it('counts per day: three on each of two days stays under a threshold of three', () => {
    const trail = ['a', 'b', 'c'].flatMap((c) => [caseRead('u1', c, jst('10:00'), false), caseRead('u1', `${c}2`, jst('10:00', 0, '2026-11-25'), false)]);
    expect(only(AlertRule.UnassignedCases, trail)).toEqual([]);
  });
});

describe('frequent break-glass', () => {
  it('flags more than M grants in one ISO week (JST), not the same number across two weeks', () => {
    const sameWeek = ['2026-11-23', '2026-11-25', '2026-11-29'].map((d) => ({ ...caseRead('u1', 'c1', jst('10:00', 0, d)), action: 'case.break-glass' }));
    const [finding] = only(AlertRule.FrequentBreakGlass, sameWeek);
    expect(finding).toMatchObject({ period: '2026-W48', observed: 3 });
    const twoWeeks = ['2026-11-22', '2026-11-23', '2026-11-24'].map((d) => ({ ...caseRead('u2', 'c1', jst('10:00', 0, d)), action: 'case.break-glass' }));
    expect(only(AlertRule.FrequentBreakGlass, twoWeeks)).toEqual([]);
  });

  it('names ISO weeks by their Thursday, in JST', () => {
    expect(jstIsoWeek(new Date('2026-11-22T15:30:00Z'))).toBe('2026-W48'); // Monday 00:30 JST
    expect(jstIsoWeek(new Date('2026-11-22T14:30:00Z'))).toBe('2026-W47'); // Sunday 23:30 JST
    expect(jstIsoWeek(new Date('2027-01-01T03:00:00Z'))).toBe('2026-W53');
  });
});

describe('searches without case work', () => {
  it('flags searches not followed by case work within the follow-up time', () => {
    const trail = [
      act('u1', 'client.search', jst('10:00')),
      act('u1', 'client.search', jst('11:00')),
      act('u1', 'client.search', jst('12:00')),
      // followed up 10 minutes later: not counted
      act('u1', 'client.search', jst('13:00')),
      caseRead('u1', 'c1', jst('13:10')),
      // followed up too late (45 minutes)
      act('u1', 'client.search', jst('14:00')),
      act('u1', 'client.read', jst('14:45')),
    ];
    const [finding] = only(AlertRule.SearchWithoutAction, trail);
    expect(finding).toMatchObject({ actorId: 'u1', observed: 4 });
  });

  it('does not judge a search whose follow-up time has not passed yet', () => {
    const recent = new Date(NOW.getTime() - 10 * 60_000);
    const trail = [act('u1', 'client.search', recent), act('u1', 'client.search', recent), act('u1', 'client.search', recent)];
    expect(only(AlertRule.SearchWithoutAction, trail)).toEqual([]);
  });
});

describe('after hours', () => {
  it('flags record access at night, at weekends, on national holidays and on closure days, not office work or logins', () => {
    const calendar: ClosureCalendar = { dates: new Set(['2026-11-24']), monthDays: new Set(['12-29']) };
    const trail = [
      caseRead('u1', 'c1', jst('21:30')), // night
      caseRead('u2', 'c1', jst('10:00', 0, '2026-11-28')), // Saturday
      caseRead('u3', 'c1', jst('10:00', 0, '2026-11-24')), // closure day
      caseRead('u4', 'c1', jst('10:00', 0, '2026-12-29')), // yearly closure
      caseRead('u8', 'c1', jst('10:00', 0, '2026-11-23')), // 勤労感謝の日, a Monday
      caseRead('u9', 'c1', jst('10:00', 0, '2026-11-25')), // an ordinary Wednesday
      caseRead('u5', 'c1', jst('10:00')), // working hours
      act('u6', 'auth.login', jst('22:00')), // not a record
      act('u7', 'client.search', jst('07:59')),
    ];
    expect(only(AlertRule.AfterHours, trail, calendar).map((f) => f.actorId).sort()).toEqual(['u1', 'u2', 'u3', 'u4', 'u7', 'u8']);
  });

  it('reads working hours as [start, end) in JST', () => {
    const hours = { startMinute: 8 * 60 + 30, endMinute: 17 * 60 + 15 };
    expect(outsideWorkingHours(jst('08:30'), hours, NO_CLOSURES)).toBe(false);
    expect(outsideWorkingHours(jst('17:15'), hours, NO_CLOSURES)).toBe(true);
  });
});

describe('the actions the rules count', () => {
  it('count every client action of the catalogue as record access: a new one is decided on here', () => {
    const clientActions = Object.values(AuditAction).filter((a) => a.startsWith('client.'));
    expect([...CLIENT_RECORD_ACTIONS].sort()).toEqual(clientActions.sort());
  });

  it('take opening or registering a client, besides work on a case, as following a search up', () => {
    expect([...CLIENT_FOLLOW_UP_ACTIONS].sort()).toEqual([AuditAction.ClientCreate, AuditAction.ClientRead]);
    const trail = [act('u1', AuditAction.ClientSearch, jst('10:00')), act('u1', AuditAction.ClientUpdate, jst('10:05'))];
    const strict = { ...THRESHOLDS, searchesWithoutActionPerDay: 0 };
    expect(detect(trail, strict, NO_CLOSURES, NOW).filter((f) => f.rule === AlertRule.SearchWithoutAction)).toHaveLength(1);
    trail.push(act('u1', AuditAction.ClientRead, jst('10:06')));
    expect(detect(trail, strict, NO_CLOSURES, NOW).filter((f) => f.rule === AlertRule.SearchWithoutAction)).toHaveLength(0);
  });
});
