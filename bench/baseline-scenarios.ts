import { Controller, Get, INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { INestApplicationContext } from '@nestjs/common';
import { AuditSealer, AuditVerifier } from '@tsunagu/audit';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { projectRoot } from '../apps/api/src/web-app';
import { ClientOptions, LoadResult } from './load';

// Baselines and scenarios that the other files don't cover: a bare Nest endpoint
// (what HTTP through Nest costs before Tsunagu adds anything), verifying the audit chain over
// many events against a bare read of the same rows, and how long the embedded default takes
// to answer its health check from a cold and a warm start against a bare Node HTTP server.

@Controller()
class BareController {
  @Get('bare')
  bare() {
    return { ok: true };
  }
}

@Module({ controllers: [BareController] })
class BareModule {}

/** GET /bare on a Nest app with nothing else (no guard, logging, database): the HTTP floor. */
export async function bareNestBaseline(load: (o: ClientOptions) => Promise<LoadResult>, concurrency: number, seconds: number): Promise<LoadResult> {
  const app: INestApplication = await NestFactory.create(BareModule, { logger: false });
  await app.listen(0, '127.0.0.1');
  try {
    const url = `${await app.getUrl()}/bare`.replace('[::1]', '127.0.0.1');
    return await load({ method: 'GET', urls: [url], token: '', concurrency, seconds, expectStatus: 200 });
  } finally {
    await app.close();
  }
}

export interface AuditChainFigures {
  events: number;
  generateMs: number;
  sealMs: number;
  verifyMs: number;
  bareReadMs: number;
  ok: boolean;
}

/**
 * Adds `events` synthetic audit events set-based, seals them with the app's sealer (as the
 * processes do), then times `AuditVerifier.verify` against a bare read of the same events and
 * seals in one statement each.
 */
export async function auditChainScenario(app: INestApplicationContext, ds: DataSource, events: number): Promise<AuditChainFigures> {
  let started = Date.now();
  await ds.query(
    `INSERT INTO audit_events (occurred_at, category, action, outcome, actor_role, resource_type, resource_id, request_id)
     SELECT now() - (g * interval '1 second'), 'case', 'case.read', 'allowed', 'counselor', 'case', md5(g::text), 'bench-' || g
       FROM generate_series(1, $1) AS g`,
    [events],
  );
  const generateMs = Date.now() - started;
  started = Date.now();
  const sealer = app.get(AuditSealer);
  while ((await sealer.sealPending()) > 0 || (await ds.query(`SELECT EXISTS (SELECT 1 FROM audit_events e WHERE NOT EXISTS (SELECT 1 FROM audit_seals s WHERE s.event_id = e.id)) AS x`))[0].x) {
    // The background sealer may hold the lock: wait for it.
    await new Promise((r) => setTimeout(r, 200));
  }
  const sealMs = Date.now() - started;
  started = Date.now();
  const result = await app.get(AuditVerifier).verify();
  const verifyMs = Date.now() - started;
  started = Date.now();
  await ds.query(`SELECT count(*), sum(length(e.action) + length(coalesce(e.resource_id, ''))) FROM audit_events e`);
  await ds.query(`SELECT count(*), sum(length(s.hash)) FROM audit_seals s`);
  const bareReadMs = Date.now() - started;
  return { events, generateMs, sealMs, verifyMs, bareReadMs, ok: result.ok };
}

export interface StartupFigures {
  bareNodeMs: number;
  embeddedColdMs: number;
  embeddedWarmMs: number;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}

/** Milliseconds from spawning `args` until GET `path` answers 200; the process is stopped after. */
async function timeToAnswer(args: string[], env: NodeJS.ProcessEnv, port: number, path: string): Promise<number> {
  const started = Date.now();
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited ${child.exitCode}: ${stderr.slice(-400)}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}${path}`);
        if (res.status === 200) return Date.now() - started;
      } catch {
        // not listening yet
      }
      if (Date.now() - started > 300_000) throw new Error('no answer in 5 minutes');
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  }
}

/** The embedded default (`npm start` without DATABASE_URL) from a new data folder and again, against a bare Node HTTP server. Needs `npm run build`. */
export async function startupScenario(): Promise<StartupFigures> {
  const root = projectRoot();
  const port = await freePort();
  const bareNodeMs = await timeToAnswer(['-e', `require('node:http').createServer((q, s) => s.end('ok')).listen(${port}, '127.0.0.1')`], { PATH: process.env.PATH }, port, '/');
  const dataDir = mkdtempSync(join(tmpdir(), 'tsunagu-bench-start-'));
  const env = { PATH: process.env.PATH, NODE_ENV: 'development', PORT: String(port), HOST: '127.0.0.1', TSUNAGU_DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  const main = [join(root, 'dist/apps/api/src/main.js'), '--with-worker'];
  try {
    const embeddedColdMs = await timeToAnswer(main, env, port, '/api/v1/health');
    const embeddedWarmMs = await timeToAnswer(main, env, port, '/api/v1/health');
    return { bareNodeMs, embeddedColdMs, embeddedWarmMs };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
