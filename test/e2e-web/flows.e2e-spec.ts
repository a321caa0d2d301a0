import { Role } from '@tsunagu/common';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { createAndSignIn, DEPARTMENT_ID, SignedIn, signInAdmin } from '../support/auth-helpers';
import { startTestApp, TestApp } from '../support/test-app';
import { describeWithChromium, openBrowser, screenshot, signInInBrowser, signInWithSecondFactor, signOutInBrowser } from './browser';
import { as } from '../support/http';

// The end-to-end flows across screens and roles, by clicking through the app as each
// person would (no typed addresses): a counselor finds a caller by phone and records a phone
// consultation and a DV risk assessment; she drafts a referral, her supervisor approves it and
// the liaison of the department sees only the disclosed field.
describeWithChromium('flows across roles in Chromium', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  let consoleErrors: string[];
  let counselor: SignedIn;
  let supervisor: SignedIn;
  let caseId: string;
  let caseNumber: string;
  const NAME = '架空 流子';
  const PHONE = '090-4321-8765';
  const ADDRESS = '架空市秘匿町3-3-3';
  const SUMMARY = '架空の電話相談：夫からの暴力、今夜の避難先を相談';

  beforeAll(async () => {
    app = await startTestApp('web-flows');
    const admin = await signInAdmin(app);
    counselor = await createAndSignIn(app, admin, Role.Counselor, 'flow.counselor');
    supervisor = await createAndSignIn(app, admin, Role.Supervisor, 'flow.supervisor');
    await createAndSignIn(app, admin, Role.Liaison, 'flow.liaison');
    const client = await request(app.url)
      .post('/api/v1/clients')
      .set(as(counselor))
      .send({ name: NAME, kana: 'カクウナガレコ', phone: PHONE, address: ADDRESS, addressProtected: true })
      .expect(201);
    const opened = await request(app.url).post('/api/v1/cases').set(as(counselor)).send({ clientId: client.body.id, programCode: 'dv-center', mainConcerns: ['husband-violence'] }).expect(201);
    caseId = opened.body.id;
    caseNumber = opened.body.caseNumber;
    ({ browser, page, consoleErrors } = await openBrowser());
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('a counselor finds the caller by phone, records the phone consultation and a DV risk assessment', async () => {
    await signInInBrowser(page, app, 'flow.counselor');
    await page.getByRole('navigation', { name: 'メニュー' }).getByRole('link', { name: '相談者検索' }).click();
    await page.getByLabel('検索する電話番号').fill(PHONE);
    await page.keyboard.press('Enter');
    await page.getByRole('row', { name: new RegExp(NAME) }).getByRole('link', { name: NAME }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(NAME) }).waitFor();
    await page.getByRole('link', { name: caseNumber }).click();
    await page.getByRole('heading', { level: 1, name: `ケース ${caseNumber}` }).waitFor();

    await page.getByRole('link', { name: '相談記録を入力' }).click();
    await page.getByRole('heading', { level: 1, name: '相談記録の入力' }).waitFor();
    expect(await page.getByRole('radio', { name: '電話' }).isChecked()).toBe(true);
    await page.getByLabel('相談時間（分）').fill('25');
    await page.getByRole('checkbox', { name: 'DVに関する相談' }).check();
    await page.getByLabel('相談内容の要約').fill(SUMMARY);
    await page.getByRole('button', { name: '記録する' }).click();
    await page.waitForURL(`${app.url}/cases/${caseId}`);
    await page.getByRole('list', { name: '相談記録（新しい順）' }).getByText(SUMMARY).waitFor();

    await page.getByRole('link', { name: '危険度評価を入力' }).click();
    await page.getByRole('heading', { level: 1, name: '危険度評価の入力' }).waitFor();
    await page.getByRole('checkbox', { name: /首を絞められた/ }).check();
    await page.getByRole('checkbox', { name: 'つきまとい・監視' }).check();
    await page.getByRole('button', { name: '評価を保存する' }).click();
    await page.waitForURL(`${app.url}/cases/${caseId}`);
    const risks = page.getByRole('table', { name: /危険度評価/ });
    await risks.getByRole('cell', { name: '高', exact: true }).waitFor();
    await screenshot(page, 'flows-01-case-after-call');

    const contacts = await request(app.url).get(`/api/v1/cases/${caseId}/contacts`).set(as(counselor)).expect(200);
    expect(contacts.body).toEqual([expect.objectContaining({ channel: 'phone', durationMinutes: 25, dvRelated: true, summary: SUMMARY })]);
    const assessed = await request(app.url).get(`/api/v1/cases/${caseId}/risk-assessments`).set(as(counselor)).expect(200);
    expect(assessed.body).toEqual([expect.objectContaining({ level: 'high' })]);
    expect(consoleErrors).toEqual([]);
  }, 120_000);

  it('the counselor drafts a referral, the supervisor approves it, the liaison sees only the disclosed name', async () => {
    // The counselor: from the case to the referral form, with the client's consent.
    await page.getByRole('link', { name: '庁内連携を起票' }).click();
    await page.getByRole('heading', { level: 1, name: '庁内連携の起票' }).waitFor();
    await page.getByRole('option', { name: '市民課' }).waitFor({ state: 'attached' });
    await page.getByLabel('連携先の課').selectOption(DEPARTMENT_ID);
    await page.getByLabel('目的').selectOption('housing');
    await page.getByRole('checkbox', { name: '氏名', exact: true }).check();
    await page.getByLabel('連携先へのメッセージ').fill('架空：住宅の相談をお願いします');
    await page.getByRole('checkbox', { name: /同意を得た$/ }).check();
    await page.getByRole('button', { name: '承認申請' }).click();
    await page.waitForURL(`${app.url}/cases/${caseId}`);
    await signOutInBrowser(page);

    // The supervisor (second factor), on her home: 承認待ち.
    await signInWithSecondFactor({ browser, page, consoleErrors }, app, supervisor);
    await page.getByRole('heading', { name: '庁内連携（1件）' }).waitFor();
    const pending = page.getByRole('region', { name: /庁内連携/ });
    await pending.getByText(NAME).waitFor();
    await screenshot(page, 'flows-02-supervisor-approves');
    await page.getByRole('button', { name: /庁内連携.*を承認$/ }).click();
    await page.getByRole('status').filter({ hasText: '承認しました' }).waitFor();
    await signOutInBrowser(page);

    // The liaison: the inbox, the item, the name and nothing else of her.
    await signInInBrowser(page, app, 'flow.liaison');
    await page.getByRole('heading', { name: '連携受信箱', level: 1 }).waitFor();
    await page.getByRole('row', { name: /住宅/ }).getByRole('link', { name: '住宅' }).click();
    const disclosed = page.getByLabel('開示された項目');
    await disclosed.waitFor();
    expect(await disclosed.locator('dt').allTextContents()).toEqual(['氏名']);
    expect(await disclosed.locator('dd').allTextContents()).toEqual([NAME]);
    const content = await page.content();
    for (const secret of [PHONE, '09043218765', ADDRESS, '秘匿町', SUMMARY, caseNumber, caseId, 'カクウナガレコ']) expect(content).not.toContain(secret);
    await screenshot(page, 'flows-03-liaison-sees-name-only');

    const [referral] = (await request(app.url).get(`/api/v1/cases/${caseId}/referrals`).set(as(counselor)).expect(200)).body;
    expect(referral).toMatchObject({ status: 'approved', fields: ['name'] });
    await signOutInBrowser(page);
  }, 120_000);
});
