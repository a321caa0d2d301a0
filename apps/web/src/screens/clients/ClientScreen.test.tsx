import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RouterProvider } from '../../router/router';
import { fakeApi, type Reply } from '../../test-support';
import { caseDto, clientDto, codeLists, COUNSELOR_PERMISSIONS, meWith } from '../counselor/fixtures.test-support';
import { ClientScreen } from './ClientScreen';

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

function renderWith(reply: (method: string, url: URL, body: unknown) => Reply | null, permissions = COUNSELOR_PERMISSIONS) {
  const fake = fakeApi((method, url, body) => codeLists(url) ?? reply(method, url, body) ?? { status: 200, body: [] });
  render(
    <RouterProvider>
      <ClientScreen api={fake.api} me={meWith(permissions)} params={{ id: 'client-1' }} />
    </RouterProvider>,
  );
  return fake;
}

describe('ClientScreen', () => {
  it('shows a protected client with 住所秘匿 and without her address, her children, consents and cases', async () => {
    const { requests } = renderWith((_m, url) => {
      if (url.pathname === '/api/v1/clients/client-1') return { status: 200, body: clientDto() };
      if (url.pathname === '/api/v1/clients/client-1/children') return { status: 200, body: [{ id: 'ch1', name: '架空 一郎', birthDate: '2018-05-01' }] };
      if (url.pathname === '/api/v1/clients/client-1/consents') {
        return { status: 200, body: [{ id: 'k1', clientId: 'client-1', departmentIds: [], fields: ['name', 'phone'], method: 'written', methodLabel: '書面', obtainedBy: 'u', obtainedOn: '2025-11-01', version: 1, withdrawnAt: null }] };
      }
      if (url.pathname === '/api/v1/cases') return { status: 200, body: { items: [caseDto()], nextCursor: null } };
      return null;
    });
    const heading = await screen.findByRole('heading', { level: 1 });
    expect(heading.textContent).toContain('架空 花子');
    expect(within(heading).getByText('住所秘匿')).toBeTruthy();
    expect(screen.getByText('秘匿のため表示しません')).toBeTruthy();
    expect(await screen.findByText(/架空 一郎/)).toBeTruthy();
    expect(await screen.findByText('氏名、電話番号')).toBeTruthy();
    const cases = await screen.findByRole('table', { name: /ケース 1件/ });
    expect(within(cases).getByRole('link', { name: '2025-0001' }).getAttribute('href')).toBe('/cases/case-1');
    expect(requests.find((r) => r.url.pathname === '/api/v1/cases')!.url.searchParams.get('clientId')).toBe('client-1');
    expect(document.body.textContent).not.toContain('秘匿町');
  });

  it('shows the address of a client who is not protected, and empty lists', async () => {
    renderWith((_m, url) => {
      if (url.pathname === '/api/v1/clients/client-1') return { status: 200, body: clientDto({ addressProtected: false, address: '架空市本町1-1' }) };
      if (url.pathname === '/api/v1/cases') return { status: 200, body: { items: [], nextCursor: null } };
      return null;
    });
    expect(await screen.findByText('架空市本町1-1')).toBeTruthy();
    expect(screen.queryByText('住所秘匿')).toBeNull();
    expect(await screen.findByText('登録された子どもはいません。')).toBeTruthy();
    expect(await screen.findByText('同意の記録はありません。')).toBeTruthy();
    expect(await screen.findByText('この相談者のケースはありません。')).toBeTruthy();
  });

  it('opens a new case with the program and main concern, then goes to it', async () => {
    const { requests } = renderWith((method, url) => {
      if (url.pathname === '/api/v1/clients/client-1') return { status: 200, body: clientDto() };
      if (url.pathname === '/api/v1/cases' && method === 'POST') return { status: 201, body: caseDto({ id: 'case-new' }) };
      if (url.pathname === '/api/v1/cases') return { status: 200, body: { items: [], nextCursor: null } };
      return null;
    });
    const user = userEvent.setup();
    const form = within(await screen.findByRole('region', { name: '新しいケースを開く' }));
    await vi.waitFor(() => expect(form.getAllByRole('option', { name: '女性相談室' })).toHaveLength(1));
    await user.selectOptions(form.getByLabelText('相談事業'), 'josei-soudan');
    await user.selectOptions(form.getByLabelText('主訴'), 'divorce');
    await user.click(form.getByRole('button', { name: '新しいケースを開く' }));
    await vi.waitFor(() => expect(window.location.pathname).toBe('/cases/case-new'));
    expect(requests.find((r) => r.method === 'POST')!.body).toEqual({ clientId: 'client-1', programCode: 'josei-soudan', mainConcerns: ['divorce'] });
  });

  it('names the field the api refused when opening a case', async () => {
    renderWith((method, url) => {
      if (url.pathname === '/api/v1/clients/client-1') return { status: 200, body: clientDto() };
      if (url.pathname === '/api/v1/cases' && method === 'POST') {
        return { status: 400, body: { statusCode: 400, message: '入力内容に誤りがあります', fields: [{ field: 'mainConcerns', message: '主訴を選んでください' }] } };
      }
      if (url.pathname === '/api/v1/cases') return { status: 200, body: { items: [], nextCursor: null } };
      return null;
    });
    const form = within(await screen.findByRole('region', { name: '新しいケースを開く' }));
    await userEvent.setup().click(form.getByRole('button', { name: '新しいケースを開く' }));
    expect((await form.findByRole('alert')).textContent).toContain('主訴: 主訴を選んでください');
    expect(form.getByLabelText('主訴').getAttribute('aria-invalid')).toBe('true');
    expect(window.location.pathname).toBe('/');
  });

  it('shows 対象が見つかりません and nothing else for a client out of reach', async () => {
    const { requests } = renderWith((_m, url) => (url.pathname === '/api/v1/clients/client-1' ? { status: 404, body: { statusCode: 404, message: '相談者が見つかりません' } } : null));
    expect((await screen.findByRole('alert')).textContent).toContain('対象が見つかりません');
    expect(requests.filter((r) => r.url.pathname.startsWith('/api/v1/cases'))).toHaveLength(0);
    expect(screen.queryByRole('region', { name: '新しいケースを開く' })).toBeNull();
  });

  it('offers no new case without case.write', async () => {
    renderWith((_m, url) => {
      if (url.pathname === '/api/v1/clients/client-1') return { status: 200, body: clientDto() };
      if (url.pathname === '/api/v1/cases') return { status: 200, body: { items: [], nextCursor: null } };
      return null;
    }, ['case.read']);
    await screen.findByRole('heading', { level: 1 });
    expect(screen.queryByRole('region', { name: '新しいケースを開く' })).toBeNull();
  });
});
