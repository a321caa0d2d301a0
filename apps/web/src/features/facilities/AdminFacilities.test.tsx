import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { Schemas } from '../../api/client';
import { fakeApi, type Reply } from '../../test-support';
import { AdminFacilities } from './AdminFacilities';

afterEach(cleanup);

const me = { id: 'admin-id', role: 'admin', permissions: ['master.manage'] } as unknown as Schemas['MeResponseDto'];
const facility = (over: Record<string, unknown>) => ({
  id: 'f1',
  kind: 'private-shelter',
  kindLabel: '民間シェルター',
  name: '架空シェルターA',
  operator: 'NPO法人架空',
  capacity: 6,
  capacityUnit: 'persons',
  inCity: true,
  status: 'operating',
  statusLabel: '運営中',
  suspendedSince: null,
  version: 3,
  hasAddress: true,
  hasPhone: false,
  ...over,
});
// A careless api answer that carries the secret fields: the screen must still never show them.
const LIST = [
  facility({ address: '架空市秘匿町9-9-9', phone: '0166-99-9999', secretShown: true }),
  facility({ id: 'f2', hasAddress: false, hasPhone: false, kind: 'mother-child', kindLabel: '母子生活支援施設', name: '架空母子ホーム', operator: null, capacity: 20, capacityUnit: 'households', inCity: false, status: 'suspended', statusLabel: '休止中', suspendedSince: '2025-04-01', version: 1 }),
];

function setup(onWrite: (method: string, url: URL, body: unknown) => Reply = () => ({ status: 200, body: facility({}) })) {
  const fake = fakeApi((method, url, body) => (method === 'GET' ? { status: 200, body: LIST } : onWrite(method, url, body)));
  render(<AdminFacilities api={fake.api} me={me} params={{}} />);
  return { ...fake, user: userEvent.setup() };
}

const noSecretShown = () => {
  expect(document.body.textContent).not.toContain('秘匿町');
  expect(document.body.innerHTML).not.toContain('秘匿町');
  expect(document.body.innerHTML).not.toContain('0166-99-9999');
};

