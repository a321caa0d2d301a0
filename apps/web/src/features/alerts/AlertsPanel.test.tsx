import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { RouterProvider } from '../../router/router';
import { fakeApi, type Reply } from '../../test-support';
import type { Schemas } from '../../api/client';
import { AlertsPanel } from './AlertsPanel';
import { SUPERVISOR } from '../../test-fixtures/supervisor';

afterEach(cleanup);

const ME = { ...SUPERVISOR, permissions: [...SUPERVISOR.permissions, 'alerts.review'] };

type Alert = Schemas['AlertDto'];

function alert(n: number, over: Partial<Alert> = {}): Alert {
  return {
    id: `aaaaaaaa-1111-4000-8000-${String(n).padStart(12, '0')}`,
    rule: 'many-cases-per-hour',
    ruleLabel: '1時間に多数のケースを閲覧',
    actorId: `bbbbbbbb-0000-4000-8000-${String(n).padStart(12, '0')}`,
    actorName: `架空 職員${n}`,
    period: '2026-11-26',
    observed: 25,
    threshold: 20,
    firstAt: '2026-11-26T00:05:00Z',
    lastAt: '2026-11-26T00:50:00Z',
    status: 'open',
    acknowledgedBy: null,
    acknowledgedAt: null,
    note: null,
    ...over,
  };
}

const acknowledgedAlert = alert(9, {
  rule: 'frequent-break-glass',
  ruleLabel: '緊急閲覧（ブレークグラス）の多用',
  period: '2026-W48',
  observed: 4,
  threshold: 3,
  status: 'acknowledged',
  acknowledgedBy: 'u-sv2',
  acknowledgedAt: '2026-11-26T03:00:00Z',
  note: '本人に確認済み',
});

/** A fake api holding `alerts`; `acknowledge` answers the POST (default: 200, and the alert is acknowledged). */
function setup(options: { alerts?: Alert[]; compact?: boolean; acknowledge?: (body: unknown) => Reply } = {}) {
  let alerts = options.alerts ?? [alert(1), acknowledgedAlert];
  const fake = fakeApi((method, url, body) => {
    const p = url.pathname;
    if (method === 'POST' && p.startsWith('/api/v1/alerts/') && p.endsWith('/acknowledge')) {
      const answer = options.acknowledge?.(body) ?? { status: 200, body: {} };
      if (answer.status < 300) {
        const id = p.split('/')[4];
        alerts = alerts.map((a) => (a.id === id ? { ...a, status: 'acknowledged' as const, note: (body as { note?: string }).note ?? null } : a));
      }
      return answer;
    }
    if (method === 'GET' && p === '/api/v1/staff') return { status: 200, body: [{ id: 'u-sv2', displayName: '架空 指導員', role: 'supervisor', active: true }] };
    if (method === 'GET' && p === '/api/v1/alerts') {
      const status = url.searchParams.get('status');
      return { status: 200, body: alerts.filter((a) => !status || a.status === status) };
    }
    return { status: 404, body: { statusCode: 404, message: 'not found' } };
  });
  render(
    <RouterProvider>
      <AlertsPanel api={fake.api} me={ME as never} params={{}} compact={options.compact} />
    </RouterProvider>,
  );
  return fake;
}

