import { act, cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeApi } from '../../test-support';
import { badRequest, CASE_ID, CASE_READS, CLIENT_ID, clientReads, renderScreen, routes } from '../cases/case-form-fixtures';
import { PlacementRequestForm } from './PlacementRequestForm';

afterEach(cleanup);
const PATH = `/cases/${CASE_ID}/placements/new`;
const POST = `POST /cases/${CASE_ID}/placements`;
const facility = (id: string, kind: string, name: string, status = 'operating') => ({ id, kind, name, status, kindLabel: '', statusLabel: '', capacity: 5, capacityUnit: 'persons', inCity: true, operator: null, suspendedSince: null, version: 1 });
const FACILITIES = [
  facility('f-shelter', 'private-shelter', '架空シェルターA'),
  facility('f-maternity', 'maternity', '架空助産院'),
  facility('f-closed', 'private-shelter', '架空休止施設', 'suspended'),
];
const READS = { ...CASE_READS, 'GET /facilities': { status: 200, body: FACILITIES } };

describe('PlacementRequestForm', () => {
  it('lists operating facilities by kind and name, asks the delivery date for 助産施設, and sends the request', async () => {
    const { api, requests } = fakeApi(routes({ ...READS, [POST]: { status: 201, body: { id: 'p1' } } }));
    renderScreen(PlacementRequestForm, api, PATH);
    const user = userEvent.setup();
    const select = await screen.findByLabelText('施設');
    await screen.findByRole('option', { name: '助産施設：架空助産院' });
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['選んでください', '民間シェルター：架空シェルターA', '助産施設：架空助産院']);

    await user.selectOptions(select, 'f-shelter');
    expect(screen.getAllByRole('radio').map((r) => r.parentElement!.textContent)).toEqual(['シェルター入所', '一時保護委託']);
    expect(screen.queryByLabelText(/出産予定日/)).toBeNull();

    await user.selectOptions(select, 'f-maternity');
    expect((screen.getByRole('radio', { name: '助産施設 入所' }) as HTMLInputElement).checked).toBe(true);
    const start = screen.getByLabelText('入所予定日');
    await user.clear(start);
    await user.type(start, '2026-01-10');
    await user.type(screen.getByLabelText('出産予定日（助産施設では必須）'), '2026-02-20');
    await user.clear(screen.getByLabelText('同伴児（人）'));
    await user.type(screen.getByLabelText('同伴児（人）'), '1');
    await user.selectOptions(screen.getByLabelText('1人目'), '3-5');
    await user.type(screen.getByLabelText('申請の理由'), '架空の理由');
    await user.click(screen.getByRole('button', { name: '入所を申請する' }));

    const post = requests.find((r) => r.method === 'POST')!;
    expect(post.url.pathname).toBe(`/api/v1/cases/${CASE_ID}/placements`);
    expect(clientReads(requests)).toEqual([`/api/v1/clients/${CLIENT_ID}/summary`]);
    expect(post.body).toEqual({
      facilityId: 'f-maternity',
      kind: 'maternity-admission',
      plannedStart: '2026-01-10',
      adults: 1,
      children: 1,
      childAgeBands: ['3-5'],
      expectedDeliveryOn: '2026-02-20',
      reason: '架空の理由',
    });
    await act(async () => {});
    expect(window.location.pathname).toBe(`/cases/${CASE_ID}`);
  });

  it('shows a capacity conflict clearly', async () => {
    const conflict = { status: 409, body: { statusCode: 409, message: '定員を超えます（定員5、使用中・予約済み5、今回1）', fields: [{ field: 'capacity', message: '定員を超えます' }] } };
    const { api } = fakeApi(routes({ ...READS, [POST]: conflict }));
    renderScreen(PlacementRequestForm, api, PATH);
    const user = userEvent.setup();
    await screen.findByRole('option', { name: '民間シェルター：架空シェルターA' });
    await user.selectOptions(screen.getByLabelText('施設'), 'f-shelter');
    await user.type(screen.getByLabelText('申請の理由'), '架空の理由');
    await user.click(screen.getByRole('button', { name: '入所を申請する' }));
    expect((await screen.findByRole('alert')).textContent).toContain('定員を超えます（定員5、使用中・予約済み5、今回1）');
    expect(window.location.pathname).toBe(PATH);
  });

  it('puts field errors under their fields', async () => {
    const { api } = fakeApi(routes({ ...READS, [POST]: badRequest('adults', '入所する人数を入力してください') }));
    renderScreen(PlacementRequestForm, api, PATH);
    const user = userEvent.setup();
    await screen.findByRole('option', { name: '民間シェルター：架空シェルターA' });
    await user.selectOptions(screen.getByLabelText('施設'), 'f-shelter');
    await user.clear(screen.getByLabelText('大人（人）'));
    await user.type(screen.getByLabelText('大人（人）'), '0');
    await user.click(screen.getByRole('button', { name: '入所を申請する' }));
    expect((await screen.findByRole('alert')).textContent).toContain('大人: 入所する人数を入力してください');
    expect(document.getElementById('placement-adults-error')!.textContent).toBe('入所する人数を入力してください');
  });
});
