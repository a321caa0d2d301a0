/**
 * The synthetic activity of 令和7年度 (FY2025) that `npm run seed:fy2025` enters through the
 * application services. Its true counts are the reference report's figures (旭川市 女性活躍推進部
 * 「令和7年度実施事業」): computing the statistics and building the report from them must give
 * back exactly `REFERENCE_FY2025`. Every person, message and account here is made up; the
 * plan is deterministic, so two seeds of empty databases give the same figures.
 */

/** The reference report's figures, as the program report should print them for asOf 2025-12-31. */
export const REFERENCE_FY2025 = {
  consultations: { total: 854, phone: 563, dv: 76 },
  shelter: { adults: 5, children: 8, nights: 198 },
  motherChild: { households: 219, exits: 303, wideAreaHouseholds: 0, wideAreaExits: 0 },
  maternity: { cityHospital: 3, kosei: 5, wideArea: 0, total: 8 },
  entrustedProtection: 0,
  emergencyTransports: 0,
  line: { consultations: 231, followers: 96, sanitarySets: 8014 },
  lgbtqPhone: { 2023: 3, 2024: 18, 2025: 12 },
  lgbtqLine: { 2024: 25, 2025: 19 },
  partnership: { 2023: 2, 2024: 7, 2025: 3 },
  career: { total: 51, inPerson: 30, online: 21 },
  schoolPads: { schools: 29, pupils: 1192 },
} as const;

/** Facilities as the reference names them (public institutions; no address is entered). */
export const FACILITIES = {
  shelter: { kind: 'private-shelter', name: '民間シェルター', operator: '民間団体（補助先）', capacity: 6, inCity: true },
  tokiwa: { kind: 'mother-child', name: 'トキワの森', operator: '社会福祉法人', capacity: 20, inCity: true },
  motherChildElsewhere: { kind: 'mother-child', name: '市外の母子生活支援施設', operator: '市外', capacity: 20, inCity: false },
  cityHospital: { kind: 'maternity', name: '市立病院', operator: '市', capacity: 5, inCity: true },
  kosei: { kind: 'maternity', name: '厚生', operator: '厚生病院', capacity: 5, inCity: true },
  redCross: { kind: 'maternity', name: '赤十字', operator: '赤十字病院', capacity: 5, inCity: true, suspendedSince: '2024-04-01' },
  maternityElsewhere: { kind: 'maternity', name: '市外の助産施設', operator: '市外', capacity: 5, inCity: false },
} as const;
export type FacilityKey = keyof typeof FACILITIES;

/** Clients (synthetic) that the recorded consultations, stays and births belong to. */
export const CLIENT_COUNT = 40;

/** The program of a client's case: the first eight are DV centre cases. */
export const caseProgram = (client: number): PlannedContact['programCode'] => (client < 8 ? 'dv-center' : 'josei-soudan');

export interface PlannedContact {
  /** ISO 8601 with the JST offset. */
  startedAt: string;
  programCode: 'josei-soudan' | 'dv-center';
  channel: 'phone' | 'visit' | 'email' | 'online' | 'outreach';
  dvRelated: boolean;
  mainConcern: string;
  /** Index of the client whose case it is on; null for an anonymous consultation. */
  client: number | null;
  durationMinutes: number;
}

export interface PlannedStay {
  facility: FacilityKey;
  client: number;
  adults: number;
  children: number;
  admittedOn: string;
  endedOn: string | null;
  expectedDeliveryOn?: string;
}

