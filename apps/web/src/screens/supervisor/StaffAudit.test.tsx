import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { RouterProvider } from '../../router/router';
import { fakeApi } from '../../test-support';
import { auditSearchPath, StaffAudit } from './StaffAudit';
import { SUPERVISOR } from './testing';

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

const READER = 'bbbbbbbb-0000-4000-8000-000000000003';
const STAFF = [
  { id: SUPERVISOR.id, displayName: SUPERVISOR.displayName, role: 'supervisor', active: true },
  { id: READER, displayName: '架空 閲覧者', role: 'counselor', active: true },
];
const EVENT = {
  id: '41',
  occurredAt: '2026-11-24T01:15:00Z',
  actorId: READER,
  actorRole: 'counselor',
  action: 'case.read',
  outcome: 'allowed',
  reason: null,
  requestId: 'req-41',
  caseId: 'cccccccc-0000-4000-8000-000000000001',
  category: 'case',
  detailCode: null,
  resourceId: null,
  resourceType: 'case',
  sealed: true,
};

function setup(address: string) {
  window.history.replaceState(null, '', address);
  const fake = fakeApi((_m, url) => {
    if (url.pathname === '/api/v1/staff') return { status: 200, body: STAFF };
    if (url.pathname === '/api/v1/audit-events') return { status: 200, body: { items: [EVENT], nextCursor: null } };
    return { status: 404, body: { statusCode: 404, message: 'not found' } };
  });
  render(
    <RouterProvider>
      <StaffAudit api={fake.api} me={SUPERVISOR as never} params={{}} />
    </RouterProvider>,
  );
  const searches = () => fake.requests.filter((r) => r.url.pathname === '/api/v1/audit-events').map((r) => Object.fromEntries(r.url.searchParams));
  return { ...fake, searches };
}

describe('StaffAudit (監査ログの検索)', () => {
  it('searches what the address says: the staff member and JST days turned into instants, the last day included', async () => {
    const { searches } = setup(auditSearchPath({ actorId: READER, from: '2026-11-23', to: '2026-11-29' }));
    expect(screen.getByRole('heading', { level: 1, name: '監査ログの検索' })).toBeTruthy();
    const row = (await screen.findByText('req-41')).closest('tr')!;
    expect(within(row).getByText('令和8年11月24日 10:15')).toBeTruthy();
    expect(await within(row).findByText('架空 閲覧者')).toBeTruthy();
    expect(searches()).toEqual([{ limit: '50', actorId: READER, from: '2026-11-22T15:00:00.000Z', to: '2026-11-29T15:00:00.000Z' }]);
    expect((screen.getByLabelText('職員') as HTMLSelectElement).value).toBe(READER);
    expect((screen.getByLabelText('開始日') as HTMLInputElement).value).toBe('2026-11-23');
    expect(screen.getByText('期間: 令和8年11月23日〜令和8年11月29日（日本時間）')).toBeTruthy();
  });

  it('refuses a malformed action or a reversed period on the field, without asking the api', async () => {
    const { searches } = setup('/audit/events');
    const user = userEvent.setup();
    await screen.findByText('req-41');
    await user.type(screen.getByLabelText('操作（任意）'), 'Case Read');
    await user.click(screen.getByRole('button', { name: '検索' }));
    expect(screen.getByText(/操作は英小文字・数字/)).toBeTruthy();
    expect(screen.getByLabelText('操作（任意）').getAttribute('aria-invalid')).toBe('true');
    await user.clear(screen.getByLabelText('操作（任意）'));
    await user.type(screen.getByLabelText('開始日'), '2026-11-29');
    await user.type(screen.getByLabelText('終了日'), '2026-11-23');
    await user.click(screen.getByRole('button', { name: '検索' }));
    expect(screen.getByText('終了日は開始日以後にしてください')).toBeTruthy();
    expect(searches()).toHaveLength(1);
  });

  it('puts a new search in the address and loads it', async () => {
    const { searches } = setup('/audit/events');
    const user = userEvent.setup();
    await screen.findByText('req-41');
    await screen.findByRole('option', { name: '架空 閲覧者' });
    await user.selectOptions(screen.getByLabelText('職員'), READER);
    await user.type(screen.getByLabelText('操作（任意）'), 'client.search');
    await user.click(screen.getByRole('button', { name: '検索' }));
    expect(window.location.pathname + window.location.search).toBe(`/audit/events?actorId=${READER}&action=client.search`);
    await screen.findByText('req-41');
    expect(searches().at(-1)).toEqual({ limit: '50', actorId: READER, action: 'client.search' });
  });
});
