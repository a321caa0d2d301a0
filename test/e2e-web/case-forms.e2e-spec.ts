import { Role } from '@tsunagu/common';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { createAndSignIn, DEPARTMENT_ID, SignedIn, signInAdmin } from '../support/auth-helpers';
import { startTestApp, TestApp } from '../support/test-app';
import { describeWithChromium, openBrowser, screenshot, signInInBrowser } from './browser';
import { testNow } from '../support/clock';

// Made-up people only. The forms are driven mostly from the keyboard (fill, Tab, Space).
describeWithChromium('case forms in Chromium (相談記録 and its 修正, 危険度評価, 施設入所の申請, 庁内連携の起票)', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  let consoleErrors: string[];
  let counselor: SignedIn;
  let caseId: string;
  let maternityId: string;
  // The client reads the browser makes: the forms (and the case they return to) ask for the summary only.
  const clientReads: string[] = [];
  const as = () => ({ Authorization: `Bearer ${counselor.token}` });

  beforeAll(async () => {
    app = await startTestApp('web-case-forms');
    const admin = await signInAdmin(app);
    counselor = await createAndSignIn(app, admin, Role.Counselor, 'forms.counselor');
    const client = await request(app.url)
      .post('/api/v1/clients')
      .set(as())
      .send({ name: '架空 記録子', kana: 'カクウキロクコ', phone: '090-0000-7711', address: '架空市秘匿町7-7', addressProtected: true })
      .expect(201);
    const item = await request(app.url).post('/api/v1/cases').set(as()).send({ clientId: client.body.id, programCode: 'josei-soudan', mainConcerns: ['husband-violence'] }).expect(201);
    caseId = item.body.id;
    const facility = await request(app.url)
      .post('/api/v1/facilities')
      .set({ Authorization: `Bearer ${admin.token}` })
      .send({ name: '架空助産院', kind: 'maternity', capacity: 3, inCity: true, address: '架空市施設町1-1' })
      .expect(201);
    maternityId = facility.body.id;
    ({ browser, page, consoleErrors } = await openBrowser());
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (/^\/api\/v1\/clients\/[^/]+(\/summary)?$/.test(path)) clientReads.push(path);
    });
    await signInInBrowser(page, app, 'forms.counselor');
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('records a phone consultation from the keyboard', async () => {
    await page.goto(`${app.url}/cases/${caseId}/contacts/new`);
    await page.getByRole('heading', { level: 1, name: '相談記録の入力' }).waitFor();
    await page.getByText(/ケース番号/).waitFor();
    expect(await page.getByText('住所秘匿').isVisible()).toBe(true);
    expect(await page.content()).not.toContain('秘匿町');
    // 電話 is chosen and focused: Tab goes on to the start time, kept at now, then the duration.
    await page.getByRole('group', { name: '人間関係' }).waitFor();
    expect(await page.evaluate('document.activeElement.value')).toBe('phone');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.id')).toBe('contact-started');
    await page.getByLabel('相談時間（分）').fill('18');
    await page.getByRole('checkbox', { name: '離婚問題' }).focus();
    await page.keyboard.press('Space');
    await page.getByRole('checkbox', { name: 'DVに関する相談' }).focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.id')).toBe('contact-summary');
    await page.keyboard.type('架空の電話相談。夫からの暴力について。');
    await screenshot(page, 'cases-01-contact');
    await page.getByRole('button', { name: '記録する' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`${app.url}/cases/${caseId}`);

    const contacts = await request(app.url).get(`/api/v1/cases/${caseId}/contacts`).set(as()).expect(200);
    expect(contacts.body).toHaveLength(1);
    expect(contacts.body[0]).toMatchObject({ channel: 'phone', durationMinutes: 18, dvRelated: true, mainConcern: 'husband-violence', otherConcerns: ['divorce'], summary: '架空の電話相談。夫からの暴力について。' });
    // The start defaulted to the time the form opened: within the last few minutes.
    const started = new Date(contacts.body[0].startedAt).getTime();
    expect(testNow().getTime() - started).toBeGreaterThanOrEqual(0);
    expect(testNow().getTime() - started).toBeLessThan(10 * 60_000);
  });

  it('corrects the contact’s summary through 修正 on ケース詳細, sending only the summary and its version', async () => {
    await page.goto(`${app.url}/cases/${caseId}`);
    const timeline = page.getByRole('list', { name: '相談記録（新しい順）' });
    await timeline.getByText('架空の電話相談。夫からの暴力について。').waitFor();
    const patches: unknown[] = [];
    const onRequest = (r: { method(): string; url(): string; postDataJSON(): unknown }) => {
      if (r.method() === 'PATCH' && new URL(r.url()).pathname.startsWith('/api/v1/contacts/')) patches.push(r.postDataJSON());
    };
    page.on('request', onRequest);
    await timeline.getByRole('link', { name: /^修正/ }).click();
    await page.getByRole('heading', { level: 1, name: '相談記録の修正' }).waitFor();
    const summary = page.getByLabel('相談内容の要約');
    await summary.waitFor();
    expect(await summary.inputValue()).toBe('架空の電話相談。夫からの暴力について。');
    expect(await page.getByLabel('相談時間（分）').inputValue()).toBe('18');
    await summary.fill('架空の電話相談（修正）。夫からの暴力と離婚について。');
    await screenshot(page, 'cases-01b-contact-correction');
    await page.getByRole('button', { name: '修正を保存する' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`${app.url}/cases/${caseId}`);
    await page.getByRole('status').getByText('相談記録を修正しました').waitFor();
    await timeline.getByText('架空の電話相談（修正）。夫からの暴力と離婚について。').waitFor();
    expect(await timeline.getByText('架空の電話相談。夫からの暴力について。').count()).toBe(0);
    page.off('request', onRequest);
    expect(patches).toEqual([{ summary: '架空の電話相談（修正）。夫からの暴力と離婚について。', version: 1 }]);

    const contacts = await request(app.url).get(`/api/v1/cases/${caseId}/contacts`).set(as()).expect(200);
    expect(contacts.body).toHaveLength(1);
    expect(contacts.body[0]).toMatchObject({ durationMinutes: 18, otherConcerns: ['divorce'], summary: '架空の電話相談（修正）。夫からの暴力と離婚について。', version: 2 });
  });

  it('records a risk assessment with the live preview of its level', async () => {
    await page.goto(`${app.url}/cases/${caseId}/risk-assessments/new`);
    const preview = page.getByText(/危険度の目安/);
    await preview.waitFor();
    expect(await preview.textContent()).toContain('危険度の目安: 低');
    await page.getByRole('checkbox', { name: /首を絞められた/ }).focus();
    await page.keyboard.press('Space');
    await page.getByRole('checkbox', { name: 'つきまとい・監視' }).focus();
    await page.keyboard.press('Space');
    expect(await preview.textContent()).toContain('危険度の目安: 高');
    await page.getByRole('checkbox', { name: /凶器の使用・所持/ }).focus();
    await page.keyboard.press('Space');
    expect(await preview.textContent()).toContain('危険度の目安: 最高');
    await screenshot(page, 'cases-02-risk-assessment');
    await page.getByRole('button', { name: '評価を保存する' }).click();
    await page.waitForURL(`${app.url}/cases/${caseId}`);

    const risks = await request(app.url).get(`/api/v1/cases/${caseId}/risk-assessments`).set(as()).expect(200);
    expect(risks.body).toHaveLength(1);
    expect(risks.body[0].level).toBe('severe');
    expect([...risks.body[0].items].sort()).toEqual(['stalking', 'strangulation', 'weapon']);
  });

  it('requests a placement at a 助産施設, with the expected delivery date it needs', async () => {
    await page.goto(`${app.url}/cases/${caseId}/placements/new`);
    await page.getByRole('option', { name: '助産施設：架空助産院' }).waitFor({ state: 'attached' });
    expect(await page.content()).not.toContain('施設町');
    await page.getByLabel('施設', { exact: true }).selectOption(maternityId);
    expect(await page.getByRole('radio', { name: '助産施設 入所' }).isChecked()).toBe(true);
    await page.getByLabel('出産予定日（助産施設では必須）').fill('2027-01-20');
    await page.getByLabel('申請の理由').fill('架空の理由：出産まで安全な場所が必要');
    await screenshot(page, 'cases-04-placement');
    await page.getByRole('button', { name: '入所を申請する' }).click();
    await page.waitForURL(`${app.url}/cases/${caseId}`);

    const placements = await request(app.url).get(`/api/v1/cases/${caseId}/placements`).set(as()).expect(200);
    expect(placements.body).toHaveLength(1);
    expect(placements.body[0]).toMatchObject({ facilityId: maternityId, kind: 'maternity-admission', status: 'requested', adults: 1, children: 0, expectedDeliveryOn: '2027-01-20' });
  });

  it('drafts a referral with two fields, records the consent and submits it for approval', async () => {
    await page.goto(`${app.url}/cases/${caseId}/referrals/new`);
    await page.getByRole('option', { name: '市民課' }).waitFor({ state: 'attached' });
    await page.getByLabel('連携先の課').selectOption(DEPARTMENT_ID);
    await page.getByLabel('目的').selectOption('housing');
    await page.getByRole('checkbox', { name: '氏名', exact: true }).focus();
    await page.keyboard.press('Space');
    await page.getByRole('checkbox', { name: '電話番号' }).focus();
    await page.keyboard.press('Space');
    await page.getByLabel('連携先へのメッセージ').fill('架空：市営住宅の案内をお願いします');
    // Without a consent the request for approval is refused on the screen, and nothing is sent.
    const submit = page.getByRole('button', { name: '承認申請' });
    expect(await submit.getAttribute('aria-disabled')).toBe('true');
    await submit.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('alert').getByText(/本人の同意の記録が必要です/).waitFor();
    const none = await request(app.url).get(`/api/v1/cases/${caseId}/referrals`).set(as()).expect(200);
    expect(none.body).toHaveLength(0);

    await page.getByRole('checkbox', { name: /同意を得た$/ }).focus();
    await page.keyboard.press('Space');
    await page.getByRole('radio', { name: '口頭' }).waitFor();
    await screenshot(page, 'cases-03-referral');
    await page.getByRole('button', { name: '承認申請' }).click();
    await page.waitForURL(`${app.url}/cases/${caseId}`);

    const referrals = await request(app.url).get(`/api/v1/cases/${caseId}/referrals`).set(as()).expect(200);
    expect(referrals.body).toHaveLength(1);
    expect(referrals.body[0]).toMatchObject({ status: 'submitted', departmentId: DEPARTMENT_ID, purpose: 'housing', message: '架空：市営住宅の案内をお願いします' });
    expect([...referrals.body[0].fields].sort()).toEqual(['name', 'phone']);
    const client = (await request(app.url).get(`/api/v1/cases/${caseId}`).set(as()).expect(200)).body.clientId;
    const consents = await request(app.url).get(`/api/v1/clients/${client}/consents`).set(as()).expect(200);
    expect(consents.body).toHaveLength(1);
    expect(consents.body[0]).toMatchObject({ method: 'oral', departmentIds: [DEPARTMENT_ID] });
    expect(consoleErrors).toEqual([]);
    expect(clientReads.length).toBeGreaterThanOrEqual(4);
    expect(clientReads.filter((p) => !p.endsWith('/summary'))).toEqual([]);
  });
});
