import { INestApplicationContext } from '@nestjs/common';
import { ROLE_HOMES } from '@tsunagu/access';
import { UsersService } from '@tsunagu/auth';
import { CasesService, ClientsService, ContactsService, ProvisionKind } from '@tsunagu/cases';
import { Channel, CodesService, Gender } from '@tsunagu/codes';
import { Actor, addDays, Clock, DomainError, Role } from '@tsunagu/common';
import { FacilitiesService, FacilityFiguresService, FacilityKind, FacilityStatus, PlacementOutcome, PlacementsService } from '@tsunagu/facilities';
import { ConversationsService, LineChannelsService, LineWebhookService } from '@tsunagu/line';
import { AggregateEntriesService, RunStatus, StatisticsService } from '@tsunagu/statistics';
import { createHmac, randomBytes } from 'node:crypto';
import { queryRows } from '@tsunagu/database';
import { DataSource } from 'typeorm';
import { caseProgram, CLIENT_COUNT, FACILITIES, FacilityKey, FISCAL_YEAR_MONTHS, plannedContacts, plannedEntries, plannedFacilityReports, plannedLine, plannedStays } from './plan';

/** The consultation unit the migrations create (相談係). */
const UNIT_ID = '6d1f3c2a-0b7e-4c59-9a51-3f0e8a7b1c01';
const LINE_KEY = 'fy2025-ashitaba';
const MARKER_LOGIN = 'fy2025.counselor';

export class AlreadySeededError extends Error {
  constructor() {
    super('This database already holds the FY2025 seed (account fy2025.counselor exists).');
  }
}

/**
 * Enters the FY2025 plan through the application services, as staff would: accounts, clients
 * and cases, consultations, facilities and stays (requested, approved by a supervisor, admitted,
 * ended), a facility's monthly reports, a LINE account whose webhook receives follows and
 * messages that counselors answer, close and hand sanitary products in, and the received
 * figures as aggregate entries. Then it computes every month of the fiscal year. LINE pushes
 * go to `LINE_API_BASE_URL`: point it at a stand-in (see line-stub.ts), never at LINE.
 *
 * The app's clock is moved only while LINE evenings are replayed (a reply is refused outside the
 * program's hours), and put back after.
 */
export async function seedFy2025(app: INestApplicationContext, progress: (step: string) => void = () => undefined): Promise<void> {
  let step = 'accounts';
  progress(step);
  try {
    await enter(app, (name) => {
      step = name;
      progress(name);
    });
  } catch (error) {
    // Name the step and the fields a service refused (codes and field names only, no data).
    const fields = error instanceof DomainError ? JSON.stringify(error.fields?.map((f) => [f.field, f.constraints])) : '';
    throw Object.assign(error as Error, { message: `seed step "${step}" failed: ${(error as Error).message} ${fields}` });
  }
}