describe('AlertsPanel (screen)', () => {
  it('does not offer 確認済みにする on an alert about the supervisor herself, and says who confirms it', async () => {
    const own = alert(2, { actorId: ME.id, actorName: ME.displayName });
    const { requests } = setup({ alerts: [own, alert(1)] });
    const ownItem = (await screen.findByText(ME.displayName, { selector: 'dd' })).closest('li')!;
    expect(within(ownItem).queryByRole('button', { name: /確認済みにする/ })).toBeNull();
    expect(within(ownItem).queryByLabelText('確認内容（任意）')).toBeNull();
    expect(within(ownItem).getByText('あなた自身に関する警告です。確認は他の査察指導員が行います。')).toBeTruthy();
    const otherItem = screen.getByText('架空 職員1', { selector: 'dd' }).closest('li')!;
    expect(within(otherItem).getByRole('button', { name: /確認済みにする/ })).toBeTruthy();
    expect(requests.filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('lists the open alerts: rule, staff member, period, count against threshold, times, status', async () => {
    const { requests } = setup();
    expect(screen.getByRole('heading', { level: 1, name: 'アクセスの警告' })).toBeTruthy();
    const item = (await screen.findByText('1時間に多数のケースを閲覧')).closest('li')!;
    const facts = within(item);
    expect(facts.getByText('架空 職員1')).toBeTruthy();
    expect(facts.getByText('令和8年11月26日')).toBeTruthy();
    expect(facts.getByText('25件（基準 20件）')).toBeTruthy();
    expect(facts.getByText('令和8年11月26日 09:05')).toBeTruthy();
    expect(facts.getByText('令和8年11月26日 09:50')).toBeTruthy();
    expect(facts.getAllByText('未確認').length).toBeGreaterThan(0);
    expect(screen.getByText('詳細は各警告の「監査ログを見る」で、その職員のその期間の操作を確認してください。')).toBeTruthy();
    // The staff member and the alert's day, for the audit search.
    expect(facts.getByRole('link', { name: /監査ログを見る/ }).getAttribute('href')).toBe(`/audit/events?actorId=${alert(1).actorId}&from=2026-11-26&to=2026-11-26`);
    // Only the open ones by default: the acknowledged alert is not shown.
    expect(screen.queryByText('緊急閲覧（ブレークグラス）の多用')).toBeNull();
    expect(requests[0].url.searchParams.toString()).toBe('status=open');
  });

  it('filters 確認済み and すべて, showing a week as 年第n週 and the follow-up', async () => {
    const { requests } = setup();
    const user = userEvent.setup();
    await screen.findByText('1時間に多数のケースを閲覧');
    await user.click(screen.getByRole('radio', { name: '確認済み' }));
    const item = (await screen.findByText('緊急閲覧（ブレークグラス）の多用')).closest('li')!;
    expect(within(item).getByText('2026年第48週')).toBeTruthy();
    expect(within(item).getByText('4件（基準 3件）')).toBeTruthy();
    expect(within(item).getByText('本人に確認済み')).toBeTruthy();
    expect(await within(item).findByText('架空 指導員')).toBeTruthy(); // the acknowledger's name, from /staff
    expect(within(item).getByText('令和8年11月26日 12:00')).toBeTruthy();
    expect(within(item).queryByRole('button')).toBeNull();
    expect(screen.queryByText('1時間に多数のケースを閲覧')).toBeNull();
    expect(requests.filter((r) => r.url.pathname === '/api/v1/alerts').at(-1)!.url.searchParams.toString()).toBe('status=acknowledged');
    await user.click(screen.getByRole('radio', { name: 'すべて' }));
    expect(await screen.findByText('1時間に多数のケースを閲覧')).toBeTruthy();
    expect(screen.getByText('緊急閲覧（ブレークグラス）の多用')).toBeTruthy();
    expect(requests.filter((r) => r.url.pathname === '/api/v1/alerts').at(-1)!.url.searchParams.toString()).toBe('');
  });

  it('acknowledges with the note, reloads and says so with focus on the message', async () => {
    const { requests } = setup();
    const user = userEvent.setup();
    await screen.findByText('1時間に多数のケースを閲覧');
    await user.type(screen.getByLabelText('確認内容（任意）'), '  本人に業務上の理由を確認した  ');
    await user.click(screen.getByRole('button', { name: /架空 職員1さんの「1時間に多数のケースを閲覧」（令和8年11月26日）を確認済みにする/ }));
    const status = await screen.findByText('架空 職員1さんの「1時間に多数のケースを閲覧」（令和8年11月26日）を確認済みにしました。');
    expect(status.getAttribute('role')).toBe('status');
    const post = requests.find((r) => r.method === 'POST')!;
    expect(post.url.pathname).toBe(`/api/v1/alerts/${alert(1).id}/acknowledge`);
    expect(post.body).toEqual({ note: '本人に業務上の理由を確認した' });
    expect(await screen.findByText('未確認の警告はありません')).toBeTruthy();
    expect(requests.filter((r) => r.method === 'GET' && r.url.pathname === '/api/v1/alerts')).toHaveLength(2);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(document.activeElement).toBe(status);
  });

  it('sends an empty body without a note', async () => {
    const { requests } = setup();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /確認済みにする/ }));
    await screen.findByText(/を確認済みにしました。/);
    expect(requests.find((r) => r.method === 'POST')!.body).toEqual({});
  });

  it("shows the api's 403 for an alert about oneself and keeps the alert open", async () => {
    const { requests } = setup({
      acknowledge: () => ({ status: 403, body: { statusCode: 403, error: 'Forbidden', message: '自分に関するアラートは他の査察指導員が確認します' } }),
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /確認済みにする/ }));
    expect((await screen.findByRole('alert')).textContent).toContain('自分に関するアラートは他の査察指導員が確認します');
    expect(screen.getByRole('status').textContent).toBe('');
    expect(screen.getByRole('button', { name: /確認済みにする/ })).toBeTruthy();
    expect(requests.filter((r) => r.method === 'GET' && r.url.pathname === '/api/v1/alerts')).toHaveLength(1);
  });

  it("shows the api's 409 when another supervisor acknowledged first", async () => {
    setup({ acknowledge: () => ({ status: 409, body: { statusCode: 409, error: 'Conflict', message: 'このアラートは確認済みです' } }) });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /確認済みにする/ }));
    expect((await screen.findByRole('alert')).textContent).toContain('このアラートは確認済みです');
  });

  it('names a field error of the note under the textarea', async () => {
    setup({
      acknowledge: () => ({ status: 400, body: { statusCode: 400, message: '入力内容に誤りがあります', fields: [{ field: 'note', message: '1000文字以内で入力してください' }] } }),
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /確認済みにする/ }));
    expect((await screen.findByRole('alert')).textContent).toContain('確認内容: 1000文字以内で入力してください');
    expect(screen.getByLabelText('確認内容（任意）').getAttribute('aria-invalid')).toBe('true');
  });

  it('says when there is nothing to show', async () => {
    setup({ alerts: [] });
    expect(await screen.findByText('未確認の警告はありません')).toBeTruthy();
    expect(screen.queryByText(/監査ログ/)).toBeNull();
  });
});

