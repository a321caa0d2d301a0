import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

// A test never depends on the date it runs on, and the application asks its Clock for "now".
// `new Date()` and `Date.now()` read the wall clock, which TSUNAGU_TEST_NOW does not move: a test
// takes today from test/support/clock.ts and measures elapsed time with performance.now(); the
// server code takes now from Clock. The database's now() is the wall clock too.
const root = join(__dirname, '..');

/** Files that may read the wall clock, each with the reason. */
const ALLOWED: Record<string, string> = {
  'libs/common/src/clock.ts': 'the clock itself',
  'libs/queue/src/in-process-job-queue.ts': 'timers and cron firing in real time, as BullMQ does; the jobs read the date from Clock',
  'libs/queue/src/bullmq-job-queue.ts': 'a back-off for an unreachable Redis (elapsed time)',
  'libs/queue/src/job-outbox.relay.ts': 'the relay’s polling interval (elapsed time)',
  'libs/crypto/src/data-keys/data-key.service.ts': 'the expiry of the in-memory key cache (elapsed time)',
  'libs/codes/src/codes.service.ts': 'the expiry of the in-memory code-table cache (elapsed time)',
  'libs/line/src/channels/line-channels.service.ts': 'the expiry of the in-memory channel cache (elapsed time)',
  'libs/database/src/installation.entity.ts': 'when the installation was first set up (the database’s own record, not a date of casework)',
  'apps/cli/src/seed-fy2025.ts': 'how long the seed took (elapsed time)',
  'apps/cli/src/seed-fy2025/seed.ts': 'a deadline for the worker to finish (elapsed time)',
  'apps/cli/src/migration-generate.ts': 'a new migration’s name is its creation time',
  'test/smoke/embedded-smoke.js': 'starts the app as a newcomer does, on the real clock (NODE_ENV is not test)',
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'screenshots' ? [] : sourceFiles(path);
    return /\.(ts|js)$/.test(entry.name) && !/\.d\.ts$/.test(entry.name) ? [path] : [];
  });
}

const WALL_CLOCK = /new Date\(\s*\)|Date\.now\(\)|(?<![\w.])now\(\)|CURRENT_(DATE|TIMESTAMP)|LOCALTIMESTAMP|clock_timestamp\(\)|statement_timestamp\(\)/;

describe('no test depends on the date it runs on', () => {
  const files = ['test', 'libs', 'apps/api', 'apps/worker', 'apps/cli'].flatMap((dir) => sourceFiles(join(root, dir)));

  it('reads the wall clock only where the list above says why', () => {
    const offenders: string[] = [];
    for (const file of files) {
      const name = relative(root, file);
      if (name in ALLOWED || name === 'test/no-wall-clock.spec.ts') continue;
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (WALL_CLOCK.test(line) && !/^\s*(\/\/|\*)/.test(line)) offenders.push(`${name}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(offenders).toEqual([]);
  });

  it('lists no file that no longer reads the wall clock', () => {
    const stale = Object.keys(ALLOWED).filter((name) => !WALL_CLOCK.test(readFileSync(join(root, name), 'utf8')));
    expect(stale).toEqual([]);
  });
});
