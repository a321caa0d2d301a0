import { AlertRule, AlertsService } from '@tsunagu/alerts';
import { Role } from '@tsunagu/common';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { createAndSignIn, now, SignedIn, signInAdmin } from '../support/auth-helpers';
import { startTestApp, TestApp } from '../support/test-app';
import { describeWithChromium, ensureWebBuild, openBrowser, screenshot, signInWithSecondFactor } from './browser';
import { as } from '../support/http';

// Synthetic people only.
const NOTE = '架空：本人に確認、業務上の引継ぎによる閲覧でした';

describeWithChromium('insider-misuse alerts in Chromium (承認待ち, アクセスの警告)', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  let consoleErrors: string[];
  let supervisor: SignedIn;
  let reader: SignedIn;

  beforeAll(async () => {
    ensureWebBuild(); // before the app starts: it reads dist/web's index.html when it starts
    // Only the many-cases rule can fire: the others' thresholds are out of reach (and the hour the test runs at does not matter).
    app = await startTestApp('web-alerts', {
      env: {
        ALERT_CASES_PER_HOUR: '2',
        ALERT_UNASSIGNED_CASES_PER_DAY: '100',
        ALERT_BREAK_GLASS_PER_WEEK: '100',
        ALERT_SEARCHES_WITHOUT_ACTION_PER_DAY: '100',
        ALERT_AFTER_HOURS_PER_DAY: '100',
      },
    });
    const admin = await signInAdmin(app);
    supervisor = await createAndSignIn(app, admin, Role.Supervisor, 'al.supervisor');
    const writer = await createAndSignIn(app, admin, Role.Counselor, 'al.writer');
    const writer2 = await createAndSignIn(app, admin, Role.Counselor, 'al.writer2');
    reader = await createAndSignIn(app, admin, Role.Counselor, 'al.reader');
    // Three cases by two counselors (neither touches more than two), then one counselor reads all three.
    const caseIds: string[] = [];
    for (const [i, by] of [writer, writer, writer2].entries()) {
      const client = await request(app.url).post('/api/v1/clients').set(as(by)).send({ name: `架空 警報${i}` }).expect(201);
      const opened = await request(app.url).post('/api/v1/cases').set(as(by)).send({ clientId: client.body.id, programCode: 'josei-soudan', mainConcerns: ['divorce'] }).expect(201);
      caseIds.push(opened.body.id);
    }
    for (const id of caseIds) await request(app.url).get(`/api/v1/cases/${id}`).set(as(reader)).expect(200);
    expect(await app.app.get(AlertsService).scan(new Date(now(app).getTime() + 60_000))).toBe(1);

    ({ browser, page, consoleErrors } = await openBrowser());
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('a supervisor sees the alert on the home, opens all alerts and acknowledges it with a note', async () => {
    await signInWithSecondFactor({ browser, page, consoleErrors }, app, supervisor);
    await page.getByRole('heading', { name: '承認待ち', level: 1 }).waitFor();

    // On the home, under 承認待ち: the open alert, with the count against its threshold.
    await page.getByRole('heading', { name: 'アクセスの警告（未確認 1件）', level: 2 }).waitFor();
    const home = page.getByRole('region', { name: /アクセスの警告/ });
    await home.getByText('1時間に多数のケースを閲覧').waitFor();
    await home.getByText('3件（基準 2件）').waitFor();
    await home.getByText('詳細は各警告の「監査ログを見る」で、その職員のその期間の操作を確認してください。').waitFor();
    // Counts and a staff member only: nothing about the cases or their clients.
    expect(await page.content()).not.toContain('警報');
    await screenshot(page, 'alerts-01-home');

    await home.getByRole('link', { name: 'すべての警告を見る' }).click();
    await page.getByRole('heading', { name: 'アクセスの警告', level: 1 }).waitFor();
    expect(await page.getByRole('radio', { name: '未確認' }).isChecked()).toBe(true);
    const item = page.getByRole('listitem').filter({ hasText: '1時間に多数のケースを閲覧' });
    await item.getByText('3件（基準 2件）').waitFor();
    await item.getByLabel('確認内容（任意）').fill(NOTE);
    await screenshot(page, 'alerts-02-list');
    await item.getByRole('button', { name: /を確認済みにする$/ }).click();
    const status = page.getByRole('status').filter({ hasText: 'を確認済みにしました。' });
    await status.waitFor();
    // The acknowledged alert leaves the list: the focus goes to the message.
    await page.waitForFunction("document.activeElement && document.activeElement.getAttribute('role') === 'status'", undefined, { timeout: 5_000 });
    await page.getByText('未確認の警告はありません').waitFor();

    await page.getByRole('radio', { name: '確認済み' }).check();
    const done = page.getByRole('listitem').filter({ hasText: '1時間に多数のケースを閲覧' });
    await done.getByText(NOTE).waitFor();
    expect(await done.getByRole('button').count()).toBe(0);

    // Following it up: the alert links to the audit search for that staff member and that day.
    await done.getByRole('link', { name: /監査ログを見る/ }).click();
    await page.getByRole('heading', { name: '監査ログの検索', level: 1 }).waitFor();
    const url = new URL(page.url());
    expect(url.pathname).toBe('/audit/events');
    expect(url.searchParams.get('actorId')).toBe(reader.userId);
    const table = page.getByRole('table');
    await table.getByText('case.read').first().waitFor();
    expect(await table.getByText('case.read').count()).toBe(3); // the three cases the reader opened
    expect(await table.getByText('ケースの閲覧', { exact: true }).count()).toBe(3); // by name, the code beneath
    expect(await page.getByLabel('職員').inputValue()).toBe(reader.userId);
    await screenshot(page, 'alerts-03-audit');

    const acknowledged = await request(app.url).get('/api/v1/alerts').query({ status: 'acknowledged' }).set(as(supervisor)).expect(200);
    expect(acknowledged.body).toHaveLength(1);
    expect(acknowledged.body[0]).toMatchObject({ rule: AlertRule.ManyCasesPerHour, actorId: reader.userId, observed: 3, threshold: 2, status: 'acknowledged', acknowledgedBy: supervisor.userId, note: NOTE });
    const open = await request(app.url).get('/api/v1/alerts').query({ status: 'open' }).set(as(supervisor)).expect(200);
    expect(open.body).toEqual([]);
    expect(consoleErrors).toEqual([]);
  }, 120_000);
});
