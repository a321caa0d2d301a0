import { INestApplicationContext } from '@nestjs/common';
import { Actor, addDays, addMonths, Clock, fiscalYearRange, jstDate, jstStartOfDay, Role } from '@tsunagu/common';
import { RunStatus, StatisticsService } from '@tsunagu/statistics';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { latestRuns } from '../libs/statistics/src/latest-runs';
import { bind, METRICS } from '../libs/statistics/src/metrics';
import { ProgramReportService } from '../libs/statistics/src/program-report.service';
import { programReportXlsx } from '../libs/statistics/src/program-report/export';

export interface StatisticsBenchContext {
  app: INestApplicationContext;
  dataSource: DataSource;
  /** Embedded PGlite: fewer generated contacts by default. */
  embedded: boolean;
  wanted: (scenario: string) => boolean;
}

export interface MonthResult {
  kind: 'month';
  contacts: number;
  monthContacts: number;
  rounds: number;
  /** The seven contact figures as plain SELECT … GROUP BY, one statement each: the goal's baseline. */
  handGroupByMs: number;
  /** The same figures in one SELECT … GROUP BY GROUPING SETS: one scan of the month. */
  onePassMs: number;
  /** The run's statements over contacts: METRICS through bind(), as the job executes them. */
  contactsPartMs: number;
  /** All METRICS statements of the month. */
  queryMs: number;
  /** StatisticsService.execute end to end: bookkeeping, statements, swap and audit event. */
  executeMs: number;
  contactsPartVsHand: number;
  contactsPartVsOnePass: number;
  /** How the planner reads contacts for a month (EXPLAIN of the job's statement over contacts). */
  contactsScan: string;
  /** Median ms of each of the job's statements, by metric/dimension. */
  statements: Record<string, number>;
}

export interface ReportResult {
  kind: 'report';
  fiscalYear: number;
  months: number;
  rows: number;
  rounds: number;
  /** Baseline: the latest runs of the year and their rows, read bare. */
  bareReadMs: number;
  jsonMs: number;
  xlsxMs: number;
  xlsxBytes: number;
  jsonVsBareRead: number;
}

export type StatisticsResults = Record<string, MonthResult | ReportResult>;

const UNIT_ID = '6d1f3c2a-0b7e-4c59-9a51-3f0e8a7b1c01';
/** Generated contacts spread evenly over FY2024 and FY2025 (24 months, JST). */
const SPAN_FROM = '2024-04-01';
const SPAN_TO = '2026-04-01';
const MEASURED_MONTH = '2025-10';
const FISCAL_YEAR = 2025;
const CLIENTS = 20_000;
const CASES = 25_000;
const CHUNK = 500_000;
const ROUNDS = 3;
const REPORT_ROUNDS = 5;
/** Programs counted per contact; a case's contacts carry its program, as ContactsService records them. */
const PROGRAMS = ['josei-soudan', 'josei-soudan', 'dv-center', 'lgbtq-phone', 'career-hoken'];

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const label = (n: number) => (n % 1_000_000 === 0 ? `${n / 1_000_000}M` : n % 1000 === 0 ? `${n / 1000}k` : String(n));
const array = (values: string[]) => `(ARRAY[${values.map((v) => `'${v}'`).join(', ')}])`;
/** One of the (constant) values at random; repeats weight them. */
const pick = (values: string[]) => `${array(values)}[1 + floor(random() * ${values.length})::int]`;

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

/** The month's contact figures written by hand: plain SELECT … GROUP BY, joining only where a figure needs it. */
const MONTH = `ct.started_at >= $1 AND ct.started_at < $2`;
const WITH_CLIENT = `FROM contacts ct LEFT JOIN cases c ON c.id = ct.case_id LEFT JOIN clients cl ON cl.id = c.client_id WHERE ${MONTH}`;
const HAND_GROUP_BY = [
  `SELECT ct.program_code, count(*) FROM contacts ct WHERE ${MONTH} GROUP BY 1`,
  `SELECT ct.program_code, ct.channel, count(*) FROM contacts ct WHERE ${MONTH} GROUP BY 1, 2`,
  `SELECT ct.program_code, ct.main_concern, count(*) FROM contacts ct WHERE ${MONTH} GROUP BY 1, 2`,
  `SELECT ct.program_code, ct.dv_related, count(*) FROM contacts ct WHERE ${MONTH} GROUP BY 1, 2`,
  `SELECT ct.program_code, COALESCE(cl.age_band, 'unknown'), count(*) ${WITH_CLIENT} GROUP BY 1, 2`,
  `SELECT ct.program_code, COALESCE(cl.gender, 'unknown'), count(*) ${WITH_CLIENT} GROUP BY 1, 2`,
  `SELECT ct.program_code, count(DISTINCT c.client_id) FROM contacts ct JOIN cases c ON c.id = ct.case_id WHERE ${MONTH} GROUP BY 1`,
];
const ONE_PASS = `SELECT ct.program_code, ct.channel, ct.main_concern, ct.dv_related, COALESCE(cl.age_band, 'unknown') AS age_band, COALESCE(cl.gender, 'unknown') AS gender,
    count(*), count(DISTINCT c.client_id) ${WITH_CLIENT}
  GROUP BY GROUPING SETS ((1), (1, 2), (1, 3), (1, 4), (1, 5), (1, 6))`;

