import { act, cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { todayJst } from '../../format/dates';
import { fakeApi } from '../../test-support';
import { badRequest, CASE_ID, CASE_READS, CLIENT_ID, clientReads, renderScreen, routes } from '../cases/case-form-fixtures';
import { RiskAssessmentForm } from './RiskAssessmentForm';

afterEach(cleanup);
const PATH = `/cases/${CASE_ID}/risk-assessments/new`;
const POST = `POST /cases/${CASE_ID}/risk-assessments`;

describe('RiskAssessmentForm', () => {
  it('previews the level while ticking and sends the ticked items in list order', async () => {
    const { api, requests } = fakeApi(routes({ ...CASE_READS, [POST]: { status: 201, body: { id: 'r1', level: 'severe' } } }));
    renderScreen(RiskAssessmentForm, api, PATH);
    const user = userEvent.setup();
    const status = (await screen.findByText(/危険度の目安/)).closest('[role="status"]')!;
    expect(status).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: '危険度評価の入力' })).toBeTruthy();
    expect(screen.getByText('住所秘匿')).toBeTruthy();
    expect(clientReads(requests)).toEqual([`/api/v1/clients/${CLIENT_ID}/summary`]);
    expect(status.textContent).toContain('危険度の目安: 低');

    await user.click(screen.getByRole('checkbox', { name: '妊娠中' }));
    expect(status.textContent).toContain('危険度の目安: 中');
    await user.click(screen.getByRole('checkbox', { name: /首を絞められた/ }));
    expect(status.textContent).toContain('危険度の目安: 高');
    await user.click(screen.getByRole('checkbox', { name: /殺すと脅された/ }));
    expect(status.textContent).toContain('危険度の目安: 最高');
    await user.click(screen.getByRole('checkbox', { name: /殺すと脅された/ }));
    expect(status.textContent).toContain('危険度の目安: 高');
    await user.type(screen.getByLabelText('メモ（任意）'), '架空のメモ');
    await user.click(screen.getByRole('button', { name: '評価を保存する' }));

    const post = requests.find((r) => r.method === 'POST')!;
    expect(post.url.pathname).toBe(`/api/v1/cases/${CASE_ID}/risk-assessments`);
    expect(post.body).toEqual({ assessedOn: todayJst(), items: ['strangulation', 'pregnancy'], note: '架空のメモ' });
    await act(async () => {});
    expect(window.location.pathname).toBe(`/cases/${CASE_ID}`);
  });

  it('puts the api error for 評価日 under that field', async () => {
    const { api } = fakeApi(routes({ ...CASE_READS, [POST]: badRequest('assessedOn', '評価日が正しくありません') }));
    renderScreen(RiskAssessmentForm, api, PATH);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: '評価を保存する' }));
    expect((await screen.findByRole('alert')).textContent).toContain('評価日: 評価日が正しくありません');
    expect(document.getElementById('risk-assessed-on-error')!.textContent).toBe('評価日が正しくありません');
    expect(screen.getByLabelText('評価日').getAttribute('aria-invalid')).toBe('true');
  });

  it("shows the api's 403 message and stays", async () => {
    const { api, requests } = fakeApi(routes({ ...CASE_READS, [POST]: { status: 403, body: { statusCode: 403, message: 'このケースに記録する権限がありません' } } }));
    renderScreen(RiskAssessmentForm, api, PATH);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: '評価を保存する' }));
    expect((await screen.findByRole('alert')).textContent).toContain('このケースに記録する権限がありません');
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(window.location.pathname).toBe(PATH);
  });
});
