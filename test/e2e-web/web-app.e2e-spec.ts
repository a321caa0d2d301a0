import { Role } from '@tsunagu/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { totpCode } from '@tsunagu/auth';
import { ADMIN_SET_PASSWORD, advanceClock, createAndSignIn, now, SignedIn, signInAdmin, TEST_PASSWORD, UNIT_ID } from '../support/auth-helpers';
import { startTestApp, TestApp } from '../support/test-app';
import { describeWithChromium, openBrowser, SCREENSHOTS, waitForRevocation } from './browser';

describeWithChromium('web app in Chromium (sign-in, MFA step and set-up, 相談者検索, 統計, サインアウト)', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  let supervisor: SignedIn;
  let activationCode = '';
  let unwanted = '';
  let consoleErrors: string[];
  const phone = '090-5555-0101';

  beforeAll(async () => {
    app = await startTestApp('web-e2e');
    const admin = await signInAdmin(app);
    const counselor = await createAndSignIn(app, admin, Role.Counselor, 'web.counselor');
    supervisor = await createAndSignIn(app, admin, Role.Supervisor, 'web.supervisor');
    await createAndSignIn(app, admin, Role.Statistician, 'web.statistician');
    await request(app.url)
      .post('/api/v1/users')
      .set('Authorization', `Bearer ${admin.token}`)
      .send({ loginId: 'web.new.supervisor', displayName: '新任 査察指導員', role: Role.Supervisor, unitId: UNIT_ID, password: ADMIN_SET_PASSWORD })
      .expect(201);
    unwanted = (
      await request(app.url)
        .post('/api/v1/users')
        .set('Authorization', `Bearer ${admin.token}`)
        .send({ loginId: 'web.unwanted', displayName: '心当たりのない 相談員', role: Role.Counselor, unitId: UNIT_ID, password: ADMIN_SET_PASSWORD })
        .expect(201)
    ).body.id as string;
    await request(app.url)
      .post('/api/v1/clients')
      .set('Authorization', `Bearer ${counselor.token}`)
      .send({ name: '架空 秘匿子', kana: 'カクウヒトクコ', phone, address: '架空市秘匿町1-2-3', addressProtected: true })
      .expect(201);
    ({ browser, page, consoleErrors } = await openBrowser());
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('serves the app at / with the security headers, and index.html for any page path', async () => {
    const root = await request(app.url).get('/').expect(200);
    expect(root.headers['content-type']).toMatch(/text\/html/);
    expect(root.headers['content-security-policy']).toContain("script-src 'self'");
    expect(root.headers['cache-control']).toBe('no-store');
    expect(root.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const deep = await request(app.url).get('/cases/some-case').expect(200);
    expect(deep.text).toBe(root.text);
    const api404 = await request(app.url).get('/api/v1/no-such-route').expect(404);
    expect(api404.headers['content-type']).toMatch(/json/);
  });

  it('renders styled under a style-src of its own origin only, with every unused browser feature denied', async () => {
    const root = await request(app.url).get('/').expect(200);
    expect(root.headers['content-security-policy']).toContain("style-src 'self';");
    expect(root.headers['content-security-policy']).not.toMatch(/unsafe-inline|https:(?!\/)/);
    expect(root.headers['permissions-policy']).toContain('camera=()');
    consoleErrors.length = 0;
    await page.goto(`${app.url}/`);
    await page.getByRole('button', { name: 'ログイン' }).waitFor();
    // styles.css applied: body margin reset and the palette's accent variable defined.
    const styled = await page.evaluate("[getComputedStyle(document.body).marginTop, getComputedStyle(document.documentElement).getPropertyValue('--accent').trim()]");
    expect(styled).toEqual(['0px', '#0b5c8a']);
    expect(consoleErrors).toEqual([]); // a refused style or an unknown Permissions-Policy feature is a console error
  });

  it('a counselor signs in, finds a client by phone with the 住所秘匿 badge and no address, and signs out', async () => {
    await page.goto(`${app.url}/`);
    await page.getByLabel('ログインID').fill('web.counselor');
    await page.getByLabel('パスワード').fill(TEST_PASSWORD);
    await page.screenshot({ path: join(SCREENSHOTS, '01-login.png') });
    await page.getByRole('button', { name: 'ログイン' }).click();

    await page.getByRole('heading', { name: 'ダッシュボード' }).waitFor();
    expect(await page.getByLabel('ログイン中の利用者').textContent()).toContain('テスト counselor（相談員）');
    await page.screenshot({ path: join(SCREENSHOTS, '02-home.png') });
    await page.getByRole('navigation', { name: 'メニュー' }).getByRole('link', { name: '相談者検索' }).click();

    await page.getByLabel('検索する電話番号').fill(phone);
    await page.keyboard.press('Enter');
    const row = page.getByRole('row', { name: /架空 秘匿子/ });
    await row.waitFor();
    expect(await row.getByText('住所秘匿').isVisible()).toBe(true);
    expect(await page.content()).not.toContain('秘匿町');
    await page.screenshot({ path: join(SCREENSHOTS, '03-client-search.png'), fullPage: true });

    const stored = JSON.parse((await page.evaluate("sessionStorage.getItem('tsunagu.session')")) as string) as { token: string };
    await page.getByRole('button', { name: 'サインアウト' }).click();
    await page.getByText('サインアウトしました。').waitFor();
    await waitForRevocation(app, stored.token);
    expect(await page.evaluate('sessionStorage.length + localStorage.length')).toBe(0);
    expect(new URL(page.url()).pathname).toBe('/'); // the next person starts at their own home
    expect(await page.content()).not.toContain('架空 秘匿子');
    await page.screenshot({ path: join(SCREENSHOTS, '04-signed-out.png') });

    expect(consoleErrors).toEqual([]);
  }, 120_000);

  it('a supervisor with MFA gets the one-time password step, then the home', async () => {
    await page.getByLabel('ログインID').fill('web.supervisor');
    await page.getByLabel('パスワード').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'ログイン' }).click();
    const otp = page.getByLabel('ワンタイムパスワード');
    await otp.waitFor();
    expect(await page.evaluate("document.activeElement.getAttribute('name')")).toBe('otp');
    await page.screenshot({ path: join(SCREENSHOTS, '05-mfa.png') });
    advanceClock(app, 30_000); // the enrolment used this step's code; a code is accepted once
    await page.keyboard.type(totpCode(supervisor.mfaSecret as string, now(app)));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: '承認待ち' }).waitFor();
    expect(await page.getByLabel('ログイン中の利用者').textContent()).toContain('査察指導員');

    // The account the admin created waits for her: she approves it and reads the code once.
    await page.getByRole('heading', { name: 'アカウントの承認（2件）' }).waitFor();
    // One she does not recognise: 承認しない disables it.
    await page.getByRole('button', { name: '心当たりのない 相談員（web.unwanted） を承認しない' }).click();
    await page.getByRole('button', { name: '承認せずに無効にする' }).click();
    await page.getByText('心当たりのない 相談員（web.unwanted） を承認せず、アカウントを無効にしました。管理者に事情を確認してください。').waitFor();
    await page.getByRole('heading', { name: 'アカウントの承認（1件）' }).waitFor();
    const [rejected] = await app.app.get(DataSource).query(`SELECT active FROM users WHERE id = $1`, [unwanted]);
    expect(rejected).toEqual({ active: false });
    await page.getByText('アカウントの新規作成').waitFor();
    await page.getByRole('button', { name: '新任 査察指導員（web.new.supervisor） を承認して利用開始コードを発行' }).click();
    const code = page.getByLabel('利用開始コード', { exact: true });
    await code.waitFor();
    activationCode = ((await code.textContent()) ?? '').trim();
    expect(activationCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await page.screenshot({ path: join(SCREENSHOTS, '05b-activation-code.png') });
    await page.getByRole('button', { name: '本人に渡しました（閉じる）' }).click();
    await page.getByText('新任 査察指導員（web.new.supervisor） の利用開始コードを発行しました。').waitFor();
    expect(await page.content()).not.toContain(activationCode);
    await page.getByRole('button', { name: 'サインアウト' }).click();
    await page.getByText('サインアウトしました。').waitFor();
  }, 120_000);

  it('a new supervisor enters the code she was handed, chooses her password, sets up MFA, sees the recovery codes once, then the home', async () => {
    await page.getByLabel('ログインID').fill('web.new.supervisor');
    await page.getByLabel('パスワード', { exact: true }).fill(ADMIN_SET_PASSWORD);
    await page.getByRole('button', { name: 'ログイン' }).click();
    await page.getByLabel('利用開始コード', { exact: true }).fill(activationCode.toLowerCase());
    await page.getByLabel('新しいパスワード', { exact: true }).fill(TEST_PASSWORD);
    await page.getByLabel('新しいパスワード（確認）').fill(TEST_PASSWORD);
    await page.screenshot({ path: join(SCREENSHOTS, '05c-activation.png') });
    await page.getByRole('button', { name: '利用を開始する' }).click();
    await page.getByRole('button', { name: '設定を始める' }).click();
    const secret = ((await page.getByLabel('登録するキー').textContent()) ?? '').replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await page.keyboard.type(totpCode(secret, now(app)));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'リカバリーコード' }).waitFor();
    expect(await page.locator('.recovery-codes li').count()).toBe(10);
    await page.screenshot({ path: join(SCREENSHOTS, '06-recovery-codes.png') });
    await page.getByRole('button', { name: '控えました。利用を開始する' }).click();
    await page.getByRole('heading', { name: '承認待ち' }).waitFor();
    expect(await page.content()).not.toContain('リカバリーコード');
    await page.getByRole('button', { name: 'サインアウト' }).click();
    await page.getByText('サインアウトしました。').waitFor();
  }, 120_000);

  it('a statistician runs a month, sees 完了, shows the FY2025 report and downloads its CSV', async () => {
    consoleErrors.length = 0; // the MFA step before answers 401 by design
    await page.getByLabel('ログインID').fill('web.statistician');
    await page.getByLabel('パスワード').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'ログイン' }).click();
    await page.getByRole('heading', { name: '月次集計の実行' }).waitFor();

    await page.getByLabel('対象月').fill('2025-10');
    await page.getByRole('button', { name: '実行' }).click();
    await page.getByRole('progressbar', { name: '2025-10の集計の進捗' }).waitFor();
    await page.getByText('完了（100%）').waitFor({ timeout: 60_000 });
    await page.getByRole('row', { name: /2025-10 完了/ }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, '07-statistics-run.png'), fullPage: true });

    await page.getByLabel('年度').selectOption('2025');
    expect(await page.getByLabel('年度').locator('option:checked').textContent()).toContain('令和7年度');
    await page.getByRole('button', { name: '表示' }).click();
    await page.getByRole('heading', { name: /令和7年度 事業実績/ }).waitFor();
    expect(await page.locator('table.report-section').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(SCREENSHOTS, '08-program-report.png'), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSVをダウンロード' }).click()]);
    expect(download.suggestedFilename()).toBe('program-report-2025.csv');
    expect(download.url()).toMatch(/^blob:/);
    const bytes = readFileSync((await download.path()));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    await page.getByRole('button', { name: 'サインアウト' }).click();
    await page.getByText('サインアウトしました。').waitFor();
    expect(consoleErrors).toEqual([]);
  }, 120_000);
});
