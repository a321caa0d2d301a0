import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { Schemas } from '../../api/client';
import { fakeApi, type Reply } from '../../test-support';
import { AdminConcerns } from './AdminConcerns';

afterEach(cleanup);

const me = { id: 'admin-id', role: 'admin', permissions: ['master.manage'] } as unknown as Schemas['MeResponseDto'];
// Out of order on purpose: the screen groups and sorts by sortOrder.
const CONCERNS = [
  { code: 'housing', name: '住居問題', groupName: '住居・経済問題', confirmed: false, sortOrder: 150, active: true },
  { code: 'divorce', name: '離婚問題', groupName: '人間関係', confirmed: true, sortOrder: 40, active: true },
  { code: 'husband-violence', name: '夫等からの暴力', groupName: '人間関係', confirmed: true, sortOrder: 10, active: true },
  { code: 'trafficking', name: '人身取引', groupName: '人間関係', confirmed: false, sortOrder: 130, active: false },
];

function setup(onWrite: (method: string, url: URL, body: unknown) => Reply, list: unknown[] = CONCERNS) {
  const fake = fakeApi((method, url, body) => (method === 'GET' ? { status: 200, body: list } : onWrite(method, url, body)));
  render(<AdminConcerns api={fake.api} me={me} params={{}} />);
  return { ...fake, user: userEvent.setup() };
}

const rowNames = (table: HTMLElement) => within(table).getAllByRole('rowheader').map((cell) => cell.textContent);

