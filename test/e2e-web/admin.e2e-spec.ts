import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { SignedIn, signInAdmin, TEST_PASSWORD, UNIT_ID } from '../support/auth-helpers';
import { BOOTSTRAP_ADMIN_PASSWORD, startTestApp, TestApp } from '../support/test-app';
import { describeWithChromium, ensureWebBuild, openBrowser, screenshot, signInWithSecondFactor } from './browser';

describeWithChromium('admin screens in Chromium (利用者, 施設, 事業と受付時間, 閉庁日)', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  let admin: SignedIn;
  let consoleErrors: string[];
  const api = (path: string) => request(app.url).get(`/api/v1${path}`).set('Authorization', `Bearer ${admin.token}`).expect(200);

  beforeAll(async () => {
    ensureWebBuild(); // before the app starts: it reads dist/web's index.html when it starts
    app = await startTestApp('web-admin');
    admin = await signInAdmin(app);
    ({ browser, page, consoleErrors } = await openBrowser());
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('the admin signs in with MFA, creates a counselor, registers a facility, edits a program’s hours and adds a closure day', async () => {
    await signInWithSecondFactor({ browser, page, consoleErrors }, app, admin, BOOTSTRAP_ADMIN_PASSWORD);
    await page.getByRole('heading', { level: 1, name: '利用者の管理' }).waitFor();

    // 利用者: a new counselor in 相談係.
    const create = page.getByRole('region', { name: '利用者の登録' });
    await create.getByLabel('ログインID').fill('e2e.counselor');
    await create.getByLabel('表示名').fill('架空 新任相談員');
    await create.getByLabel('役割').selectOption({ label: '相談員' });
    await create.getByLabel('係').selectOption({ label: '相談係' });
    await create.getByLabel('初期パスワード').fill(TEST_PASSWORD);
    await create.getByRole('button', { name: '登録' }).click();
    await page.getByRole('status').getByText('架空 新任相談員（e2e.counselor）を登録しました。').waitFor();
    // A counselor reads cases: her account waits for a supervisor, and the admin is told so.
    expect(await page.getByRole('status').textContent()).toContain('査察指導員が承認するまで、このアカウントではサインインできません');
    const row = page.getByRole('row', { name: /e2e\.counselor/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('相談係');
    expect(await row.textContent()).toContain('査察指導員の承認待ち（アカウントの新規作成）');
    await screenshot(page, 'admin-01-users');
    const users = (await api('/users')).body as Array<{ loginId: string; role: string; unitId: string; active: boolean; mfaEnabled: boolean }>;
    expect(users.find((u) => u.loginId === 'e2e.counselor')).toMatchObject({ role: 'counselor', unitId: UNIT_ID, active: true, mfaEnabled: false });

    // 施設: the address is written once; the edit form says it is on file, never what it is.
    await page.getByRole('navigation', { name: 'メニュー' }).getByRole('link', { name: '施設' }).click();
    const newFacility = page.getByRole('region', { name: '施設の登録' });
    await newFacility.getByLabel('名称').fill('架空シェルター管理');
    await newFacility.getByLabel('定員（人）').fill('5');
    await newFacility.getByLabel('住所').fill('架空市秘匿町3-3-3');
    await newFacility.getByRole('button', { name: '登録' }).click();
    await page.getByRole('status').getByText('架空シェルター管理 を登録しました。').waitFor();
    await page.getByRole('button', { name: '編集（架空シェルター管理）' }).click();
    const editFacility = page.getByRole('region', { name: '架空シェルター管理 の編集' });
    expect(await editFacility.getByLabel('住所').inputValue()).toBe('');
    await editFacility.getByText('現在: 登録済み（表示しません）').waitFor();
    await editFacility.getByText('現在: 未登録').waitFor();
    expect(await page.content()).not.toContain('秘匿町');
    await editFacility.getByRole('button', { name: 'キャンセル' }).click();

    // 事業と受付時間: 女性相談室 answers 月〜金 9:00〜16:30 and 第2土曜 10:00〜12:00.
    await page.getByRole('navigation', { name: 'メニュー' }).getByRole('link', { name: '事業・受付時間' }).click();
    await page.getByRole('button', { name: '受付時間を編集（女性相談室）' }).click();
    const edit = page.getByRole('region', { name: '女性相談室 の受付時間' });
    while ((await edit.getByRole('button', { name: '規則1を削除' }).count()) > 0) await edit.getByRole('button', { name: '規則1を削除' }).click();
    await edit.getByRole('button', { name: '規則を追加' }).click();
    await edit.getByRole('group', { name: '規則1' }).getByLabel('終了時刻').fill('16:30');
    await edit.getByRole('button', { name: '規則を追加' }).click();
    const monthly = edit.getByRole('group', { name: '規則2' });
    await monthly.getByLabel('繰り返し').selectOption('monthly');
    await monthly.getByLabel('週').selectOption({ label: '第2' });
    await monthly.getByLabel('曜日', { exact: true }).selectOption({ label: '土曜日' });
    await monthly.getByLabel('開始時刻').fill('10:00');
    await monthly.getByLabel('終了時刻').fill('12:00');
    await edit.getByRole('button', { name: '保存' }).click();
    await page.getByRole('status').getByText('女性相談室 の受付時間を保存しました。').waitFor();
    expect(await page.getByRole('row', { name: /女性相談室/ }).textContent()).toContain('月〜金 9:00〜16:30、毎月第2土曜日 10:00〜12:00');
    await screenshot(page, 'admin-02-programs');
    const programs = (await api('/programs')).body as Array<{ code: string; serviceHours: unknown }>;
    expect(programs.find((p) => p.code === 'josei-soudan')?.serviceHours).toEqual([
      { kind: 'weekly', weekdays: [1, 2, 3, 4, 5], start: '09:00', end: '16:30' },
      { kind: 'monthly', nth: 2, weekday: 6, start: '10:00', end: '12:00' },
    ]);

    // 閉庁日: a dated closure day, shown under its fiscal year in 和暦.
    await page.getByRole('navigation', { name: 'メニュー' }).getByRole('link', { name: '閉庁日' }).click();
    await page.getByLabel('日付').fill('2026-08-14');
    await page.getByLabel('名称').fill('臨時閉庁');
    await page.getByRole('button', { name: '追加' }).click();
    await page.getByRole('status').getByText('令和8年8月14日（臨時閉庁）を閉庁日に追加しました。').waitFor();
    await page.getByRole('table', { name: '令和8年度の閉庁日' }).getByRole('row', { name: /臨時閉庁/ }).waitFor();
    await screenshot(page, 'admin-03-closure-days');
    const days = (await api('/closure-days')).body as Array<{ onDate: string | null; label: string }>;
    expect(days).toContainEqual(expect.objectContaining({ onDate: '2026-08-14', monthDay: null, label: '臨時閉庁' }));

    expect(consoleErrors).toEqual([]);
  }, 120_000);
});