describe('AlertsPanel (compact, on the home)', () => {
  it('shows at most five open alerts under an h2 and links to all of them', async () => {
    const many = [1, 2, 3, 4, 5, 6, 7].map((n) => alert(n));
    const { requests } = setup({ alerts: [...many, acknowledgedAlert], compact: true });
    expect(await screen.findByRole('heading', { level: 2, name: /アクセスの警告（未確認 7件）/ })).toBeTruthy();
    expect(screen.queryByRole('heading', { level: 1 })).toBeNull();
    expect(screen.getAllByRole('button', { name: /確認済みにする/ })).toHaveLength(5);
    expect(screen.getByText('架空 職員5')).toBeTruthy();
    expect(screen.queryByText('架空 職員6')).toBeNull();
    expect(screen.getByText('ほか2件の未確認の警告があります。')).toBeTruthy();
    expect(screen.queryByRole('radio')).toBeNull();
    expect(screen.getByRole('link', { name: 'すべての警告を見る' }).getAttribute('href')).toBe('/alerts');
    expect(requests[0].url.searchParams.toString()).toBe('status=open');
  });

  it('says 未確認の警告はありません when none is open, still with the link', async () => {
    setup({ alerts: [acknowledgedAlert], compact: true });
    expect(await screen.findByText('未確認の警告はありません')).toBeTruthy();
    expect(screen.queryByText('緊急閲覧（ブレークグラス）の多用')).toBeNull();
    expect(screen.getByRole('link', { name: 'すべての警告を見る' })).toBeTruthy();
  });

  it('is left out for a user who may not review alerts', () => {
    const fake = fakeApi(() => ({ status: 200, body: [] }));
    const { container } = render(
      <RouterProvider>
        <AlertsPanel api={fake.api} me={SUPERVISOR as never} params={{}} compact />
      </RouterProvider>,
    );
    expect(container.textContent).toBe('');
    expect(fake.requests).toHaveLength(0);
  });
});
