import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeApi } from '../../test-support';
import { AdminQueues } from './AdminQueues';

afterEach(cleanup);

const overview = {
  driver: 'redis',
  reachable: true,
  outbox: 2,
  counts: { waiting: 1, active: 0, completed: 40, failed: 3, delayed: 0 },
  recentFailed: [{ id: 'line.push.x1', name: 'line.push', state: 'failed', attempts: 5, finishedAt: '2026-11-26T03:05:00.000Z' }],
  schedules: [{ id: 'statistics-monthly', pattern: '0 2 1 * *', tz: 'Asia/Tokyo', next: '2026-11-30T17:00:00.000Z' }],
};

describe('AdminQueues', () => {
  it('shows the counts, failed jobs by their Japanese name and the schedules, from GET /admin/queues', async () => {
    const { api, requests } = fakeApi(() => ({ status: 200, body: overview }));
    render(<AdminQueues api={api} me={{} as never} params={{}} />);
    expect(await screen.findByText(/Redis（BullMQ）：接続中/)).toBeTruthy();
    expect(screen.getByText(/Redis 復旧待ちのジョブ 2件/)).toBeTruthy();
    const counts = screen.getByRole('table', { name: '状態別のジョブ数' });
    expect(within(counts).getAllByRole('cell').map((c) => c.textContent)).toEqual(['1', '0', '0', '40', '3']);
    const failed = screen.getByRole('table', { name: /失敗したジョブ/ });
    expect(within(failed).getByText('LINE 送信')).toBeTruthy();
    expect(within(failed).getByText('令和8年11月26日 12:05')).toBeTruthy();
    expect(within(screen.getByRole('table', { name: '定期実行の予定' })).getByText('令和8年12月1日 02:00')).toBeTruthy();
    expect(requests[0].url.pathname).toBe('/api/v1/admin/queues');
  });

  it('says when there are no failures, and shows the api error', async () => {
    const quiet = fakeApi(() => ({ status: 200, body: { ...overview, outbox: 0, recentFailed: [] } }));
    render(<AdminQueues api={quiet.api} me={{} as never} params={{}} />);
    expect(await screen.findByText('失敗したジョブはありません。')).toBeTruthy();
    expect(screen.queryByText(/復旧待ち/)).toBeNull();
    cleanup();
    const inProcess = fakeApi(() => ({ status: 200, body: { ...overview, driver: 'in-process', outbox: 1 } }));
    render(<AdminQueues api={inProcess.api} me={{} as never} params={{}} />);
    expect(await screen.findByText(/未完了のジョブ 1件（データベースに保管中、再起動しても実行されます）/)).toBeTruthy();
    expect(screen.queryByText(/復旧待ち/)).toBeNull();
    cleanup();
    const refused = fakeApi(() => ({ status: 403, body: { statusCode: 403, message: 'この操作を行う権限がありません', requestId: 'r1' } }));
    render(<AdminQueues api={refused.api} me={{} as never} params={{}} />);
    expect((await screen.findByRole('alert')).textContent).toContain('権限がありません');
  });
});
