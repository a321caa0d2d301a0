import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { RouterProvider } from '../../router/router';
import { fakeApi, type Reply } from '../../test-support';
import { Approvals } from './Approvals';

afterEach(cleanup);

import { SUPERVISOR } from '../../test-fixtures/supervisor';

const ME = SUPERVISOR;

const CASE_ID = 'cccccccc-0000-4000-8000-000000000001';
// The unit's staff: the author of the referral and placement; the break-glass user is of another unit.
const STAFF = [{ id: 'bbbbbbbb-0000-4000-8000-000000000002', displayName: '架空 相談員', role: 'counselor', active: true }];
const referral = {
  id: 'rrrrrrrr-0000-4000-8000-000000000001',
  caseId: CASE_ID,
  authorId: 'bbbbbbbb-0000-4000-8000-000000000002',
  departmentId: 'dddddddd-0000-4000-8000-000000000001',
  purpose: 'public-assistance',
  purposeLabel: '生活保護',
  fields: ['name', 'phone'],
  dueOn: '2025-12-10',
  message: '依頼',
  status: 'submitted',
  statusLabel: '承認待ち',
  version: 3,
  addressConfirmed: false,
  createdAt: '2025-11-25T05:00:00Z',
  submittedAt: '2025-11-26T00:40:00Z',
  decidedBy: null,
  decidedAt: null,
  respondedAt: null,
  opinionGivenOn: null,
  responseComment: null,
  summary: null,
  supportMeasureId: null,
};
const placement = {
  id: 'pppppppp-0000-4000-8000-000000000001',
  caseId: CASE_ID,
  facilityId: 'ffffffff-0000-4000-8000-000000000001',
  facilityName: '架空シェルター',
  kind: 'shelter-stay',
  kindLabel: '一時保護委託',
  adults: 1,
  children: 2,
  childAgeBands: [],
  plannedStart: '2025-12-01',
  expectedDeliveryOn: null,
  requestedAt: '2025-11-25T01:30:00Z',
  requestedBy: 'bbbbbbbb-0000-4000-8000-000000000002',
  status: 'requested',
  statusLabel: '申請中',
  version: 1,
  reason: '避難',
  admittedOn: null,
  capacityOverride: false,
  decidedAt: null,
  decidedBy: null,
  decisionNote: null,
  endedOn: null,
  nights: 0,
  outcome: null,
  outcomeLabel: null,
};
const grant = {
  id: 'gggggggg-0000-4000-8000-000000000001',
  caseId: CASE_ID,
  userId: 'bbbbbbbb-0000-4000-8000-000000000003',
  reason: '夜間の緊急対応',
  grantedAt: '2025-11-25T13:00:00Z',
  expiresAt: '2025-11-25T15:00:00Z',
  reviewedAt: null,
  reviewedBy: null,
  reviewNote: null,
};

/** A fake api with the three queues; `decide` answers the POSTs (default 200). */
function setup(decide: (path: string, body: unknown) => Reply = () => ({ status: 200, body: {} }), first: unknown = referral) {
  let queues = { referrals: [first] as unknown[], placements: [placement] as unknown[], grants: [grant] as unknown[] };
  const fake = fakeApi((method, url, body) => {
    const p = url.pathname;
    if (method === 'POST') {
      const answer = decide(p, body);
      if (answer.status < 300) {
        if (p.includes('/referrals/')) queues = { ...queues, referrals: [] };
        if (p.includes('/placements/')) queues = { ...queues, placements: [] };
        if (p.includes('/break-glass/')) queues = { ...queues, grants: [] };
      }
      return answer;
    }
    if (p === '/api/v1/referrals') return { status: 200, body: queues.referrals };
    if (p === '/api/v1/placements') return { status: 200, body: queues.placements };
    if (p === '/api/v1/break-glass') return { status: 200, body: queues.grants };
    if (p === `/api/v1/cases/${CASE_ID}`) return { status: 200, body: { id: CASE_ID, caseNumber: 'R7-0042', clientId: 'client-1' } };
    if (p === '/api/v1/clients/client-1/summary') return { status: 200, body: { id: 'client-1', name: '架空 花子', kana: null, gender: 'female', ageBand: '30s', addressProtected: true } };
    if (p === '/api/v1/staff') return { status: 200, body: STAFF };
    if (p === '/api/v1/departments') return { status: 200, body: [{ id: referral.departmentId, code: 'welfare', name: '生活福祉課', active: true }] };
    return { status: 404, body: { statusCode: 404, message: 'not found' } };
  });
  render(
    <RouterProvider>
      <Approvals api={fake.api} me={ME as never} params={{}} />
    </RouterProvider>,
  );
  return fake;
}

