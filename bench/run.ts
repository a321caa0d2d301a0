import 'reflect-metadata';
import { Body, Controller, Get, Module, Post } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Authenticated, CurrentActor, Permission, RequirePermission } from '@tsunagu/access';
import { AuditAction, AuditCategory, TransactionRunner } from '@tsunagu/audit';
import { totpCode, User } from '@tsunagu/auth';
import { Actor, Clock } from '@tsunagu/common';
import { loadConfig } from '@tsunagu/config';
import { createScratchDatabase } from '@tsunagu/database';
import { IsInt, Max, Min } from 'class-validator';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { startApi } from '../apps/api/src/bootstrap';
import { ClientOptions, closedLoop, LoadResult } from './load';
import { caseScenarios, FIXED_RATE } from './cases-scenarios';
import { auditChainScenario, AuditChainFigures, bareNestBaseline, startupScenario, StartupFigures } from './baseline-scenarios';
import { printStatistics, statisticsScenarios, StatisticsResults } from './statistics-scenarios';

// npm run bench — measures; never asserts. Figures are reported as ratios to baselines measured
// in the same run on the same machine.

const CONCURRENCY = 8;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = 3;
/** The rate the LINE issue sets its webhook goal at (events per second). */
const LINE_RATE = 500;
const ADMIN_PASSWORD = 'bench-admin-password-1';
/** BENCH_ONLY=<regex>: run only the scenarios whose name matches (the raw insert baseline always runs). */
const only = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : null;
const wanted = (scenario: string) => !only || only.test(scenario);

const median = (runs: LoadResult[]) => [...runs].sort((a, b) => a.perSecond - b.perSecond)[Math.floor(runs.length / 2)];

class BenchWriteDto {
  @IsInt() @Min(0) @Max(CONCURRENCY - 1) slot: number;
}

/** The same protected write twice: through the audited transaction helper, and bare. */
@Controller('bench')
class BenchController {
  constructor(
    private readonly tx: TransactionRunner,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  static userIds: string[] = [];

  /** The floor of every request: HTTP, logging, the session check, serialization; no work. */
  @Get('noop')
  @Authenticated()
  noop() {
    return { ok: true };
  }

  @Post('audited-write')
  @RequirePermission(Permission.UserManage)
  async audited(@CurrentActor() actor: Actor, @Body() body: BenchWriteDto) {
    const id = BenchController.userIds[body.slot];
    await this.tx.run(actor, async (tx) => {
      await tx.manager.update(User, { id }, { displayName: `bench ${Date.now()}` });
      await tx.audit({ category: AuditCategory.Security, action: AuditAction.UserUpdate, resourceType: 'user', resourceId: id });
    });
    return { ok: true };
  }

  @Post('unaudited-write')
  @RequirePermission(Permission.UserManage)
  async unaudited(@Body() body: BenchWriteDto) {
    const id = BenchController.userIds[body.slot];
    await this.dataSource.transaction(async (manager) => {
      await manager.update(User, { id }, { displayName: `bench ${Date.now()}` });
    });
    return { ok: true };
  }
}

@Module({ controllers: [BenchController] })
class BenchModule {}

/** Runs bench/load-client.js in a child process: the server gets this process's CPU to itself. */
export function loadFromChild(options: ClientOptions): Promise<LoadResult> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [resolve(__dirname, 'load-client.js'), JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => (code === 0 ? ok(JSON.parse(out) as LoadResult) : fail(new Error(`load client exited ${code}`))));
  });
}

async function rawTwoRowInserts(url: string): Promise<LoadResult> {
  const pool = new Pool({ connectionString: url, max: CONCURRENCY });
  await pool.query(`CREATE TABLE bench_rows (id bigserial PRIMARY KEY, body text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`);
  await pool.query(`CREATE TABLE bench_events (id bigserial PRIMARY KEY, action text NOT NULL, row_id bigint NOT NULL, at timestamptz NOT NULL DEFAULT now())`);
  try {
    return await closedLoop(CONCURRENCY, SECONDS, async () => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const { rows } = await client.query(`INSERT INTO bench_rows (body) VALUES ($1) RETURNING id`, ['x'.repeat(200)]);
        await client.query(`INSERT INTO bench_events (action, row_id) VALUES ('bench.write', $1)`, [rows[0].id]);
        await client.query('COMMIT');
      } finally {
        client.release();
      }
    });
  } finally {
    await pool.end();
  }
}