/**
 * A month's statistics run over 1M and 5M generated contacts against the same figures written
 * by hand, and the fiscal-year program report built from 12 computed months. Measures; never asserts.
 */
export async function statisticsScenarios(ctx: StatisticsBenchContext): Promise<StatisticsResults> {
  const sizes = (process.env.BENCH_CONTACTS ?? (ctx.embedded ? '50000,250000' : '1000000,5000000')).split(',').map(Number);
  const reportWanted = ctx.wanted('statistics-report-fy');
  const lastWanted = reportWanted ? sizes.length - 1 : sizes.findLastIndex((n) => ctx.wanted(`statistics-month-${label(n)}`));
  if (lastWanted < 0) return {};
  const ds = ctx.dataSource;
  const [admin] = await ds.query(`SELECT id FROM users WHERE login_id = 'admin'`);
  const generator = await generatedCaseload(ds, admin.id);
  const results: StatisticsResults = {};
  for (const size of sizes.slice(0, lastWanted + 1)) {
    const name = `statistics-month-${label(size)}`;
    const seconds = await timed(() => generator.growTo(size));
    process.stdout.write(`Statistics: ${label(size)} contacts over 24 months (generated in ${(seconds / 1000).toFixed(0)} s)\n`);
    if (ctx.wanted(name)) results[name] = await measureMonth(ctx, size);
  }
  if (reportWanted) results['statistics-report-fy'] = await measureReport(ctx, admin.id);
  return results;
}

/** Clients and cases of the unit, then contacts grown in steps; all ids valid, all set-based. */
async function generatedCaseload(ds: DataSource, userId: string) {
  const [key] = await ds.query(`INSERT INTO data_keys (id, subject_type, subject_id, created_at) VALUES (gen_random_uuid(), 'bench', gen_random_uuid(), now()) RETURNING id`);
  await ds.query(
    `INSERT INTO clients (id, unit_id, data_key_id, name_enc, gender, age_band, created_at, created_by, updated_at, version)
     SELECT md5('bench-client-' || n)::uuid, $1, $2, 'f1.generated', ${pick(['female', 'female', 'female', 'female', 'female', 'female', 'male', 'other', 'unknown', 'unknown'])},
            ${pick(['under-20', '20s', '30s', '30s', '40s', '40s', '50s', '60s', '70-plus', 'unknown'])}, now(), $3, now(), 1
       FROM generate_series(1, $4::int) AS n`,
    [UNIT_ID, key.id, userId, CLIENTS],
  );
  await ds.query(
    `INSERT INTO cases (id, case_number, client_id, program_code, unit_id, status, main_concerns, opened_on, closed_on, created_at, updated_at, version)
     SELECT md5('bench-case-' || n)::uuid, 'BENCH-' || n, md5('bench-client-' || (1 + n % $1::int))::uuid, ${array(PROGRAMS)}[1 + n % ${PROGRAMS.length}], $2,
            CASE WHEN n % 3 = 0 THEN 'closed' ELSE 'open' END, '{divorce}', o.opened, CASE WHEN n % 3 = 0 THEN o.opened + 60 END, now(), now(), 1
       FROM generate_series(1, $3::int) AS n, LATERAL (SELECT $4::date + (n * ($5::date - $4::date) / $3::int) AS opened) o`,
    [CLIENTS, UNIT_ID, CASES, SPAN_FROM, addDays(SPAN_TO, -61)],
  );
  await ds.query(`ANALYZE clients`);
  await ds.query(`ANALYZE cases`);
  let have = 0;
  return {
    async growTo(size: number) {
      const count = size - have;
      await withoutContactIndexes(ds, async () => {
        for (let lo = have + 1; lo <= size; lo += CHUNK) {
          // Each step spreads its rows evenly over the 24 months; 80% on a case, the rest anonymous.
          await ds.query(
            `INSERT INTO contacts (id, case_id, program_code, unit_id, started_at, duration_minutes, channel, counselor_id, main_concern, other_concerns, dv_related, data_key_id, created_at, version)
             SELECT gen_random_uuid(), md5('bench-case-' || g.case_n)::uuid, COALESCE(${array(PROGRAMS)}[1 + g.case_n % ${PROGRAMS.length}], ${pick(PROGRAMS)}), $1, g.at, 20,
                    ${pick(['phone', 'phone', 'phone', 'phone', 'phone', 'phone', 'visit', 'visit', 'email', 'online', 'outreach'])}, $2,
                    ${pick(['husband-violence', 'husband-other', 'divorce', 'divorce', 'family-violence', 'partner-violence', 'economic', 'housing', 'medical', 'pregnancy', 'relationship', 'other', 'other'])},
                    '{}', random() < 0.3, $3, g.at, 1
               FROM (SELECT CASE WHEN random() < 0.8 THEN 1 + floor(random() * $4::int)::int END AS case_n,
                            $5::timestamptz + (i - $6::bigint + 0.5) / $7::float8 * ($8::timestamptz - $5::timestamptz) AS at
                       FROM generate_series($9::bigint, $10::bigint) AS i) g`,
            [UNIT_ID, userId, key.id, CASES, jstStartOfDay(SPAN_FROM), have + 1, count, jstStartOfDay(SPAN_TO), lo, Math.min(lo + CHUNK - 1, size)],
          );
        }
      });
      have = size;
      await ds.query(`VACUUM (ANALYZE) contacts`);
    },
  };
}

