import { Role } from '@tsunagu/common';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { createAndSignIn, SignedIn, signInAdmin } from '../support/auth-helpers';
import { startTestApp, TestApp } from '../support/test-app';
import { describeWithChromium, ensureWebBuild, openBrowser, screenshot, signInWithSecondFactor } from './browser';
import { as } from '../support/http';

// Synthetic people only.
const NAME = '架空 満了花子';

describeWithChromium('retention in Chromium (保存期間の満了)', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  let consoleErrors: string[];
  let supervisor: SignedIn;
  let clientId: string;
  let caseNumber: string;

  beforeAll(async () => {
    ensureWebBuild(); // before the app starts: it reads dist/web's index.html when it starts
    app = await startTestApp('web-retention');
    const admin = await signInAdmin(app);
    supervisor = await createAndSignIn(app, admin, Role.Supervisor, 'rt.supervisor');
    const counselor = await createAndSignIn(app, admin, Role.Counselor, 'rt.counselor');
    await request(app.url).patch('/api/v1/programs/josei-soudan').set(as(admin)).send({ retentionYears: 1 }).expect(200);
    clientId = (await request(app.url).post('/api/v1/clients').set(as(counselor)).send({ name: NAME, phone: '090-1111-0404' }).expect(201)).body.id;
    const opened = (await request(app.url).post('/api/v1/cases').set(as(counselor)).send({ clientId, programCode: 'josei-soudan', mainConcerns: ['divorce'], openedOn: '2023-04-03' }).expect(201)).body;
    caseNumber = opened.caseNumber;
    await request(app.url).post(`/api/v1/cases/${opened.id}/close`).set(as(counselor)).send({ version: opened.version, reason: 'resolved', closedOn: '2024-03-29' }).expect(200);
    ({ browser, page, consoleErrors } = await openBrowser());
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('a supervisor sees the count on the home, confirms by the case number, and the client is gone', async () => {
    await signInWithSecondFactor({ browser, page, consoleErrors }, app, supervisor);
    const home = page.getByRole('region', { name: '保存期間の満了' });
    await home.getByText('消去の確認を待っているものがあります（相談者1人）。', { exact: false }).waitFor();
    await home.getByRole('link', { name: '確認する' }).click();
    await page.getByRole('heading', { name: '保存期間の満了', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/retention');
    const item = page.getByRole('listitem').filter({ hasText: NAME });
    await item.getByText(caseNumber).waitFor();
    await item.getByText('令和6年3月29日').waitFor(); // closed
    await item.getByText('令和7年3月29日').waitFor(); // kept until
    await screenshot(page, 'retention-01-list');

    await item.getByRole('button', { name: `${NAME}さんの記録を消去する` }).click();
    const input = item.getByLabel('確認のため、ケース番号をすべて入力してください');
    await input.fill('2000-0000');
    await item.getByRole('button', { name: '消去を確定する' }).click();
    await item.getByText('消去する相談者のケース番号をすべて、一覧のとおりに入力してください').first().waitFor();
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    await input.fill(caseNumber);
    await item.getByRole('button', { name: '消去を確定する' }).click();
    await page.getByRole('status').filter({ hasText: `${NAME}さんの記録を消去しました（ケース1件、相談記録0件）` }).waitFor();
    await page.getByText('保存期間が満了した相談者はいません').waitFor();
    await screenshot(page, 'retention-02-done');

    // The api agrees: her record answers 410, and the phone search finds nobody.
    const gone = await request(app.url).get(`/api/v1/clients/${clientId}`).set(as(supervisor));
    expect(gone.status).toBe(410);
    // The one console line is the browser's note of the refused confirmation (400); no script error.
    expect(consoleErrors).toEqual(['Failed to load resource: the server responded with a status of 400 (Bad Request)']);
  });
});
