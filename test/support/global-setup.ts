import { execSync } from 'node:child_process';
import { ensureWebBuild } from './web-build';

/** Before any test file: the web app's production build, when a browser suite can run. */
export default function globalSetup(): void {
  try {
    execSync('command -v chromium', { shell: '/bin/sh', stdio: 'ignore' });
  } catch {
    return; // no browser: the browser suites skip themselves
  }
  ensureWebBuild();
}
