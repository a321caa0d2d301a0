import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

// Node built-ins only: jest's globalSetup loads this before any test file, outside the module
// mapping of the test files.
const root = join(__dirname, '..', '..');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, item.name);
    newest = Math.max(newest, item.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Builds dist/web when it is missing or older than its sources (apps/web and the libs' plain
 * code files it reads). The api serves dist/web only if it exists when it starts, so this runs
 * before any test app starts: once in jest's globalSetup, and again (a no-op when fresh) in
 * the browser suites.
 */
export function ensureWebBuild(): void {
  const index = join(root, 'dist', 'web', 'index.html');
  const sources = Math.max(...['apps/web', 'libs/common/src', 'libs/codes/src', 'libs/cases/src', 'libs/facilities/src', 'libs/referrals/src', 'libs/alerts/src', 'libs/line/src', 'libs/queue/src', 'libs/auth/src/approvals', 'libs/audit/src', 'libs/access/src'].map((dir) => newestMtime(join(root, dir))));
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  const build = spawnSync('npm', ['run', 'build:web', '--silent'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`web build failed: ${build.stderr}`);
}

/** Builds dist/apps (the api and the worker as plain Node programs) when older than their sources. */
export function ensureApiBuild(): string {
  const main = join(root, 'dist', 'apps', 'worker', 'src', 'main.js');
  const sources = Math.max(...['apps/api/src', 'apps/worker/src', 'libs', 'migrations'].map((dir) => newestMtime(join(root, dir))));
  if (!existsSync(main) || statSync(main).mtimeMs < sources) {
    const build = spawnSync('npm', ['run', 'build:api', '--silent'], { cwd: root, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`api build failed: ${build.stdout}${build.stderr}`);
  }
  return main;
}