/**
 * Bulk load as pg_restore does it: the table's keys, indexes and triggers off while rows go in,
 * then the same definitions rebuilt (foreign keys validated over all rows). Row by row, the
 * stale-month trigger and four foreign-key checks take about 10 minutes for 5M rows, not 2.
 */
async function withoutContactIndexes(ds: DataSource, load: () => Promise<void>): Promise<void> {
  const constraints: { name: string; def: string }[] = await ds.query(
    `SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'contacts'::regclass AND contype IN ('p', 'u', 'f') ORDER BY contype = 'f', conname`,
  );
  const indexes: { name: string; def: string }[] = await ds.query(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS def FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE i.indrelid = 'contacts'::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`,
  );
  for (const c of [...constraints].reverse()) await ds.query(`ALTER TABLE contacts DROP CONSTRAINT "${c.name}"`);
  for (const i of indexes) await ds.query(`DROP INDEX "${i.name}"`);
  await ds.query(`ALTER TABLE contacts DISABLE TRIGGER USER`);
  try {
    await load();
  } finally {
    await ds.query(`ALTER TABLE contacts ENABLE TRIGGER USER`);
    const [keys, foreign] = [constraints.filter((c) => !c.def.startsWith('FOREIGN KEY')), constraints.filter((c) => c.def.startsWith('FOREIGN KEY'))];
    for (const c of keys) await ds.query(`ALTER TABLE contacts ADD CONSTRAINT "${c.name}" ${c.def}`);
    for (const i of indexes) await ds.query(i.def);
    for (const c of foreign) await ds.query(`ALTER TABLE contacts ADD CONSTRAINT "${c.name}" ${c.def}`);
  }
}

/** The values StatisticsService.execute binds for a month. */
function monthValues(runId: string, period: string, now: Date) {
  const first = `${period}-01`;
  const next = addMonths(first, 1);
  const today = jstDate(now);
  return { run: runId, period, start: jstStartOfDay(first), end: jstStartOfDay(next), first, last: addDays(next, -1), today, cap: today < next ? today : next };
}

const newRun = async (ds: DataSource, period: string, status: RunStatus) => {
  const id = randomUUID();
  await ds.query(`INSERT INTO statistics_runs (id, period, status, progress, created_at) VALUES ($1, $2, $3, 0, now())`, [id, period, status]);
  return id;
};

/** The run's statements, one by one as the job executes them, under a run of their own (removed after). */
async function jobStatements(ds: DataSource, period: string, now: Date): Promise<Record<string, number>> {
  const runId = await newRun(ds, period, RunStatus.Running);
  const times: Record<string, number> = {};
  try {
    const values = monthValues(runId, period, now);
    for (const metric of METRICS) {
      const [sql, params] = bind(metric.sql, values);
      const name = `${metric.metric}/${metric.dimension}`;
      times[name] = (times[name] ?? 0) + (await timed(() => ds.query(sql, params)));
    }
  } finally {
    await ds.query(`DELETE FROM statistics_runs WHERE id = $1`, [runId]);
  }
  return times;
}

/** StatisticsService.execute on a new queued run, as the worker calls it. */
async function executeRun(ctx: StatisticsBenchContext, period: string): Promise<number> {
  const runId = await newRun(ctx.dataSource, period, RunStatus.Queued);
  const ms = await timed(() => ctx.app.get(StatisticsService).execute(runId, { jobId: `bench-${runId}`, attempt: 1, maxAttempts: 1 }));
  const [run] = await ctx.dataSource.query(`SELECT status FROM statistics_runs WHERE id = $1`, [runId]);
  if (run.status !== RunStatus.Done) throw new Error(`statistics run of ${period} ended ${run.status}`);
  return ms;
}

/** Scan nodes on contacts in the plan of the job's statement over contacts, e.g. "Parallel Seq Scan". */
async function contactsScan(ds: DataSource, period: string, now: Date): Promise<string> {
  const contacts = METRICS.find((m) => m.sql.includes('FROM contacts'));
  if (!contacts) return 'unknown';
  const [sql, params] = bind(contacts.sql, monthValues(randomUUID(), period, now));
  const [row] = await ds.query(`EXPLAIN (FORMAT JSON) ${sql}`, params);
  const plan = row['QUERY PLAN'];
  const found: string[] = [];
  const walk = (node: Record<string, unknown>) => {
    const index = node['Index Name'] as string | undefined;
    if (node['Relation Name'] === 'contacts' || index?.startsWith('IDX_contacts')) found.push(index ? `${String(node['Node Type'])} using ${index}` : String(node['Node Type']));
    for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
  };
  walk((typeof plan === 'string' ? JSON.parse(plan) : plan)[0].Plan);
  return found.join(' / ');
}

async function measureMonth(ctx: StatisticsBenchContext, contacts: number): Promise<MonthResult> {
  const ds = ctx.dataSource;
  const now = ctx.app.get(Clock).now();
  const { start, end } = monthValues('', MEASURED_MONTH, now);
  const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM contacts ct WHERE ${MONTH}`, [start, end]);
  const statementRounds: Record<string, number>[] = [];
  const variants = {
    hand: async () => {
      let ms = 0;
      for (const sql of HAND_GROUP_BY) ms += await timed(() => ds.query(sql, [start, end]));
      return ms;
    },
    onePass: () => timed(() => ds.query(ONE_PASS, [start, end])),
    job: async () => {
      const times = await jobStatements(ds, MEASURED_MONTH, now);
      statementRounds.push(times);
      return Object.values(times).reduce((a, b) => a + b, 0);
    },
    execute: () => executeRun(ctx, MEASURED_MONTH),
  };
  const names = Object.keys(variants) as (keyof typeof variants)[];
  for (const name of names) await variants[name](); // warm-up: caches and hint bits
  statementRounds.length = 0;
  const rounds: Record<keyof typeof variants, number[]> = { hand: [], onePass: [], job: [], execute: [] };
  // Alternate the order, so drift hits all variants alike.
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of round % 2 ? [...names].reverse() : names) rounds[name].push(await variants[name]());
  }
  const statements = Object.fromEntries(Object.keys(statementRounds[0]).map((k) => [k, median(statementRounds.map((r) => r[k]))]));
  const contactsPart = statementRounds.map((r) => METRICS.filter((m) => m.sql.includes('FROM contacts')).reduce((sum, m) => sum + r[`${m.metric}/${m.dimension}`], 0));
  const handGroupByMs = median(rounds.hand);
  const onePassMs = median(rounds.onePass);
  const contactsPartMs = median(contactsPart);
  return {
    kind: 'month',
    contacts,
    monthContacts: n,
    rounds: ROUNDS,
    handGroupByMs,
    onePassMs,
    contactsPartMs,
    queryMs: median(rounds.job),
    executeMs: median(rounds.execute),
    contactsPartVsHand: contactsPartMs / handGroupByMs,
    contactsPartVsOnePass: contactsPartMs / onePassMs,
    contactsScan: await contactsScan(ds, MEASURED_MONTH, now),
    statements,
  };
}

