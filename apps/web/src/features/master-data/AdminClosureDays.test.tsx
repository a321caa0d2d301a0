import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { Schemas } from '../../api/client';
import { fakeApi, type Reply } from '../../test-support';
import { AdminClosureDays } from './AdminClosureDays';

afterEach(cleanup);

const me = { id: 'admin-id', role: 'admin', permissions: ['master.manage'] } as unknown as Schemas['MeResponseDto'];
const DAYS = [
  { id: 'c1', onDate: '2026-05-07', monthDay: null, label: '臨時閉庁' },
  { id: 'c2', onDate: null, monthDay: '12-29', label: '年末年始' },
  { id: 'c3', onDate: '2026-03-31', monthDay: null, label: '年度末整理' },
  { id: 'c4', onDate: '2025-04-01', monthDay: null, label: '開庁準備' },
  { id: 'c5', onDate: null, monthDay: '01-03', label: '年末年始' },
];

function setup(onWrite: (method: string, url: URL, body: unknown) => Reply = () => ({ status: 201, body: DAYS[0] }), list: unknown[] = DAYS) {
  const fake = fakeApi((method, url, body) => (method === 'GET' ? { status: 200, body: list } : onWrite(method, url, body)));
  render(<AdminClosureDays api={fake.api} me={me} params={{}} />);
  return { ...fake, user: userEvent.setup() };
}

describe('AdminClosureDays', () => {
  it('lists yearly days, then dated days by fiscal year in 和暦', async () => {
    setup();
    const tables = await screen.findAllByRole('table');
    expect(tables.map((t) => t.querySelector('caption')?.textContent)).toEqual(['毎年の閉庁日', '令和8年度の閉庁日', '令和7年度の閉庁日']);
    expect(within(tables[0]).getAllByRole('row').slice(1).map((r) => r.textContent)).toEqual([expect.stringContaining('毎年 12月29日'), expect.stringContaining('毎年 1月3日')]);
    expect(within(tables[1]).getByRole('row', { name: /臨時閉庁/ }).textContent).toContain('令和8年5月7日');
    const fy2025 = within(tables[2]).getAllByRole('row').slice(1).map((r) => r.textContent);
    expect(fy2025).toEqual([expect.stringContaining('令和7年4月1日'), expect.stringContaining('令和8年3月31日')]);
  });

  it('says so when none are registered', async () => {
    setup(undefined, []);
    expect(await screen.findByText('閉庁日は登録されていません。')).toBeTruthy();
  });

  it('adds a dated closure day, or a yearly one', async () => {
    const { requests, user } = setup();
    await screen.findAllByRole('table');
    fireEvent.change(screen.getByLabelText('日付'), { target: { value: '2026-08-14' } });
    await user.type(screen.getByLabelText('名称'), '臨時閉庁');
    await user.click(screen.getByRole('button', { name: '追加' }));
    expect((await screen.findByRole('status')).textContent).toBe('令和8年8月14日（臨時閉庁）を閉庁日に追加しました。');
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({ onDate: '2026-08-14', label: '臨時閉庁' });

    fireEvent.change(screen.getByLabelText('日付'), { target: { value: '2026-12-30' } });
    await user.click(screen.getByRole('checkbox', { name: /毎年/ }));
    await user.type(screen.getByLabelText('名称'), '年末年始');
    await user.click(screen.getByRole('button', { name: '追加' }));
    await screen.findByText('毎年 12月30日（年末年始）を閉庁日に追加しました。');
    expect(requests.filter((r) => r.method === 'POST')[1].body).toEqual({ monthDay: '12-30', label: '年末年始' });
  });

  it('shows the api refusal under the date', async () => {
    const { user } = setup(() => ({ status: 400, body: { statusCode: 400, message: '入力内容に誤りがあります', fields: [{ field: 'onDate', message: '日付が正しくありません' }] } }));
    await screen.findAllByRole('table');
    await user.type(screen.getByLabelText('名称'), '臨時閉庁');
    await user.click(screen.getByRole('button', { name: '追加' }));
    expect((await screen.findByRole('alert')).textContent).toContain('日付: 日付が正しくありません');
    expect(screen.getByLabelText('日付').getAttribute('aria-invalid')).toBe('true');
  });

  it('deletes only after confirmation', async () => {
    const { requests, user } = setup(() => ({ status: 204 }));
    await user.click(await screen.findByRole('button', { name: '削除（令和8年5月7日）' }));
    expect(screen.getByRole('group', { name: '令和8年5月7日（臨時閉庁）を閉庁日から削除しますか？' })).toBeTruthy();
    expect(requests.filter((r) => r.method === 'DELETE')).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'やめる' }));
    expect(requests.filter((r) => r.method === 'DELETE')).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: '削除（令和8年5月7日）' }));
    await user.click(screen.getByRole('button', { name: '削除する' }));
    expect((await screen.findByRole('status')).textContent).toBe('令和8年5月7日（臨時閉庁）を削除しました。');
    const del = requests.filter((r) => r.method === 'DELETE');
    expect(del).toHaveLength(1);
    expect(del[0].url.pathname).toBe('/api/v1/closure-days/c1');
  });

  it('shows a failed delete (404)', async () => {
    const { user } = setup(() => ({ status: 404, body: { statusCode: 404, message: '休業日が見つかりません' } }));
    await user.click(await screen.findByRole('button', { name: '削除（令和8年5月7日）' }));
    await user.click(screen.getByRole('button', { name: '削除する' }));
    expect((await screen.findByRole('alert')).textContent).toContain('休業日が見つかりません');
  });
});
