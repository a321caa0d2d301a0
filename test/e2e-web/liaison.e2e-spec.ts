import { Role } from '@tsunagu/common';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { createAndSignIn, DEPARTMENT_ID, signInAdmin, SignedIn } from '../support/auth-helpers';
import { startTestApp, TestApp } from '../support/test-app';
import { describeWithChromium, openBrowser, screenshot, signInInBrowser } from './browser';
import { as } from '../support/http';

// Synthetic people only. The sentinels are what the department must never see.
const NAME = '架空 連携花子';
const BIRTH_DATE = '1990-04-01';
const PHONE = '090-7777-0707';
const ADDRESS = '架空市秘匿町7-7-7';
const NOTES = '架空の秘密メモ：加害者の勤務先';
const CASE_CONCERN = 'husband-violence';

describeWithChromium('liaison in Chromium: the inbox, exactly the disclosed fields, the answer, and no way into the case', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  let consoleErrors: string[];
  let liaison: SignedIn;
  let caseId: string;
  let referralId: string;
  let caseNumber: string;

  beforeAll(async () => {
    app = await startTestApp('web-liaison');
    const admin = await signInAdmin(app);
    const counselor = await createAndSignIn(app, admin, Role.Counselor, 'liaison.web.counselor');
    const supervisor = await createAndSignIn(app, admin, Role.Supervisor, 'liaison.web.supervisor');
    liaison = await createAndSignIn(app, admin, Role.Liaison, 'liaison.web.liaison');
    const client = await request(app.url)
      .post('/api/v1/clients')
      .set(as(counselor))
      .send({ name: NAME, kana: 'カクウ レンケイハナコ', phone: PHONE, address: ADDRESS, birthDate: BIRTH_DATE, notes: NOTES, addressProtected: true })
      .expect(201);
    const created = await request(app.url).post('/api/v1/cases').set(as(counselor)).send({ clientId: client.body.id, programCode: 'dv-center', mainConcerns: [CASE_CONCERN] }).expect(201);
    caseId = created.body.id;
    caseNumber = created.body.caseNumber;
    await request(app.url)
      .post(`/api/v1/clients/${client.body.id}/consents`)
      .set(as(counselor))
      .send({ obtainedOn: '2025-10-01', method: 'written', departmentIds: [DEPARTMENT_ID], fields: ['name', 'birthDate'] })
      .expect(201);
    const referral = await request(app.url)
      .post(`/api/v1/cases/${caseId}/referrals`)
      .set(as(counselor))
      .send({ departmentId: DEPARTMENT_ID, purpose: 'housing', message: '架空：市営住宅の相談をお願いします', fields: ['name', 'birthDate'], dueOn: '2025-11-15' })
      .expect(201);
    referralId = referral.body.id;
    await request(app.url).post(`/api/v1/referrals/${referralId}/submit`).set(as(counselor)).send({ version: 1 }).expect(200);
    await request(app.url).post(`/api/v1/referrals/${referralId}/approve`).set(as(supervisor)).send({ version: 2 }).expect(200);
    ({ browser, page, consoleErrors } = await openBrowser());
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('lists the referral, shows exactly the disclosed fields, accepts with a comment, and refuses the case by its address', async () => {
    await signInInBrowser(page, app, 'liaison.web.liaison');
    await page.getByRole('heading', { name: '連携受信箱', level: 1 }).waitFor();
    const row = page.getByRole('row', { name: /住宅/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('承認済');
    expect(await row.textContent()).toContain('令和7年11月15日');
    await screenshot(page, 'liaison-01-inbox');

    await row.getByRole('link', { name: '住宅' }).click();
    await page.getByRole('heading', { name: '連携依頼', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/inbox/${referralId}`);
    const disclosed = page.getByLabel('開示された項目');
    await disclosed.waitFor();
    expect(await disclosed.locator('dt').allTextContents()).toEqual(['氏名', '生年月日']);
    expect(await disclosed.locator('dd').allTextContents()).toEqual([NAME, '平成2年4月1日']);
    const content = await page.content();
    for (const secret of ['秘匿町', ADDRESS, PHONE, '09077770707', NOTES, '秘密メモ', caseId, caseNumber, 'カクウ', '夫等からの暴力', CASE_CONCERN]) expect(content).not.toContain(secret);
    await screenshot(page, 'liaison-02-detail');

    await page.getByLabel('コメント（任意）').fill('架空：受理しました。来週連絡します');
    await page.getByRole('button', { name: '受理' }).click();
    await page.getByRole('status').filter({ hasText: '受理しました。' }).waitFor();
    await page.getByText('この連携依頼には回答済みです（受理）。').waitFor();
    const office = await request(app.url).get(`/api/v1/referrals/inbox/${referralId}`).set('Authorization', `Bearer ${liaison.token}`).expect(200);
    expect(office.body.status).toBe('accepted');

    // The address of the case typed by hand: the screen refuses and shows nothing of it.
    await page.goto(`${app.url}/cases/${caseId}`);
    await page.getByRole('heading', { name: '表示できません' }).waitFor();
    await page.getByText('この画面を表示する権限がありません。').waitFor();
    const refused = await page.content();
    for (const secret of [NAME, '秘匿町', PHONE, NOTES, caseNumber, '夫等からの暴力']) expect(refused).not.toContain(secret);
    await screenshot(page, 'liaison-03-case-url-refused');

    // And the api itself refuses the liaison the case.
    const direct = await request(app.url).get(`/api/v1/cases/${caseId}`).set('Authorization', `Bearer ${liaison.token}`);
    expect(direct.status).toBe(403);
    expect(JSON.stringify(direct.body)).not.toContain(NAME);

    expect(consoleErrors).toEqual([]);
  }, 120_000);
});