/** The fiscal year's 12 months computed by the job, then the report read as JSON and as XLSX. */
async function measureReport(ctx: StatisticsBenchContext, adminId: string): Promise<ReportResult> {
  const ds = ctx.dataSource;
  const { from } = fiscalYearRange(FISCAL_YEAR);
  const months = Array.from({ length: 12 }, (_, i) => addMonths(from, i).slice(0, 7));
  const done = new Set((await latestRuns(ds.manager, months)).map((r) => r.period));
  for (const month of months.filter((m) => !done.has(m))) await executeRun(ctx, month);
  const service = ctx.app.get(ProgramReportService);
  const actor: Actor = { userId: adminId, role: Role.Admin, unitId: null, departmentId: null, sessionId: 'bench', requestId: 'bench-report', ip: null };
  const query = { fiscalYear: FISCAL_YEAR };
  let rows = 0;
  let xlsxBytes = 0;
  const bareRead = async () => {
    const runs = await latestRuns(ds.manager, months);
    rows = (await ds.query(`SELECT period, program_code, metric, dimension, key, value FROM monthly_statistics WHERE run_id = ANY($1)`, [runs.map((r) => r.id)])).length;
  };
  const json = async () => {
    const report = await service.report(actor, query);
    if (report.missingMonths.length) throw new Error(`FY${FISCAL_YEAR} report misses ${report.missingMonths.join(', ')}`);
  };
  const xlsx = async () => {
    xlsxBytes = (await programReportXlsx(await service.report(actor, query))).length;
  };
  await bareRead();
  await json();
  await xlsx();
  const rounds = { bare: [] as number[], json: [] as number[], xlsx: [] as number[] };
  for (let round = 0; round < REPORT_ROUNDS; round++) {
    rounds.bare.push(await timed(bareRead));
    rounds.json.push(await timed(json));
    rounds.xlsx.push(await timed(xlsx));
  }
  const bareReadMs = median(rounds.bare);
  const jsonMs = median(rounds.json);
  return { kind: 'report', fiscalYear: FISCAL_YEAR, months: months.length, rows, rounds: REPORT_ROUNDS, bareReadMs, jsonMs, xlsxMs: median(rounds.xlsx), xlsxBytes, jsonVsBareRead: jsonMs / bareReadMs };
}

