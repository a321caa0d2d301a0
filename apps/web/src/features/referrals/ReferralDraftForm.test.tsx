import { act, cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { todayJst } from '../../format/dates';
import { fakeApi } from '../../test-support';
import { badRequest, CASE_ID, CASE_READS, CLIENT_ID, clientReads, renderScreen, routes } from '../cases/case-form-fixtures';
import { ReferralDraftForm } from './ReferralDraftForm';

afterEach(cleanup);
const PATH = `/cases/${CASE_ID}/referrals/new`;
const DEPT = '33333333-3333-4333-8333-333333333333';
const DEPARTMENTS = [
  { id: DEPT, code: 'jutaku', name: '住宅課', active: true },
  { id: 'old', code: 'old', name: '廃止課', active: false },
];
const consent = (fields: string[], withdrawnAt: string | null = null) => ({ id: 'consent-1', clientId: CLIENT_ID, departmentIds: [DEPT], fields, method: 'written', methodLabel: '書面', obtainedBy: 'me', obtainedOn: '2025-11-01', version: 1, withdrawnAt });
const referral = (status: string, version: number) => ({ id: 'ref-1', caseId: CASE_ID, departmentId: DEPT, fields: ['name', 'phone'], status, version });

function reads(consents: unknown[]) {
  return { ...CASE_READS, 'GET /departments': { status: 200, body: DEPARTMENTS }, [`GET /clients/${CLIENT_ID}/consents`]: { status: 200, body: consents } };
}

async function fillDraft(user: ReturnType<typeof userEvent.setup>) {
  await screen.findByRole('option', { name: '住宅課' });
  expect(screen.queryByRole('option', { name: '廃止課' })).toBeNull();
  await user.selectOptions(screen.getByLabelText('連携先の課'), DEPT);
  await user.selectOptions(screen.getByLabelText('目的'), 'housing');
  await user.click(screen.getByRole('checkbox', { name: '電話番号' }));
  await user.click(screen.getByRole('checkbox', { name: '氏名' }));
  const due = screen.getByLabelText('回答期限');
  await user.clear(due);
  await user.type(due, '2026-01-15');
  await user.type(screen.getByLabelText('連携先へのメッセージ'), '架空の依頼文');
}

const DRAFT_BODY = { departmentId: DEPT, purpose: 'housing', message: '架空の依頼文', fields: ['name', 'phone'], dueOn: '2026-01-15' };

describe('ReferralDraftForm', () => {
  it('refuses 承認申請 without a consent and says why, sending nothing', async () => {
    const { api, requests } = fakeApi(routes(reads([consent(['name'], '2025-12-01T00:00:00Z')])));
    renderScreen(ReferralDraftForm, api, PATH);
    const user = userEvent.setup();
    await fillDraft(user);
    const submit = screen.getByRole('button', { name: '承認申請' });
    expect(submit.getAttribute('aria-disabled')).toBe('true');
    expect(document.getElementById(submit.getAttribute('aria-describedby')!)!.textContent).toContain('本人の同意の記録が必要です');
    await user.click(submit);
    expect((await screen.findByRole('alert')).textContent).toContain('本人の同意の記録が必要です');
    expect(requests.filter((r) => r.method !== 'GET')).toHaveLength(0);
    expect(clientReads(requests)).toEqual([`/api/v1/clients/${CLIENT_ID}/summary`]);
    await user.click(screen.getByRole('checkbox', { name: /同意を得た$/ }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('records the consent given now, creates the draft and submits it, once', async () => {
    const { api, requests } = fakeApi(
      routes({
        ...reads([]),
        [`POST /clients/${CLIENT_ID}/consents`]: { status: 201, body: consent(['name', 'phone']) },
        [`POST /cases/${CASE_ID}/referrals`]: { status: 201, body: referral('draft', 1) },
        'POST /referrals/ref-1/submit': { status: 200, body: referral('submitted', 2) },
      }),
    );
    renderScreen(ReferralDraftForm, api, PATH);
    const user = userEvent.setup();
    await fillDraft(user);
    await user.click(screen.getByRole('checkbox', { name: /同意を得た$/ }));
    await user.click(screen.getByRole('radio', { name: '書面' }));
    expect(screen.getByRole('button', { name: '承認申請' }).getAttribute('aria-disabled')).toBeNull();
    await user.dblClick(screen.getByRole('button', { name: '承認申請' }));
    await act(async () => {});

    const sent = requests.filter((r) => r.method !== 'GET').map((r) => [r.method, r.url.pathname, r.body]);
    expect(sent).toEqual([
      ['POST', `/api/v1/clients/${CLIENT_ID}/consents`, { obtainedOn: todayJst(), method: 'written', departmentIds: [DEPT], fields: ['name', 'phone'] }],
      ['POST', `/api/v1/cases/${CASE_ID}/referrals`, DRAFT_BODY],
      ['POST', '/api/v1/referrals/ref-1/submit', { version: 1 }],
    ]);
    expect(window.location.pathname).toBe(`/cases/${CASE_ID}`);
  });

  it('uses a recorded consent that covers the department and fields, without recording another', async () => {
    const { api, requests } = fakeApi(
      routes({
        ...reads([consent(['name', 'kana', 'phone'])]),
        [`POST /cases/${CASE_ID}/referrals`]: { status: 201, body: referral('draft', 1) },
        'POST /referrals/ref-1/submit': { status: 200, body: referral('submitted', 2) },
      }),
    );
    renderScreen(ReferralDraftForm, api, PATH);
    const user = userEvent.setup();
    await fillDraft(user);
    expect(await screen.findByText(/記録済みの同意があります（令和7年11月1日、書面）/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '承認申請' }));
    await act(async () => {});
    expect(requests.filter((r) => r.method !== 'GET').map((r) => r.url.pathname)).toEqual([`/api/v1/cases/${CASE_ID}/referrals`, '/api/v1/referrals/ref-1/submit']);
  });

  it('下書き保存 creates the draft only', async () => {
    const { api, requests } = fakeApi(routes({ ...reads([]), [`POST /cases/${CASE_ID}/referrals`]: { status: 201, body: referral('draft', 1) } }));
    renderScreen(ReferralDraftForm, api, PATH);
    const user = userEvent.setup();
    await fillDraft(user);
    await user.click(screen.getByRole('button', { name: '下書き保存' }));
    await act(async () => {});
    const sent = requests.filter((r) => r.method !== 'GET');
    expect(sent.map((r) => [r.url.pathname, r.body])).toEqual([[`/api/v1/cases/${CASE_ID}/referrals`, DRAFT_BODY]]);
    expect(window.location.pathname).toBe(`/cases/${CASE_ID}`);
  });

  it('asks for the summary when 連携先向けの要約 is a field, and maps the api error under it', async () => {
    const { api } = fakeApi(routes({ ...reads([]), [`POST /cases/${CASE_ID}/referrals`]: badRequest('summary', '連携先向けの要約を入力してください') }));
    renderScreen(ReferralDraftForm, api, PATH);
    const user = userEvent.setup();
    await fillDraft(user);
    await user.click(screen.getByRole('checkbox', { name: '連携先向けの要約' }));
    expect(screen.getByLabelText('連携先向けの要約', { selector: 'textarea' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '下書き保存' }));
    expect((await screen.findByRole('alert')).textContent).toContain('連携先向けの要約: 連携先向けの要約を入力してください');
    expect(document.getElementById('referral-summary-error')!.textContent).toBe('連携先向けの要約を入力してください');
  });

  it('keeps the draft when the submit is refused (409), and does not create it twice', async () => {
    const refused = { status: 409, body: { statusCode: 409, message: 'この連携先と項目について、撤回されていない本人の同意が記録されていません', fields: [{ field: 'consent', message: '同意の記録がありません' }] } };
    const { api, requests } = fakeApi(
      routes({
        ...reads([consent(['name', 'phone'])]),
        [`POST /cases/${CASE_ID}/referrals`]: { status: 201, body: referral('draft', 1) },
        'PATCH /referrals/ref-1': { status: 200, body: referral('draft', 2) },
        'POST /referrals/ref-1/submit': refused,
      }),
    );
    renderScreen(ReferralDraftForm, api, PATH);
    const user = userEvent.setup();
    await fillDraft(user);
    await user.click(screen.getByRole('button', { name: '承認申請' }));
    expect((await screen.findByRole('alert')).textContent).toContain('撤回されていない本人の同意が記録されていません');
    expect(document.getElementById('referral-consent-error')!.textContent).toBe('同意の記録がありません');
    expect(screen.getByText('下書きは保存されています。連携先は変更できません。')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '承認申請' }));
    await act(async () => {});
    const sent = requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.url.pathname}`);
    expect(sent).toEqual([`POST /api/v1/cases/${CASE_ID}/referrals`, 'POST /api/v1/referrals/ref-1/submit', 'PATCH /api/v1/referrals/ref-1', 'POST /api/v1/referrals/ref-1/submit']);
    expect(requests.find((r) => r.method === 'PATCH')!.body).toEqual({ version: 1, purpose: 'housing', message: '架空の依頼文', fields: ['name', 'phone'], dueOn: '2026-01-15' });
    expect(window.location.pathname).toBe(PATH);
  });
});
