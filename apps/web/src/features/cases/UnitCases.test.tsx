import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { RouterProvider } from '../../router/router';
import { fakeApi } from '../../test-support';
import { SUPERVISOR } from '../../test-fixtures/supervisor';
import { UnitCases } from './UnitCases';

afterEach(cleanup);

const kase = (n: number, extra: Record<string, unknown> = {}) => ({
  id: `cccccccc-0000-4000-8000-00000000000${n}`,
  caseNumber: `R7-000${n}`,
  clientId: `client-${n}`,
  programCode: 'women-support',
  assignedCounselorId: 'bbbbbbbb-0000-4000-8000-000000000002',
  openedOn: '2025-11-03',
  closedOn: null,
  closeReason: null,
  status: 'open',
  restricted: false,
  mainConcerns: [],
  unitId: 'u1',
  version: 1,
  ...extra,
});

function setup(pages: Record<string, unknown>) {
  const fake = fakeApi((_m, url) => {
    const p = url.pathname;
    if (p === '/api/v1/cases') return { status: 200, body: pages[url.searchParams.get('cursor') ?? ''] ?? { items: [], nextCursor: null } };
    if (p === '/api/v1/programs') return { status: 200, body: [{ code: 'women-support', name: '女性相談支援' }] };
    if (p === '/api/v1/clients/client-1/summary') return { status: 200, body: { id: 'client-1', name: '架空 花子', kana: null, gender: 'female', ageBand: '30s', addressProtected: true } };
    if (p === '/api/v1/clients/client-2/summary') return { status: 200, body: { id: 'client-2', name: '架空 桜', kana: null, gender: 'female', ageBand: '40s', addressProtected: false } };
    if (p === '/api/v1/clients/client-3/summary') return { status: 200, body: { id: 'client-3', name: '架空 葵', kana: null, gender: 'female', ageBand: '20s', addressProtected: false } };
    if (p === '/api/v1/staff') return { status: 200, body: [{ id: 'bbbbbbbb-0000-4000-8000-000000000002', displayName: '架空 相談員', role: 'counselor', active: true }] };
    return { status: 404, body: { statusCode: 404, message: 'なし' } };
  });
  render(
    <RouterProvider>
      <UnitCases api={fake.api} me={SUPERVISOR as never} params={{}} />
    </RouterProvider>,
  );
  return fake;
}

describe('UnitCases', () => {
  it('lists the unit’s cases with client, program, 和暦 date and the 制限 marker', async () => {
    const { requests } = setup({
      '': { items: [kase(1, { restricted: true }), kase(2, { assignedCounselorId: null }), kase(3, { assignedCounselorId: 'eeeeeeee-0000-4000-8000-000000000009' })], nextCursor: null },
    });
    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(4);
    expect(within(rows[1]).getByRole('link', { name: 'R7-0001' }).getAttribute('href')).toBe('/cases/cccccccc-0000-4000-8000-000000000001');
    expect(await within(rows[1]).findByText('架空 花子')).toBeTruthy();
    expect(within(rows[1]).getByText('住所秘匿')).toBeTruthy();
    expect(within(rows[1]).getByText('制限')).toBeTruthy();
    expect(await within(rows[1]).findByText('女性相談支援')).toBeTruthy();
    expect(within(rows[1]).getByText('令和7年11月3日')).toBeTruthy();
    expect(within(rows[2]).queryByText('制限')).toBeNull();
    expect(within(rows[2]).getByText('未割当')).toBeTruthy();
    // The assignee by name from GET /staff; someone outside the unit neutrally.
    expect(await within(rows[1]).findByText('架空 相談員')).toBeTruthy();
    expect(within(rows[3]).getByText('他の係の職員')).toBeTruthy();
    // Clients are read as summaries only.
    expect(requests.filter((r) => /^\/api\/v1\/clients\/[^/]+$/.test(r.url.pathname))).toHaveLength(0);
    expect(requests.filter((r) => r.url.pathname === '/api/v1/staff')).toHaveLength(1);
    const first = requests.find((r) => r.url.pathname === '/api/v1/cases')!;
    expect(first.url.searchParams.get('status')).toBe('open');
    expect(first.url.searchParams.get('limit')).toBe('20');
  });

  it('sends the chosen filters', async () => {
    const { requests } = setup({});
    const user = userEvent.setup();
    expect(await screen.findByText('条件に合うケースはありません。')).toBeTruthy();
    await user.selectOptions(screen.getByLabelText('状況'), 'closed');
    await user.selectOptions(screen.getByLabelText('担当'), 'me');
    await screen.findByRole('option', { name: '女性相談支援' });
    await user.selectOptions(screen.getByLabelText('事業'), 'women-support');
    await user.click(screen.getByRole('button', { name: '表示' }));
    await screen.findByText('条件に合うケースはありません。');
    const last = requests.filter((r) => r.url.pathname === '/api/v1/cases').at(-1)!;
    expect(Object.fromEntries(last.url.searchParams)).toEqual({ limit: '20', status: 'closed', assignedTo: 'me', program: 'women-support' });
  });

  it('pages with the api cursor, forward and back', async () => {
    const { requests } = setup({ '': { items: [kase(1)], nextCursor: 'next-1' }, 'next-1': { items: [kase(2)], nextCursor: null } });
    const user = userEvent.setup();
    await screen.findByRole('link', { name: 'R7-0001' });
    await user.click(screen.getByRole('button', { name: '次の20件' }));
    expect(await screen.findByRole('link', { name: 'R7-0002' })).toBeTruthy();
    expect(requests.filter((r) => r.url.pathname === '/api/v1/cases').at(-1)!.url.searchParams.get('cursor')).toBe('next-1');
    expect(screen.queryByRole('button', { name: '次の20件' })).toBeNull();
    await user.click(screen.getByRole('button', { name: '前の20件' }));
    expect(await screen.findByRole('link', { name: 'R7-0001' })).toBeTruthy();
    expect(requests.filter((r) => r.url.pathname === '/api/v1/cases').at(-1)!.url.searchParams.has('cursor')).toBe(false);
  });

  it('shows the api error', async () => {
    const fake = fakeApi(() => ({ status: 403, body: { statusCode: 403, message: 'この操作を行う権限がありません' } }));
    render(
      <RouterProvider>
        <UnitCases api={fake.api} me={SUPERVISOR as never} params={{}} />
      </RouterProvider>,
    );
    expect((await screen.findByRole('alert')).textContent).toContain('この操作を行う権限がありません');
  });
});
