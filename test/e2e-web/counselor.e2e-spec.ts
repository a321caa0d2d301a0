import { TasksService } from '@tsunagu/cases';
import { addDays, addMonths, jstDate, Role } from '@tsunagu/common';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { createAndSignIn, now, SignedIn, signInAdmin } from '../support/auth-helpers';
import { startTestApp, TestApp } from '../support/test-app';
import { describeWithChromium, ensureWebBuild, openBrowser, screenshot, signInInBrowser, signOutInBrowser } from './browser';
import { as } from '../support/http';

describeWithChromium('counselor screens in Chromium (dashboard, 相談者, ケース詳細, 緊急閲覧)', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  let consoleErrors: string[];
  let counselor: SignedIn;
  let supervisor: SignedIn;
  let caseId: string;
  let caseNumber: string;
  let restrictedId: string;
  let restrictedNumber: string;
  const phone = '090-7777-0909';
  const summary = '架空の相談記録: 夫からの暴力について電話で相談。';


  beforeAll(async () => {
    // Build first: the api serves the web app only when dist/web exists as it starts (a fresh
    // checkout has none until openBrowser builds it).
    ensureWebBuild();
    app = await startTestApp('web-counselor');
    const admin = await signInAdmin(app);
    counselor = await createAndSignIn(app, admin, Role.Counselor, 'web.c.counselor');
    const colleague = await createAndSignIn(app, admin, Role.Counselor, 'web.c.colleague');
    supervisor = await createAndSignIn(app, admin, Role.Supervisor, 'web.c.supervisor');

    // The counselor's own client (address-protected) and case, with one contact.
    const client = await request(app.url)
      .post('/api/v1/clients')
      .set(as(counselor))
      .send({ name: '架空 秘匿美', kana: 'カクウヒトクミ', phone, address: '架空市秘匿町9-9-9', addressProtected: true, gender: 'female', ageBand: '30s' })
      .expect(201);
    const item = await request(app.url)
      .post('/api/v1/cases')
      .set(as(counselor))
      .send({ clientId: client.body.id, programCode: 'josei-soudan', mainConcerns: ['husband-violence'] })
      .expect(201);
    ({ id: caseId, caseNumber } = item.body);
    await request(app.url)
      .post(`/api/v1/cases/${caseId}/contacts`)
      .set(as(counselor))
      .send({ startedAt: new Date(now(app).getTime() - 3_600_000).toISOString(), durationMinutes: 40, channel: 'phone', mainConcern: 'husband-violence', dvRelated: true, summary })
      .expect(201);

    // A DV等支援措置 term ending in 19 days, and the daily job's renewal reminder for it.
    const today = jstDate(now(app));
    await request(app.url)
      .post(`/api/v1/cases/${caseId}/support-measures`)
      .set(as(counselor))
      .send({ appliedOn: addDays(addMonths(today, -12), 20) })
      .expect(201);
    expect(await app.app.get(TasksService).generateRenewalTasks(today)).toBe(1);

    // A colleague's case, restricted by the supervisor: hidden from the counselor.
    const other = await request(app.url).post('/api/v1/clients').set(as(colleague)).send({ name: '架空 制限子', addressProtected: false }).expect(201);
    const restricted = await request(app.url)
      .post('/api/v1/cases')
      .set(as(colleague))
      .send({ clientId: other.body.id, programCode: 'josei-soudan', mainConcerns: ['husband-violence'] })
      .expect(201);
    await request(app.url).patch(`/api/v1/cases/${restricted.body.id}`).set(as(supervisor)).send({ version: restricted.body.version, restricted: true }).expect(200);
    ({ id: restrictedId, caseNumber: restrictedNumber } = restricted.body);
    await request(app.url).get(`/api/v1/cases/${restrictedId}`).set(as(counselor)).expect(404);

    ({ browser, page, consoleErrors } = await openBrowser());
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('dashboard → 相談者検索 by phone → client page without her address, revealed on request → case detail with the contact', async () => {
    await signInInBrowser(page, app, 'web.c.counselor');
    await page.getByRole('heading', { name: 'ダッシュボード' }).waitFor();
    const myCases = page.getByRole('table', { name: /担当中のケース/ });
    const row = myCases.getByRole('row', { name: new RegExp(caseNumber) });
    await row.getByText('架空 秘匿美').waitFor();
    expect(await row.getByText('住所秘匿').isVisible()).toBe(true);
    const task = page.getByRole('table', { name: /期限のある対応/ }).getByRole('row', { name: new RegExp(caseNumber) });
    await task.getByText('あと19日').waitFor();
    expect(await task.getByText('支援措置の更新（1か月前）').isVisible()).toBe(true);
    await screenshot(page, 'counselor-01-dashboard');
    await task.getByRole('button', { name: /完了にする/ }).click();
    await page.getByText('期限のある対応はありません。').waitFor();
    const open = await request(app.url).get('/api/v1/tasks').set(as(counselor)).expect(200);
    expect(open.body).toEqual([]);

    await page.getByRole('navigation', { name: 'メニュー' }).getByRole('link', { name: '相談者検索' }).click();
    await page.getByLabel('検索する電話番号').fill(phone);
    await page.keyboard.press('Enter');
    const result = page.getByRole('row', { name: /架空 秘匿美/ });
    await result.waitFor();
    expect(await page.content()).not.toContain('秘匿町');
    await screenshot(page, 'counselor-02-search');
    await result.getByRole('link', { name: '架空 秘匿美' }).click();

    const heading = page.getByRole('heading', { level: 1, name: /架空 秘匿美/ });
    await heading.waitFor();
    expect(new URL(page.url()).pathname).toBe(`/clients/${await clientIdOf(caseId)}`);
    expect(await heading.getByText('住所秘匿').isVisible()).toBe(true);
    await page.getByText('秘匿（表示していません）').waitFor();
    await page.getByRole('link', { name: caseNumber }).waitFor();
    expect(await page.content()).not.toContain('秘匿町');
    expect(await addressReads()).toBe(0);
    await screenshot(page, 'counselor-03-client');

    // 住所を表示: a confirmation that says the read is audited, then the address in that one place.
    await page.getByRole('button', { name: '住所を表示' }).click();
    const confirm = page.getByRole('dialog', { name: '住所を表示しますか' });
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('監査ログに記録されます');
    expect(await page.content()).not.toContain('秘匿町');
    await screenshot(page, 'counselor-03b-address-confirm');
    await confirm.getByRole('button', { name: '表示する（監査ログに記録）' }).click();
    await page.getByText('架空市秘匿町9-9-9').waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await addressReads()).toBe(1);
    await screenshot(page, 'counselor-03c-address-shown');

    await page.getByRole('link', { name: caseNumber }).click();
    await page.getByRole('heading', { level: 1, name: `ケース ${caseNumber}` }).waitFor();
    const timeline = page.getByRole('list', { name: '相談記録（新しい順）' });
    await timeline.getByText(summary).waitFor();
    expect(await timeline.getByText('40分', { exact: false }).count()).toBe(1);
    expect(await page.getByRole('link', { name: '相談記録を入力' }).getAttribute('href')).toBe(`/cases/${caseId}/contacts/new`);
    await page.getByText('更新の申出が必要です').waitFor();
    await page.getByText('物品提供の記録はありません。').waitFor();
    expect(await page.content()).not.toContain('秘匿町');
    // The assignee by name (GET /staff): the counselor herself.
    expect(await page.getByText('自分（テスト counselor）').isVisible()).toBe(true);
    await screenshot(page, 'counselor-04-case');

    // Back on the client page the address is withheld again: nothing is kept.
    await page.goBack();
    await page.getByText('秘匿（表示していません）').waitFor();
    expect(await page.content()).not.toContain('秘匿町');
    expect(await addressReads()).toBe(1);
    expect(consoleErrors).toEqual([]);
  }, 120_000);

  it('a restricted case is refused; break-glass with a reason opens it and is recorded for review', async () => {
    await page.goto(`${app.url}/cases/${restrictedId}`);
    await page.getByRole('alert').getByText('対象が見つかりません。').waitFor();
    expect(await page.content()).not.toContain(restrictedNumber);
    await screenshot(page, 'counselor-05-refused');

    await page.getByRole('button', { name: '緊急閲覧（ブレークグラス）' }).click();
    const dialog = page.getByRole('dialog', { name: '緊急閲覧（ブレークグラス）' });
    await dialog.waitFor();
    expect(await page.evaluate("document.activeElement.getAttribute('name')")).toBe('reason');
    const reason = '担当者不在の夜間に本人から緊急の連絡があったため';
    await page.keyboard.type(reason);
    await screenshot(page, 'counselor-06-break-glass');
    await dialog.getByRole('button', { name: '記録して閲覧する' }).click();

    await page.getByRole('heading', { level: 1, name: `ケース ${restrictedNumber}` }).waitFor();
    expect(await page.getByRole('status').filter({ hasText: '緊急閲覧を記録しました' }).isVisible()).toBe(true);
    expect(await page.getByText('閲覧制限').isVisible()).toBe(true);
    await screenshot(page, 'counselor-07-after-break-glass');

    const grants = await request(app.url).get('/api/v1/break-glass?reviewed=false').set(as(supervisor)).expect(200);
    expect(grants.body).toEqual([expect.objectContaining({ caseId: restrictedId, userId: counselor.userId, reason })]);
    await signOutInBrowser(page);
  }, 120_000);

  /** The counselor's audited reads of a protected address (client.read with detail address). */
  async function addressReads(): Promise<number> {
    const res = await request(app.url).get(`/api/v1/audit-events?action=client.read&actorId=${counselor.userId}&limit=200`).set(as(supervisor)).expect(200);
    return (res.body.items as Array<{ detailCode: string | null }>).filter((e) => e.detailCode === 'address').length;
  }

  async function clientIdOf(id: string): Promise<string> {
    const res = await request(app.url).get(`/api/v1/cases/${id}`).set(as(counselor)).expect(200);
    return res.body.clientId as string;
  }
});
