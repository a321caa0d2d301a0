import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RouterProvider } from '../../router/router';
import { fakeApi } from '../../test-support';
import type { ScreenProps } from '../../ui/screen';
import { ReferralInbox } from './ReferralInbox';

const me = { id: 'me', role: 'liaison', permissions: ['referral.inbox'] } as unknown as ScreenProps['me'];
const item = (id: string, status: string, dueOn: string, purpose = 'housing') => ({ id, purpose, purposeLabel: 'x', dueOn, status, statusLabel: 'x', version: 3 });

beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true });
  vi.setSystemTime(new Date('2025-11-10T10:00:00+09:00'));
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function renderInbox(reply: Parameters<typeof fakeApi>[0]) {
  const fake = fakeApi(reply);
  render(
    <RouterProvider>
      <ReferralInbox api={fake.api} me={me} params={{}} />
    </RouterProvider>,
  );
  return fake;
}

describe('ReferralInbox', () => {
  it('lists the referrals to my department with purpose, status and due date, each linking to its page', async () => {
    const { requests } = renderInbox(() => ({ status: 200, body: [item('r1', 'approved', '2025-11-08'), item('r2', 'accepted', '2025-11-30', 'public-assistance')] }));
    const table = await screen.findByRole('table', { name: '連携依頼 2件' });
    expect(requests.map((r) => `${r.method} ${r.url.pathname}`)).toEqual(['GET /api/v1/referrals/inbox']);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(within(rows[0]).getByRole('link', { name: '住宅' }).getAttribute('href')).toBe('/inbox/r1');
    expect(rows[0].textContent).toContain('承認済');
    expect(rows[0].textContent).toContain('未回答');
    expect(rows[0].textContent).toContain('令和7年11月8日');
    expect(rows[0].textContent).toContain('期限切れ（2日超過）');
    expect(within(rows[1]).getByRole('link', { name: '生活保護相談' }).getAttribute('href')).toBe('/inbox/r2');
    expect(rows[1].textContent).toContain('受理');
    expect(rows[1].textContent).not.toContain('未回答');
  });

  it('says so when nothing has arrived', async () => {
    renderInbox(() => ({ status: 200, body: [] }));
    expect((await screen.findByRole('status')).textContent).toBe('連携依頼はありません。');
  });

  it('shows an error from the api', async () => {
    renderInbox(() => ({ status: 403, body: { statusCode: 403, message: 'この操作を行う権限がありません' } }));
    expect((await screen.findByRole('alert')).textContent).toContain('権限がありません');
    expect(screen.queryByRole('table')).toBeNull();
  });
});
