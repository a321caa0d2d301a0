import { addDays, daysBetween } from '@tsunagu/common';
import { FACILITIES, MONTHS_TO_DECEMBER, plannedContacts, plannedEntries, plannedFacilityReports, plannedLine, plannedStays, REFERENCE_FY2025 as R } from './plan';

const weekdays = (from: string, to: string) => {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) if (![0, 6].includes(new Date(`${d}T12:00:00Z`).getUTCDay())) out.push(d);
  return out;
};
const toDecember = (at: string) => at.slice(0, 7) <= '2025-12';

describe('the FY2025 seed plan', () => {
  it('holds 854 consultations to December, 563 by phone, 76 DV, and more after December', () => {
    const all = plannedContacts(150);
    const year = all.filter((c) => toDecember(c.startedAt));
    expect(year).toHaveLength(R.consultations.total);
    expect(year.filter((c) => c.channel === 'phone')).toHaveLength(R.consultations.phone);
    expect(year.filter((c) => c.dvRelated)).toHaveLength(R.consultations.dv);
    expect(all.filter((c) => !toDecember(c.startedAt))).toHaveLength(150);
    // Every month has some, and dates are real.
    for (const m of MONTHS_TO_DECEMBER) expect(year.some((c) => c.startedAt.startsWith(m))).toBe(true);
    for (const c of all) expect(Number.isNaN(new Date(c.startedAt).getTime())).toBe(false);
  });

  it('holds the shelter stays (5 adults, 8 同伴児, 198 nights) and births discharged by December (3 + 5)', () => {
    const stays = plannedStays();
    const shelter = stays.filter((s) => s.facility === 'shelter');
    expect(shelter.reduce((n, s) => n + s.adults, 0)).toBe(R.shelter.adults);
    expect(shelter.reduce((n, s) => n + s.children, 0)).toBe(R.shelter.children);
    expect(shelter.reduce((n, s) => n + daysBetween(s.admittedOn, s.endedOn!), 0)).toBe(R.shelter.nights);
    const discharged = (f: string) => stays.filter((s) => s.facility === f && s.endedOn! <= '2025-12-31').length;
    expect([discharged('cityHospital'), discharged('kosei'), discharged('maternityElsewhere')]).toEqual([R.maternity.cityHospital, R.maternity.kosei, R.maternity.wideArea]);
    expect(stays.every((s) => !('suspendedSince' in FACILITIES[s.facility]))).toBe(true);
  });

  it('holds トキワの森 reports adding up to 219 households and 303 exits', () => {
    const reports = plannedFacilityReports();
    expect(reports.reduce((n, r) => n + r.households, 0)).toBe(R.motherChild.households);
    expect(reports.reduce((n, r) => n + r.exits, 0)).toBe(R.motherChild.exits);
  });

  it('holds 231 answered LINE sessions on open evenings, 96 followers at the end of December, 8,014 sets', () => {
    const days = weekdays('2025-04-01', '2025-12-24');
    const line = plannedLine(days);
    expect(line.sessions).toHaveLength(R.line.consultations);
    expect(line.sessions.every((s) => days.includes(s.at.slice(0, 10)))).toBe(true);
    expect(line.sessions.reduce((n, s) => n + s.sets, 0)).toBe(R.line.sanitarySets);
    const followedBy = (at: string) => line.follows.filter((f) => f.at <= at).length - line.unfollows.filter((f) => f.at <= at).length;
    expect(followedBy('2025-12-31T23:59:59+09:00')).toBe(R.line.followers);
    // Each user follows before their first session, sessions of one user are days apart, and
    // nobody unfollows before their last session.
    for (const s of line.sessions) expect(line.follows.find((f) => f.user === s.user)!.at < s.at).toBe(true);
    const byUser = new Map<number, string[]>();
    for (const s of [...line.sessions, ...line.unanswered]) byUser.set(s.user, [...(byUser.get(s.user) ?? []), s.at]);
    for (const times of byUser.values()) {
      const sorted = times.map((t) => new Date(t).getTime()).sort((a, b) => a - b);
      for (let i = 1; i < sorted.length; i++) expect(sorted[i] - sorted[i - 1]).toBeGreaterThan(24 * 3600_000);
    }
    for (const u of line.unfollows) expect(line.sessions.filter((s) => s.user === u.user).every((s) => s.at < u.at)).toBe(true);
  });

  it('holds the received figures by fiscal year', () => {
    const entries = plannedEntries();
    const total = (program: string, metric: string, from: string, to: string) =>
      entries.filter((e) => e.programCode === program && e.metric === metric && e.period >= from && e.period <= to).reduce((n, e) => n + e.value, 0);
    expect([total('lgbtq-phone', 'consultations', '2023-04', '2024-03'), total('lgbtq-phone', 'consultations', '2024-04', '2025-03'), total('lgbtq-phone', 'consultations', '2025-04', '2026-01')]).toEqual([3, 18, 12]);
    expect([total('lgbtq-line', 'consultations', '2024-04', '2025-03'), total('lgbtq-line', 'consultations', '2025-04', '2026-01')]).toEqual([25, 19]);
    expect([total('partnership-oath', 'oaths', '2023-04', '2024-03'), total('partnership-oath', 'oaths', '2024-04', '2025-03'), total('partnership-oath', 'oaths', '2025-04', '2026-01')]).toEqual([2, 7, 3]);
    expect([total('career-hoken', 'consultations-in-person', '2025-04', '2025-12'), total('career-hoken', 'consultations-online', '2025-04', '2025-12')]).toEqual([30, 21]);
    expect(entries.every((e) => e.value > 0)).toBe(true);
    expect(new Set(entries.map((e) => `${e.period}|${e.programCode}|${e.metric}`)).size).toBe(entries.length);
  });
});