/** The statistics table and the issue's goals, after the load table. */
export function printStatistics(results: StatisticsResults): void {
  const entries = Object.entries(results);
  if (!entries.length) return;
  const ms = (v: number) => v.toFixed(0);
  console.table(
    entries.flatMap(([scenario, r]) =>
      r.kind === 'month'
        ? [{
            scenario,
            'month rows': r.monthContacts,
            'hand GROUP BY ms': ms(r.handGroupByMs),
            'one-pass ms': ms(r.onePassMs),
            'run contacts ms': ms(r.contactsPartMs),
            'vs hand': r.contactsPartVsHand.toFixed(2),
            'vs one-pass': r.contactsPartVsOnePass.toFixed(2),
            'run queries ms': ms(r.queryMs),
            'execute ms': ms(r.executeMs),
          }]
        : [],
    ),
  );
  for (const [scenario, r] of entries) {
    if (r.kind === 'month') {
      const [slowest, slowestMs] = Object.entries(r.statements).sort((x, y) => y[1] - x[1])[0];
      process.stdout.write(
        `${scenario}: run queries ${ms(r.queryMs)} ms (goal < 1000), contacts part ${r.contactsPartVsHand.toFixed(2)}× the hand GROUP BY (goal ≤ 1.5), ${r.contactsPartVsOnePass.toFixed(2)}× one pass; contacts read by ${r.contactsScan}; slowest ${slowest} ${ms(slowestMs)} ms\n`,
      );
    } else {
      process.stdout.write(
        `${scenario}: FY${r.fiscalYear} report over ${r.months} computed months (${r.rows} rows): JSON ${ms(r.jsonMs)} ms, XLSX ${ms(r.xlsxMs)} ms (goal < 3000); ${r.jsonVsBareRead.toFixed(1)}× the bare read of its rows (${r.bareReadMs.toFixed(1)} ms)\n`,
      );
    }
  }
}
