import { Role } from '@tsunagu/common';
import { createHmac, randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { createAndSignIn, signInAdmin, SignedIn, UNIT_ID } from '../support/auth-helpers';
import { FakeLine } from '../support/fake-line';
import { startTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait';
import { describeWithChromium, openBrowser, screenshot, signInInBrowser } from './browser';
import { testNow } from '../support/clock';
import { as } from '../support/http';

// Synthetic LINE account, user and messages; the LINE Messaging API is a local stand-in.
const SECRET = 'synthetic-web-channel-secret-01';
const TOKEN = 'synthetic-web-access-token-01';
const LINE_USER = `U${'7e'.repeat(16)}`;
const INCOMING = '架空の相談：今夜泊まれる場所を知りたい';
const REPLY = '架空の返信：ご連絡ありがとうございます。お話を伺います';

describeWithChromium('LINE in Chromium: an incoming message in the inbox, the chat, a reply and its delivery', () => {
  const line = new FakeLine(TOKEN);
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  let consoleErrors: string[];
  let counselor: SignedIn;

  beforeAll(async () => {
    await line.start();
    app = await startTestApp('web-line', { env: { LINE_API_BASE_URL: line.url, LINE_API_TIMEOUT_MS: '2000' } });
    const admin = await signInAdmin(app);
    counselor = await createAndSignIn(app, admin, Role.Counselor, 'line.web.counselor');
    await request(app.url)
      .post('/api/v1/line/channels')
      .set(as(admin))
      .send({ key: 'ashitaba', name: 'あしたば LINE相談', programCode: 'ashitaba-line', unitId: UNIT_ID, channelSecret: SECRET, accessToken: TOKEN })
      .expect(201);
    // No fixed hours, so a counselor may answer whenever the test runs (out of hours only a supervisor may).
    await request(app.url).patch('/api/v1/programs/ashitaba-line').set(as(admin)).send({ serviceHours: null }).expect(200);

    const timestamp = testNow().getTime() - 2 * 60_000;
    const body = JSON.stringify({
      destination: `U${'0'.repeat(32)}`,
      events: [
        {
          type: 'message',
          mode: 'active',
          timestamp,
          source: { type: 'user', userId: LINE_USER },
          webhookEventId: `01J${randomUUID().replace(/-/g, '').slice(0, 23).toUpperCase()}`,
          deliveryContext: { isRedelivery: false },
          replyToken: 'synthetic-reply-token',
          message: { id: String(timestamp), type: 'text', quoteToken: 'q', text: INCOMING },
        },
      ],
    });
    const signature = createHmac('sha256', SECRET).update(Buffer.from(body, 'utf8')).digest('base64');
    await request(app.url).post('/api/v1/line/webhook/ashitaba').set('content-type', 'application/json').set('x-line-signature', signature).send(body).expect(200);
    await waitFor(async () => (await request(app.url).get('/api/v1/line/conversations').set(as(counselor)).expect(200)).body.length === 1);
    ({ browser, page, consoleErrors } = await openBrowser());
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await line.stop();
  });

  it('the counselor sees the waiting conversation without its text, opens it, replies and sees the delivery state', async () => {
    await signInInBrowser(page, app, 'line.web.counselor');
    await page.getByRole('navigation', { name: 'メニュー' }).getByRole('link', { name: 'LINE 受信箱' }).click();
    await page.getByRole('heading', { name: 'LINE 受信箱', level: 1 }).waitFor();
    const row = page.locator('tr.waiting');
    await row.waitFor();
    expect(await row.textContent()).toMatch(/\d+分待ち/);
    expect(await row.textContent()).toContain('未連携');
    expect(await row.textContent()).toContain('あしたば LINE相談');
    await page.getByText('受付時間の定めなし').waitFor();
    const inbox = await page.content();
    expect(inbox).not.toContain(INCOMING);
    expect(inbox).not.toContain(LINE_USER);
    await screenshot(page, 'line-01-inbox');

    await row.getByRole('link').first().click();
    await page.getByRole('heading', { name: 'LINE 相談', level: 1 }).waitFor();
    const messages = page.getByRole('list', { name: 'メッセージ' });
    await messages.getByText(INCOMING).waitFor();
    expect(await messages.locator('li[data-direction="in"]').count()).toBe(1);

    await page.getByLabel('返信').fill(REPLY);
    await page.getByLabel('返信').press('Control+Enter');
    const sent = messages.locator('li[data-direction="out"]', { hasText: REPLY });
    await sent.waitFor();
    expect(await page.getByLabel('返信').inputValue()).toBe('');
    // The worker pushes it; the 5 s poll shows 送信済.
    await waitFor(() => line.pushes.some((p) => p.text === REPLY));
    await sent.getByText('送信済').waitFor({ timeout: 15_000 });
    expect(line.pushes.filter((p) => p.text === REPLY).map(({ to, text }) => ({ to, text }))).toEqual([{ to: LINE_USER, text: REPLY }]);
    expect(await page.content()).not.toContain(LINE_USER);
    await screenshot(page, 'line-02-chat');

    const listed = await request(app.url).get('/api/v1/line/conversations').set('Authorization', `Bearer ${counselor.token}`).expect(200);
    expect(listed.body[0]).toMatchObject({ waitingSince: null, waitingMinutes: 0 });
    expect(consoleErrors).toEqual([]);
  }, 120_000);
});
