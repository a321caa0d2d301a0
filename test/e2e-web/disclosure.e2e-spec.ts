import { Role } from '@tsunagu/common';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createAndSignIn, SignedIn, signInAdmin } from '../support/auth-helpers';
import { startTestApp, TestApp } from '../support/test-app';
import { unzip } from '../support/unzip';
import { BrowserSession, describeWithChromium, openBrowser, screenshot, signInInBrowser, signInWithSecondFactor, signOutInBrowser } from './browser';

// 本人開示 in the browser: a supervisor exports a client's records from her page and gets the
// ZIP as a download; a counselor is not offered the button. Fictional people only.
describeWithChromium('本人開示 in Chromium', () => {
  let app: TestApp;
  let session: BrowserSession;
  let browser: Browser;
  let page: Page;
  let supervisor: SignedIn;
  let clientId: string;
  const NAME = '架空 開示花子';
  const SUMMARY = '架空の相談要約：開示の確認';

  beforeAll(async () => {
    app = await startTestApp('web-disclosure');
    const admin = await signInAdmin(app);
    const counselor = await createAndSignIn(app, admin, Role.Counselor, 'kaiji.counselor');
    supervisor = await createAndSignIn(app, admin, Role.Supervisor, 'kaiji.supervisor');
    await app.app.get(DataSource).query(`UPDATE users SET display_name = '架空 担当者名' WHERE id = $1`, [counselor.userId]);
    const as = { Authorization: `Bearer ${counselor.token}` };
    clientId = (await request(app.url).post('/api/v1/clients').set(as).send({ name: NAME, phone: '090-0000-3131', addressProtected: true, address: '架空市秘匿町3-1-3' }).expect(201)).body.id;
    const caseId = (await request(app.url).post('/api/v1/cases').set(as).send({ clientId, programCode: 'dv-center', mainConcerns: ['husband-violence'] }).expect(201)).body.id;
    await request(app.url)
      .post(`/api/v1/cases/${caseId}/contacts`)
      .set(as)
      .send({ startedAt: '2025-10-01T01:00:00.000Z', durationMinutes: 15, channel: 'phone', mainConcern: 'husband-violence', dvRelated: true, summary: SUMMARY })
      .expect(201);
    session = await openBrowser();
    ({ browser, page } = session);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('a counselor sees her page without the export button', async () => {
    await signInInBrowser(page, app, 'kaiji.counselor');
    await page.goto(`${app.url}/clients/${clientId}`);
    await page.getByRole('heading', { level: 1, name: new RegExp(NAME) }).waitFor();
    expect(await page.getByRole('button', { name: '本人開示用に書き出す' }).count()).toBe(0);
    await signOutInBrowser(page);
  }, 120_000);

  it('a supervisor exports with staff names withheld and a receipt number, and saves the ZIP', async () => {
    await signInWithSecondFactor(session, app, supervisor);
    await page.goto(`${app.url}/clients/${clientId}`);
    await page.getByRole('heading', { level: 1, name: new RegExp(NAME) }).waitFor();
    await page.getByRole('button', { name: '本人開示用に書き出す' }).click();
    const dialog = page.getByRole('dialog', { name: '本人開示用に書き出す' });
    await dialog.waitFor();
    expect(await dialog.getByRole('radio', { name: /伏せる/ }).isChecked()).toBe(true);
    await dialog.getByLabel('開示請求の受付番号（任意）').fill('R7-開示-0099');
    await screenshot(page, 'disclosure-01-dialog');
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: '書き出す（監査ログに記録）' }).click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^kaiji-${clientId.slice(0, 8)}-\\d{8}\\.zip$`));
    expect(download.url()).toMatch(/^blob:/);
    await page.getByRole('status').getByText(/を保存しました/).waitFor();

    const files = new Map(unzip(readFileSync((await download.path()))).map((e) => [e.name, e.data.toString('utf8')]));
    const json = JSON.parse(files.get('disclosure.json')!);
    expect(json).toMatchObject({ clientId, requestReference: 'R7-開示-0099', staffNames: 'redacted', client: { name: NAME } });
    expect(json.contacts).toEqual([expect.objectContaining({ summary: SUMMARY, counselor: '相談員A' })]);
    expect([...files.values()].some((text) => text.includes('架空 担当者名') || text.includes('kaiji.counselor'))).toBe(false);
    expect(session.consoleErrors).toEqual([]);
  }, 120_000);
});
