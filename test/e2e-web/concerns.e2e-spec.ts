import { Role } from '@tsunagu/common';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { createAndSignIn, SignedIn, signInAdmin } from '../support/auth-helpers';
import { BOOTSTRAP_ADMIN_PASSWORD, startTestApp, TestApp } from '../support/test-app';
import { describeWithChromium, ensureWebBuild, newJstPage, openBrowser, screenshot, signInInBrowser, signInWithSecondFactor } from './browser';
import { as } from '../support/http';

// The admin's 主訴の管理 and the counselor's 相談記録の入力 side by side, each in its own tab
// (a session lives in its tab's storage). Made-up people only.
describeWithChromium('主訴の管理 in Chromium: a concern added is offered to counselors, a stopped one is not', () => {
  let app: TestApp;
  let browser: Browser;
  let adminPage: Page;
  let counselorPage: Page;
  let admin: SignedIn;
  let counselor: SignedIn;
  let caseId: string;
  let consoleErrors: string[];

  beforeAll(async () => {
    ensureWebBuild(); // before the app starts: it reads dist/web's index.html when it starts
    app = await startTestApp('web-concerns');
    admin = await signInAdmin(app);
    counselor = await createAndSignIn(app, admin, Role.Counselor, 'concerns.counselor');
    const client = await request(app.url).post('/api/v1/clients').set(as(counselor)).send({ name: '架空 主訴子', kana: 'カクウシュソコ', phone: '090-0000-5511' }).expect(201);
    caseId = (await request(app.url).post('/api/v1/cases').set(as(counselor)).send({ clientId: client.body.id, programCode: 'josei-soudan', mainConcerns: ['husband-violence'] }).expect(201)).body.id;
    ({ browser, page: adminPage, consoleErrors } = await openBrowser());
    counselorPage = await newJstPage(browser);
    counselorPage.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(`counselor: ${message.text()}`);
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const openContactForm = async () => {
    await counselorPage.goto(`${app.url}/cases/${caseId}/contacts/new`);
    await counselorPage.getByRole('heading', { level: 1, name: '相談記録の入力' }).waitFor();
    await counselorPage.getByRole('group', { name: '人間関係' }).waitFor();
  };
  const offered = async () => ({
    main: await counselorPage.locator('#contact-main-concern optgroup[label="人間関係"] option', { hasText: 'ネット上の被害' }).count(),
    other: await counselorPage.getByRole('checkbox', { name: 'ネット上の被害' }).count(),
  });

  it('the admin adds a concern, the counselor records with it, the admin stops it and the form no longer offers it', async () => {
    await signInWithSecondFactor({ browser, page: adminPage, consoleErrors }, app, admin, BOOTSTRAP_ADMIN_PASSWORD);
    await adminPage.getByRole('navigation', { name: 'メニュー' }).getByRole('link', { name: '主訴' }).click();
    await adminPage.getByRole('heading', { level: 1, name: '主訴の管理' }).waitFor();
    const people = adminPage.getByRole('table', { name: '人間関係' });
    expect(await people.getByRole('row', { name: /夫等からの暴力/ }).textContent()).toContain('公式分類');
    expect(await people.getByRole('row', { name: /交際相手等からの暴力/ }).textContent()).toContain('未確認');

    // 追加: ネット上の被害 in 人間関係, between 人身取引 (130) and the next group.
    const create = adminPage.getByRole('region', { name: '主訴の区分の追加' });
    await create.getByLabel('コード').fill('online-harm');
    await create.getByLabel('名称').fill('ネット上の被害');
    await create.getByLabel('グループ').fill('人間関係');
    await create.getByLabel('表示順').fill('135');
    await create.getByRole('button', { name: '追加' }).click();
    await adminPage.getByRole('status').getByText('ネット上の被害 を追加しました。').waitFor();
    const added = people.getByRole('row', { name: /ネット上の被害/ });
    expect(await added.textContent()).toMatch(/135.*ネット上の被害.*online-harm.*未確認.*使用中/);
    const names = await people.getByRole('rowheader').allTextContents();
    expect(names.slice(-2)).toEqual(['人身取引', 'ネット上の被害']);

    // The same code again: the api's 409 message under the form.
    await create.getByLabel('コード').fill('online-harm');
    await create.getByLabel('名称').fill('重複');
    await create.getByLabel('グループ').fill('その他');
    await create.getByRole('button', { name: '追加' }).click();
    await create.getByRole('alert').getByText('このコードは既に使われています').waitFor();
    consoleErrors.length = 0; // Chromium logs the refused request (409); it is the point here
    await screenshot(adminPage, 'concerns-01-admin');

    // The counselor's form offers it, as 主訴 and beside it; a contact is recorded with it.
    await signInInBrowser(counselorPage, app, 'concerns.counselor');
    await openContactForm();
    expect(await offered()).toEqual({ main: 1, other: 1 });
    await counselorPage.getByLabel('主訴', { exact: true }).selectOption({ label: 'ネット上の被害' });
    await counselorPage.getByLabel('相談時間（分）').fill('12');
    await counselorPage.getByRole('button', { name: '記録する' }).click();
    await counselorPage.waitForURL(`${app.url}/cases/${caseId}`);
    await screenshot(counselorPage, 'concerns-02-contact');

    // 使用停止, after the question that says what it means.
    await added.getByRole('button', { name: '使用停止（ネット上の被害）' }).click();
    const question = adminPage.getByRole('group', { name: /ネット上の被害 を使用停止にしますか/ });
    expect(await question.textContent()).toContain('過去の記録と件数は残ります');
    await question.getByRole('button', { name: '使用停止にする' }).click();
    await adminPage.getByRole('status').getByText('ネット上の被害 を使用停止にしました。').waitFor();
    expect(await added.textContent()).toContain('使用停止');
    await added.getByRole('button', { name: '使用再開（ネット上の被害）' }).waitFor();
    await screenshot(adminPage, 'concerns-03-stopped');

    // The form no longer offers it; the contact recorded with it keeps its code.
    await openContactForm();
    expect(await offered()).toEqual({ main: 0, other: 0 });
    const contacts = await request(app.url).get(`/api/v1/cases/${caseId}/contacts`).set(as(counselor)).expect(200);
    expect(contacts.body.map((c: { mainConcern: string }) => c.mainConcern)).toEqual(['online-harm']);
    const concerns = await request(app.url).get('/api/v1/concerns').set(as(admin)).expect(200);
    expect(concerns.body.find((c: { code: string }) => c.code === 'online-harm')).toEqual({ code: 'online-harm', name: 'ネット上の被害', groupName: '人間関係', confirmed: false, sortOrder: 135, active: false });

    expect(consoleErrors).toEqual([]);
  }, 120_000);
});
