import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { loadConfig } from '@tsunagu/config';
import { createScratchDatabase, ScratchDatabase } from '@tsunagu/database';
import { RunningApi, startApi, StartOptions } from '../../apps/api/src/bootstrap';

export const BOOTSTRAP_ADMIN_PASSWORD = 'bootstrap-admin-pass-0001';

/** Real services when the environment names them; embedded PGlite and the in-process queue otherwise. */
export const realDatabaseUrl = process.env.DATABASE_URL || undefined;
export const realRedisUrl = process.env.REDIS_URL || undefined;

export interface TestApp extends RunningApi {
  db: ScratchDatabase;
  /** REDIS_PREFIX of this suite, so suites never share queues. */
  redisPrefix: string;
}

/** Collects log lines in memory so tests can assert what was (not) logged. */
export class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _enc: string, done: () => void): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  }
  get text(): string {
    return this.lines.join('\n');
  }
}

/**
 * Starts the api with the worker on a database of its own (a new database on the real
 * server, or an in-memory PGlite) listening on a free port.
 */
export async function startTestApp(
  label: string,
  options: {
    env?: Record<string, string>;
    logs?: LogCapture;
    extraImports?: StartOptions['extraImports'];
    withWorker?: boolean;
    /** Another app's database, to run a second process against the same data (not dropped on close). */
    sharedDatabase?: ScratchDatabase;
  } = {},
): Promise<TestApp> {
  const owned = !options.sharedDatabase;
  const db = options.sharedDatabase ?? (await createScratchDatabase(label, realDatabaseUrl, { embeddedIn: 'child-process' }));
  const redisPrefix = `t${randomBytes(5).toString('hex')}`;
  try {
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: options.logs ? 'info' : 'silent',
      HOST: '127.0.0.1',
      TSUNAGU_MASTER_KEY: randomBytes(32).toString('base64'),
      TSUNAGU_BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
      TSUNAGU_BOOTSTRAP_ADMIN_PASSWORD: BOOTSTRAP_ADMIN_PASSWORD,
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
      ...(realDatabaseUrl ? { DATABASE_URL: db.url } : {}),
      ...(realRedisUrl ? { REDIS_URL: realRedisUrl, REDIS_PREFIX: redisPrefix } : {}),
      ...options.env,
    });
    const running = await startApi(config, {
      withWorker: options.withWorker ?? true,
      databaseUrl: db.url,
      port: 0,
      logDestination: options.logs,
      extraImports: options.extraImports,
    });
    return {
      ...running,
      db,
      redisPrefix,
      async close() {
        await running.close();
        if (owned) await db.drop();
      },
    };
  } catch (error) {
    if (owned) await db.drop();
    throw error;
  }
}
