import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { Schemas } from '../../api/client';
import { fakeApi, type Reply } from '../../test-support';
import { AdminUsers } from './AdminUsers';

afterEach(cleanup);

const UNIT = '6d1f3c2a-0b7e-4c59-9a51-3f0e8a7b1c01';
const OTHER_UNIT = '6d1f3c2a-0b7e-4c59-9a51-3f0e8a7b1c02';
const OLD_UNIT = '6d1f3c2a-0b7e-4c59-9a51-3f0e8a7b1c03';
const DEPT = '0c6a3f10-58b2-4d7e-9e21-5a4b7c8d9e02';
const UNITS = [
  { id: UNIT, code: 'soudan', name: '相談係', active: true },
  { id: OTHER_UNIT, code: 'shien', name: '支援係', active: true },
  { id: OLD_UNIT, code: 'kyu', name: '旧係', active: false },
];
const me = { id: 'admin-id', loginId: 'admin', displayName: '管理者', role: 'admin', permissions: ['user.manage'] } as unknown as Schemas['MeResponseDto'];
const account = (over: Record<string, unknown>) => ({ id: 'u1', loginId: 'sato', displayName: '佐藤 相談員', role: 'counselor', unitId: UNIT, departmentId: null, active: true, mfaEnabled: false, approvalState: 'approved', approvalReasons: [], ...over });
const USERS = [
  account({ id: 'admin-id', loginId: 'admin', displayName: '管理者', role: 'admin', unitId: null, mfaEnabled: true }),
  account({ id: 'u1', mfaEnabled: true }),
  account({ id: 'u2', loginId: 'tanaka', displayName: '田中 窓口', role: 'liaison', unitId: null, departmentId: DEPT }),
  account({ id: 'u4', loginId: 'yamada', displayName: '山田 相談員', unitId: OLD_UNIT }),
  account({ id: 'u5', loginId: 'kimura', displayName: '木村 相談員', approvalState: 'pending', approvalReasons: ['created', 'mfa-reset'] }),
];

function setup(onWrite: (method: string, url: URL, body: unknown) => Reply = () => ({ status: 200, body: {} })) {
  const fake = fakeApi((method, url, body) => {
    if (method === 'GET' && url.pathname === '/api/v1/users') return { status: 200, body: USERS };
    if (method === 'GET' && url.pathname === '/api/v1/units') return { status: 200, body: UNITS };
    if (method === 'GET' && url.pathname === '/api/v1/departments') return { status: 200, body: [{ id: DEPT, code: 'seikatsu-shien', name: '生活支援課', active: true }] };
    return onWrite(method, url, body);
  });
  render(<AdminUsers api={fake.api} me={me} params={{}} />);
  return { ...fake, user: userEvent.setup() };
}
const writes = <R extends { method: string }>(requests: R[]) => requests.filter((r) => r.method !== 'GET');

