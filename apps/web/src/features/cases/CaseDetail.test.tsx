import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { todayJst } from '../../format/dates';
import { RouterProvider } from '../../router/router';
import { fakeApi, type Reply } from '../../test-support';
import { caseDto, clientReads, clientSummary, codeLists, COUNSELOR_PERMISSIONS, meWith, STAFF } from '../../test-fixtures/counselor';
import { CaseDetail } from './CaseDetail';

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

function renderWith(reply: (method: string, url: URL, body: unknown) => Reply | null, permissions = COUNSELOR_PERMISSIONS) {
  const fake = fakeApi((method, url, body) => codeLists(url) ?? reply(method, url, body) ?? { status: 200, body: [] });
  render(
    <RouterProvider>
      <CaseDetail api={fake.api} me={meWith(permissions)} params={{ id: 'case-1' }} />
    </RouterProvider>,
  );
  return fake;
}

const inTenDays = new Date(Date.parse(`${todayJst()}T00:00:00Z`) + 10 * 86_400_000).toISOString().slice(0, 10);
const EMPTY_DV = { relation: null, violenceTypes: [], childrenExposed: false, protectionOrders: [], supportMeasures: [], version: 0 };
const NOT_FOUND = { status: 404, body: { statusCode: 404, message: '相談ケースが見つかりません' } };

function fullCase(_method: string, url: URL): Reply | null {
  switch (url.pathname) {
    case '/api/v1/cases/case-1':
      return { status: 200, body: caseDto() };
    case '/api/v1/clients/client-1/summary':
      return { status: 200, body: clientSummary() };
    case '/api/v1/staff':
      return { status: 200, body: STAFF };
    case '/api/v1/cases/case-1/contacts':
      return {
        status: 200,
        body: [
          { id: 'k-old', caseId: 'case-1', channel: 'visit', counselorId: 'u-me', durationMinutes: 30, dvRelated: false, followUpOn: null, mainConcern: 'divorce', nextAction: null, otherConcerns: [], programCode: 'josei-soudan', startedAt: '2025-11-20T01:00:00Z', summary: '初回来所。', version: 1 },
          { id: 'k-new', caseId: 'case-1', channel: 'phone', counselorId: 'u-me', durationMinutes: 65, dvRelated: true, followUpOn: null, mainConcern: 'husband-violence', nextAction: null, otherConcerns: ['divorce'], programCode: 'josei-soudan', startedAt: '2025-11-25T04:05:00Z', summary: '夫からの暴力について電話。', version: 1 },
        ],
      };
    case '/api/v1/cases/case-1/dv':
      return {
        status: 200,
        body: {
          relation: 'spouse', violenceTypes: ['physical', 'psychological'], childrenExposed: true, version: 1,
          protectionOrders: [{ id: 'po1', approachBanId: null, expiresOn: '2026-05-01', filedOn: '2025-10-01', homeSolelyHers: false, issuedOn: '2025-11-01', kind: 'approach-ban', status: 'issued', version: 1 }],
          supportMeasures: [{ id: 'sm1', acceptedOn: null, appliedOn: '2024-12-01', endedOn: null, endReason: null, expiresOn: inTenDays, opinionGivenOn: null, receivedOn: null, renewsId: null, startsOn: '2024-12-01', status: 'active', version: 1 }],
        },
      };
    case '/api/v1/cases/case-1/risk-assessments':
      return { status: 200, body: [{ id: 'r1', assessedOn: '2025-11-21', assessorId: 'u-me', items: ['strangulation', 'weapon'], level: 'severe', note: null }] };
    case '/api/v1/cases/case-1/placements':
      return { status: 200, body: [{ id: 'p1', facilityName: '架空シェルター', kindLabel: '一時保護', plannedStart: '2025-11-28', statusLabel: '申請中', outcomeLabel: null }] };
    case '/api/v1/cases/case-1/referrals':
      return { status: 200, body: [{ id: 'rf1', purposeLabel: '生活保護', statusLabel: '下書き', status: 'draft', dueOn: '2025-12-10' }] };
    case '/api/v1/cases/case-1/provisions':
      return { status: 200, body: [{ id: 'pv1', caseId: 'case-1', date: '2025-11-22', kind: 'sanitary-products', kindLabel: '生理用品', lineConversationId: null, programCode: 'josei-soudan', quantity: 2 }] };
  }
  return null;
}

