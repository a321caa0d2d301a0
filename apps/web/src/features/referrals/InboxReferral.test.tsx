import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { RouterProvider } from '../../router/router';
import { fakeApi, type Reply } from '../../test-support';
import type { ScreenProps } from '../../ui/screen';
import { disclosedFields, InboxReferral } from './InboxReferral';

afterEach(cleanup);

const me = { id: 'me', role: 'liaison', permissions: ['referral.inbox'] } as unknown as ScreenProps['me'];

// Synthetic people only.
const detail = (overrides: Record<string, unknown> = {}) => ({
  id: 'r1',
  purpose: 'housing',
  purposeLabel: '住宅',
  dueOn: '2025-11-15',
  status: 'approved',
  statusLabel: '承認済',
  version: 3,
  message: '架空：市営住宅の相談をお願いします',
  disclosure: { name: '架空 連携子', birthDate: '1990-04-01', children: [{ name: '架空 こども', birthDate: '2018-05-05' }] },
  ...overrides,
});

function renderItem(reply: (method: string, url: URL, body: unknown) => Reply, id = 'r1') {
  const fake = fakeApi(reply);
  render(
    <RouterProvider>
      <InboxReferral api={fake.api} me={me} params={{ id }} />
    </RouterProvider>,
  );
  return fake;
}

describe('InboxReferral', () => {
  it('renders exactly the disclosed fields with their labels, and no other key of the response', async () => {
    const { requests } = renderItem(() => ({
      status: 200,
      body: detail({
        // Keys the screen must never render, even if the api sent them.
        caseId: 'case-secret-id',
        address: '架空市秘匿町7-7-7',
        notes: '架空の秘密メモ',
        disclosure: { name: '架空 連携子', birthDate: '1990-04-01', children: [{ name: '架空 こども', birthDate: '2018-05-05' }], address2: '架空市秘匿町7-7-7', notes: '架空の秘密メモ' },
      }),
    }));
    const list = await screen.findByLabelText('開示された項目');
    expect(requests[0].url.pathname).toBe('/api/v1/referrals/inbox/r1');
    expect(within(list).getAllByRole('term').map((t) => t.textContent)).toEqual(['氏名', '生年月日', '子の氏名・生年月日']);
    expect(list.textContent).toContain('架空 連携子');
    expect(list.textContent).toContain('平成2年4月1日');
    expect(list.textContent).toContain('架空 こども（平成30年5月5日生）');
    const page = document.body.textContent ?? '';
    for (const hidden of ['秘匿町', '秘密メモ', 'case-secret-id', '電話番号', '現住所']) expect(page).not.toContain(hidden);
    expect(page).toContain('架空：市営住宅の相談をお願いします');
    expect(page).toContain('本人の同意');
    expect(page).toContain('住宅');
    expect(page).toContain('令和7年11月15日');
  });

  it('keeps only disclosable keys, in the office order', () => {
    expect(disclosedFields({ summary: 's', phone: null, name: 'n', address_line: 'x', toString: 'x' })).toEqual(['name', 'phone', 'summary']);
  });

  it('accepts with a comment, then reloads and shows the answer', async () => {
    let status = 'approved';
    const { requests } = renderItem((method, _url) => {
      if (method === 'POST') {
        status = 'accepted';
        return { status: 200, body: { ...detail(), status: 'accepted', version: 4, message: undefined, disclosure: undefined } };
      }
      return { status: 200, body: detail({ status, version: status === 'approved' ? 3 : 4 }) };
    });
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('コメント（任意）'), ' 架空：受理しました ');
    await user.click(screen.getByRole('button', { name: '受理' }));
    expect(await screen.findByText('この連携依頼には回答済みです（受理）。')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('受理しました。');
    expect(document.activeElement).toBe(screen.getByRole('status'));
    const post = requests.find((r) => r.method === 'POST')!;
    expect(post.url.pathname).toBe('/api/v1/referrals/r1/accept');
    expect(post.body).toEqual({ version: 3, comment: '架空：受理しました' });
    expect(requests.filter((r) => r.method === 'GET')).toHaveLength(2);
    expect(screen.queryByRole('button', { name: '辞退' })).toBeNull();
  });

  it('declines without a comment (the api does not require one)', async () => {
    const { requests } = renderItem((method) => (method === 'POST' ? { status: 200, body: { ...detail(), status: 'declined' } } : { status: 200, body: detail() }));
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: '辞退' }));
    expect(await screen.findByText('辞退しました。')).toBeTruthy();
    const post = requests.find((r) => r.method === 'POST')!;
    expect(post.url.pathname).toBe('/api/v1/referrals/r1/decline');
    expect(post.body).toEqual({ version: 3 });
  });

  it('shows a conflict (already answered elsewhere) and keeps the comment', async () => {
    renderItem((method) =>
      method === 'POST'
        ? { status: 409, body: { statusCode: 409, message: 'この連携には既に回答しています', fields: [{ field: 'status', message: 'この連携には既に回答しています' }] } }
        : { status: 200, body: detail() },
    );
    const user = userEvent.setup();
    const comment = await screen.findByLabelText('コメント（任意）');
    await user.type(comment, '架空');
    await user.click(screen.getByRole('button', { name: '受理' }));
    expect((await screen.findByRole('alert')).textContent).toContain('既に回答しています');
    expect((comment as HTMLTextAreaElement).value).toBe('架空');
  });

  it.each([403, 404])('shows a refusal without any data on %i', async (status) => {
    renderItem(() => ({ status, body: { statusCode: status, message: '連携が見つかりません', disclosure: { name: '架空 漏れ子' } } }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('この連携依頼は表示できません');
    expect(document.body.textContent).not.toContain('架空 漏れ子');
    expect(screen.queryByRole('button', { name: '受理' })).toBeNull();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('連携依頼');
  });
});
