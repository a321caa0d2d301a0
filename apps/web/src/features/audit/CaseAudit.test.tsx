import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { RouterProvider } from '../../router/router';
import { fakeApi } from '../../test-support';
import { SUPERVISOR } from '../../test-fixtures/supervisor';
import { CaseAudit } from './CaseAudit';

afterEach(cleanup);

const CASE_ID = 'cccccccc-0000-4000-8000-000000000001';
const event = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  occurredAt: '2025-11-25T15:30:00Z',
  actorId: COLLEAGUE,
  actorRole: 'counselor',
  action: 'case.read',
  outcome: 'allowed',
  reason: null,
  requestId: 'req-1',
  caseId: CASE_ID,
  category: 'case',
  detailCode: null,
  resourceId: null,
  resourceType: 'case',
  sealed: true,
  ...extra,
});

const COLLEAGUE = 'bbbbbbbb-0000-4000-8000-000000000002';
const STAFF = [
  { id: SUPERVISOR.id, displayName: SUPERVISOR.displayName, role: 'supervisor', active: true },
  { id: COLLEAGUE, displayName: '架空 相談員', role: 'counselor', active: true },
];

function setup(reply: (url: URL) => { status: number; body: unknown }, staff: { status: number; body: unknown } = { status: 200, body: STAFF }) {
  const fake = fakeApi((_m, url) => (url.pathname === '/api/v1/staff' ? staff : reply(url)));
  render(
    <RouterProvider>
      <CaseAudit api={fake.api} me={SUPERVISOR as never} params={{ id: CASE_ID }} />
    </RouterProvider>,
  );
  return fake;
}

describe('CaseAudit', () => {
  it("asks for the case's events and shows time (JST), actor, action (by name, with its code), outcome, reason and request id", async () => {
    const { requests } = setup(() => ({
      status: 200,
      body: {
        items: [
          event('2', { action: 'case.break-glass', reason: '夜間の緊急対応', actorId: SUPERVISOR.id, actorRole: 'supervisor' }),
          event('1', { outcome: 'denied', requestId: 'req-9' }),
        ],
        nextCursor: null,
      },
    }));
    const table = await screen.findByRole('table');
    expect(requests.find((r) => r.url.pathname === '/api/v1/audit-events')!.url.searchParams.get('caseId')).toBe(CASE_ID);
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    // 15:30 UTC is 00:30 the next day in Tokyo.
    expect(within(rows[1]).getByText('令和7年11月26日 00:30')).toBeTruthy();
    expect(within(rows[1]).getByText('夜間の緊急対応')).toBeTruthy();
    expect(within(rows[1]).getByText(/自分/)).toBeTruthy();
    expect(within(rows[1]).getByText('（査察指導員）')).toBeTruthy();
    expect(within(rows[1]).getByText('緊急閲覧（ブレークグラス）')).toBeTruthy();
    expect(within(rows[1]).getByText('case.break-glass')).toBeTruthy();
    expect(within(rows[1]).getByText('許可')).toBeTruthy();
    expect(within(rows[2]).getByText('ケースの閲覧')).toBeTruthy();
    expect(within(rows[2]).getByText('拒否')).toBeTruthy();
    expect(within(rows[2]).getByText('req-9')).toBeTruthy();
    expect(await within(rows[2]).findByText('架空 相談員')).toBeTruthy();
    expect(requests.filter((r) => r.url.pathname === '/api/v1/staff')).toHaveLength(1);
  });

  it('names an actor outside the unit neutrally, and an event without actor as —', async () => {
    setup(() => ({
      status: 200,
      body: { items: [event('2', { actorId: 'dddddddd-0000-4000-8000-000000000009' }), event('1', { actorId: null, actorRole: null })], nextCursor: null },
    }));
    const rows = within(await screen.findByRole('table')).getAllByRole('row');
    expect(await within(rows[1]).findByText('他の係の職員')).toBeTruthy();
    expect(rows[1].textContent).not.toContain('dddddddd');
    expect(within(rows[2]).getAllByText('—').length).toBeGreaterThan(0);
  });

  it('still lists the events when the staff list cannot be read, naming colleagues neutrally', async () => {
    setup(() => ({ status: 200, body: { items: [event('1')], nextCursor: null } }), { status: 403, body: { statusCode: 403, message: 'x' } });
    const rows = within(await screen.findByRole('table')).getAllByRole('row');
    expect(within(rows[1]).getByText('職員')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('pages to older events with the cursor', async () => {
    const { requests } = setup((url) =>
      url.searchParams.get('cursor') === 'older'
        ? { status: 200, body: { items: [event('1', { action: 'case.update' })], nextCursor: null } }
        : { status: 200, body: { items: [event('2')], nextCursor: 'older' } },
    );
    const user = userEvent.setup();
    await screen.findByText('case.read');
    await user.click(screen.getByRole('button', { name: '古い記録へ' }));
    expect(await screen.findByText('case.update')).toBeTruthy();
    expect(requests.at(-1)!.url.searchParams.get('cursor')).toBe('older');
  });

  it('says when there are no events, and shows a 403', async () => {
    setup(() => ({ status: 200, body: { items: [], nextCursor: null } }));
    expect(await screen.findByText('このケースの監査記録はありません。')).toBeTruthy();
    cleanup();
    setup(() => ({ status: 403, body: { statusCode: 403, message: 'この操作を行う権限がありません' } }));
    expect((await screen.findByRole('alert')).textContent).toContain('この操作を行う権限がありません');
  });
});