describe('CaseDetail', () => {
  it('shows the header, the permitted actions and every section in order, contacts newest first', async () => {
    const { requests } = renderWith(fullCase);
    const heading = await screen.findByRole('heading', { level: 1, name: 'ケース 2025-0001' });
    expect(heading).toBeTruthy();
    expect(await screen.findByText('架空 花子')).toBeTruthy();
    expect(screen.getAllByText('住所秘匿').length).toBeGreaterThan(0);
    expect(screen.getByText('対応中')).toBeTruthy();
    expect(await screen.findByText('自分（架空 相談員）')).toBeTruthy();
    const actions = within(screen.getByRole('navigation', { name: 'このケースの操作' }));
    expect(actions.getByRole('link', { name: '相談記録を入力' }).getAttribute('href')).toBe('/cases/case-1/contacts/new');
    expect(actions.getByRole('link', { name: '危険度評価を入力' }).getAttribute('href')).toBe('/cases/case-1/risk-assessments/new');
    expect(actions.getByRole('link', { name: '施設入所を申請' }).getAttribute('href')).toBe('/cases/case-1/placements/new');
    expect(actions.getByRole('link', { name: '庁内連携を起票' }).getAttribute('href')).toBe('/cases/case-1/referrals/new');
    expect(actions.queryByRole('link', { name: '監査ログ' })).toBeNull();

    const timeline = await screen.findByRole('list', { name: '相談記録（新しい順）' });
    const items = within(timeline).getAllByRole('listitem');
    expect(items[0].textContent).toContain('令和7年11月25日 13:05');
    expect(items[0].textContent).toContain('電話');
    expect(items[0].textContent).toContain('1時間5分');
    expect(items[0].textContent).toContain('夫等からの暴力、離婚問題');
    expect(within(items[0]).getByText('DV')).toBeTruthy();
    expect(items[1].textContent).toContain('初回来所。');
    expect(within(items[1]).queryByText('DV')).toBeNull();

    expect(await screen.findByText('身体的、精神的')).toBeTruthy();
    expect(await screen.findByText('最高')).toBeTruthy();
    expect(screen.getByText('首を絞められた、凶器の使用・所持')).toBeTruthy();
    expect(screen.getByText('（あと10日）')).toBeTruthy();
    expect(screen.getByText('更新の申出が必要です')).toBeTruthy();
    expect(await screen.findByText('架空シェルター')).toBeTruthy();
    expect(await screen.findByText('生活保護')).toBeTruthy();
    expect(await screen.findByText('生理用品')).toBeTruthy();

    const titles = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    expect(titles).toEqual(['相談記録', 'DV の状況', '危険度評価', '保護命令', '支援措置', '施設入所', '庁内連携', '物品提供']);
    expect(document.body.textContent).not.toContain('秘匿町');
    // The client is read as her summary only (name and flag), and the staff list once.
    expect(clientReads(requests)).toEqual(['/api/v1/clients/client-1/summary']);
    expect(requests.filter((r) => r.url.pathname === '/api/v1/staff')).toHaveLength(1);
  });

  it('links each contact to its 修正 for a user who may write, announces a correction once, and shows no 修正 to a reader', async () => {
    window.history.replaceState({ notice: '相談記録を修正しました。' }, '', '/cases/case-1');
    renderWith(fullCase);
    const timeline = await screen.findByRole('list', { name: '相談記録（新しい順）' });
    const links = within(timeline).getAllByRole('link', { name: /^修正/ });
    expect(links.map((l) => l.getAttribute('href'))).toEqual(['/cases/case-1/contacts/k-new/edit', '/cases/case-1/contacts/k-old/edit']);
    // Each link says which record it corrects (visually hidden).
    expect(links[0].textContent).toBe('修正（令和7年11月25日 13:05の相談記録）');
    expect(screen.getByRole('status').textContent).toBe('相談記録を修正しました。');
    // Taken off the history entry: a reload does not announce it again.
    expect(window.history.state).toBeNull();
    expect(window.location.pathname).toBe('/cases/case-1');

    cleanup();
    renderWith(fullCase, ['case.read']);
    const readOnly = await screen.findByRole('list', { name: '相談記録（新しい順）' });
    expect(within(readOnly).queryByRole('link')).toBeNull();
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('names the assignee from the unit’s staff list, and someone of another unit neutrally', async () => {
    renderWith((method, url) => {
      if (url.pathname === '/api/v1/cases/case-1') return { status: 200, body: caseDto({ assignedCounselorId: 'u-other' }) };
      return fullCase(method, url);
    });
    expect(await screen.findByText('架空 同僚')).toBeTruthy();
    cleanup();
    renderWith((method, url) => {
      if (url.pathname === '/api/v1/cases/case-1') return { status: 200, body: caseDto({ assignedCounselorId: 'u-elsewhere' }) };
      return fullCase(method, url);
    });
    expect(await screen.findByText('他の係の職員')).toBeTruthy();
    expect(document.body.textContent).not.toContain('u-elsewhere');
  });

  it('shows each section’s empty state and an error in one section only', async () => {
    renderWith((_m, url) => {
      if (url.pathname === '/api/v1/cases/case-1') return { status: 200, body: caseDto({ assignedCounselorId: null }) };
      if (url.pathname === '/api/v1/clients/client-1/summary') return { status: 200, body: clientSummary({ addressProtected: false }) };
      if (url.pathname === '/api/v1/cases/case-1/dv') return { status: 200, body: EMPTY_DV };
      if (url.pathname === '/api/v1/cases/case-1/placements') return { status: 500, body: { statusCode: 500, message: 'x' } };
      return null;
    }, ['case.read', 'audit.read.unit']);
    expect(await screen.findByText('相談記録はありません。')).toBeTruthy();
    expect(await screen.findByText('DV の状況は記録されていません。')).toBeTruthy();
    expect(screen.getByText('保護命令の記録はありません。')).toBeTruthy();
    expect(screen.getByText('支援措置の記録はありません。')).toBeTruthy();
    expect((await screen.findByRole('alert')).textContent).toContain('施設入所を表示できません');
    expect(await screen.findByText('物品提供の記録はありません。')).toBeTruthy();
    expect(screen.getByText('未割当')).toBeTruthy();
    const actions = within(screen.getByRole('navigation', { name: 'このケースの操作' }));
    expect(actions.getAllByRole('link').map((a) => a.textContent)).toEqual(['監査ログ']);
  });

  it('shows 対象が見つかりません and nothing of the case on 404, with no other request', async () => {
    const { requests } = renderWith((_m, url) => (url.pathname === '/api/v1/cases/case-1' ? NOT_FOUND : null), ['case.read']);
    expect((await screen.findByRole('alert')).textContent).toContain('対象が見つかりません');
    expect(screen.queryByRole('button', { name: /緊急閲覧/ })).toBeNull();
    expect(requests.map((r) => r.url.pathname).filter((p) => p !== '/api/v1/programs' && p !== '/api/v1/concerns')).toEqual(['/api/v1/cases/case-1']);
    expect(screen.queryByText('相談記録')).toBeNull();
  });

  it('opens a restricted case by break-glass: the reason is sent, then the case is loaded', async () => {
    let granted = false;
    const { requests } = renderWith((method, url, body) => {
      if (url.pathname === '/api/v1/cases/case-1/break-glass' && method === 'POST') {
        granted = true;
        return { status: 201, body: { id: 'g1', caseId: 'case-1', userId: 'u-me', reason: (body as { reason: string }).reason, grantedAt: '2025-11-26T01:00:00Z', expiresAt: '2025-11-26T02:00:00Z', reviewedAt: null, reviewedBy: null, reviewNote: null } };
      }
      if (url.pathname === '/api/v1/cases/case-1') return granted ? { status: 200, body: caseDto({ restricted: true, assignedCounselorId: 'u-other' }) } : NOT_FOUND;
      return fullCase(method, url);
    });
    const user = userEvent.setup();
    expect((await screen.findByRole('alert')).textContent).toContain('対象が見つかりません');
    await user.click(screen.getByRole('button', { name: '緊急閲覧（ブレークグラス）' }));
    const dialog = screen.getByRole('dialog', { name: '緊急閲覧（ブレークグラス）' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(dialog.textContent).toContain('監査ログに記録され、査察指導員が確認します');
    await user.type(within(dialog).getByLabelText(/理由/), '本人から至急の連絡があり安全確認が必要');
    await user.click(within(dialog).getByRole('button', { name: '記録して閲覧する' }));
    const heading = await screen.findByRole('heading', { level: 1, name: 'ケース 2025-0001' });
    await vi.waitFor(() => expect(document.activeElement).toBe(heading));
    expect(screen.getByRole('status').textContent).toContain('令和7年11月26日 11:00 まで閲覧できます');
    expect(screen.getByText('閲覧制限')).toBeTruthy();
    expect(await screen.findByText('架空 同僚')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
    const post = requests.find((r) => r.method === 'POST')!;
    expect(post.url.pathname).toBe('/api/v1/cases/case-1/break-glass');
    expect(post.body).toEqual({ reason: '本人から至急の連絡があり安全確認が必要' });
  });

  it('keeps the refusal when break-glass is refused (the case does not exist)', async () => {
    renderWith((method, url) => {
      if (url.pathname === '/api/v1/cases/case-1/break-glass' && method === 'POST') return NOT_FOUND;
      if (url.pathname === '/api/v1/cases/case-1') return NOT_FOUND;
      return null;
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: '緊急閲覧（ブレークグラス）' }));
    const dialog = screen.getByRole('dialog');
    await user.type(within(dialog).getByLabelText(/理由/), '本人から至急の連絡があり安全確認が必要');
    await user.click(within(dialog).getByRole('button', { name: '記録して閲覧する' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('相談ケースが見つかりません');
    expect(screen.queryByRole('heading', { name: /ケース 2025/ })).toBeNull();
  });
});
