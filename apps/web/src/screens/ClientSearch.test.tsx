import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeApi } from '../test-support';
import { ClientSearch } from './ClientSearch';

afterEach(cleanup);

describe('ClientSearch', () => {
  it('searches by phone and marks address-protected clients with 住所秘匿', async () => {
    const { api, requests } = fakeApi(() => ({
      status: 200,
      body: [
        { id: 'c1', name: '架空 花子', kana: 'カクウハナコ', gender: 'female', ageBand: '30s', addressProtected: true },
        { id: 'c2', name: '架空 桜', kana: null, gender: 'female', ageBand: 'unknown', addressProtected: false },
      ],
    }));
    render(<ClientSearch api={api} />);
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
  });

  it('searches by kana when chosen', async () => {
    const { api, requests } = fakeApi(() => ({ status: 200, body: [] }));
    render(<ClientSearch api={api} />);
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
    render(<ClientSearch api={api} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('検索する電話番号'), 'abc{Enter}');
    expect((await screen.findByRole('alert')).textContent).toContain('電話番号: 数字を含めてください');
    expect(screen.getByLabelText('検索する電話番号').getAttribute('aria-invalid')).toBe('true');
  });
});
