import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { Schemas } from './api/client';
import { RouterProvider } from './router/router';
import { fakeApi } from './test-support';
import { AppShell, resolve } from './AppShell';

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

function me(role: Schemas['MeResponseDto']['role'], permissions: string[]): Schemas['MeResponseDto'] {
  return {
    id: 'u1', loginId: 'x', displayName: '架空 職員', role, permissions, unitId: null, departmentId: null, active: true,
    mfaEnabled: true,
    approvalState: 'approved',
    approvalReasons: [], mfaEnrolmentRequired: false, idleTimeoutSeconds: 900, sessionExpiresAt: '2030-01-01T00:00:00Z',
  };
}

const liaison = me('liaison', ['referral.inbox']);
const counselor = me('counselor', ['case.read', 'case.write', 'line.reply', 'referral.draft', 'placement.request']);

describe('resolve', () => {
  it('refuses a case address typed by a liaison before any request is made', () => {
    expect(resolve(liaison, '/cases/3f2a').kind).toBe('forbidden');
    expect(resolve(liaison, '/inbox/3f2a')).toMatchObject({ kind: 'screen', params: { id: '3f2a' } });
  });

  it('opens 相談記録の修正 with case.write only (as the new record)', () => {
    expect(resolve(counselor, '/cases/c1/contacts/k1/edit')).toMatchObject({ kind: 'screen', title: '相談記録の修正', params: { id: 'c1', contactId: 'k1' } });
    expect(resolve(me('supervisor', ['case.read']), '/cases/c1/contacts/k1/edit').kind).toBe('forbidden');
    expect(resolve(liaison, '/cases/c1/contacts/k1/edit').kind).toBe('forbidden');
  });

  it('opens each role at its own home and reports unknown addresses', () => {
    expect(resolve(counselor, '/')).toMatchObject({ kind: 'screen', title: 'ダッシュボード' });
    expect(resolve(liaison, '/')).toMatchObject({ kind: 'screen', title: '連携受信箱' });
    expect(resolve(counselor, '/no-such-screen').kind).toBe('missing');
  });
});

describe('AppShell', () => {
  it('shows only the navigation the role may use, and moves between screens in place', async () => {
    const { api } = fakeApi(() => ({ status: 200, body: [] }));
    render(
      <RouterProvider>
        <AppShell api={api} me={counselor} onSignOut={() => undefined} onAccountChanged={() => undefined} />
      </RouterProvider>,
    );
    const nav = screen.getByRole('navigation', { name: 'メニュー' });
    expect(nav.textContent).toContain('相談者検索');
    expect(nav.textContent).toContain('LINE 受信箱');
    expect(nav.textContent).not.toContain('承認待ち');
    expect(nav.textContent).not.toContain('統計');
    await userEvent.setup().click(screen.getByRole('link', { name: '相談者検索' }));
    expect(window.location.pathname).toBe('/clients');
    expect(await screen.findByRole('heading', { name: '相談者検索' })).toBeTruthy();
    expect(document.title).toBe('相談者検索 | つなぐ');
  });

  it('shows the refusal, not the screen, for an address the role may not open', () => {
    window.history.replaceState(null, '', '/cases/3f2a');
    const { api, requests } = fakeApi(() => ({ status: 200, body: {} }));
    render(
      <RouterProvider>
        <AppShell api={api} me={liaison} onSignOut={() => undefined} onAccountChanged={() => undefined} />
      </RouterProvider>,
    );
    expect(screen.getByRole('alert').textContent).toContain('この画面を表示する権限がありません');
    expect(requests).toHaveLength(0);
  });
});