describe('AdminConcerns', () => {
  it('lists concerns by group in sort order, with 公式分類/未確認 and 使用停止', async () => {
    setup(() => ({ status: 200 }));
    const people = await screen.findByRole('table', { name: '人間関係' });
    expect(rowNames(people)).toEqual(['夫等からの暴力', '離婚問題', '人身取引']);
    expect(screen.getAllByRole('table').map((t) => t.querySelector('caption')?.textContent)).toEqual(['人間関係', '住居・経済問題']);
    const violence = within(people).getByRole('row', { name: /夫等からの暴力/ }).textContent ?? '';
    expect(violence).toContain('husband-violence');
    expect(violence).toContain('公式分類');
    expect(violence).toContain('使用中');
    const trafficking = within(people).getByRole('row', { name: /人身取引/ }).textContent ?? '';
    expect(trafficking).toContain('未確認');
    expect(trafficking).toContain('使用停止');
    expect(screen.getByText(/「未確認」は、国や自治体の公表資料でまだ確かめられていない区分/)).toBeTruthy();
    expect(screen.getByText(/使用停止にすると新しい相談記録やケースでは選べなくなりますが、過去の記録とその統計の件数はそのまま残ります/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /削除/ })).toBeNull();
  });

  it('says so when there are none', async () => {
    setup(() => ({ status: 200 }), []);
    expect(await screen.findByText('主訴の区分はまだ登録されていません。')).toBeTruthy();
  });

  it('adds a concern and reloads; a blank 表示順 puts it last', async () => {
    const { requests, user } = setup(() => ({ status: 201, body: {} }));
    await screen.findByRole('table', { name: '人間関係' });
    const form = screen.getByRole('region', { name: '主訴の区分の追加' });
    await user.type(within(form).getByLabelText('コード'), 'online-harm');
    await user.type(within(form).getByLabelText('名称'), 'ネット上の被害');
    await user.type(within(form).getByLabelText('グループ'), '人間関係');
    expect(within(form).getByText('小さい順に並びます。空欄のときは最後（160）になります。')).toBeTruthy();
    await user.click(within(form).getByRole('button', { name: '追加' }));
    expect((await screen.findByRole('status')).textContent).toBe('ネット上の被害 を追加しました。');
    const post = requests.find((r) => r.method === 'POST');
    expect(post?.url.pathname).toBe('/api/v1/concerns');
    expect(post?.body).toEqual({ code: 'online-harm', name: 'ネット上の被害', groupName: '人間関係', sortOrder: 160 });
    expect(requests.filter((r) => r.method === 'GET')).toHaveLength(2);
    expect((within(form).getByLabelText('コード') as HTMLInputElement).value).toBe('');
  });

  it('sends the 表示順 typed', async () => {
    const { requests, user } = setup(() => ({ status: 201, body: {} }));
    await screen.findByRole('table', { name: '人間関係' });
    const form = screen.getByRole('region', { name: '主訴の区分の追加' });
    await user.type(within(form).getByLabelText('コード'), 'online-harm');
    await user.type(within(form).getByLabelText('名称'), 'ネット上の被害');
    await user.type(within(form).getByLabelText('グループ'), '人間関係');
    await user.type(within(form).getByLabelText('表示順'), '125');
    await user.click(within(form).getByRole('button', { name: '追加' }));
    await screen.findByText('ネット上の被害 を追加しました。');
    expect(requests.find((r) => r.method === 'POST')?.body).toMatchObject({ sortOrder: 125 });
  });

  it('marks the field a 400 names, and shows a duplicate code’s 409 message', async () => {
    let answer: Reply = { status: 400, body: { statusCode: 400, message: '入力内容に誤りがあります', fields: [{ field: 'code', message: '形式が正しくありません' }] } };
    const { user } = setup(() => answer);
    await screen.findByRole('table', { name: '人間関係' });
    const form = screen.getByRole('region', { name: '主訴の区分の追加' });
    await user.type(within(form).getByLabelText('コード'), 'X');
    await user.click(within(form).getByRole('button', { name: '追加' }));
    expect((await within(form).findByRole('alert')).textContent).toContain('コード: 形式が正しくありません');
    expect(within(form).getByLabelText('コード').getAttribute('aria-invalid')).toBe('true');
    expect(within(form).getByLabelText('名称').getAttribute('aria-invalid')).toBeNull();
    answer = { status: 409, body: { statusCode: 409, message: 'このコードは既に使われています' } };
    await user.click(within(form).getByRole('button', { name: '追加' }));
    await waitFor(() => expect(within(form).getByRole('alert').textContent).toContain('このコードは既に使われています'));
  });

  it('edits name, group, 表示順 and 公式分類, sending only what changed', async () => {
    const { requests, user } = setup(() => ({ status: 200, body: {} }));
    await user.click(await screen.findByRole('button', { name: '編集（人身取引）' }));
    const form = screen.getByRole('region', { name: '人身取引 の編集' });
    expect(within(form).getByText('コード: trafficking（変更できません）')).toBeTruthy();
    const name = within(form).getByLabelText('名称');
    await user.clear(name);
    await user.type(name, '人身取引等');
    const order = within(form).getByLabelText('表示順');
    await user.clear(order);
    await user.type(order, '135');
    await user.click(within(form).getByRole('checkbox', { name: /公式分類/ }));
    await user.click(within(form).getByRole('button', { name: '保存' }));
    await screen.findByText('人身取引等 を更新しました。');
    const patch = requests.find((r) => r.method === 'PATCH');
    expect(patch?.url.pathname).toBe('/api/v1/concerns/trafficking');
    expect(patch?.body).toEqual({ name: '人身取引等', sortOrder: 135, confirmed: true });
    expect(screen.queryByRole('region', { name: '人身取引 の編集' })).toBeNull();
  });

  it('refuses a blank 表示順 in the edit form, and shows the api’s 400 under the group', async () => {
    const { requests, user } = setup(() => ({ status: 400, body: { statusCode: 400, message: '入力内容に誤りがあります', fields: [{ field: 'groupName', message: '1文字以上で入力してください' }] } }));
    await user.click(await screen.findByRole('button', { name: '編集（離婚問題）' }));
    const form = screen.getByRole('region', { name: '離婚問題 の編集' });
    await user.clear(within(form).getByLabelText('表示順'));
    await user.click(within(form).getByRole('button', { name: '保存' }));
    expect((await within(form).findByRole('alert')).textContent).toContain('表示順: 表示順を入力してください');
    expect(requests.filter((r) => r.method === 'PATCH')).toHaveLength(0);
    await user.type(within(form).getByLabelText('表示順'), '40');
    await user.clear(within(form).getByLabelText('グループ'));
    await user.type(within(form).getByLabelText('グループ'), ' ');
    await user.click(within(form).getByRole('button', { name: '保存' }));
    await waitFor(() => expect(within(form).getByLabelText('グループ').getAttribute('aria-invalid')).toBe('true'));
    expect(within(form).getByRole('alert').textContent).toContain('グループ: 1文字以上で入力してください');
    expect(requests.find((r) => r.method === 'PATCH')?.body).toEqual({ groupName: ' ' });
  });

  it('stops a concern after asking, and resumes a stopped one', async () => {
    const { requests, user } = setup(() => ({ status: 200, body: {} }));
    await user.click(await screen.findByRole('button', { name: '使用停止（離婚問題）' }));
    const question = screen.getByRole('group', { name: /離婚問題 を使用停止にしますか/ });
    expect(question.textContent).toContain('過去の記録と件数は残ります');
    await user.click(within(question).getByRole('button', { name: '使用停止にする' }));
    expect((await screen.findByRole('status')).textContent).toBe('離婚問題 を使用停止にしました。');
    await user.click(screen.getByRole('button', { name: '使用再開（人身取引）' }));
    await screen.findByText('人身取引 の使用を再開しました。');
    const patches = requests.filter((r) => r.method === 'PATCH');
    expect(patches.map((p) => [p.url.pathname, p.body])).toEqual([
      ['/api/v1/concerns/divorce', { active: false }],
      ['/api/v1/concerns/trafficking', { active: true }],
    ]);
    expect(requests.some((r) => r.method === 'DELETE')).toBe(false);
  });

  it('shows a refused stop above the list', async () => {
    const { user } = setup(() => ({ status: 404, body: { statusCode: 404, message: '主訴の区分が見つかりません' } }));
    await user.click(await screen.findByRole('button', { name: '使用停止（離婚問題）' }));
    await user.click(screen.getByRole('button', { name: '使用停止にする' }));
    expect((await screen.findByRole('alert')).textContent).toContain('主訴の区分が見つかりません');
    expect(screen.getByRole('group', { name: /離婚問題 を使用停止にしますか/ })).toBeTruthy();
  });
});
