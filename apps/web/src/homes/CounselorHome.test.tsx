import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { todayJst } from '../format/dates';
import { RouterProvider } from '../router/router';
import { fakeApi, type Reply } from '../test-support';
import { CounselorHome } from './CounselorHome';
import { caseDto, clientReads, clientSummary, codeLists, COUNSELOR_PERMISSIONS, meWith } from '../test-fixtures/counselor';

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

function renderWith(reply: (method: string, url: URL) => Reply | null, permissions = COUNSELOR_PERMISSIONS) {
  const fake = fakeApi((method, url) => codeLists(url) ?? reply(method, url) ?? { status: 404, body: { statusCode: 404, message: '対象が見つかりません' } });
  render(
    <RouterProvider>
      <CounselorHome api={fake.api} me={meWith(permissions)} params={{}} />
    </RouterProvider>,
  );
  return fake;
}

const inTwoDays = new Date(Date.parse(`${todayJst()}T00:00:00Z`) + 2 * 86_400_000).toISOString().slice(0, 10);

describe('CounselorHome', () => {
  it('lists my open cases with the client and 住所秘匿, waiting LINE conversations and tasks', async () => {
    const { requests } = renderWith((_m, url) => {
      if (url.pathname === '/api/v1/cases') return { status: 200, body: { items: [caseDto()], nextCursor: null } };
      if (url.pathname === '/api/v1/clients/client-1/summary') return { status: 200, body: clientSummary() };
      if (url.pathname === '/api/v1/line/conversations') {
        return {
          status: 200,
          body: [
            { id: 'conv-1', channelId: 'ch', programCode: 'josei-soudan', status: 'open', startedAt: '2025-11-26T01:00:00Z', lastMessageAt: '2025-11-26T01:10:00Z', waitingSince: '2025-11-26T01:05:00Z', waitingMinutes: 75, caseId: null, messageCount: 3, version: 1 },
            { id: 'conv-2', channelId: 'ch', programCode: 'josei-soudan', status: 'open', startedAt: '2025-11-26T00:00:00Z', lastMessageAt: '2025-11-26T00:10:00Z', waitingSince: null, waitingMinutes: 0, caseId: null, messageCount: 2, version: 1 },
          ],
        };
      }
      if (url.pathname === '/api/v1/tasks') {
        return {
          status: 200,
          body: [
            { id: 't1', kind: 'referral-overdue', stage: 'overdue', caseId: 'case-1', caseNumber: '2025-0001', dueOn: '2025-01-10', doneAt: null },
            { id: 't2', kind: 'support-measure-renewal', stage: 'week-before', caseId: 'case-1', caseNumber: '2025-0001', dueOn: inTwoDays, doneAt: null },
          ],
        };
      }
      return null;
    });
    expect(screen.getByRole('heading', { level: 1, name: 'ダッシュボード' })).toBeTruthy();
    const cases = await screen.findByRole('table', { name: /担当中のケース/ });
    const casesQuery = requests.find((r) => r.url.pathname === '/api/v1/cases')!.url.searchParams;
    expect(casesQuery.get('assignedTo')).toBe('me');
    expect(casesQuery.get('status')).toBe('open');
    const link = within(cases).getByRole('link', { name: '2025-0001' });
    expect(link.getAttribute('href')).toBe('/cases/case-1');
    expect(await within(cases).findByText('架空 花子')).toBeTruthy();
    expect(within(cases).getByText('住所秘匿')).toBeTruthy();
    expect(within(cases).getByText('令和7年11月20日')).toBeTruthy();
    expect(await within(cases).findByText('女性相談室')).toBeTruthy();
    expect(document.body.textContent).not.toContain('秘匿町');

    const line = await screen.findByRole('table', { name: /返信待ち/ });
    expect(within(line).getAllByRole('row')).toHaveLength(2); // the one not waiting is left out
    expect(within(line).getByText('1時間15分')).toBeTruthy();
    expect(within(line).getByRole('link').getAttribute('href')).toBe('/line/conv-1');

    const tasks = await screen.findByRole('table', { name: /期限のある対応/ });
    const rows = within(tasks).getAllByRole('row');
    expect(within(rows[1]).getByText(/期限切れ（\d+日超過）/).className).toBe('overdue');
    expect(within(rows[2]).getByText('あと2日')).toBeTruthy();
    expect(within(rows[2]).getByText('支援措置の更新（1週間前）')).toBeTruthy();
    // The client's summary only, and the programs once for the whole screen.
    expect(clientReads(requests)).toEqual(['/api/v1/clients/client-1/summary']);
    expect(requests.filter((r) => r.url.pathname === '/api/v1/programs')).toHaveLength(1);
  });

  it('marks a task done and reloads the list', async () => {
    let done = false;
    const { requests } = renderWith((method, url) => {
      if (url.pathname === '/api/v1/cases') return { status: 200, body: { items: [], nextCursor: null } };
      if (url.pathname === '/api/v1/line/conversations') return { status: 200, body: [] };
      if (url.pathname === '/api/v1/tasks/t1/done' && method === 'POST') {
        done = true;
        return { status: 200, body: { id: 't1', kind: 'referral-overdue', stage: 'overdue', caseId: 'case-1', caseNumber: '2025-0001', dueOn: '2025-01-10', doneAt: '2025-11-26T00:00:00Z' } };
      }
      if (url.pathname === '/api/v1/tasks') {
        return { status: 200, body: done ? [] : [{ id: 't1', kind: 'referral-overdue', stage: 'overdue', caseId: 'case-1', caseNumber: '2025-0001', dueOn: '2025-01-10', doneAt: null }] };
      }
      return null;
    });
    await userEvent.setup().click(await screen.findByRole('button', { name: '2025-0001 の庁内連携の回答期限超過を完了にする' }));
    expect(await screen.findByText('期限のある対応はありません。')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toContain('完了にしました');
    expect(requests.some((r) => r.method === 'POST' && r.url.pathname === '/api/v1/tasks/t1/done')).toBe(true);
  });

  it('shows each block’s own empty or error state, and no LINE block without line.reply', async () => {
    const { requests } = renderWith((_m, url) => {
      if (url.pathname === '/api/v1/cases') return { status: 200, body: { items: [], nextCursor: null } };
      if (url.pathname === '/api/v1/tasks') return { status: 500, body: { statusCode: 500, message: 'x', requestId: 'req-9' } };
      return null;
    }, ['case.read', 'case.write']);
    expect(await screen.findByText('担当中のケースはありません。')).toBeTruthy();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('期限のある対応を表示できません');
    expect(alert.textContent).toContain('req-9');
    expect(screen.queryByRole('heading', { name: 'LINE 相談の待ち' })).toBeNull();
    expect(requests.some((r) => r.url.pathname === '/api/v1/line/conversations')).toBe(false);
  });
});
