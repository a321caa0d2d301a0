import { act, cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RouterProvider } from '../../router/router';
import { fakeApi, type Reply } from '../../test-support';
import type { ScreenProps } from '../../ui/screen';
import { conversation, referenceReply } from './fixtures';
import { INBOX_REFRESH_MS, LineInbox } from './LineInbox';

const me = { id: 'me', role: 'counselor', permissions: ['line.reply'] } as unknown as ScreenProps['me'];
const tuesdayEvening = new Date('2025-11-04T20:00:00+09:00');

function renderInbox(reply: (method: string, url: URL) => Reply) {
  const fake = fakeApi((method, url) => referenceReply(method, url) ?? reply(method, url));
  const view = render(
    <RouterProvider>
      <LineInbox api={fake.api} me={me} params={{}} />
    </RouterProvider>,
  );
  return { ...fake, view };
}

const listRequests = (requests: { url: URL }[]) => requests.filter((r) => r.url.pathname === '/api/v1/line/conversations');

beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true });
  vi.setSystemTime(tuesdayEvening);
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('LineInbox', () => {
  it('lists waiting conversations first with their waiting time, JST times, account and case link; no message text or user id', async () => {
    const { requests } = renderInbox(() => ({
      status: 200,
      body: [
        conversation({ id: 'answered', lastMessageAt: '2025-11-04T10:59:00.000Z', caseId: 'case-9' }),
        conversation({ id: 'short', waitingSince: '2025-11-04T10:55:00.000Z', waitingMinutes: 5 }),
        conversation({ id: 'long', waitingSince: '2025-11-04T09:55:00.000Z', waitingMinutes: 65, startedAt: '2025-11-04T09:55:00.000Z' }),
      ],
    }));
    const table = await screen.findByRole('table');
    expect(listRequests(requests)[0].url.searchParams.get('status')).toBe('open');
    expect(within(table).getByText(/対応中の相談 3件（返信待ち 2件）/)).toBeTruthy();
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell')[0].textContent)).toEqual(['1時間5分待ち', '5分待ち', '—']);
    expect(within(rows[0]).getByRole('link', { name: '令和7年11月4日 18:55' }).getAttribute('href')).toBe('/line/long');
    expect(within(rows[0]).getByText('未連携')).toBeTruthy();
    expect(within(rows[0]).getByText('あしたば LINE相談')).toBeTruthy();
    expect(within(rows[2]).getByText('令和7年11月4日 19:59')).toBeTruthy();
    expect(within(rows[2]).getByRole('link', { name: '連携済みケース' }).getAttribute('href')).toBe('/cases/case-9');
    expect(table.textContent).not.toMatch(/U[0-9a-f]{32}/);
  });

  it('shows whether the program is within its service hours now', async () => {
    renderInbox(() => ({ status: 200, body: [] }));
    const hours = await screen.findByRole('region', { name: '受付時間' });
    expect(hours.textContent).toContain('あしたば LINE相談: 受付時間内（22:00まで）');
    expect(screen.getByRole('status').textContent).toBe('対応中の相談はありません。');
  });

  it('names the next opening outside the hours', async () => {
    vi.setSystemTime(new Date('2025-11-03T20:00:00+09:00')); // 文化の日
    renderInbox(() => ({ status: 200, body: [] }));
    const hours = await screen.findByRole('region', { name: '受付時間' });
    expect(hours.textContent).toContain('受付時間外（次の受付: 令和7年11月4日 19:00から）');
  });

  it(`reads the list again every ${INBOX_REFRESH_MS / 1000} s and stops when the screen is left`, async () => {
    let waiting = 1;
    const { requests, view } = renderInbox(() => ({ status: 200, body: [conversation({ waitingSince: '2025-11-04T10:59:00.000Z', waitingMinutes: waiting })] }));
    await screen.findByText('1分待ち');
    expect(listRequests(requests)).toHaveLength(1);
    waiting = 16;
    await act(() => vi.advanceTimersByTimeAsync(INBOX_REFRESH_MS));
    expect(await screen.findByText('16分待ち')).toBeTruthy();
    expect(listRequests(requests)).toHaveLength(2);
    view.unmount();
    await vi.advanceTimersByTimeAsync(INBOX_REFRESH_MS * 3);
    expect(listRequests(requests)).toHaveLength(2);
  });

  it('keeps the list and shows the error when a refresh fails', async () => {
    let fail = false;
    renderInbox(() => (fail ? { status: 500, body: { statusCode: 500, message: 'x' } } : { status: 200, body: [conversation()] }));
    await screen.findByRole('table');
    fail = true;
    await act(() => vi.advanceTimersByTimeAsync(INBOX_REFRESH_MS));
    expect((await screen.findByRole('alert')).textContent).toContain('エラーが発生しました');
    expect(screen.getByRole('table')).toBeTruthy();
  });

  it('shows a refusal from the api', async () => {
    renderInbox(() => ({ status: 403, body: { statusCode: 403, message: 'この操作を行う権限がありません' } }));
    expect((await screen.findByRole('alert')).textContent).toContain('権限がありません');
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('lists closed conversations when chosen', async () => {
    const user = (await import('@testing-library/user-event')).default.setup({ advanceTimers: vi.advanceTimersByTime });
    const { requests } = renderInbox((_, url) => ({ status: 200, body: url.searchParams.get('status') === 'closed' ? [conversation({ status: 'closed' })] : [] }));
    await screen.findByText('対応中の相談はありません。');
    await user.click(screen.getByRole('radio', { name: '終了' }));
    expect(await screen.findByText(/終了した相談 1件/)).toBeTruthy();
    expect(listRequests(requests).at(-1)!.url.searchParams.get('status')).toBe('closed');
  });
});
