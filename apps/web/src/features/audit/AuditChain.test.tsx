import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeApi, type Reply } from '../../test-support';
import { AuditChain } from './AuditChain';
import { SUPERVISOR } from '../../test-fixtures/supervisor';

afterEach(cleanup);

function setup(reply: Reply) {
  const fake = fakeApi(() => reply);
  render(<AuditChain api={fake.api} me={SUPERVISOR as never} params={{}} />);
  return fake;
}

describe('AuditChain', () => {
  it('runs the check on request and shows 正常 with the count and when', async () => {
    const { requests } = setup({ status: 200, body: { ok: true, checked: 1234, unsealed: 5, firstBrokenId: null, problem: null } });
    expect(requests).toHaveLength(0);
    await userEvent.setup().click(screen.getByRole('button', { name: '検証する' }));
    const status = await screen.findByText('正常: 1,234件を検証');
    expect(requests[0].url.pathname).toBe('/api/v1/audit-events/verify');
    expect(status.closest('[role="status"]')).toBeTruthy();
    expect(screen.getByText(/未封印の記録 5件/)).toBeTruthy();
    expect(screen.getByText(/検証日時: 令和\d+年\d+月\d+日 \d\d:\d\d/)).toBeTruthy();
  });

  it('shows 改ざんの疑い with the problem and the first broken record', async () => {
    setup({ status: 200, body: { ok: false, checked: 88, unsealed: 0, firstBrokenId: '000000000042', problem: 'changed' } });
    await userEvent.setup().click(screen.getByRole('button', { name: '検証する' }));
    expect(await screen.findByText('改ざんの疑い: 記録の内容が変更されています')).toBeTruthy();
    expect(screen.getByText('000000000042')).toBeTruthy();
    expect(screen.queryByText(/正常/)).toBeNull();
  });

  it('names a missing event', async () => {
    setup({ status: 200, body: { ok: false, checked: 10, unsealed: 0, firstBrokenId: '7', problem: 'missing-event' } });
    await userEvent.setup().click(screen.getByRole('button', { name: '検証する' }));
    expect(await screen.findByText('改ざんの疑い: 記録が欠落しています')).toBeTruthy();
  });

  it('shows the api error without a chain status', async () => {
    setup({ status: 403, body: { statusCode: 403, message: 'この操作を行う権限がありません' } });
    await userEvent.setup().click(screen.getByRole('button', { name: '検証する' }));
    expect((await screen.findByRole('alert')).textContent).toContain('この操作を行う権限がありません');
    expect(screen.queryByText(/正常|改ざん/)).toBeNull();
  });
});
