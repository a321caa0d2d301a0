import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RouterProvider } from '../../router/router';
import { fakeApi, type Reply } from '../../test-support';
import { caseDto, clientDto, clientReads, codeLists, COUNSELOR_PERMISSIONS, meWith } from '../../test-fixtures/counselor';
import { ClientScreen } from './ClientScreen';

/** A protected client as GET /clients/:id returns her without includeAddress. */
const WITHHELD = clientDto({ address: null, addressWithheld: true });

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
      if (url.pathname === '/api/v1/clients/client-1') return { status: 200, body: WITHHELD };
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
    expect(screen.getByText('秘匿（表示していません）')).toBeTruthy();
    expect(screen.getByRole('button', { name: '住所を表示' })).toBeTruthy();
    expect(await screen.findByText(/架空 一郎/)).toBeTruthy();
    expect(await screen.findByText('氏名、電話番号')).toBeTruthy();
    const cases = await screen.findByRole('table', { name: /ケース 1件/ });
    expect(within(cases).getByRole('link', { name: '2025-0001' }).getAttribute('href')).toBe('/cases/case-1');
    expect(requests.find((r) => r.url.pathname === '/api/v1/cases')!.url.searchParams.get('clientId')).toBe('client-1');
    expect(document.body.textContent).not.toContain('秘匿町');
    expect(clientReads(requests)).toEqual(['/api/v1/clients/client-1']);
  });

  it('reveals a protected address after a confirmation that says it is audited, asking with includeAddress=true', async () => {
    const { requests } = renderWith((_m, url) => {
      if (url.pathname === '/api/v1/clients/client-1') return { status: 200, body: url.searchParams.get('includeAddress') === 'true' ? clientDto() : WITHHELD };
      return null;
    });
    const user = userEvent.setup();
    const show = await screen.findByRole('button', { name: '住所を表示' });
    expect(document.body.textContent).not.toContain('秘匿町');
    await user.click(show);
    const dialog = screen.getByRole('dialog', { name: '住所を表示しますか' });
    expect(dialog.textContent).toContain('監査ログに記録されます');
    await vi.waitFor(() => expect(document.activeElement).toBe(dialog));
    // Nothing is asked before the confirmation.
    expect(clientReads(requests)).toEqual(['/api/v1/clients/client-1']);
    expect(document.body.textContent).not.toContain('秘匿町');
    await user.click(within(dialog).getByRole('button', { name: '表示する（監査ログに記録）' }));
    const address = await screen.findByText('架空市秘匿町9-9-9');
    await vi.waitFor(() => expect(document.activeElement).toBe(address));
    expect(clientReads(requests)).toEqual(['/api/v1/clients/client-1', '/api/v1/clients/client-1?includeAddress=true']);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.queryByRole('button', { name: '住所を表示' })).toBeNull();
    // Shown in that one place: the heading and the rest of the screen are unchanged.
    expect(screen.getAllByText(/秘匿町/)).toHaveLength(1);
  });

  it('forgets a revealed address when the screen is left: coming back shows it withheld again', async () => {
    const reply = (_m: string, url: URL) =>
      url.pathname === '/api/v1/clients/client-1' ? { status: 200, body: url.searchParams.get('includeAddress') === 'true' ? clientDto() : WITHHELD } : null;
    renderWith(reply);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: '住所を表示' }));
    await user.click(screen.getByRole('button', { name: '表示する（監査ログに記録）' }));
    expect(await screen.findByText('架空市秘匿町9-9-9')).toBeTruthy();
    cleanup();
    const again = renderWith(reply);
    expect(await screen.findByText('秘匿（表示していません）')).toBeTruthy();
    expect(document.body.textContent).not.toContain('秘匿町');
    expect(clientReads(again.requests)).toEqual(['/api/v1/clients/client-1']);
  });

  it('cancels the reveal with やめる or Escape without asking, and shows a refusal inside the confirmation', async () => {
    const { requests } = renderWith((_m, url) => {
      if (url.pathname === '/api/v1/clients/client-1') {
        return url.searchParams.get('includeAddress') === 'true' ? { status: 403, body: { statusCode: 403, message: 'この操作を行う権限がありません' } } : { status: 200, body: WITHHELD };
      }
      return null;
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: '住所を表示' }));
    await user.click(screen.getByRole('button', { name: 'やめる' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    await vi.waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: '住所を表示' })));
    await user.click(screen.getByRole('button', { name: '住所を表示' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(clientReads(requests)).toEqual(['/api/v1/clients/client-1']);

    await user.click(screen.getByRole('button', { name: '住所を表示' }));
    await user.click(screen.getByRole('button', { name: '表示する（監査ログに記録）' }));
    const dialog = screen.getByRole('dialog');
    expect((await within(dialog).findByRole('alert')).textContent).toContain('この操作を行う権限がありません');
    expect(screen.getByText('秘匿（表示していません）')).toBeTruthy();
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