async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL || undefined;
  const scratch = await createScratchDatabase('bench', serverUrl, { maxConnections: 40 });
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
    PORT: '0',
    TSUNAGU_BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
    LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
    // The webhook scenarios send LINE's load from one address, beyond what one LINE address sends.
    LINE_WEBHOOK_LIMIT_PER_ADDRESS_PER_MINUTE: '1000000',
    LINE_WEBHOOK_LIMIT_PER_CHANNEL_PER_MINUTE: '1000000',
    ...(serverUrl ? { DATABASE_URL: scratch.url } : {}),
  });
  const running = await startApi(config, { withWorker: true, databaseUrl: scratch.url, port: 0, extraImports: [BenchModule] });
  const results: Record<string, LoadResult> = {};
  let statistics: StatisticsResults = {};
  let auditChain: AuditChainFigures | null = null;
  let startup: StartupFigures | null = null;
  try {
    const api = running.url;
    const post = (path: string, body: unknown, token?: string) =>
      fetch(`${api}/api/v1/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
    const first = (await (await post('auth/login', { loginId: 'admin', password: ADMIN_PASSWORD })).json()) as { accessToken: string };
    const enrol = (await (await post('auth/mfa/enroll', {}, first.accessToken)).json()) as { secret: string };
    const clock = running.app.get(Clock);
    await post('auth/mfa/verify', { code: totpCode(enrol.secret, clock.now()) }, first.accessToken);
    const token: string = first.accessToken;
    const ds = running.app.get(DataSource);
    const [admin] = await ds.query(`SELECT id FROM users WHERE login_id = 'admin'`);
    // One row per client, so the comparison measures the audit, not lock waits.
    BenchController.userIds = Array.from({ length: CONCURRENCY }, () => admin.id);
    for (let i = 0; i < CONCURRENCY; i++) {
      const res = await post('users', { loginId: `bench.${i}`, displayName: 'bench', role: 'statistician', password: ADMIN_PASSWORD }, token);
      BenchController.userIds[i] = ((await res.json()) as { id: string }).id;
    }
    const write = (path: string, seconds: number) =>
      loadFromChild({ method: 'POST', urls: [`${api}/api/v1/${path}`], token, concurrency: CONCURRENCY, seconds, expectStatus: 201 });

    process.stdout.write(`Database: ${scratch.kind === 'postgres' ? 'PostgreSQL' : 'embedded PGlite'}; ${CONCURRENCY} clients, ${SECONDS} s per round, median of ${ROUNDS} alternating rounds\n`);
    results.rawTwoRowInsert = await rawTwoRowInserts(scratch.url);
    if (wanted('bareNest')) results.bareNest = await bareNestBaseline(loadFromChild, CONCURRENCY, SECONDS);
    if (wanted('authenticatedNoop')) {
      results.authenticatedNoop = await loadFromChild({ method: 'GET', urls: [`${api}/api/v1/bench/noop`], token, concurrency: CONCURRENCY, seconds: SECONDS, expectStatus: 200 });
    }
    if (wanted('auditedWrite')) {
      await write('bench/unaudited-write', 2); // warm-up
      await write('bench/audited-write', 2);
      // Alternate the two variants and keep each one's median round, so drift hits both alike.
      const rounds: Record<'unauditedWrite' | 'auditedWrite', LoadResult[]> = { unauditedWrite: [], auditedWrite: [] };
      for (let round = 0; round < ROUNDS; round++) {
        rounds.unauditedWrite.push(await write('bench/unaudited-write', SECONDS));
        rounds.auditedWrite.push(await write('bench/audited-write', SECONDS));
      }
      results.unauditedWrite = median(rounds.unauditedWrite);
      results.auditedWrite = median(rounds.auditedWrite);
    }
    if (wanted('lineWebhook')) {
      // The LINE webhook as LINE calls it: each request a new signed event, stored and queued; the worker processes them alongside.
      const secret = 'bench-line-channel-secret';
      await post('line/channels', { key: 'bench', name: 'bench', programCode: 'ashitaba-line', unitId: '6d1f3c2a-0b7e-4c59-9a51-3f0e8a7b1c01', channelSecret: secret, accessToken: 'bench-line-access-token' }, token);
      const hook = { method: 'POST' as const, urls: [`${api}/api/v1/line/webhook/bench`], token: '', expectStatus: 200, seconds: SECONDS, lineSecret: secret };
      results.lineWebhookFixedRate = await loadFromChild({ ...hook, rate: LINE_RATE });
      results.lineWebhookMax = await loadFromChild({ ...hook, concurrency: CONCURRENCY });
    }
    const clientCount = Number(process.env.BENCH_CLIENTS ?? (serverUrl ? 1_000_000 : 50_000));
    if (wanted('clientSearchFixedRate')) process.stdout.write(`Case scenarios; client search among ${clientCount} generated clients\n`);
    Object.assign(
      results,
      await caseScenarios(
        { api, adminToken: token, dataSource: ds, databaseUrl: scratch.url, seconds: SECONDS, concurrency: CONCURRENCY, load: loadFromChild, wanted },
        clientCount,
      ),
    );
    statistics = await statisticsScenarios({ app: running.app, dataSource: ds, embedded: scratch.kind === 'embedded', wanted });
    if (wanted('auditChain')) {
      const events = Number(process.env.BENCH_AUDIT_EVENTS ?? (serverUrl ? 1_000_000 : 50_000));
      process.stdout.write(`Audit chain: ${events} generated events, sealed and verified\n`);
      auditChain = await auditChainScenario(running.app, ds, events);
    }
  } finally {
    await running.close();
    await scratch.drop();
  }
  if (wanted('embeddedStartup')) startup = await startupScenario();

  const raw = results.rawTwoRowInsert.perSecond;
  const rows = Object.entries(results).map(([name, r]) => ({
    scenario: name,
    'req/s': r.perSecond.toFixed(0),
    'vs raw insert': (r.perSecond / raw).toFixed(3),
    'p50 ms': r.p50Ms.toFixed(2),
    'p95 ms': r.p95Ms.toFixed(2),
    'p99 ms': r.p99Ms.toFixed(2),
    errors: r.errors,
  }));
  console.table(rows);
  printStatistics(statistics);
  if (results.bareNest && results.authenticatedNoop) {
    process.stdout.write(`Bare Nest endpoint ${results.bareNest.perSecond.toFixed(0)} req/s; the authenticated no-op reaches ${(results.authenticatedNoop.perSecond / results.bareNest.perSecond * 100).toFixed(0)}% of it\n`);
  }
  if (auditChain) {
    process.stdout.write(
      `Audit chain over ${auditChain.events} events: verify ${auditChain.verifyMs} ms (${(auditChain.verifyMs / auditChain.bareReadMs).toFixed(1)}× a bare read of the rows, ${auditChain.bareReadMs} ms); sealing took ${auditChain.sealMs} ms; ok=${auditChain.ok}\n`,
    );
  }
  if (startup) {
    process.stdout.write(`Embedded start to a healthy answer: cold ${startup.embeddedColdMs} ms, warm ${startup.embeddedWarmMs} ms (bare Node HTTP server ${startup.bareNodeMs} ms)\n`);
  }
  const overhead = results.auditedWrite ? 1 - results.auditedWrite.perSecond / results.unauditedWrite.perSecond : NaN;
  if (results.auditedWrite) process.stdout.write(`Audit overhead on the write endpoint: ${(overhead * 100).toFixed(1)}% of throughput (goal: under 15%)\n`);
  if (results.contactCreateFixedRate && results.contactCreateMax) {
    process.stdout.write(
      `Contact create at ${FIXED_RATE} req/s: p95 ${results.contactCreateFixedRate.p95Ms.toFixed(1)} ms (goal < 50); max throughput ${(results.contactCreateMax.perSecond / raw * 100).toFixed(0)}% of raw (goal ≥ 40%)\n`,
    );
  }
  if (results.lineWebhookFixedRate && results.lineWebhookMax) {
    process.stdout.write(
      `LINE webhook at ${LINE_RATE} events/s: p95 ${results.lineWebhookFixedRate.p95Ms.toFixed(1)} ms (goal < 100); at most ${results.lineWebhookMax.perSecond.toFixed(0)} events/s (goal ≥ 500), ${(results.lineWebhookMax.perSecond / raw * 100).toFixed(0)}% of raw\n`,
    );
  }
  if (results.clientSearchFixedRate) {
    process.stdout.write(
      `Client search p95 ${results.clientSearchFixedRate.p95Ms.toFixed(1)} ms vs the bare index lookup ${results.rawIndexLookupFixedRate.p95Ms.toFixed(2)} ms\n`,
    );
  }
  if (only) return; // a partial run does not replace the recorded figures
  mkdirSync(resolve(process.cwd(), 'bench'), { recursive: true });
  writeFileSync(
    resolve(process.cwd(), 'bench/results.json'),
    JSON.stringify(
      {
        at: new Date().toISOString(),
        machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
        database: serverUrl ? 'postgresql' : 'pglite',
        concurrency: CONCURRENCY,
        seconds: SECONDS,
        results,
        statistics,
        auditChain,
        startup,
        ratios: {
          contactCreateMaxVsRawInsert: results.contactCreateMax.perSecond / raw,
          caseReadMaxVsRawInsert: results.caseReadMax.perSecond / raw,
          clientSearchP95VsRawLookupP95: results.clientSearchFixedRate.p95Ms / results.rawIndexLookupFixedRate.p95Ms,
          auditedVsUnaudited: results.auditedWrite.perSecond / results.unauditedWrite.perSecond,
          auditOverhead: overhead,
          unauditedVsRawInsert: results.unauditedWrite.perSecond / raw,
          auditedVsRawInsert: results.auditedWrite.perSecond / raw,
          lineWebhookMaxVsRawInsert: results.lineWebhookMax ? results.lineWebhookMax.perSecond / raw : null,
          authenticatedNoopVsBareNest: results.bareNest ? results.authenticatedNoop.perSecond / results.bareNest.perSecond : null,
          contactCreateMaxVsBareNest: results.bareNest ? results.contactCreateMax.perSecond / results.bareNest.perSecond : null,
          auditVerifyVsBareRead: auditChain ? auditChain.verifyMs / auditChain.bareReadMs : null,
          embeddedColdStartVsBareNode: startup ? startup.embeddedColdMs / startup.bareNodeMs : null,
        },
      },
      null,
      2,
    ),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${(error as Error).message}\n`);
  process.exit(1);
});
