import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { Schemas } from '../../api/client';
import { RouterProvider } from '../../router/router';
import { fakeApi, type Reply } from '../../test-support';
import { destroyedSummary, RetentionPanel } from './RetentionPanel';
import { SUPERVISOR } from '../../test-fixtures/supervisor';

afterEach(cleanup);

const ME = { ...SUPERVISOR, permissions: [...SUPERVISOR.permissions, 'retention.manage'] };

type Due = Schemas['RetentionDueDto'];

const DUE: Due = {
  clientId: 'cccccccc-0000-4000-8000-000000000001',
  clientName: '架空 満了子',
  addressProtected: true,
  retainUntil: '2025-06-30',
  cases: [
    { caseId: 'dddddddd-0000-4000-8000-000000000001', caseNumber: '2023-0012', programCode: 'dv-center', closedOn: '2023-06-30', retainUntil: '2024-06-30' },
    { caseId: 'dddddddd-0000-4000-8000-000000000002', caseNumber: '2024-0031', programCode: 'josei-soudan', closedOn: '2024-06-30', retainUntil: '2025-06-30' },
  ],
};

const DESTROYED = { clientId: DUE.clientId, shreddedAt: '2026-11-26T01:00:00Z', cases: 2, contacts: 5, referrals: 1, placements: 0, lineUsers: 1, lineMessages: 12 };

function setup(options: { due?: Due[]; anonymous?: { contacts: number; lineUsers: number; lineConversations: number; retainUntil: string | null }; compact?: boolean; destroy?: (body: unknown) => Reply; me?: object } = {}) {
  let due = options.due ?? [DUE];
  let anonymous = options.anonymous ?? { contacts: 0, lineUsers: 0, lineConversations: 0, retainUntil: null };
  const fake = fakeApi((method, url, body) => {
    const p = url.pathname;
    if (method === 'POST' && p === `/api/v1/retention/clients/${DUE.clientId}/destroy`) {
      const answer = options.destroy?.(body) ?? { status: 200, body: DESTROYED };
      if (answer.status < 300) due = [];
      return answer;
    }
    if (method === 'GET' && p === '/api/v1/retention/due') return { status: 200, body: due };
    if (method === 'GET' && p === '/api/v1/retention/anonymous') return { status: 200, body: anonymous };
    if (method === 'POST' && p === '/api/v1/retention/anonymous/destroy') {
      const done = { contacts: anonymous.contacts, lineUsers: anonymous.lineUsers, lineConversations: anonymous.lineConversations, lineMessages: 7 };
      anonymous = { contacts: 0, lineUsers: 0, lineConversations: 0, retainUntil: null };
      return { status: 200, body: done };
    }
    if (method === 'GET' && p === '/api/v1/programs') return { status: 200, body: [{ code: 'dv-center', name: 'DV相談' }, { code: 'josei-soudan', name: '女性相談室' }] };
    return { status: 404, body: { statusCode: 404, message: 'not found' } };
  });
  render(
    <RouterProvider>
      <RetentionPanel api={fake.api} me={(options.me ?? ME) as never} params={{}} compact={options.compact} />
    </RouterProvider>,
  );
  return fake;
}

