import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { Schemas } from '../../api/client';
import { fakeApi, type Reply } from '../../test-support';
import { AdminDepartments } from './AdminDepartments';

afterEach(cleanup);

const me = { id: 'admin-id', role: 'admin', permissions: ['master.manage'] } as unknown as Schemas['MeResponseDto'];
const DEPARTMENTS = [
  { id: 'd1', code: 'shimin', name: '市民課', active: true },
  { id: 'd2', code: 'jutaku', name: '住宅課', active: false },
];

function setup(onWrite: (method: string, url: URL, body: unknown) => Reply, list: unknown[] = DEPARTMENTS) {
  const fake = fakeApi((method, url, body) => (method === 'GET' ? { status: 200, body: list } : onWrite(method, url, body)));
  render(<AdminDepartments api={fake.api} me={me} params={{}} />);
  return { ...fake, user: userEvent.setup() };
}

describe('AdminDepartments', () => {
  it('lists departments with their state', async () => {
    setup(() => ({ status: 200 }));
    expect((await screen.findByRole('row', { name: /市民課/ })).textContent).toContain('有効');
    expect(screen.getByRole('row', { name: /住宅課/ }).textContent).toContain('無効');
  });

  it('says so when there are none', async () => {
    setup(() => ({ status: 200 }), []);
    expect(await screen.findByText('部署はまだありません。')).toBeTruthy();
  });

  it('creates a department and reloads', async () => {
    const { requests, user } = setup(() => ({ status: 201, body: { id: 'd3', code: 'kosodate', name: '子育て支援課', active: true } }));
    await screen.findByRole('row', { name: /市民課/ });
    await user.type(screen.getByLabelText('コード'), 'kosodate');
    await user.type(screen.getByLabelText('名称'), '子育て支援課');
    await user.click(screen.getByRole('button', { name: '登録' }));
    expect((await screen.findByRole('status')).textContent).toBe('子育て支援課 を登録しました。');
    const post = requests.find((r) => r.method === 'POST');
    expect(post?.url.pathname).toBe('/api/v1/departments');
    expect(post?.body).toEqual({ code: 'kosodate', name: '子育て支援課' });
    expect(requests.filter((r) => r.method === 'GET')).toHaveLength(2);
  });

  it('shows a refused code under the field, and a 409 as a message', async () => {
    let answer: Reply = { status: 400, body: { statusCode: 400, message: '入力内容に誤りがあります', fields: [{ field: 'code', message: '形式が正しくありません' }] } };
    const { user } = setup(() => answer);
    await screen.findByRole('row', { name: /市民課/ });
    await user.type(screen.getByLabelText('コード'), 'X');
    await user.click(screen.getByRole('button', { name: '登録' }));
    expect((await screen.findByRole('alert')).textContent).toContain('コード: 形式が正しくありません');
    expect(screen.getByLabelText('コード').getAttribute('aria-invalid')).toBe('true');
    answer = { status: 409, body: { statusCode: 409, message: 'このコードは既に使われています' } };
    await user.click(screen.getByRole('button', { name: '登録' }));
    expect((await screen.findByRole('alert')).textContent).toContain('このコードは既に使われています');
  });

  it('edits the name and retires a department', async () => {
    const { requests, user } = setup(() => ({ status: 200, body: { id: 'd1', code: 'shimin', name: '市民生活課', active: false } }));
    await user.click(await screen.findByRole('button', { name: '編集（市民課）' }));
    const form = screen.getByRole('region', { name: '市民課 の編集' });
    const name = within(form).getByLabelText('名称');
    await user.clear(name);
    await user.type(name, '市民生活課');
    await user.click(within(form).getByRole('checkbox', { name: /有効/ }));
    await user.click(within(form).getByRole('button', { name: '保存' }));
    await screen.findByText('市民生活課 を更新しました。');
    const patch = requests.find((r) => r.method === 'PATCH');
    expect(patch?.url.pathname).toBe('/api/v1/departments/d1');
    expect(patch?.body).toEqual({ name: '市民生活課', active: false });
  });

  it('moves the focus to the edit form, and back to its button on キャンセル', async () => {
    const { requests, user } = setup(() => ({ status: 200 }));
    const button = await screen.findByRole('button', { name: '編集（住宅課）' });
    await user.click(button);
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: '住宅課 の編集' }));
    await user.click(screen.getByRole('button', { name: 'キャンセル' }));
    expect(screen.queryByRole('region', { name: '住宅課 の編集' })).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: '編集（住宅課）' })));
    expect(requests.filter((r) => r.method !== 'GET')).toHaveLength(0);
  });
});