describe('AdminFacilities', () => {
  it('lists kind, operator, capacity with its unit, in-city or 広域, and status with its date', async () => {
    setup();
    const first = await screen.findByRole('row', { name: /架空シェルターA/ });
    expect(first.textContent).toContain('民間シェルター');
    expect(first.textContent).toContain('NPO法人架空');
    expect(first.textContent).toContain('6人');
    expect(first.textContent).toContain('市内');
    expect(first.textContent).toContain('運営中');
    const second = screen.getByRole('row', { name: /架空母子ホーム/ });
    expect(second.textContent).toContain('20世帯');
    expect(second.textContent).toContain('広域');
    expect(second.textContent).toContain('休止中（令和7年4月1日から）');
    noSecretShown();
  });

  it('creates a facility with its address and phone written once', async () => {
    const { requests, user } = setup(() => ({ status: 201, body: facility({ id: 'f3', secretShown: false }) }));
    await screen.findByRole('row', { name: /架空シェルターA/ });
    const form = screen.getByRole('region', { name: '施設の登録' });
    await user.selectOptions(within(form).getByLabelText('種別'), '母子生活支援施設');
    expect(within(form).getByLabelText('定員（世帯）')).toBeTruthy();
    await user.type(within(form).getByLabelText('名称'), '架空母子ホーム2');
    await user.type(within(form).getByLabelText('定員（世帯）'), '12');
    await user.click(within(form).getByRole('radio', { name: /広域/ }));
    await user.type(within(form).getByLabelText('住所'), '架空市新町1-1');
    await user.type(within(form).getByLabelText('電話番号'), '0166-00-0000');
    await user.click(within(form).getByRole('button', { name: '登録' }));
    expect((await screen.findByRole('status')).textContent).toBe('架空母子ホーム2 を登録しました。');
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({ kind: 'mother-child', name: '架空母子ホーム2', capacity: 12, inCity: false, address: '架空市新町1-1', phone: '0166-00-0000' });
    expect((within(form).getByLabelText('住所') as HTMLInputElement).value).toBe('');
  });

  it('edits with the version read; address and phone start empty and are sent only when typed', async () => {
    const { requests, user } = setup();
    await user.click(await screen.findByRole('button', { name: '編集（架空シェルターA）' }));
    const form = screen.getByRole('region', { name: '架空シェルターA の編集' });
    const address = within(form).getByLabelText('住所') as HTMLInputElement;
    expect(address.value).toBe('');
    // Whether each is on file (hasAddress / hasPhone), read with the input: never the value itself.
    const described = (input: HTMLElement) => document.getElementById(input.getAttribute('aria-describedby') as string)?.textContent;
    expect(described(address)).toBe('現在: 登録済み（表示しません）');
    const phone = within(form).getByLabelText('電話番号') as HTMLInputElement;
    expect(phone.value).toBe('');
    expect(described(phone)).toBe('現在: 未登録');
    noSecretShown();
    const capacity = within(form).getByLabelText('定員（人）');
    await user.clear(capacity);
    await user.type(capacity, '8');
    await user.click(within(form).getByRole('button', { name: '保存' }));
    await screen.findByText('架空シェルターA を更新しました。');
    const patches = requests.filter((r) => r.method === 'PATCH');
    expect(patches[0].url.pathname).toBe('/api/v1/facilities/f1');
    expect(patches[0].body).toEqual({ version: 3, capacity: 8 });

    await user.click(screen.getByRole('button', { name: '編集（架空シェルターA）' }));
    const again = screen.getByRole('region', { name: '架空シェルターA の編集' });
    await user.type(within(again).getByLabelText('電話番号'), '0166-11-1111');
    await user.click(within(again).getByRole('button', { name: '保存' }));
    await screen.findByText('架空シェルターA を更新しました。');
    expect(requests.filter((r) => r.method === 'PATCH')[1].body).toEqual({ version: 3, phone: '0166-11-1111' });
  });

  it('says 未登録 for both when the facility has neither, and no status on the create form', async () => {
    const { user } = setup();
    await user.click(await screen.findByRole('button', { name: '編集（架空母子ホーム）' }));
    const form = screen.getByRole('region', { name: '架空母子ホーム の編集' });
    expect(within(form).getAllByText('現在: 未登録')).toHaveLength(2);
    expect(within(form).queryByText(/登録済み/)).toBeNull();
    const create = screen.getByRole('region', { name: '施設の登録' });
    expect(within(create).queryByText(/現在:/)).toBeNull();
  });

  it('suspends with a date; a refused date shows under the field', async () => {
    const { requests, user } = setup(() => ({ status: 400, body: { statusCode: 400, message: '入力内容に誤りがあります', fields: [{ field: 'suspendedSince', message: '休止日を正しく入力してください' }] } }));
    await user.click(await screen.findByRole('button', { name: '編集（架空シェルターA）' }));
    const form = screen.getByRole('region', { name: '架空シェルターA の編集' });
    await user.selectOptions(within(form).getByLabelText('状態'), '休止中');
    await user.click(within(form).getByRole('button', { name: '保存' }));
    expect((await screen.findByRole('alert')).textContent).toContain('休止日: 休止日を正しく入力してください');
    expect(within(form).getByLabelText('休止日').getAttribute('aria-invalid')).toBe('true');
    expect(requests.find((r) => r.method === 'PATCH')?.body).toEqual({ version: 3, status: 'suspended' });
  });

  it('tells of a concurrent change (409)', async () => {
    const { user } = setup(() => ({ status: 409, body: { statusCode: 409, message: '他の人が先に更新しました' } }));
    await user.click(await screen.findByRole('button', { name: '編集（架空シェルターA）' }));
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect((await screen.findByRole('alert')).textContent).toContain('他の人が先に更新しました');
  });
});