async function enter(app: INestApplicationContext, progress: (step: string) => void): Promise<void> {
  const db = app.get(DataSource);
  const clock = app.get(Clock);
  const [admin] = await queryRows<{ id: string }>(db, `SELECT id FROM users WHERE role = $1 AND active ORDER BY created_at LIMIT 1`, [Role.Admin]);
  if (!admin) throw new Error('No administrator account: start the app once so that the bootstrap administrator exists.');
  if ((await queryRows(db, `SELECT 1 FROM users WHERE login_id = $1`, [MARKER_LOGIN])).length) throw new AlreadySeededError();
  let request = 0;
  const as = (userId: string, role: Role): Actor => ({
    userId,
    role,
    unitId: ROLE_HOMES[role] === 'unit' ? UNIT_ID : null,
    departmentId: null,
    sessionId: 'seed-fy2025',
    requestId: `seed-fy2025:${++request}`,
    ip: null,
  });
  const adminActor = () => as(admin.id, Role.Admin);

  // Staff: synthetic accounts with random passwords nobody knows (not meant for signing in).
  const users = app.get(UsersService);
  const staff = async (loginId: string, displayName: string, role: Role) =>
    (await users.create(adminActor(), { loginId, displayName, role, unitId: ROLE_HOMES[role] === 'unit' ? UNIT_ID : undefined, password: randomBytes(24).toString('base64url') })).id;
  const counselorId = await staff(MARKER_LOGIN, '架空 相談員', Role.Counselor);
  const supervisorId = await staff('fy2025.supervisor', '架空 査察指導員', Role.Supervisor);
  const statisticianId = await staff('fy2025.statistician', '架空 統計担当', Role.Statistician);
  const counselor = () => as(counselorId, Role.Counselor);
  const supervisor = () => as(supervisorId, Role.Supervisor);
  const statistician = () => as(statisticianId, Role.Statistician);

  progress('clients and cases');
  const clients = app.get(ClientsService);
  const cases = app.get(CasesService);
  const caseIds: string[] = [];
  for (let i = 0; i < CLIENT_COUNT; i++) {
    const client = await clients.create(counselor(), { name: `架空 相談者${i + 1}`, birthDate: `${1960 + (i % 40)}-0${1 + (i % 9)}-15`, gender: Gender.Female });
    const kase = await cases.create(counselor(), { clientId: client.id, programCode: caseProgram(i), mainConcerns: [i < 8 ? 'husband-violence' : 'relationship'], openedOn: '2025-04-01' });
    caseIds.push(kase.id);
  }

  progress('consultations');
  const contacts = app.get(ContactsService);
  for (const c of plannedContacts()) {
    const dto = { startedAt: c.startedAt, durationMinutes: c.durationMinutes, channel: c.channel as Channel, mainConcern: c.mainConcern, dvRelated: c.dvRelated, summary: '（架空の相談記録）' };
    if (c.client === null) await contacts.createAnonymous(counselor(), { ...dto, programCode: c.programCode });
    else await contacts.createForCase(counselor(), caseIds[c.client], dto);
  }

  progress('facilities and stays');
  const facilities = app.get(FacilitiesService);
  const facilityIds = {} as Record<FacilityKey, string>;
  for (const [key, f] of Object.entries(FACILITIES) as [FacilityKey, (typeof FACILITIES)[FacilityKey]][]) {
    const created = await facilities.create(adminActor(), { kind: f.kind as FacilityKind, name: f.name, operator: f.operator, capacity: f.capacity, inCity: f.inCity });
    facilityIds[key] = created.id;
    if ('suspendedSince' in f) await facilities.update(adminActor(), created.id, { version: created.version, status: FacilityStatus.Suspended, suspendedSince: f.suspendedSince });
  }
  const placements = app.get(PlacementsService);
  for (const stay of plannedStays()) {
    const requested = await placements.create(counselor(), caseIds[stay.client], {
      facilityId: facilityIds[stay.facility],
      adults: stay.adults,
      children: stay.children,
      plannedStart: stay.admittedOn,
      expectedDeliveryOn: stay.expectedDeliveryOn,
      reason: '（架空の申請理由）',
    });
    const approved = await placements.approve(supervisor(), requested.id, { version: requested.version });
    const admitted = await placements.admit(counselor(), requested.id, { version: approved.version, admittedOn: stay.admittedOn });
    if (stay.endedOn) await placements.end(counselor(), requested.id, { version: admitted.version, endedOn: stay.endedOn, outcome: PlacementOutcome.Independent });
  }
  const figures = app.get(FacilityFiguresService);
  for (const r of plannedFacilityReports()) await figures.putMonthlyReport(supervisor(), facilityIds.tokiwa, r.month, { households: r.households, exits: r.exits });

  progress('LINE');
  await replayLine(app, db, clock, adminActor, counselor);

  progress('aggregate entries');
  const entries = app.get(AggregateEntriesService);
  for (const e of plannedEntries()) await entries.put(statistician(), e);

  progress('statistics');
  const statistics = app.get(StatisticsService);
  for (const period of FISCAL_YEAR_MONTHS) {
    const run = await statistics.request(statistician(), { period });
    await waitFor(async () => {
      const [row] = await queryRows<{ status: RunStatus }>(db, `SELECT status FROM statistics_runs WHERE id = $1`, [run.id]);
      if (row.status === RunStatus.Failed) throw new Error(`statistics run for ${period} failed`);
      return row.status === RunStatus.Done;
    }, 120_000);
  }
}

