import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { RouterProvider } from '../../router/router';
import { fakeApi, type Reply } from '../../test-support';
import { Approvals } from './Approvals';
import { SUPERVISOR } from '../../test-fixtures/supervisor';

afterEach(cleanup);

const ME = { ...SUPERVISOR, permissions: ['account.approve'] };
const USER_ID = 'eeeeeeee-0000-4000-8000-000000000001';
const pending = {
  userId: USER_ID,
  loginId: 'new.counselor',
  displayName: '架空 新任',
  role: 'counselor',
  unitName: '女性相談係',
  departmentName: null,
  reasons: ['created', 'password'],
  requestedAt: '2026-12-01T00:30:00Z',
  requestedByName: '架空 管理者',
  state: 'pending',
  activationExpiresAt: null,
};

function setup(decide: (path: string) => Reply) {
  let accounts: unknown[] = [pending];
  const fake = fakeApi((method, url) => {
    const p = url.pathname;
    if (method === 'POST') {
      const answer = decide(p);
      if (answer.status < 300) {
        accounts = p.endsWith('/approve') ? [{ ...pending, state: 'awaiting-activation', activationExpiresAt: '2026-12-04T00:30:00Z' }] : [];
      }
      return answer;
    }
    if (p === '/api/v1/account-approvals') return { status: 200, body: accounts };
    return { status: 404, body: { statusCode: 404, message: 'not found' } };
  });
  render(
    <RouterProvider>
      <Approvals api={fake.api} me={ME as never} params={{}} />
    </RouterProvider>,
  );
  return fake;
}

describe('アカウントの承認', () => {
  it('lists who waits, where, why and at which admin’s request, and asks for no other queue the supervisor may not decide', async () => {
    const { requests } = setup(() => ({ status: 200, body: {} }));
    const section = await screen.findByRole('region', { name: /アカウントの承認（1件）/ });
    expect(within(section).getByText('架空 新任（new.counselor）')).toBeTruthy();
    expect(within(section).getByText('女性相談係')).toBeTruthy();
    expect(within(section).getByText('アカウントの新規作成')).toBeTruthy();
    expect(within(section).getByText('パスワードの再設定')).toBeTruthy();
    expect(within(section).getByText('架空 管理者')).toBeTruthy();
    expect(within(section).getByText('令和8年12月1日 09:30')).toBeTruthy();
    const asked = requests.map((r) => r.url.pathname);
    expect(asked).toContain('/api/v1/account-approvals');
    for (const other of ['/api/v1/referrals', '/api/v1/placements', '/api/v1/break-glass']) expect(asked).not.toContain(other);
  });

  it('shows the activation code once after 承認, with how to hand it over, and lists the account as awaiting its person', async () => {
    const { requests } = setup(() => ({ status: 200, body: { activationCode: '7KQ2-M9XD-4TRB', expiresAt: '2026-12-04T00:30:00Z' } }));
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: '架空 新任（new.counselor） を承認して利用開始コードを発行' }));
    const shown = await screen.findByRole('region', { name: '架空 新任（new.counselor） の利用開始コード' });
    expect(within(shown).getByLabelText('利用開始コード').textContent).toBe('7KQ2-M9XD-4TRB');
    expect(shown.textContent).toContain('本人に直接');
    expect(document.activeElement?.textContent).toContain('の利用開始コード');
    expect(requests.some((r) => r.method === 'POST' && r.url.pathname === `/api/v1/account-approvals/${USER_ID}/approve`)).toBe(true);
    expect(await screen.findByRole('button', { name: '架空 新任（new.counselor） を利用開始コードを再発行' })).toBeTruthy();
    await user.click(within(shown).getByRole('button', { name: '本人に渡しました（閉じる）' }));
    expect(screen.queryByText('7KQ2-M9XD-4TRB')).toBeNull();
    expect((await screen.findByRole('status')).textContent).toContain('利用開始コードを発行しました');
  });

  it('承認しない asks once more, then disables the account', async () => {
    const { requests } = setup(() => ({ status: 204 }));
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: '架空 新任（new.counselor） を承認しない' }));
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: '承認せずに無効にする' }));
    expect((await screen.findByText(/を承認せず、アカウントを無効にしました/)).textContent).toContain('管理者に事情を確認');
    expect(requests.filter((r) => r.method === 'POST').map((r) => r.url.pathname)).toEqual([`/api/v1/account-approvals/${USER_ID}/reject`]);
    expect(await screen.findByText('承認待ちのアカウントはありません。')).toBeTruthy();
  });

  it('shows the api’s refusal (e.g. her own account) and issues no code', async () => {
    setup(() => ({ status: 403, body: { statusCode: 403, message: '自分自身のアカウントは承認できません' } }));
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: '架空 新任（new.counselor） を承認して利用開始コードを発行' }));
    expect((await screen.findByRole('alert')).textContent).toContain('自分自身のアカウントは承認できません');
    expect(screen.queryByLabelText('利用開始コード')).toBeNull();
  });
});
