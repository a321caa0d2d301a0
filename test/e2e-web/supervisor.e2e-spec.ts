import { fiscalYearOf, jstDate, Role } from '@tsunagu/common';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { createAndSignIn, DEPARTMENT_ID, SignedIn, signInAdmin } from '../support/auth-helpers';
import { startTestApp, TestApp } from '../support/test-app';
import { describeWithChromium, openBrowser, screenshot, signInWithSecondFactor } from './browser';
import { testInstant } from '../support/clock';
import { api, as } from '../support/http';

// Synthetic people only.
const ADDRESS = '架空市秘匿町7-7-7';

describeWithChromium('supervisor screens in Chromium (承認待ち, 監査ログの検証, 月次グラフ)', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  let consoleErrors: string[];
  let counselor: SignedIn;
  let supervisor: SignedIn;
  let caseId: string;
  let caseNumber: string;
  let contactMonth: string;
  let referralId: string;
  let placementId: string;
  // The client reads the browser makes: the supervisor's lists ask for summaries only.
  const clientReads: string[] = [];

  beforeAll(async () => {
    app = await startTestApp('web-supervisor');
    const admin = await signInAdmin(app);
    counselor = await createAndSignIn(app, admin, Role.Counselor, 'sv.counselor');
    supervisor = await createAndSignIn(app, admin, Role.Supervisor, 'sv.supervisor');
    const statistician = await createAndSignIn(app, admin, Role.Statistician, 'sv.statistician');

    const client = await request(app.url)
      .post(api('clients'))
      .set(as(counselor))
      .send({ name: '架空 承認子', kana: 'カクウ ショウニンコ', phone: '090-0000-7001', address: ADDRESS, addressProtected: true })
      .expect(201);
    const opened = await request(app.url).post(api('cases')).set(as(counselor)).send({ clientId: client.body.id, programCode: 'dv-center', mainConcerns: ['husband-violence'] }).expect(201);
    caseId = opened.body.id;
    caseNumber = opened.body.caseNumber;

    // A consent, then a referral drafted and submitted by the counselor (the supervisor decides it).
    await request(app.url)
      .post(api(`clients/${client.body.id}/consents`))
      .set(as(counselor))
      .send({ obtainedOn: '2025-10-01', method: 'written', departmentIds: [DEPARTMENT_ID], fields: ['name', 'phone', 'summary'] })
      .expect(201);
    const draft = await request(app.url)
      .post(api(`cases/${caseId}/referrals`))
      .set(as(counselor))
      .send({ departmentId: DEPARTMENT_ID, purpose: 'housing', message: '架空：市営住宅の相談をお願いします', fields: ['name', 'phone', 'summary'], summary: '架空の要約', dueOn: '2026-12-15' })
      .expect(201);
    referralId = draft.body.id;
    await request(app.url).post(api(`referrals/${referralId}/submit`)).set(as(counselor)).send({ version: draft.body.version }).expect(200);

    // A facility and a placement requested by the counselor.
    const facility = await request(app.url).post(api('facilities')).set(as(admin)).send({ kind: 'private-shelter', name: '架空シェルター承認', capacity: 6, inCity: true }).expect(201);
    const placement = await request(app.url)
      .post(api(`cases/${caseId}/placements`))
      .set(as(counselor))
      .send({ facilityId: facility.body.id, adults: 1, children: 0, plannedStart: '2026-12-01', reason: '架空の理由：避難が必要' })
      .expect(201);
    placementId = placement.body.id;

    // A few contacts a minute ago and their month's run, for 月次グラフ (the month of the contacts,
    // not of now: at midnight on the first of a month they are last month's).
    const startedAt = testInstant(-60_000);
    contactMonth = jstDate(new Date(startedAt)).slice(0, 7);
    for (const channel of ['phone', 'phone', 'visit', 'phone']) {
      await request(app.url)
        .post(api(`cases/${caseId}/contacts`))
        .set(as(counselor))
        .send({ startedAt, durationMinutes: 20, channel, mainConcern: 'husband-violence', otherConcerns: [], dvRelated: true, summary: '架空の相談記録' })
        .expect(201);
    }
    const month = contactMonth;
    const run = await request(app.url).post(api('statistics/runs')).set(as(statistician)).send({ period: month }).expect(202);
    for (let i = 0; ; i++) {
      const state = await request(app.url).get(api(`statistics/runs/${run.body.id}`)).set(as(statistician)).expect(200);
      if (state.body.status === 'done') break;
      if (state.body.status === 'failed' || i > 100) throw new Error(`statistics run ${state.body.status}`);
      await new Promise((r) => setTimeout(r, 200));
    }

    ({ browser, page, consoleErrors } = await openBrowser());
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (/^\/api\/v1\/clients\/[^/]+(\/summary)?$/.test(path)) clientReads.push(path);
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('a supervisor signs in with MFA, approves the referral and rejects the placement with a reason', async () => {
    await signInWithSecondFactor({ browser, page, consoleErrors }, app, supervisor);
    await page.getByRole('heading', { name: '承認待ち', level: 1 }).waitFor();

    await page.getByRole('heading', { name: '庁内連携（1件）' }).waitFor();
    await page.getByRole('heading', { name: '施設入所（1件）' }).waitFor();
    await page.getByRole('heading', { name: 'ブレークグラスの確認（0件）' }).waitFor();
    const referrals = page.getByRole('region', { name: /庁内連携/ });
    await referrals.getByText('架空 承認子').waitFor();
    expect(await referrals.getByText('住所秘匿').isVisible()).toBe(true);
    expect(await referrals.getByRole('link', { name: caseNumber }).isVisible()).toBe(true);
    // The counselor by her display name (GET /staff), not by an id.
    await referrals.getByText('テスト counselor').waitFor();
    expect(await page.getByRole('region', { name: /施設入所/ }).getByText('テスト counselor').isVisible()).toBe(true);
    expect(await page.content()).not.toContain('秘匿町');
    await screenshot(page, 'supervisor-01-approvals');

    await page.getByRole('button', { name: /庁内連携.*を承認$/ }).click();
    await page.getByRole('status').filter({ hasText: '承認しました' }).waitFor();
    await page.getByRole('heading', { name: '庁内連携（0件）' }).waitFor();
    const approved = await request(app.url).get(api(`cases/${caseId}/referrals`)).set(as(counselor)).expect(200);
    expect(approved.body.find((r: { id: string }) => r.id === referralId).status).toBe('approved');

    await page.getByRole('button', { name: /施設入所.*を却下$/ }).click();
    await page.getByRole('button', { name: '却下する' }).click();
    await page.getByText('却下の理由を入力してください').waitFor();
    await page.getByLabel(/却下の理由/).fill('架空：より近い施設を検討してください');
    await page.getByRole('button', { name: '却下する' }).click();
    await page.getByRole('status').filter({ hasText: '却下しました' }).waitFor();
    await page.getByRole('heading', { name: '施設入所（0件）' }).waitFor();
    const placements = await request(app.url).get(api(`cases/${caseId}/placements`)).set(as(counselor)).expect(200);
    expect(placements.body.find((p: { id: string }) => p.id === placementId).status).toBe('rejected');
    expect(consoleErrors).toEqual([]);
  }, 120_000);

  it('shows the unit’s cases and verifies the audit chain as 正常', async () => {
    const nav = page.getByRole('navigation', { name: 'メニュー' });
    await nav.getByRole('link', { name: '課のケース' }).click();
    await page.getByRole('heading', { name: '課のケース一覧' }).waitFor();
    const row = page.getByRole('row', { name: new RegExp(caseNumber) });
    await row.getByText('架空 承認子').waitFor();
    expect(await row.getByText('住所秘匿').isVisible()).toBe(true);
    await row.getByText('テスト counselor').waitFor();
    expect(await page.content()).not.toContain('秘匿町');
    expect(clientReads.length).toBeGreaterThanOrEqual(2);
    expect(clientReads.filter((p) => !p.endsWith('/summary'))).toEqual([]);

    await nav.getByRole('link', { name: '監査ログの検証' }).click();
    await page.getByRole('heading', { name: '監査ログの検証' }).waitFor();
    await page.getByRole('button', { name: '検証する' }).click();
    const ok = page.getByText(/^正常: [\d,]+件を検証$/);
    await ok.waitFor();
    expect(await page.getByText(/検証日時: 令和/).isVisible()).toBe(true);
    await screenshot(page, 'supervisor-02-audit-chain');
    expect(consoleErrors).toEqual([]);
  }, 120_000);

  it('draws the month’s contacts in 月次グラフ with a table of the same numbers', async () => {
    await page.getByRole('navigation', { name: 'メニュー' }).getByRole('link', { name: '月次グラフ' }).click();
    await page.getByRole('heading', { name: '月次グラフ' }).waitFor();
    // The contacts' fiscal year (a minute past midnight on 1 April, the screen opens on the next one).
    await page.getByLabel('年度', { exact: true }).selectOption(String(fiscalYearOf(`${contactMonth}-01`)));
    await page.getByRole('img', { name: /事業別の相談件数/ }).waitFor();
    expect(await page.getByRole('table').count()).toBe(2);
    // Four contacts in one month are below the suppression threshold by channel: shown as —, never 0.
    const month = `${Number(contactMonth.slice(5, 7))}月`;
    const channels = page.getByRole('table', { name: /相談経路別件数/ }).getByRole('row', { name: new RegExp(`^${month}`) });
    expect(await channels.textContent()).toContain('—');
    expect(await page.getByText(/^注: —：個人が特定されるおそれがあるため秘匿/).isVisible()).toBe(true);
    await screenshot(page, 'supervisor-03-monthly-charts');
    expect(consoleErrors).toEqual([]);
  }, 120_000);
});
