import { Role } from '@tsunagu/common';
import ExcelJS from 'exceljs';
import { StatisticsService } from '@tsunagu/statistics';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createAndSignIn, signInAdmin, SignedIn } from './support/auth-helpers';
import { binaryBody } from './support/binary';
import { startTestApp, TestApp } from './support/test-app';
import { testNow } from './support/clock';
import { api, as } from './support/http';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

describe('monthly statistics', () => {
  let app: TestApp;
  let db: DataSource;
  let counselor: SignedIn;
  let supervisor: SignedIn;
  let statistician: SignedIn;
  let liaison: SignedIn;
  let admin: SignedIn;

  async function runMonth(period: string): Promise<string> {
    const res = await request(app.url).post(api('statistics/runs')).set(as(statistician)).send({ period }).expect(202);
    const until = performance.now() + 20_000;
    for (;;) {
      const run = await request(app.url).get(api(`statistics/runs/${res.body.id}`)).set(as(statistician)).expect(200);
      if (run.body.status === 'done') {
        expect(run.body.progress).toBe(100);
        return res.body.id;
      }
      if (performance.now() > until || run.body.status === 'failed') throw new Error(`run ${run.body.status}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const monthly = async (who: SignedIn, query: string) => (await request(app.url).get(api(`statistics/monthly?${query}`)).set(as(who)).expect(200)).body;
  const cell = (body: { cells: { metric: string; dimension: string; key: string; display: string }[] }, metric: string, dimension: string, key: string) =>
    body.cells.find((c) => c.metric === metric && c.dimension === dimension && c.key === key)?.display;

  beforeAll(async () => {
    app = await startTestApp('statistics');
    db = app.app.get(DataSource);
    admin = await signInAdmin(app);
    counselor = await createAndSignIn(app, admin, Role.Counselor, 'st.counselor');
    supervisor = await createAndSignIn(app, admin, Role.Supervisor, 'st.supervisor');
    statistician = await createAndSignIn(app, admin, Role.Statistician, 'st.statistician');
    liaison = await createAndSignIn(app, admin, Role.Liaison, 'st.liaison');
    const client = await request(app.url).post(api('clients')).set(as(counselor)).send({ name: '架空 統計子', birthDate: '1985-06-01' }).expect(201);
    const kase = await request(app.url).post(api('cases')).set(as(counselor)).send({ clientId: client.body.id, programCode: 'josei-soudan', mainConcerns: ['husband-violence'] }).expect(201);
    // October 2025 (JST): five by phone and one visit; three DV-related, three not.
    const contacts = [
      ['phone', true],
      ['phone', true],
      ['phone', true],
      ['phone', false],
      ['phone', false],
      ['visit', false],
    ] as const;
    for (const [i, [channel, dv]] of contacts.entries()) {
      await request(app.url)
        .post(api(`cases/${kase.body.id}/contacts`))
        .set(as(counselor))
        .send({ startedAt: `2025-10-${String(10 + i).padStart(2, '0')}T10:00:00+09:00`, durationMinutes: 30, channel, mainConcern: 'husband-violence', dvRelated: dv })
        .expect(201);
    }
    // 31 Oct 23:30 JST is still October; 1 Nov 00:10 JST is November.
    for (const startedAt of ['2025-10-31T23:30:00+09:00', '2025-11-01T00:10:00+09:00']) {
      await request(app.url).post(api('contacts')).set(as(counselor)).send({ programCode: 'josei-soudan', startedAt, durationMinutes: 10, channel: 'phone', mainConcern: 'husband-violence', dvRelated: false }).expect(201);
    }
    // Anonymous contacts of two programs the report leaves out: career-hoken in October (5 by phone,
    // 4 online, 1 visit); lgbtq-phone 6 in October and 2 in November.
    const anonymous = [
      ...[...Array(5).fill('phone'), ...Array(4).fill('online'), 'visit'].map((channel, i) => ['career-hoken', channel, `2025-10-${String(1 + i).padStart(2, '0')}`]),
      ...Array.from({ length: 6 }, (_, i) => ['lgbtq-phone', 'phone', `2025-10-${String(1 + i).padStart(2, '0')}`]),
      ...Array.from({ length: 2 }, (_, i) => ['lgbtq-phone', 'phone', `2025-11-${String(1 + i).padStart(2, '0')}`]),
    ];
    for (const [programCode, channel, day] of anonymous) {
      await request(app.url).post(api('contacts')).set(as(counselor)).send({ programCode, startedAt: `${day}T14:00:00+09:00`, durationMinutes: 10, channel, mainConcern: 'husband-violence', dvRelated: false }).expect(201);
    }
  });

  afterAll(async () => {
    await app?.close();
  });

  it('computes a month in the worker and shows it with small breakdowns suppressed as X, zeros as ‐', async () => {
    await runMonth('2025-10');
    const body = await monthly(statistician, 'from=2025-10&to=2025-10&program=josei-soudan');
    expect(body.missing).toEqual([]);
    expect(body.note).toContain('X：個人が特定されるおそれがあるため秘匿');
    expect(cell(body, 'contacts', 'total', 'all')).toBe('7'); // six on the case, one anonymous at 23:30 JST on the 31st
    expect(cell(body, 'contacts', 'channel', 'phone')).toBe('X'); // 1 visit, and the 6 by phone that the total less them would give back
    expect(cell(body, 'contacts', 'channel', 'visit')).toBe('X');
    expect(cell(body, 'contacts', 'dv', 'dv')).toBe('3');
    expect(cell(body, 'contacts', 'dv', 'other')).toBe('4');
    expect(cell(body, 'clients', 'total', 'all')).toBe('X'); // one person
    expect(body.cells.every((c: { value: number | null }) => c.value === null || c.value === 0 || c.value >= 3)).toBe(true);
  });

  it('hides a small cell and just the cells that would give it back, the rest of its breakdown shown', async () => {
    const body = await monthly(statistician, 'from=2025-10&to=2025-10&program=career-hoken&dimension=channel');
    expect(cell(body, 'contacts', 'total', 'all')).toBe('10');
    // 1 visit is small; 10 − 5 would give the 4 online and the visit together, not either alone.
    expect(['phone', 'online', 'visit'].map((key) => cell(body, 'contacts', 'channel', key))).toEqual(['5', 'X', 'X']);
    expect(body.cells.every((c: { dimension: string }) => c.dimension === 'channel' || c.dimension === 'total')).toBe(true);
  });

  it('keeps persons out of the statistics tables', async () => {
    const rows = await db.query(`SELECT period, program_code, metric, dimension, key, value FROM monthly_statistics`);
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toMatch(UUID);
  });

  it('replaces a month on a rerun, never doubling it, and refuses a second run while one is in progress', async () => {
    const before = await db.query(`SELECT metric, dimension, key, value FROM monthly_statistics WHERE period = '2025-10' ORDER BY 1, 2, 3`);
    await runMonth('2025-10');
    const after = await db.query(`SELECT metric, dimension, key, value FROM monthly_statistics WHERE period = '2025-10' ORDER BY 1, 2, 3`);
    expect(after).toEqual(before);
    const busy = randomUUID();
    await db.query(`INSERT INTO statistics_runs (id, period, status, progress, created_at) VALUES ($1, '2025-09', 'running', 40, $2)`, [busy, testNow()]);
    const refused = await request(app.url).post(api('statistics/runs')).set(as(statistician)).send({ period: '2025-09' }).expect(409);
    expect(refused.body.message).toContain('実行中');
    await request(app.url).post(api('statistics/runs')).set(as(statistician)).send({ period: '2099-01' }).expect(400);
  });

  it('keeps the previous result while a run is unfinished (a crashed worker), and a retried run produces the clean result', async () => {
    const crashed = randomUUID();
    await db.query(`INSERT INTO statistics_runs (id, period, status, progress, created_at) VALUES ($1, '2025-10', 'running', 50, $2)`, [crashed, testNow()]);
    await db.query(`INSERT INTO monthly_statistics (run_id, period, program_code, metric, dimension, key, value) VALUES ($1, '2025-10', 'josei-soudan', 'contacts', 'total', 'all', 999)`, [crashed]);
    expect(cell(await monthly(statistician, 'from=2025-10&to=2025-10&program=josei-soudan'), 'contacts', 'total', 'all')).toBe('7');
    await app.app.get(StatisticsService).execute(crashed, { jobId: 'retry', attempt: 2, maxAttempts: 5 });
    expect(cell(await monthly(statistician, 'from=2025-10&to=2025-10&program=josei-soudan'), 'contacts', 'total', 'all')).toBe('7');
    expect(await db.query(`SELECT count(*)::int AS n FROM monthly_statistics WHERE period = '2025-10' AND metric = 'contacts' AND dimension = 'total' AND program_code = 'josei-soudan'`)).toEqual([{ n: 1 }]);
  });

  it('counts by JST month and reports months without a run as missing', async () => {
    await runMonth('2025-11');
    const body = await monthly(supervisor, 'from=2025-09&to=2025-11&program=josei-soudan');
    expect(body.missing).toEqual(['2025-09']);
    const november = body.cells.find((c: { period: string; metric: string; dimension: string }) => c.period === '2025-11' && c.metric === 'contacts' && c.dimension === 'total');
    expect(november.display).toBe('X'); // one contact at 00:10 JST on 1 November
  });

  it('suppresses a month together with the computed months of its fiscal year: one pattern whichever range, program or dimension is asked for', async () => {
    type Cell = { period: string; programCode: string; metric: string; dimension: string; key: string; display: string };
    const october = async (query: string) =>
      Object.fromEntries(((await monthly(statistician, query)).cells as Cell[]).filter((c) => c.period === '2025-10').map((c) => [`${c.programCode}|${c.metric}|${c.dimension}|${c.key}`, c.display]));
    const alone = await october('from=2025-10&to=2025-10');
    // lgbtq-phone: 6 in October is not small, but beside November's 2 the year's sum would give it back.
    expect(alone['lgbtq-phone|contacts|total|all']).toBe('X');
    expect(alone['lgbtq-phone|contacts|channel|phone']).toBe('X');
    expect(alone['career-hoken|contacts|channel|phone']).toBe('5');
    expect(await october('from=2025-04&to=2026-03')).toEqual(alone);
    expect(await october('from=2025-09&to=2025-11')).toEqual(alone);
    const pick = (cells: Record<string, string>, keep: (key: string) => boolean) => Object.fromEntries(Object.entries(cells).filter(([key]) => keep(key)));
    expect(await october('from=2025-10&to=2025-10&program=lgbtq-phone')).toEqual(pick(alone, (key) => key.startsWith('lgbtq-phone|')));
    expect(await october('from=2025-10&to=2025-10&dimension=channel')).toEqual(pick(alone, (key) => /\|(channel|total)\|/.test(key)));
  });

  it('lets statisticians and supervisors read; nobody else', async () => {
    await request(app.url).get(api('statistics/monthly?from=2025-10&to=2025-10')).set(as(counselor)).expect(403);
    await request(app.url).get(api('statistics/monthly?from=2025-10&to=2025-10')).set(as(liaison)).expect(403);
    await request(app.url).post(api('statistics/runs')).set(as(supervisor)).send({ period: '2025-10' }).expect(403);
    const bad = await request(app.url).get(api('statistics/monthly?from=2025-12&to=2025-01')).set(as(statistician)).expect(400);
    expect(bad.body.fields[0].field).toBe('to');
  });
  it('counts a facility month from its stays: admissions, adults, 同伴児, nights, households on the 1st, exits', async () => {
    const home = await request(app.url).post(api('facilities')).set(as(admin)).send({ kind: 'mother-child', name: '架空母子寮', capacity: 10, inCity: true }).expect(201);
    const [kase] = await db.query(`SELECT id FROM cases LIMIT 1`);
    const stay = async (adults: number, children: number, admittedOn: string, endedOn?: string) => {
      const p = await request(app.url).post(api(`cases/${kase.id}/placements`)).set(as(counselor)).send({ facilityId: home.body.id, adults, children, plannedStart: admittedOn, reason: '架空' }).expect(201);
      await request(app.url).post(api(`placements/${p.body.id}/approve`)).set(as(supervisor)).send({ version: 1 }).expect(200);
      await request(app.url).post(api(`placements/${p.body.id}/admit`)).set(as(counselor)).send({ version: 2, admittedOn }).expect(200);
      if (endedOn) await request(app.url).post(api(`placements/${p.body.id}/end`)).set(as(counselor)).send({ version: 3, endedOn, outcome: 'moved' }).expect(200);
    };
    await stay(1, 2, '2025-09-20', '2025-10-11'); // in on 10/1; 10 nights in October; leaves in October
    await stay(1, 1, '2025-10-05'); // admitted in October, still there: 27 nights in October
    await stay(1, 3, '2025-10-20', '2025-10-23'); // 3 nights
    await runMonth('2025-10');
    const rows = await db.query(
      `SELECT metric, value::int AS value FROM monthly_statistics WHERE period = '2025-10' AND dimension = 'facility' AND key = '架空母子寮' ORDER BY metric`,
    );
    expect(Object.fromEntries(rows.map((r: { metric: string; value: number }) => [r.metric, r.value]))).toEqual({
      'facility-admissions': 2,
      'facility-adults': 2,
      'facility-children': 4,
      'facility-exits': 2,
      'facility-households': 1,
      'facility-nights': 10 + 27 + 3,
    });
  });

  it('keeps aggregate entries (a contractor\'s figures), one per month, program and metric, corrected with the version read', async () => {
    const put = (body: Record<string, unknown>) => request(app.url).post(api('statistics/aggregate-entries')).set(as(statistician)).send({ period: '2025-10', programCode: 'lgbtq-line', metric: 'consultations', source: '委託先月次報告', ...body });
    expect((await put({ value: 12 }).expect(200)).body).toMatchObject({ value: 12, version: 1 });
    await put({ value: 13 }).expect(409);
    await put({ value: 13, version: 1 }).expect(200);
    expect((await put({ value: 1, programCode: 'no-such' }).expect(400)).body.fields[0].field).toBe('programCode');
    await put({ value: 1, period: '2099-01' }).expect(400);
    await request(app.url).post(api('statistics/aggregate-entries')).set(as(supervisor)).send({ period: '2025-10', programCode: 'lgbtq-line', metric: 'x', value: 1, source: 's' }).expect(403);
    const list = await request(app.url).get(api('statistics/aggregate-entries?from=2025-04&to=2026-03')).set(as(supervisor)).expect(200);
    expect(list.body).toEqual([expect.objectContaining({ period: '2025-10', programCode: 'lgbtq-line', metric: 'consultations', value: 13, source: '委託先月次報告', version: 2 })]);
  });
  it('builds the fiscal-year program report from the monthly statistics and aggregate entries, as JSON and as CSV', async () => {
    const res = await request(app.url).get(api('reports/program?fiscalYear=2025&asOf=2025-11-30')).set(as(statistician)).expect(200);
    const body = res.body;
    expect(body).toMatchObject({ fiscalYear: 2025, fiscalYearLabel: '令和7年度', asOf: '2025-11-30' });
    expect(body.missingMonths).toEqual(['2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09']);
    const section = (title: string) => body.sections.find((s: { title: string }) => s.title === title);
    expect(section('女性相談室').figures).toEqual([
      { label: '相談件数（延べ）', value: 8, display: '8', unit: '件', asOf: 'R7年11月末日現在' },
      { label: 'うち電話対応', value: 7, display: '7', unit: '件', asOf: 'R7年11月末日現在' },
      { label: 'DV件数', value: 3, display: '3', unit: '件', asOf: 'R7年11月末日現在' },
    ]);
    expect(section('母子生活支援施設').figures).toEqual(
      expect.arrayContaining([expect.objectContaining({ label: '架空母子寮 延べ世帯数', value: 1 }), expect.objectContaining({ label: '架空母子寮 退所世帯数', value: 2 })]),
    );
    // A contractor's figure: by fiscal year, dated by the last month entered (not by asOf).
    expect(section('LGBTQ LINE相談 相談件数').figures).toEqual([{ label: '令和7年度', value: 13, display: '13', unit: '件', asOf: 'R7年10月末現在', source: '委託先月次報告' }]);
    expect(section('パートナーシップ宣誓 宣誓組数').figures).toEqual([{ label: '令和7年度', value: null, display: '未入力', unit: '組', asOf: '' }]);

    const csv = await request(app.url).get(api('reports/program?fiscalYear=2025&asOf=2025-11-30&format=csv')).set(as(statistician)).buffer(true).parse(binaryBody).expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const text = (csv.body as Buffer).toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text).toContain('"令和7年度","女性相談室","相談件数（延べ）","8","false","件","R7年11月末日現在",""');

    const xlsx = await request(app.url).get(api('reports/program?fiscalYear=2025&asOf=2025-11-30&format=xlsx')).set(as(statistician)).buffer(true).parse(binaryBody).expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(xlsx.body as Buffer).buffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe('令和7年度 実施事業');
    const values: unknown[][] = [];
    sheet.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
    expect(values).toEqual(expect.arrayContaining([['相談件数（延べ）', 8, '件', 'R7年11月末日現在', ''], ['うち電話対応', 7, '件', 'R7年11月末日現在', '']]));

    await request(app.url).get(api('reports/program?fiscalYear=2025&asOf=2026-04-01')).set(as(statistician)).expect(400);
    await request(app.url).get(api('reports/program?fiscalYear=2025')).set(as(counselor)).expect(403);
  });
  it('marks a computed month stale when its case data changes, and the monthly schedule recomputes it', async () => {
    await runMonth('2025-10');
    expect((await monthly(statistician, 'from=2025-10&to=2025-10')).stale).toEqual([]);
    const [kase] = await db.query(`SELECT id FROM cases WHERE program_code = 'josei-soudan' LIMIT 1`);
    await request(app.url)
      .post(api(`cases/${kase.id}/contacts`))
      .set(as(counselor))
      .send({ startedAt: '2025-10-30T15:00:00+09:00', durationMinutes: 10, channel: 'visit', mainConcern: 'husband-violence', dvRelated: false })
      .expect(201);
    const before = await monthly(statistician, 'from=2025-10&to=2025-10&program=josei-soudan');
    expect(before.stale).toEqual(['2025-10']);
    // October's total is hidden now (November's one contact and the year's sum); read the month's run.
    const computed = async (): Promise<number> =>
      (
        await db.query(
          `SELECT s.value::int AS value FROM monthly_statistics s JOIN statistics_runs r ON r.id = s.run_id
            WHERE r.status = 'done' AND s.period = '2025-10' AND s.program_code = 'josei-soudan' AND s.metric = 'contacts' AND s.dimension = 'total'
            ORDER BY r.finished_at DESC LIMIT 1`,
        )
      )[0].value;
    expect(await computed()).toBe(7); // the computed figure until the rerun
    const periods = await app.app.get(StatisticsService).scheduled();
    expect(periods).toContain('2025-10');
    const until = performance.now() + 20_000;
    while (performance.now() < until && (await computed()) !== 8) await new Promise((r) => setTimeout(r, 100));
    expect(await computed()).toBe(8);
    expect((await monthly(statistician, 'from=2025-10&to=2025-10&program=josei-soudan')).stale).toEqual([]);
  });
  it('publishes a frozen release of the fiscal year at the public k, holding an earlier release fixed', async () => {
    const missing = await request(app.url).post(api('statistics/releases')).set(as(statistician)).send({ fiscalYear: 2025, upToMonth: '2025-10' }).expect(409);
    expect(missing.body.message).toContain('2025-04');
    await db.query(`UPDATE statistics_runs SET status = 'failed' WHERE status = 'running'`); // the run an earlier test left "in progress"
    for (const m of ['2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09']) await runMonth(m);
    const first = await request(app.url).post(api('statistics/releases')).set(as(statistician)).send({ fiscalYear: 2025, upToMonth: '2025-10' }).expect(201);
    expect(first.body).toMatchObject({ fiscalYearLabel: '令和7年度', upToMonth: '2025-10', k: 10 });
    expect(first.body.cells.every((c: { value: number | null }) => c.value === null || c.value === 0 || c.value >= 10)).toBe(true);
    expect(first.body.cells.some((c: { metric: string }) => c.metric.startsWith('facility') || c.metric.startsWith('placement'))).toBe(false);
    const octTotal = first.body.cells.find((c: { period: string; metric: string; dimension: string; programCode: string }) => c.period === '2025-10' && c.metric === 'contacts' && c.dimension === 'total' && c.programCode === 'josei-soudan');
    expect(octTotal.display).toBe('X'); // 8 contacts: below 10

    const second = await request(app.url).post(api('statistics/releases')).set(as(statistician)).send({ fiscalYear: 2025, upToMonth: '2025-11' }).expect(201);
    for (const c of first.body.cells.filter((x: { period: string }) => x.period !== 'FY')) {
      const again = second.body.cells.find((x: { period: string; programCode: string; metric: string; dimension: string; key: string }) => x.period === c.period && x.programCode === c.programCode && x.metric === c.metric && x.dimension === c.dimension && x.key === c.key);
      expect(again.display).toBe(c.display);
    }
    const read = await request(app.url).get(api(`statistics/releases/${first.body.id}`)).set(as(supervisor)).expect(200);
    expect(read.body.cells).toEqual(first.body.cells);
    await request(app.url).post(api('statistics/releases')).set(as(statistician)).send({ fiscalYear: 2025, upToMonth: '2025-09' }).expect(409);
    await request(app.url).post(api('statistics/releases')).set(as(supervisor)).send({ fiscalYear: 2025, upToMonth: '2025-11' }).expect(403);
    expect(await db.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'statistics.release.create'`)).toEqual([{ n: 2 }]);
  });
  it('counts DV cases by relation and violence type, 保護命令 issued, 支援措置 terms and opinions; DV details entered later mark the case\'s month stale', async () => {
    const client = await request(app.url).post(api('clients')).set(as(counselor)).send({ name: '架空 DV子', birthDate: '1990-02-02' }).expect(201);
    const kase = await request(app.url).post(api('cases')).set(as(counselor)).send({ clientId: client.body.id, programCode: 'dv-center', mainConcerns: ['husband-violence'], openedOn: '2025-07-10' }).expect(201);
    await request(app.url).put(api(`cases/${kase.body.id}/dv`)).set(as(counselor)).send({ relation: 'spouse', violenceTypes: ['physical', 'economic'], childrenExposed: true }).expect(200);
    await request(app.url).post(api(`cases/${kase.body.id}/protection-orders`)).set(as(counselor)).send({ kind: 'approach-ban', status: 'issued', filedOn: '2025-07-12', issuedOn: '2025-07-20' }).expect(201);
    await request(app.url).post(api(`cases/${kase.body.id}/support-measures`)).set(as(counselor)).send({ appliedOn: '2025-07-15', opinionGivenOn: '2025-07-14' }).expect(201);
    await runMonth('2025-07');
    const rows = await db.query(
      `SELECT metric, dimension, key, value::int AS value FROM monthly_statistics WHERE period = '2025-07' AND program_code = 'dv-center' AND metric IN ('dv-cases', 'protection-orders', 'support-measures', 'support-opinions') ORDER BY metric, dimension, key`,
    );
    expect(rows).toEqual([
      { metric: 'dv-cases', dimension: 'relation', key: 'spouse', value: 1 },
      { metric: 'dv-cases', dimension: 'total', key: 'all', value: 1 },
      { metric: 'dv-cases', dimension: 'violence-type', key: 'economic', value: 1 },
      { metric: 'dv-cases', dimension: 'violence-type', key: 'physical', value: 1 },
      { metric: 'protection-orders', dimension: 'kind', key: 'approach-ban', value: 1 },
      { metric: 'support-measures', dimension: 'kind', key: 'new', value: 1 },
      { metric: 'support-opinions', dimension: 'total', key: 'all', value: 1 },
    ]);
    // Correcting the DV details in November marks July (the case's month), not November.
    await db.query(`DELETE FROM statistics_stale_months`);
    await request(app.url).put(api(`cases/${kase.body.id}/dv`)).set(as(counselor)).send({ version: 1, relation: 'former-spouse', violenceTypes: ['physical'], childrenExposed: true }).expect(200);
    expect(await db.query(`SELECT period FROM statistics_stale_months ORDER BY period`)).toEqual([{ period: '2025-07' }]);
  });
});
