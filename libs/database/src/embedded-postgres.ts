import { PGlite } from '@electric-sql/pglite';
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface EmbeddedPostgres {
  /** postgres:// URL of the socket server, for the ordinary `pg` driver. */
  readonly url: string;
  stop(): Promise<void>;
}

/** A file of the repository's scripts/ folder, from the sources (libs/database/src) or the build (dist/libs/database/src). */
function scriptPath(name: string): string {
  const candidates = [resolve(__dirname, '../../../scripts', name), resolve(__dirname, '../../../../scripts', name)];
  return candidates.find((path) => existsSync(path)) ?? candidates[0];
}

interface WireServer {
  port: number;
  stop(): Promise<void>;
}
// Plain JavaScript shared with the Jest helper process (scripts/pglite-server.js).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const wire = require(scriptPath('pglite-wire.js')) as {
  startWireServer(db: PGlite, options: { host: string; port: number; maxConnections: number }): Promise<WireServer>;
};

/**
 * Starts PGlite behind a PostgreSQL wire-protocol socket on a free loopback port, so the
 * app reaches it with the same `pg` driver and migrations as a real server.
 * PGlite runs one session: the wire server (scripts/pglite-wire.js) runs one connection's
 * query cycle at a time and keeps a transaction's statements together, so code must use
 * SET LOCAL inside transactions, never session SET, and must not wait inside a transaction
 * for a query on another connection.
 *
 * @param dataDir folder to keep the database in, or 'memory' for a throw-away one
 * @param maxConnections at least the pool size of every client that will connect
 */
export async function startEmbeddedPostgres(dataDir: string, maxConnections: number): Promise<EmbeddedPostgres> {
  let unlock = () => undefined as void;
  if (dataDir !== 'memory') {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    unlock = lockDataDir(dataDir);
  }
  let db: PGlite;
  let server: WireServer;
  try {
    db = await PGlite.create(dataDir === 'memory' ? 'memory://' : dataDir);
  } catch (error) {
    unlock();
    throw error;
  }
  try {
    server = await wire.startWireServer(db, { host: '127.0.0.1', port: 0, maxConnections });
  } catch (error) {
    await db.close();
    unlock();
    throw error;
  }
  const { port } = server;
  let stopped = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
      await db.close();
      unlock();
    },
  };
}

/** Thrown when another process has the embedded database's folder open. */
export class EmbeddedDatabaseInUseError extends Error {
  constructor(dataDir: string, pid: number) {
    super(`The embedded database in ${dataDir} is in use by process ${pid} (npm start?). Stop it first, then run this again.`);
  }
}

/**
 * One process at a time on a data folder: two PGlite instances on the same files would corrupt
 * them (e.g. a command such as accounts:approve run while `npm start` is up). A lock file names
 * the holder's pid; a lock left by a process that is gone is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  const lock = join(dataDir, 'tsunagu.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lock, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lock, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(readFileSync(lock, 'utf8'), 10);
      if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder)) throw new EmbeddedDatabaseInUseError(dataDir, holder);
      rmSync(lock, { force: true });
    }
  }
  throw new Error(`Could not lock the embedded database in ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The same in-memory database in a child process (scripts/pglite-server.js), for callers that
 * run inside a module sandbox without native dynamic import(), such as Jest.
 */
export async function startEmbeddedPostgresProcess(maxConnections: number): Promise<EmbeddedPostgres> {
  const script = scriptPath('pglite-server.js');
  const child = spawn(process.execPath, [script, String(maxConnections)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const url = await new Promise<string>((ok, fail) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const match = /READY (\S+)\n/.exec(out);
      if (match) ok(match[1]);
    });
    child.once('exit', (code) => fail(new Error(`embedded database process exited (${code}) before it was ready`)));
  });
  return {
    url,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}