/**
 * The LINE account's year: follows, messages on open evenings answered by a counselor (with
 * sanitary products handed out) and closed, messages nobody answered, unfollows. Each webhook
 * call is signed with the account's secret and processed by the worker before the next.
 */
async function replayLine(app: INestApplicationContext, db: DataSource, clock: Clock, adminActor: () => Actor, counselor: () => Actor): Promise<void> {
  const secret = randomBytes(24).toString('hex');
  await app.get(LineChannelsService).create(adminActor(), { key: LINE_KEY, name: 'あしたば LINE相談（架空）', programCode: 'ashitaba-line', unitId: UNIT_ID, channelSecret: secret, accessToken: randomBytes(24).toString('hex') });
  const webhook = app.get(LineWebhookService);
  const conversations = app.get(ConversationsService);
  const codes = app.get(CodesService);
  const lineUser = (n: number) => `U${n.toString(16).padStart(32, '0')}`;
  let event = 0;
  const deliver = async (type: 'follow' | 'unfollow' | 'message', user: number, at: string) => {
    event++;
    const body = JSON.stringify({
      destination: `U${'f'.repeat(32)}`,
      events: [
        {
          type,
          mode: 'active',
          timestamp: new Date(at).getTime(),
          source: { type: 'user', userId: lineUser(user) },
          webhookEventId: `01FY2025SEED${String(event).padStart(14, '0')}`,
          deliveryContext: { isRedelivery: false },
          ...(type === 'message' ? { replyToken: randomBytes(16).toString('hex'), message: { type: 'text', id: String(900000 + event), quoteToken: 'q', text: '（架空の相談メッセージ）' } } : {}),
        },
      ],
    });
    await webhook.receive(LINE_KEY, Buffer.from(body), createHmac('sha256', secret).update(body).digest('base64'), { requestId: `seed-fy2025:line:${event}`, ip: null });
    await waitFor(async () => (await queryRows<{ n: number }>(db, `SELECT count(*)::int AS n FROM line_inbox WHERE processed_at IS NULL`))[0].n === 0, 30_000);
  };

  // Open evenings (weekdays outside holidays and closures) from April to 24 December.
  const openDays: string[] = [];
  for (let day = '2025-04-01'; day <= '2025-12-24'; day = addDays(day, 1)) {
    if (await codes.isOpen('ashitaba-line', new Date(`${day}T19:30:00+09:00`))) openDays.push(day);
  }
  const plan = plannedLine(openDays);
  const realNow = clock.now.bind(clock);
  let simulated = 0;
  clock.now = () => new Date(simulated);
  try {
    const timeline = [
      ...plan.follows.map((f) => ({ at: f.at, run: () => deliver('follow', f.user, f.at) })),
      ...plan.unfollows.map((f) => ({ at: f.at, run: () => deliver('unfollow', f.user, f.at) })),
      ...plan.unanswered.map((m) => ({ at: m.at, run: () => deliver('message', m.user, m.at) })),
      ...plan.sessions.map((s) => ({
        at: s.at,
        run: async () => {
          await deliver('message', s.user, s.at);
          const [conversation] = await queryRows<{ id: string }>(db, `SELECT id FROM line_conversations WHERE started_at = $1`, [new Date(s.at)]);
          const start = new Date(s.at).getTime();
          simulated = start + 10 * 60_000;
          await conversations.reply(counselor(), conversation.id, { text: '（架空の返信）' });
          simulated = start + 30 * 60_000;
          await conversations.provide(counselor(), conversation.id, { kind: ProvisionKind.SanitaryProducts, quantity: s.sets, date: s.at.slice(0, 10) });
          simulated = start + 40 * 60_000;
          const [{ version }] = await queryRows<{ version: number }>(db, `SELECT version FROM line_conversations WHERE id = $1`, [conversation.id]);
          await conversations.close(counselor(), conversation.id, { version, mainConcern: 'other', dvRelated: false, summary: '（架空の相談記録）' });
        },
      })),
    ].sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime());
    for (const step of timeline) {
      simulated = new Date(step.at).getTime();
      await step.run();
    }
  } finally {
    clock.now = realNow;
  }
}

async function waitFor(check: () => Promise<boolean>, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('the worker did not finish in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