const section = (name: RegExp) => screen.getByRole('region', { name });

describe('Approvals', () => {
  it('lists the three queues with counts, the case and client (住所秘匿, never the address)', async () => {
    const { requests } = setup();
    expect(await screen.findByRole('heading', { name: /庁内連携（1件）/ })).toBeTruthy();
    await screen.findByRole('heading', { name: /施設入所（1件）/ });
    await screen.findByRole('heading', { name: /ブレークグラスの確認（1件）/ });
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    const referrals = section(/庁内連携/);
    expect(await within(referrals).findByText('R7-0042')).toBeTruthy();
    expect(await within(referrals).findByText('架空 花子')).toBeTruthy();
    expect(within(referrals).getByText('住所秘匿')).toBeTruthy();
    expect(await within(referrals).findByText('生活福祉課')).toBeTruthy();
    expect(within(referrals).getByText('氏名')).toBeTruthy();
    expect(within(referrals).getByText('令和7年11月26日 09:40')).toBeTruthy(); // 申請日時, JST
    expect(screen.queryByText('秘密の住所')).toBeNull();
    expect(within(section(/施設入所/)).getByText('大人1人・同伴児2人')).toBeTruthy();
    expect(within(section(/ブレークグラス/)).getByText('夜間の緊急対応')).toBeTruthy();
    const asked = (path: string) => requests.find((r) => r.url.pathname === path)!.url.searchParams.toString();
    expect(asked('/api/v1/referrals')).toBe('status=submitted');
    expect(asked('/api/v1/placements')).toBe('status=requested');
    expect(asked('/api/v1/break-glass')).toBe('reviewed=false');
    // The client is read as her summary; the full record is never asked for.
    expect(requests.some((r) => r.url.pathname === '/api/v1/clients/client-1')).toBe(false);
    expect(requests.filter((r) => r.url.pathname === '/api/v1/clients/client-1/summary')).toHaveLength(1);
  });

  it('names the author, the requester and the break-glass user from the unit’s staff, others neutrally', async () => {
    const { requests } = setup();
    const referrals = await screen.findByRole('region', { name: /庁内連携（1件）/ });
    expect(await within(referrals).findByText('架空 相談員')).toBeTruthy();
    expect(within(section(/施設入所/)).getByText('架空 相談員')).toBeTruthy();
    expect(within(section(/ブレークグラス/)).getByText('他の係の職員')).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/職員 bbbbbbbb/);
    expect(requests.filter((r) => r.url.pathname === '/api/v1/staff')).toHaveLength(1);
  });

  it('approves a referral with its version, reloads and says so', async () => {
    const { requests } = setup();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /庁内連携.*を承認/ }));
    expect(await screen.findByText(/を承認しました。/)).toBeTruthy();
    const post = requests.find((r) => r.method === 'POST')!;
    expect(post.url.pathname).toBe(`/api/v1/referrals/${referral.id}/approve`);
    expect(post.body).toEqual({ version: 3 });
    expect(await screen.findByRole('heading', { name: /庁内連携（0件）/ })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toContain('承認しました');
    expect(requests.filter((r) => r.url.pathname === '/api/v1/referrals').length).toBe(2);
    // The reload does not read the case and client again.
    expect(requests.filter((r) => r.url.pathname === `/api/v1/cases/${CASE_ID}`)).toHaveLength(1);
    expect(requests.filter((r) => r.url.pathname === '/api/v1/clients/client-1/summary')).toHaveLength(1);
    expect(requests.filter((r) => r.url.pathname === '/api/v1/staff')).toHaveLength(1);
  });

  it('asks to confirm an address disclosure and sends confirmAddress only when checked', async () => {
    const { requests } = setup(
      (_path, body) =>
        (body as { confirmAddress?: boolean }).confirmAddress
          ? { status: 200, body: {} }
          : {
              status: 400,
              body: {
                statusCode: 400,
                message: '入力内容に誤りがあります',
                fields: [{ field: 'confirmAddress', message: '支援措置対象（所在秘匿）の方の住所を開示するには、承認者による確認が必要です' }],
              },
            },
      { ...referral, fields: ['name', 'address'] },
    );
    const user = userEvent.setup();
    const approve = await screen.findByRole('button', { name: /庁内連携.*を承認/ });
    await user.click(approve);
    expect((await screen.findByRole('alert')).textContent).toContain('住所を開示するには');
    expect(requests.find((r) => r.method === 'POST')!.body).toEqual({ version: 3 });
    await user.click(screen.getByLabelText(/住所の開示を確認しました/));
    await user.click(approve);
    expect(await screen.findByText(/を承認しました。/)).toBeTruthy();
    expect(requests.filter((r) => r.method === 'POST')[1].body).toEqual({ version: 3, confirmAddress: true });
  });

  it('refuses a rejection without a reason, then sends the reason', async () => {
    const { requests } = setup();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /施設入所.*を却下/ }));
    await user.click(screen.getByRole('button', { name: '却下する' }));
    expect(screen.getByText('却下の理由を入力してください')).toBeTruthy();
    expect(screen.getByLabelText(/却下の理由/).getAttribute('aria-invalid')).toBe('true');
    expect(requests.some((r) => r.method === 'POST')).toBe(false);
    await user.type(screen.getByLabelText(/却下の理由/), '空きがありません');
    await user.click(screen.getByRole('button', { name: '却下する' }));
    expect(await screen.findByText(/施設入所（架空シェルター）を却下しました。/)).toBeTruthy();
    const post = requests.find((r) => r.method === 'POST')!;
    expect(post.url.pathname).toBe(`/api/v1/placements/${placement.id}/reject`);
    expect(post.body).toEqual({ version: 1, reason: '空きがありません' });
  });

  it("shows the api's 403 when approving one's own request", async () => {
    setup(() => ({
      status: 403,
      body: { statusCode: 403, message: '自分が作成した連携は承認・差戻しできません', fields: [{ field: 'authorId', message: '作成者とは別の係長が決定してください' }] },
    }));
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /庁内連携.*を承認/ }));
    expect((await screen.findByRole('alert')).textContent).toContain('自分が作成した連携は承認・差戻しできません');
    expect(screen.getByRole('heading', { name: /庁内連携（1件）/ })).toBeTruthy();
  });

  it('offers 定員超過を承認 after a capacity 409 and sends the override reason', async () => {
    const { requests } = setup((_path, body) =>
      (body as { capacityOverrideReason?: string }).capacityOverrideReason
        ? { status: 200, body: {} }
        : { status: 409, body: { statusCode: 409, message: '定員を超えます（定員10、使用中・予約済み10、今回3）', fields: [{ field: 'capacity', message: '定員を超えます' }] } },
    );
    const user = userEvent.setup();
    expect(screen.queryByRole('button', { name: '定員超過を承認' })).toBeNull();
    await user.click(await screen.findByRole('button', { name: /施設入所.*を承認/ }));
    expect((await screen.findByRole('alert')).textContent).toContain('定員を超えます');
    await user.click(screen.getByRole('button', { name: '定員超過を承認' }));
    expect(screen.getByText('定員超過の理由を10文字以上で入力してください')).toBeTruthy();
    await user.type(screen.getByLabelText(/定員超過の理由/), '緊急性が高く他に受入先がないため');
    await user.click(screen.getByRole('button', { name: '定員超過を承認' }));
    expect(await screen.findByText(/定員超過で承認しました。/)).toBeTruthy();
    const posts = requests.filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(2);
    expect(posts[1].body).toEqual({ version: 1, capacityOverrideReason: '緊急性が高く他に受入先がないため' });
  });

  it('marks a break-glass opening reviewed with a comment', async () => {
    const { requests } = setup();
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText(/確認のコメント/), '正当な緊急対応');
    await user.click(screen.getByRole('button', { name: /緊急閲覧.*を確認済みにする/ }));
    expect(await screen.findByText(/を確認済みにしました。/)).toBeTruthy();
    const post = requests.find((r) => r.method === 'POST')!;
    expect(post.url.pathname).toBe(`/api/v1/break-glass/${grant.id}/review`);
    expect(post.body).toEqual({ note: '正当な緊急対応' });
    expect(await screen.findByText('確認待ちの緊急閲覧はありません。')).toBeTruthy();
  });
});