export interface PlannedEntry {
  period: string;
  programCode: string;
  metric: string;
  value: number;
  source: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** The FY2025 months April to December (the reference report's figures run to 12月末). */
export const MONTHS_TO_DECEMBER = ['2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12'];
/** The rest of the fiscal year: activity there must not reach a report dated 2025-12-31. */
export const MONTHS_AFTER_DECEMBER = ['2026-01', '2026-02', '2026-03'];
export const FISCAL_YEAR_MONTHS = [...MONTHS_TO_DECEMBER, ...MONTHS_AFTER_DECEMBER];

const OTHER_CONCERNS = ['divorce', 'relationship', 'economic', 'housing', 'medical', 'family-other', 'other'];

/**
 * 女性相談室 consultations: 854 from April to December (563 by phone, 76 DV-related), and
 * `later` more from January to March. Channels, DV flags and clients follow the index, so the
 * counts are exact; about 60% are on a client's case, the rest anonymous.
 */
export function plannedContacts(later = 150): PlannedContact[] {
  const { total, phone, dv } = REFERENCE_FY2025.consultations;
  const out: PlannedContact[] = [];
  const channels: PlannedContact['channel'][] = [];
  for (let i = 0; i < total; i++) channels.push(i < phone ? 'phone' : i < phone + 250 ? 'visit' : i < phone + 270 ? 'email' : i < phone + 285 ? 'online' : 'outreach');
  for (let i = 0; i < total + later; i++) {
    const months = i < total ? MONTHS_TO_DECEMBER : MONTHS_AFTER_DECEMBER;
    const position = i < total ? i : i - total;
    const count = i < total ? total : later;
    const month = months[Math.floor((position * months.length) / count)];
    // Mix the channels over the months: a stride coprime with the total.
    const channel = i < total ? channels[(i * 3) % total] : position % 3 === 0 ? 'visit' : 'phone';
    const isDv = i < total ? i % 11 === 0 && Math.floor(i / 11) < dv : position % 10 === 0;
    const day = 1 + ((i * 5) % 28);
    const hour = 9 + (i % 8);
    const client = i % 5 < 3 ? i % CLIENT_COUNT : null;
    out.push({
      startedAt: `${month}-${pad(day)}T${pad(hour)}:${pad((i * 13) % 60)}:00+09:00`,
      // A consultation on a case counts under the case's program.
      programCode: client !== null ? caseProgram(client) : isDv ? 'dv-center' : 'josei-soudan',
      channel,
      dvRelated: isDv,
      mainConcern: isDv ? 'husband-violence' : OTHER_CONCERNS[i % OTHER_CONCERNS.length],
      client,
      durationMinutes: 10 + (i % 6) * 10,
    });
  }
  return out;
}

/**
 * Stays: the shelter (5 adults, 8 同伴児, 198 nights, all ended by December), births at the
 * maternity facilities (3 and 5 discharged by December; one more at 厚生 discharged in
 * January, after the report's date).
 */
export function plannedStays(): PlannedStay[] {
  const shelter: [number, string, string][] = [
    [2, '2025-04-10', '2025-05-10'], // 30 nights
    [1, '2025-05-20', '2025-07-04'], // 45
    [3, '2025-07-15', '2025-08-05'], // 21
    [0, '2025-08-20', '2025-10-21'], // 62
    [2, '2025-11-01', '2025-12-11'], // 40
  ];
  const birth = (facility: FacilityKey, client: number, admittedOn: string, endedOn: string): PlannedStay => ({
    facility,
    client,
    adults: 1,
    children: 0,
    admittedOn,
    endedOn,
    expectedDeliveryOn: admittedOn,
  });
  return [
    ...shelter.map(([children, admittedOn, endedOn], i): PlannedStay => ({ facility: 'shelter', client: i, adults: 1, children, admittedOn, endedOn })),
    birth('cityHospital', 10, '2025-05-12', '2025-05-19'),
    birth('cityHospital', 11, '2025-08-03', '2025-08-09'),
    birth('cityHospital', 12, '2025-11-21', '2025-11-27'),
    birth('kosei', 13, '2025-04-22', '2025-04-28'),
    birth('kosei', 14, '2025-06-09', '2025-06-15'),
    birth('kosei', 15, '2025-09-02', '2025-09-08'),
    birth('kosei', 16, '2025-10-14', '2025-10-20'),
    birth('kosei', 17, '2025-12-01', '2025-12-07'),
    birth('kosei', 18, '2025-12-27', '2026-01-05'),
  ];
}

/** トキワの森's own monthly reports, April to January (households on the 1st; exits). */
export function plannedFacilityReports(): { month: string; households: number; exits: number }[] {
  const months = [...MONTHS_TO_DECEMBER, '2026-01'];
  return months.map((month, i) => ({ month, households: i < 9 ? 22 : 21, exits: i < 7 ? 30 : 31 }));
}

export interface PlannedLine {
  /** LINE user ids (synthetic, `U` + 32 hex) and when each followed (JST ISO). */
  follows: { user: number; at: string }[];
  unfollows: { user: number; at: string }[];
  /** Answered sessions: a message from a user on an open evening, answered and closed. */
  sessions: { user: number; at: string; sets: number }[];
  /** Sessions nobody answered (a message late at night, after the last answered one). */
  unanswered: { user: number; at: string }[];
}

/**
 * あしたば LINE: 231 answered sessions from April to December on the given open evenings, by
 * 110 users who follow on the day of their first session; 14 of them unfollow on 31 December
 * (96 followers at the month's end); 8,014 sets of sanitary products handed out in the sessions;
 * 19 unanswered sessions; 10 users who follow in January (after the report's date).
 */
export function plannedLine(openDays: readonly string[]): PlannedLine {
  const { consultations, followers, sanitarySets } = REFERENCE_FY2025.line;
  const users = 110;
  const leaving = users - followers;
  const base = Math.floor(sanitarySets / consultations);
  const extra = sanitarySets - base * consultations;
  const sessions = Array.from({ length: consultations }, (_, j) => {
    const day = openDays[Math.floor((j * openDays.length) / consultations)];
    return { user: j % users, at: `${day}T${pad(19 + (j % 2))}:${pad(10 + (j % 4) * 10)}:${pad(j % 60)}+09:00`, sets: base + (j < extra ? 1 : 0) };
  });
  const follows = sessions.slice(0, users).map((s) => ({ user: s.user, at: `${s.at.slice(0, 10)}T12:00:00+09:00` }));
  for (let u = users; u < users + 10; u++) follows.push({ user: u, at: `2026-01-${pad(5 + u - users)}T12:00:00+09:00` });
  const unfollows = Array.from({ length: leaving }, (_, i) => ({ user: i * 7, at: '2025-12-31T10:00:00+09:00' }));
  const unanswered = Array.from({ length: 19 }, (_, i) => ({ user: 20 + i, at: `2025-12-27T23:${pad(i)}:00+09:00` }));
  return { follows, unfollows, sessions, unanswered };
}

/** Figures the city receives rather than records, entered month by month as aggregate entries. */
export function plannedEntries(): PlannedEntry[] {
  const out: PlannedEntry[] = [];
  const spread = (programCode: string, metric: string, source: string, months: string[], values: number[]) =>
    months.forEach((period, i) => values[i] && out.push({ period, programCode, metric, value: values[i], source }));
  const fy = (year: number) => Array.from({ length: 12 }, (_, i) => (i < 9 ? `${year}-${pad(i + 4)}` : `${year + 1}-${pad(i - 8)}`));
  const toJanuary = fy(2025).slice(0, 10);
  // LGBTQ電話相談 (opened 2024-02-06; staffed by the city): 令和5年度 3, 令和6年度 18, 令和7年度 12 (1月末).
  spread('lgbtq-phone', 'consultations', '相談員記録', ['2024-02', '2024-03'], [1, 2]);
  spread('lgbtq-phone', 'consultations', '相談員記録', fy(2024), [2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1]);
  spread('lgbtq-phone', 'consultations', '相談員記録', toJanuary, [1, 2, 1, 1, 1, 2, 1, 1, 1, 1]);
  // LGBTQ LINE相談 (contracted, opened 2024-08-23): 令和6年度 25, 令和7年度 19 (1月末).
  spread('lgbtq-line', 'consultations', '委託先月次報告', fy(2024).slice(4), [3, 3, 3, 3, 3, 3, 3, 4]);
  spread('lgbtq-line', 'consultations', '委託先月次報告', toJanuary, [2, 2, 2, 2, 2, 2, 2, 2, 2, 1]);
  // パートナーシップ宣誓 (from 2024-01-16): 令和5年度 2組, 令和6年度 7組, 令和7年度 3組 (1月末).
  spread('partnership-oath', 'oaths', '宣誓受付簿', ['2024-02', '2024-03'], [1, 1]);
  spread('partnership-oath', 'oaths', '宣誓受付簿', fy(2024), [0, 1, 0, 2, 0, 1, 0, 1, 0, 1, 0, 1]);
  spread('partnership-oath', 'oaths', '宣誓受付簿', toJanuary, [0, 0, 1, 0, 0, 0, 1, 0, 0, 1]);
  // みんなのキャリアの保健室 (contracted, opened 2025-06): 51 件, 対面 30, オンライン 21 (12月末).
  const careerMonths = MONTHS_TO_DECEMBER.slice(2);
  spread('career-hoken', 'consultations-in-person', '委託先月次報告', careerMonths, [4, 4, 4, 4, 4, 5, 5]);
  spread('career-hoken', 'consultations-online', '委託先月次報告', careerMonths, [3, 3, 3, 3, 3, 3, 3]);
  // 中学3年女子生徒への生理用品配付: 29校 1,192名.
  spread('pad-distribution', 'schools', '配付実績', ['2025-07'], [REFERENCE_FY2025.schoolPads.schools]);
  spread('pad-distribution', 'pupils', '配付実績', ['2025-07'], [REFERENCE_FY2025.schoolPads.pupils]);
  return out;
}