describe('RetentionPanel', () => {
  it('lists each due client with her cases: number, program, closing date and kept-until in 和暦', async () => {
    setup();
    expect(screen.getByRole('heading', { level: 1, name: '保存期間の満了' })).toBeTruthy();
    const item = (await screen.findByText('架空 満了子')).closest('li')!;
    const rows = within(item).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(within(rows[1]).getByText('2023-0012')).toBeTruthy();
    expect(await within(rows[1]).findByText('DV相談')).toBeTruthy();
    expect(within(rows[1]).getByText('令和5年6月30日')).toBeTruthy();
    expect(within(rows[2]).getByText('令和7年6月30日')).toBeTruthy();
    expect(within(item).getByText('住所秘匿')).toBeTruthy();
  });

  it('destroys only after the case numbers are typed, and says what was emptied', async () => {
    const { requests } = setup();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: '架空 満了子さんの記録を消去する' }));
    expect(requests.some((r) => r.method === 'POST')).toBe(false);
    await user.type(screen.getByLabelText('確認のため、ケース番号をすべて入力してください'), '2023-0012、 2024-0031');
    await user.click(screen.getByRole('button', { name: '消去を確定する' }));
    const status = await screen.findByText(destroyedSummary('架空 満了子', DESTROYED));
    expect(status.textContent).toContain('ケース2件、相談記録5件、庁内連携1件、LINE利用者1人（メッセージ12件）');
    expect(status.textContent).not.toContain('施設入所');
    expect(requests.find((r) => r.method === 'POST')!.body).toEqual({ caseNumbers: ['2023-0012', '2024-0031'] });
    expect(await screen.findByText('保存期間が満了した相談者はいません')).toBeTruthy();
  });

  it('shows the api’s 400 on the case-number field and keeps her listed', async () => {
    setup({
      destroy: () => ({
        status: 400,
        body: { statusCode: 400, message: '入力内容に誤りがあります', fields: [{ field: 'caseNumbers', message: '消去する相談者のケース番号をすべて、一覧のとおりに入力してください', constraints: ['matchesCases'] }] },
      }),
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /消去する/ }));
    const input = screen.getByLabelText('確認のため、ケース番号をすべて入力してください');
    await user.type(input, '2023-0012');
    await user.click(screen.getByRole('button', { name: '消去を確定する' }));
    expect((await screen.findAllByText(/一覧のとおりに入力してください/)).length).toBeGreaterThan(0);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('架空 満了子')).toBeTruthy();
  });

  it('on the home: a count and a link when any are due, nothing otherwise or without the permission', async () => {
    setup({ compact: true });
    expect(await screen.findByText(/消去の確認を待っているものがあります（相談者1人）/)).toBeTruthy();
    expect(screen.getByRole('link', { name: '確認する' }).getAttribute('href')).toBe('/retention');
    cleanup();
    const none = setup({ compact: true, due: [] });
    await new Promise((r) => setTimeout(r, 0));
    expect(screen.queryByText('保存期間の満了')).toBeNull();
    expect(none.requests.length).toBe(2);
    cleanup();
    setup({ compact: true, due: [], anonymous: { contacts: 3, lineUsers: 1, lineConversations: 2, retainUntil: '2026-01-10' } });
    expect(await screen.findByText(/（相談者に結びつかない記録6件）/)).toBeTruthy();
    cleanup();
    const other = setup({ compact: true, me: SUPERVISOR });
    await new Promise((r) => setTimeout(r, 0));
    expect(screen.queryByText('保存期間の満了')).toBeNull();
    expect(other.requests).toHaveLength(0);
  });

  it('a client without any case: says so, and confirms with the word 消去 and an empty list', async () => {
    const alone: Due = { clientId: DUE.clientId, clientName: '架空 登録のみ子', addressProtected: false, retainUntil: '2026-04-01', cases: [] };
    const { requests } = setup({ due: [alone] });
    const user = userEvent.setup();
    await screen.findByText(/ケースのない相談者です（登録のみ）/);
    expect(screen.getByText(/令和8年4月1日/)).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
    await user.click(screen.getByRole('button', { name: '架空 登録のみ子さんの記録を消去する' }));
    const input = screen.getByLabelText('確認のため「消去」と入力してください');
    await user.type(input, 'はい');
    await user.click(screen.getByRole('button', { name: '消去を確定する' }));
    expect((await screen.findAllByText('確認のため「消去」と入力してください')).length).toBeGreaterThan(1);
    expect(requests.some((r) => r.method === 'POST')).toBe(false);
    await user.clear(input);
    await user.type(input, '消去');
    await user.click(screen.getByRole('button', { name: '消去を確定する' }));
    await screen.findByText(/架空 登録のみ子さんの記録を消去しました/);
    expect(requests.find((r) => r.method === 'POST')!.body).toEqual({ caseNumbers: [] });
  });

  it('destroys the records tied to no client together, with the counts shown, after typing 消去', async () => {
    const { requests } = setup({ due: [], anonymous: { contacts: 3, lineUsers: 1, lineConversations: 2, retainUntil: '2026-01-10' } });
    const user = userEvent.setup();
    const section = (await screen.findByRole('heading', { name: '相談者に結びつかない記録' })).closest('section')!;
    expect(within(section).getByText('3件')).toBeTruthy();
    expect(within(section).getByText(/^1人/)).toBeTruthy();
    expect(within(section).getByText(/^2件（友だち登録を続けている人/)).toBeTruthy();
    expect(within(section).getByText('令和8年1月10日まで（最も新しいもの）')).toBeTruthy();
    await user.click(within(section).getByRole('button', { name: 'まとめて消去する' }));
    await user.click(within(section).getByRole('button', { name: '消去を確定する' }));
    expect((await within(section).findAllByText('確認のため「消去」と入力してください')).length).toBeGreaterThan(1);
    expect(requests.some((r) => r.method === 'POST')).toBe(false);
    await user.type(within(section).getByLabelText('確認のため「消去」と入力してください'), '消去');
    await user.click(within(section).getByRole('button', { name: '消去を確定する' }));
    await screen.findByText('相談者に結びつかない記録を消去しました（匿名の相談記録3件、LINE利用者1人、友だち登録中の利用者の古いLINE相談2件、メッセージ7件）。件数と日付は統計のために残ります。');
    expect(requests.find((r) => r.method === 'POST')!.body).toEqual({ contacts: 3, lineUsers: 1, lineConversations: 2 });
    await waitFor(() => expect(screen.queryByRole('heading', { name: '相談者に結びつかない記録' })).toBeNull());
  });

  it('when the counts changed meanwhile (409), says so and shows the counts read again', async () => {
    let calls = 0;
    const fake = fakeApi((method, url) => {
      if (url.pathname === '/api/v1/retention/due') return { status: 200, body: [] };
      if (url.pathname === '/api/v1/retention/anonymous') return { status: 200, body: { contacts: calls++ === 0 ? 3 : 4, lineUsers: 0, lineConversations: 0, retainUntil: '2026-01-10' } };
      if (method === 'POST') return { status: 409, body: { statusCode: 409, message: '対象の件数が変わりました。一覧を読み込み直してから、もう一度確認してください' } };
      return { status: 404, body: {} };
    });
    render(
      <RouterProvider>
        <RetentionPanel api={fake.api} me={ME as never} params={{}} />
      </RouterProvider>,
    );
    const user = userEvent.setup();
    const section = (await screen.findByRole('heading', { name: '相談者に結びつかない記録' })).closest('section')!;
    expect(within(section).getByText('3件')).toBeTruthy();
    await user.click(within(section).getByRole('button', { name: 'まとめて消去する' }));
    await user.type(within(section).getByLabelText('確認のため「消去」と入力してください'), '消去');
    await user.click(within(section).getByRole('button', { name: '消去を確定する' }));
    expect((await screen.findAllByText(/対象の件数が変わりました/)).length).toBeGreaterThan(0);
    expect(await within(section).findByText('4件')).toBeTruthy();
    expect(fake.requests.find((r) => r.method === 'POST')!.body).toEqual({ contacts: 3, lineUsers: 0, lineConversations: 0 });
  });
});
