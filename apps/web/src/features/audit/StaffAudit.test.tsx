import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { RouterProvider } from '../../router/router';
import { AUDIT_ACTION_LABELS } from '../../labels';
import { fakeApi } from '../../test-support';
import { auditSearchPath, StaffAudit } from './StaffAudit';
import { SUPERVISOR } from '../../test-fixtures/supervisor';

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

function setup(address: string, items: unknown[] = [EVENT]) {
  window.history.replaceState(null, '', address);
  const fake = fakeApi((_m, url) => {
    if (url.pathname === '/api/v1/staff') return { status: 200, body: STAFF };
    if (url.pathname === '/api/v1/audit-events') return { status: 200, body: { items, nextCursor: null } };
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

  it('shows each action by its Japanese name with its code beneath, and an action outside the catalogue as its code', async () => {
    setup('/audit/events', [
      EVENT,
      { ...EVENT, id: '42', requestId: 'req-42', action: 'client.search', detailCode: 'kana' },
      { ...EVENT, id: '43', requestId: 'req-43', action: 'legacy.thing' },
    ]);
    const read = (await screen.findByText('req-41')).closest('tr')!;
    expect(within(read).getByText('ケースの閲覧')).toBeTruthy();
    expect(within(read).getByText('case.read').closest('.action-code')).toBeTruthy();
    const search = screen.getByText('req-42').closest('tr')!;
    expect(within(search).getByText('相談者の検索')).toBeTruthy();
    expect(within(search).getByText('client.search')).toBeTruthy();
    expect(within(search).getByText('(kana)')).toBeTruthy();
    const unknown = screen.getByText('req-43').closest('tr')!;
    expect(within(unknown).getByText('legacy.thing').closest('.action-code')).toBeNull();
  });

  it("offers the catalogue's actions by name in the action filter", async () => {
    setup('/audit/events');
    await screen.findByText('req-41');
    const options = within(screen.getByLabelText('操作（任意）')).getAllByRole('option') as HTMLOptionElement[];
    expect(options[0]).toMatchObject({ value: '', textContent: 'すべての操作' });
    expect(options.slice(1).map((o) => [o.value, o.textContent])).toEqual(Object.entries(AUDIT_ACTION_LABELS));
  });

  it('refuses a malformed action from the address or a reversed period on the field, without asking the api', async () => {
    const { searches } = setup(auditSearchPath({ action: 'Case Read' }));
    const user = userEvent.setup();
    expect(await screen.findByText('検索条件を確かめてください。')).toBeTruthy();
    expect((screen.getByLabelText('操作（任意）') as HTMLSelectElement).value).toBe('Case Read');
    await user.click(screen.getByRole('button', { name: '検索' }));
    expect(screen.getByText('操作を一覧から選んでください')).toBeTruthy();
    expect(screen.getByLabelText('操作（任意）').getAttribute('aria-invalid')).toBe('true');
    await user.selectOptions(screen.getByLabelText('操作（任意）'), 'すべての操作');
    await user.type(screen.getByLabelText('開始日'), '2026-11-29');
    await user.type(screen.getByLabelText('終了日'), '2026-11-23');
    await user.click(screen.getByRole('button', { name: '検索' }));
    expect(screen.getByText('終了日は開始日以後にしてください')).toBeTruthy();
    expect(searches()).toHaveLength(0);
  });

  it('puts a new search in the address and loads it', async () => {
    const { searches } = setup('/audit/events');
    const user = userEvent.setup();
    await screen.findByText('req-41');
    await screen.findByRole('option', { name: '架空 閲覧者' });
    await user.selectOptions(screen.getByLabelText('職員'), READER);
    await user.selectOptions(screen.getByLabelText('操作（任意）'), '相談者の検索');
    await user.click(screen.getByRole('button', { name: '検索' }));
    expect(window.location.pathname + window.location.search).toBe(`/audit/events?actorId=${READER}&action=client.search`);
    await screen.findByText('req-41');
    expect(searches().at(-1)).toEqual({ limit: '50', actorId: READER, action: 'client.search' });
  });
});