describe('AdminUsers', () => {
  it('lists accounts with role, placement, MFA and state', async () => {
    setup();
    expect(screen.getByRole('heading', { level: 1, name: '利用者の管理' })).toBeTruthy();
    const row = await screen.findByRole('row', { name: /sato/ });
    expect(row.textContent).toContain('相談員');
    expect(row.textContent).toContain('相談係');
    expect(row.textContent).toContain('設定済み');
    expect(row.textContent).not.toContain('ロック'); // accounts are throttled, never locked
    expect((await screen.findByRole('row', { name: /tanaka/ })).textContent).toContain('生活支援課');
    expect(screen.getByRole('row', { name: /yamada/ }).textContent).toContain('旧係（無効）');
    // An account an admin changed waits for a supervisor, and says why.
    expect(screen.getByRole('row', { name: /kimura/ }).textContent).toContain('査察指導員の承認待ち（アカウントの新規作成・二要素認証のリセット）');
    expect(row.textContent).not.toContain('承認待ち');
    // No 無効化 or MFA再設定 of oneself (the api refuses them).
    const self = screen.getByRole('row', { name: /管理者/ });
    expect(within(self).queryByRole('button', { name: /無効化/ })).toBeNull();
    expect(within(self).queryByRole('button', { name: /MFA再設定/ })).toBeNull();
    expect(within(self).queryByRole('button', { name: /パスワード再設定/ })).toBeNull();
  });

  it('creates a liaison with the department the role needs, then reloads the list', async () => {
    const { requests, user } = setup(() => ({ status: 201, body: account({ id: 'u3', approvalState: 'pending', approvalReasons: ['created'] }) }));
    await screen.findByRole('row', { name: /sato/ });
    await user.type(screen.getByLabelText('ログインID'), 'suzuki.liaison');
    await user.type(screen.getByLabelText('表示名'), '鈴木 窓口');
    await user.selectOptions(screen.getByLabelText('役割'), '庁内連携窓口');
    expect(screen.queryByLabelText('係')).toBeNull();
    await user.selectOptions(await screen.findByLabelText('部署'), '生活支援課');
    await user.type(screen.getByLabelText('初期パスワード'), 'correct-horse-battery-1');
    await user.click(screen.getByRole('button', { name: '登録' }));
    // A liaison reads referrals about women: the account waits for a supervisor's approval.
    expect((await screen.findByRole('status')).textContent).toBe(
      '鈴木 窓口（suzuki.liaison）を登録しました。査察指導員が承認するまで、このアカウントではサインインできません。承認した査察指導員から本人に利用開始コードが渡されます。',
    );
    expect(writes(requests)[0].body).toEqual({ loginId: 'suzuki.liaison', displayName: '鈴木 窓口', role: 'liaison', departmentId: DEPT, password: 'correct-horse-battery-1' });
    expect(requests.filter((r) => r.url.pathname === '/api/v1/users' && r.method === 'GET')).toHaveLength(2);
    expect((screen.getByLabelText('ログインID') as HTMLInputElement).value).toBe('');
  });

  it('offers the active 係 of GET /units for a counselor and sends the one chosen', async () => {
    const { requests, user } = setup(() => ({ status: 201, body: account({ id: 'u3' }) }));
    await screen.findByRole('row', { name: /sato/ });
    const unit = screen.getByLabelText('係') as HTMLSelectElement;
    await within(unit).findByRole('option', { name: '支援係' });
    expect([...unit.options].map((o) => o.textContent)).toEqual(['選択してください', '相談係', '支援係']);
    await user.type(screen.getByLabelText('ログインID'), 'ito');
    await user.type(screen.getByLabelText('表示名'), '伊藤 相談員');
    await user.selectOptions(unit, '支援係');
    await user.type(screen.getByLabelText('初期パスワード'), 'correct-horse-battery-1');
    await user.click(screen.getByRole('button', { name: '登録' }));
    await screen.findByText('伊藤 相談員（ito）を登録しました。');
    expect(writes(requests)[0].body).toEqual({ loginId: 'ito', displayName: '伊藤 相談員', role: 'counselor', unitId: OTHER_UNIT, password: 'correct-horse-battery-1' });
  });

  it('moves a counselor out of an inactive 係: the current one stays offered, the new one is sent', async () => {
    const { requests, user } = setup(() => ({ status: 200, body: account({}) }));
    await user.click(await screen.findByRole('button', { name: '編集（yamada）' }));
    const form = screen.getByRole('region', { name: 'yamada の編集' });
    const unit = within(form).getByLabelText('係') as HTMLSelectElement;
    expect(unit.value).toBe(OLD_UNIT);
    expect([...unit.options].map((o) => o.textContent)).toEqual(['選択してください', '相談係', '支援係', '旧係（無効）']);
    await user.selectOptions(unit, '相談係');
    await user.click(within(form).getByRole('button', { name: '保存' }));
    await screen.findByText('山田 相談員（yamada）を更新しました。');
    expect(writes(requests)[0].body).toEqual({ unitId: UNIT });
  });

  it('shows the api field errors under their fields', async () => {
    const { user } = setup(() => ({
      status: 400,
      body: {
        statusCode: 400,
        message: '入力内容に誤りがあります',
        fields: [
          { field: 'unitId', message: '相談員・査察指導員には有効な係を指定してください' },
          { field: 'password', message: '12文字以上で入力してください' },
        ],
      },
    }));
    await screen.findByRole('row', { name: /sato/ });
    await user.click(screen.getByRole('button', { name: '登録' }));
    expect((await screen.findByRole('alert')).textContent).toContain('係: 相談員・査察指導員には有効な係を指定してください');
    const unit = screen.getByLabelText('係');
    expect(unit.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(unit.getAttribute('aria-describedby') as string)?.textContent).toBe('相談員・査察指導員には有効な係を指定してください');
    expect(screen.getByLabelText('初期パスワード').getAttribute('aria-invalid')).toBe('true');
  });

  it('edits role and display name, sending only what changed', async () => {
    const { requests, user } = setup(() => ({ status: 200, body: account({}) }));
    await user.click(await screen.findByRole('button', { name: '編集（sato）' }));
    const form = screen.getByRole('region', { name: 'sato の編集' });
    const name = within(form).getByLabelText('表示名');
    await user.clear(name);
    await user.type(name, '佐藤 係長');
    await user.selectOptions(within(form).getByLabelText('役割'), '査察指導員');
    await user.click(within(form).getByRole('button', { name: '保存' }));
    await screen.findByText('佐藤 係長（sato）を更新しました。');
    const patch = writes(requests)[0];
    expect(patch.method).toBe('PATCH');
    expect(patch.url.pathname).toBe('/api/v1/users/u1');
    expect(patch.body).toEqual({ displayName: '佐藤 係長', role: 'supervisor' });
    expect(screen.queryByRole('region', { name: 'sato の編集' })).toBeNull();
  });

  it('asks before 無効化 and sends nothing when cancelled', async () => {
    const { requests, user } = setup(() => ({ status: 200, body: account({ active: false }) }));
    await user.click(await screen.findByRole('button', { name: '無効化（sato）' }));
    expect(screen.getByRole('group', { name: /佐藤 相談員（sato） を無効化しますか/ })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'やめる' }));
    expect(writes(requests)).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: '無効化（sato）' }));
    await user.click(screen.getByRole('button', { name: '無効化する' }));
    await screen.findByText('佐藤 相談員（sato） を無効化しました。');
    expect(writes(requests)[0]).toMatchObject({ method: 'PATCH', body: { active: false } });
    expect(writes(requests)[0].url.pathname).toBe('/api/v1/users/u1');
  });

  it('sets a new password and resets MFA after confirming', async () => {
    const { requests, user } = setup(() => ({ status: 200, body: account({}) }));
    await user.click(await screen.findByRole('button', { name: 'パスワード再設定（sato）' }));
    await user.type(screen.getByLabelText('新しいパスワード'), 'another-horse-battery-2');
    await user.click(screen.getByRole('button', { name: '再設定する' }));
    await screen.findByText('佐藤 相談員（sato） のパスワードを再設定しました。');
    expect(writes(requests)[0].body).toEqual({ password: 'another-horse-battery-2' });

    await user.click(screen.getByRole('button', { name: 'MFA再設定（sato）' }));
    await user.click(screen.getByRole('button', { name: '二要素認証を解除する' }));
    await screen.findByText('佐藤 相談員（sato） の二要素認証を解除しました。');
    expect(writes(requests)[1]).toMatchObject({ method: 'POST' });
    expect(writes(requests)[1].url.pathname).toBe('/api/v1/users/u1/mfa/reset');
  });

  it('keeps the question open and shows the refusal when the api says 403', async () => {
    const { user } = setup(() => ({ status: 403, body: { statusCode: 403, message: '自分自身の二要素認証はリセットできません。別の管理者に依頼してください' } }));
    await user.click(await screen.findByRole('button', { name: 'MFA再設定（sato）' }));
    await user.click(screen.getByRole('button', { name: '二要素認証を解除する' }));
    expect((await screen.findByRole('alert')).textContent).toContain('自分自身の二要素認証はリセットできません');
    expect(screen.getByRole('button', { name: '二要素認証を解除する' })).toBeTruthy();
  });

  it('says so when the list cannot be read', async () => {
    const { api } = fakeApi(() => ({ status: 403, body: { statusCode: 403, message: 'この操作を行う権限がありません' } }));
    render(<AdminUsers api={api} me={me} params={{}} />);
    expect((await screen.findByRole('alert')).textContent).toContain('この操作を行う権限がありません');
  });
});
