import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ReactNode } from 'react';
import { RouterProvider } from '../../router/router';
import { meWith } from '../../test-fixtures/counselor';
import { fakeApi } from '../../test-support';
import { ClientSearch } from './ClientSearch';

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

const inRouter = (node: ReactNode) => <RouterProvider>{node}</RouterProvider>;
const counselor = meWith();
/** May read cases, not write them: searches only. */
const reader = meWith(['case.read']);

describe('ClientSearch', () => {
  it('searches by phone and marks address-protected clients with 住所秘匿', async () => {
    const { api, requests } = fakeApi(() => ({
      status: 200,
      body: [
        { id: 'c1', name: '架空 花子', kana: 'カクウハナコ', gender: 'female', ageBand: '30s', addressProtected: true },
        { id: 'c2', name: '架空 桜', kana: null, gender: 'female', ageBand: 'unknown', addressProtected: false },
      ],
    }));
    render(inRouter(<ClientSearch api={api} me={reader} params={{}} />));
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('検索する電話番号'), '090-0000-1234{Enter}');
    const table = await screen.findByRole('table');
    expect(requests[0].url.pathname).toBe('/api/v1/clients');
    expect(requests[0].url.searchParams.get('phone')).toBe('090-0000-1234');
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(within(rows[1]).getByText('住所秘匿')).toBeTruthy();
    expect(within(rows[1]).getByText('30歳代')).toBeTruthy();
    expect(within(rows[2]).queryByText('住所秘匿')).toBeNull();
    const link = within(rows[1]).getByRole('link', { name: '架空 花子' });
    expect(link.getAttribute('href')).toBe('/clients/c1');
    await user.click(link);
    expect(window.location.pathname).toBe('/clients/c1');
  });

  it('never shows an address in the results, even if one came back', async () => {
    const { api } = fakeApi(() => ({
      status: 200,
      body: [{ id: 'c1', name: '架空 花子', kana: null, gender: 'female', ageBand: '30s', addressProtected: true, address: '架空市秘匿町9-9-9' }],
    }));
    render(inRouter(<ClientSearch api={api} me={reader} params={{}} />));
    await userEvent.setup().type(screen.getByLabelText('検索する電話番号'), '090{Enter}');
    await screen.findByRole('table');
    expect(document.body.textContent).not.toContain('秘匿町');
    expect(screen.getByText('住所秘匿')).toBeTruthy();
  });

  it('registers a new client inline and opens her page', async () => {
    const { api, requests } = fakeApi((method) =>
      method === 'POST'
        ? { status: 201, body: { id: 'new-1', name: '架空 桜', kana: 'カクウサクラ', gender: 'female', ageBand: '40s', addressProtected: true, birthDate: null, phone: '090-1111-2222', address: null, notes: null, version: 1 } }
        : { status: 200, body: [] },
    );
    render(inRouter(<ClientSearch api={api} me={counselor} params={{}} />));
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: '新しい相談者を登録' }));
    const form = within(screen.getByRole('region', { name: '新しい相談者の登録' }));
    expect(document.activeElement).toBe(form.getByLabelText('氏名（必須）'));
    await user.type(form.getByLabelText('氏名（必須）'), '架空 桜');
    await user.type(form.getByLabelText('フリガナ'), 'カクウサクラ');
    await user.type(form.getByLabelText('電話番号'), '090-1111-2222');
    await user.selectOptions(form.getByLabelText('年齢層（生年月日が分からないとき）'), '40s');
    await user.type(form.getByLabelText('住所'), '架空市秘匿町9-9-9');
    await user.click(form.getByRole('checkbox', { name: /住所秘匿/ }));
    await user.click(form.getByRole('button', { name: '登録する' }));
    await vi.waitFor(() => expect(window.location.pathname).toBe('/clients/new-1'));
    expect(requests[0].method).toBe('POST');
    expect(requests[0].url.pathname).toBe('/api/v1/clients');
    expect(requests[0].body).toEqual({
      name: '架空 桜', kana: 'カクウサクラ', phone: '090-1111-2222', gender: 'female', ageBand: '40s', address: '架空市秘匿町9-9-9', addressProtected: true,
    });
  });

  it('shows the api’s field errors of a registration', async () => {
    const { api } = fakeApi(() => ({
      status: 400,
      body: { statusCode: 400, message: '入力内容に誤りがあります', fields: [{ field: 'name', message: '入力してください' }] },
    }));
    render(inRouter(<ClientSearch api={api} me={counselor} params={{}} />));
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: '新しい相談者を登録' }));
    await user.click(screen.getByRole('button', { name: '登録する' }));
    expect((await screen.findByRole('alert')).textContent).toContain('氏名: 入力してください');
    expect(screen.getByLabelText('氏名（必須）').getAttribute('aria-invalid')).toBe('true');
    expect(window.location.pathname).toBe('/');
  });

  it('offers no registration without the permission', () => {
    const { api } = fakeApi(() => ({ status: 200, body: [] }));
    render(inRouter(<ClientSearch api={api} me={reader} params={{}} />));
    expect(screen.queryByRole('button', { name: '新しい相談者を登録' })).toBeNull();
  });

  it('searches by kana when chosen', async () => {
    const { api, requests } = fakeApi(() => ({ status: 200, body: [] }));
    render(inRouter(<ClientSearch api={api} me={reader} params={{}} />));
    const user = userEvent.setup();
    await user.click(screen.getByRole('radio', { name: 'フリガナ' }));
    await user.type(screen.getByLabelText('検索するフリガナ'), 'カクウハナコ{Enter}');
    expect(await screen.findByText('該当する相談者はいません。')).toBeTruthy();
    expect(requests[0].url.searchParams.get('kana')).toBe('カクウハナコ');
  });

  it('names the field the api refused', async () => {
    const { api } = fakeApi(() => ({
      status: 400,
      body: { statusCode: 400, message: '入力内容に誤りがあります', fields: [{ field: 'phone', message: '数字を含めてください' }] },
    }));
    render(inRouter(<ClientSearch api={api} me={reader} params={{}} />));
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('検索する電話番号'), 'abc{Enter}');
    expect((await screen.findByRole('alert')).textContent).toContain('電話番号: 数字を含めてください');
    expect(screen.getByLabelText('検索する電話番号').getAttribute('aria-invalid')).toBe('true');
  });
});
