import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeApi } from '../../test-support';
import { MonthlyRun } from './MonthlyRun';

afterEach(cleanup);

const run = (status: string, progress: number) => ({
  id: '6f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b',
  period: '2025-10',
  status,
  progress,
  startedAt: status === 'queued' ? null : '2025-11-01T00:00:00Z',
  finishedAt: status === 'done' ? '2025-11-01T00:01:00Z' : null,
  errorCode: null,
});

describe('MonthlyRun', () => {
  it('requests the month, shows the progress bar while polling, then 完了', async () => {
    const polls = [run('running', 40), run('running', 95), run('done', 100)];
    let listed: unknown[] = [];
    const { api, requests } = fakeApi((method, url) => {
      if (method === 'POST') {
        listed = [run('queued', 0)];
        return { status: 202, body: run('queued', 0) };
      }
      if (url.pathname === '/api/v1/statistics/runs') return { status: 200, body: listed };
      const next = polls.shift() ?? run('done', 100);
      listed = [next];
      return { status: 200, body: next };
    });
    render(<MonthlyRun api={api} pollMs={5} />);
    const user = userEvent.setup();
    const month = screen.getByLabelText('対象月');
    await user.clear(month);
    await user.type(month, '2025-10');
    await user.click(screen.getByRole('button', { name: '実行' }));

    const bar = await screen.findByRole('progressbar', { name: '2025-10の集計の進捗' });
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({ period: '2025-10' });
    await screen.findByText('完了（100%）');
    expect(bar.getAttribute('value')).toBe('100');
    expect(requests.filter((r) => r.url.pathname.startsWith('/api/v1/statistics/runs/')).length).toBe(3);
    const rows = await screen.findAllByRole('row');
    expect(rows[1].textContent).toContain('完了');
  });

  it('shows the api message when a run is already in progress (409)', async () => {
    const { api } = fakeApi((method) =>
      method === 'POST'
        ? { status: 409, body: { statusCode: 409, error: 'Conflict', message: '2025-09の集計はすでに実行中です' } }
        : { status: 200, body: [run('running', 40)] },
    );
    render(<MonthlyRun api={api} pollMs={5} />);
    const user = userEvent.setup();
    expect((await screen.findAllByRole('row'))[1].textContent).toContain('実行中');
    await user.click(screen.getByRole('button', { name: '実行' }));
    expect((await screen.findByRole('alert')).textContent).toContain('2025-09の集計はすでに実行中です');
  });
});
