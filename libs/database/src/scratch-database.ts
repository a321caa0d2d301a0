import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { startEmbeddedPostgres, startEmbeddedPostgresProcess } from './embedded-postgres';

export interface ScratchDatabase {
  readonly url: string;
  readonly kind: 'postgres' | 'embedded';
  /** Makes the database unreachable (tests of outages). */
  makeUnavailable(): Promise<void>;
  drop(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * A throw-away database: a new database on the server of `serverUrl` when given (dropped
 * afterwards), otherwise an in-memory PGlite. Used by tests and the schema drift check.
 */
export async function createScratchDatabase(
  label: string,
  serverUrl?: string,
  options: { maxConnections?: number; embeddedIn?: 'this-process' | 'child-process' } = {},
): Promise<ScratchDatabase> {
  if (!serverUrl) {
    const maxConnections = options.maxConnections ?? 20;
    const embedded =
      options.embeddedIn === 'child-process'
        ? await startEmbeddedPostgresProcess(maxConnections)
        : await startEmbeddedPostgres('memory', maxConnections);
    return { url: embedded.url, kind: 'embedded', makeUnavailable: () => embedded.stop(), drop: () => embedded.stop() };
  }
  const safeLabel = label.toLowerCase().replace(/[^a-z0-9]+/g, '_').slice(0, 30);
  const name = `tsunagu_${safeLabel}_${randomBytes(4).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE "${name}"`);
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  };
  return { url: withDatabase(serverUrl, name), kind: 'postgres', makeUnavailable: drop, drop };
}
