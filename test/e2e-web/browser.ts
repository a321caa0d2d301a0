import { execSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { totpCode } from '@tsunagu/auth';
import { clockNow } from '@tsunagu/common';
import { advanceClock, now, SignedIn, TEST_PASSWORD } from '../support/auth-helpers';
import type { TestApp } from '../support/test-app';
import { ensureWebBuild } from '../support/web-build';

// The web app in Debian's Chromium, driven by playwright-core, against the api serving the
// production build. Without a chromium binary the suites are skipped (install: apt-get install chromium).
export const chromiumPath = (() => {
  try {
    return execSync('command -v chromium', { encoding: 'utf8', shell: '/bin/sh' }).trim() || null;
  } catch {
    return null;
  }
})();
if (!chromiumPath) process.stderr.write('test/e2e-web skipped: no `chromium` on PATH (apt-get install -y chromium)\n');

export const describeWithChromium = chromiumPath ? describe : describe.skip;

const CHROMIUM_ARGS = ['--lang=ja-JP', '--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Screenshots of the main screens: artifacts of the run, not committed. */
export const SCREENSHOTS = join(__dirname, 'screenshots');

export { ensureWebBuild } from '../support/web-build';

export interface BrowserSession {
  browser: Browser;
  page: Page;
  /** console.error lines of the page since the last clear. */
  consoleErrors: string[];
}

/** Builds the web app when needed and opens Chromium on a ja-JP, Asia/Tokyo page. */
export async function openBrowser(): Promise<BrowserSession> {
  ensureWebBuild();
  mkdirSync(SCREENSHOTS, { recursive: true });
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: chromiumPath as string, args: CHROMIUM_ARGS });
  const page = await newJstPage(browser);
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  return { browser, page, consoleErrors };
}

/** A ja-JP, Asia/Tokyo page whose clock starts where the application's is (TSUNAGU_TEST_NOW) and runs on. */
export async function newJstPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  if (process.env.TSUNAGU_TEST_NOW) await page.clock.install({ time: clockNow() });
  return page;
}

/** Signs in from the login screen (password only: counselors, liaisons, statisticians). */
export async function signInInBrowser(page: Page, app: TestApp, loginId: string): Promise<void> {
  await page.goto(`${app.url}/`);
  await page.getByLabel('ログインID').fill(loginId);
  await page.getByLabel('パスワード').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.getByLabel('ログイン中の利用者').waitFor();
}

/**
 * Signs in from the login screen with the password and then the one-time password (supervisors,
 * admins). The clock moves a TOTP step first: the enrolment used the current step's code, and
 * a code is accepted once. The password step's 401 (second factor needed) is by design, so
 * `consoleErrors` is cleared after it.
 */
export async function signInWithSecondFactor(session: BrowserSession, app: TestApp, who: SignedIn, password = TEST_PASSWORD): Promise<void> {
  const { page } = session;
  await page.goto(`${app.url}/`);
  await page.getByLabel('ログインID').fill(who.loginId);
  await page.getByLabel('パスワード').fill(password);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.getByLabel('ワンタイムパスワード').waitFor();
  advanceClock(app, 30_000);
  await page.keyboard.type(totpCode(who.mfaSecret as string, now(app)));
  await page.keyboard.press('Enter');
  await page.getByLabel('ログイン中の利用者').waitFor();
  session.consoleErrors.length = 0;
}

export async function signOutInBrowser(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'サインアウト' }).click();
  await page.getByText('サインアウトしました。').waitFor();
}

export function screenshot(page: Page, name: string): Promise<Buffer> {
  return page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** The sign-out revokes the session on the server too (the request runs beside the screen change). */
export async function waitForRevocation(app: TestApp, token: string): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const me = await request(app.url).get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`);
    if (me.status === 401) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('session still valid after サインアウト');
}
