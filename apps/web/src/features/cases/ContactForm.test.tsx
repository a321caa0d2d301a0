import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeApi } from '../../test-support';
import { badRequest, CASE_ID, CASE_READS, CLIENT_ID, clientReads, renderScreen, routes } from './case-form-fixtures';
import { ContactForm } from './ContactForm';

afterEach(cleanup);

const CONCERNS = [
  { code: 'husband-violence', name: '夫等からの暴力', groupName: '暴力', confirmed: true, active: true },
  { code: 'stalking', name: 'ストーカー被害', groupName: '暴力', confirmed: true, active: true },
  { code: 'divorce', name: '離婚問題', groupName: '家庭', confirmed: true, active: true },
  { code: 'old-code', name: '廃止された項目', groupName: '家庭', confirmed: true, active: false },
];
const PROGRAMS = [{ code: 'josei-soudan', name: '女性相談', channels: ['phone', 'visit'], active: true }];
const READS = { ...CASE_READS, 'GET /concerns': { status: 200, body: CONCERNS }, 'GET /programs': { status: 200, body: PROGRAMS } };
const PATH = `/cases/${CASE_ID}/contacts/new`;

describe('ContactForm', () => {
  it('shows the case and client, starts on 電話, and sends the record with the JST start as UTC', async () => {
    const { api, requests } = fakeApi(routes({ ...READS, [`POST /cases/${CASE_ID}/contacts`]: { status: 201, body: { id: 'contact-1' } } }));
    renderScreen(ContactForm, api, PATH);
    const user = userEvent.setup();

    expect(screen.getByRole('heading', { level: 1, name: '相談記録の入力' })).toBeTruthy();
    const phone = await screen.findByRole('radio', { name: '電話' });
    expect(screen.getByText('ケース番号 R7-0042')).toBeTruthy();
    expect(screen.getByText(/架空 花子/)).toBeTruthy();
    expect(screen.getByText('住所秘匿')).toBeTruthy();
    expect(document.body.textContent).not.toContain('秘密町');
    expect(clientReads(requests)).toEqual([`/api/v1/clients/${CLIENT_ID}/summary`]);
    expect((phone as HTMLInputElement).checked).toBe(true);
    expect(document.activeElement).toBe(phone);
    // Only the program's channels; inactive concerns are not offered.
    const others = await screen.findByRole('group', { name: 'その他の相談内容（複数選択可）' });
    const violence = await within(others).findByRole('group', { name: '暴力' });
    await waitFor(() => expect(screen.getAllByRole('radio').map((r) => r.getAttribute('value'))).toEqual(['phone', 'visit']));
    expect(screen.queryByText('廃止された項目')).toBeNull();
    expect((screen.getByLabelText('主訴') as HTMLSelectElement).value).toBe('husband-violence');

    fireEvent.change(screen.getByLabelText('開始日時（日本時間）'), { target: { value: '2026-04-01T00:30' } });
    await user.type(screen.getByLabelText('相談時間（分）'), '25');
    await user.click(within(violence).getByRole('checkbox', { name: 'ストーカー被害' }));
    await user.click(screen.getByRole('checkbox', { name: 'DVに関する相談' }));
    await user.type(screen.getByLabelText('相談内容の要約'), '架空の相談内容');
    await user.click(screen.getByRole('button', { name: '記録する' }));

    const post = requests.find((r) => r.method === 'POST')!;
    expect(post.url.pathname).toBe(`/api/v1/cases/${CASE_ID}/contacts`);
    expect(post.body).toEqual({
      channel: 'phone',
      startedAt: '2026-03-31T15:30:00.000Z',
      durationMinutes: 25,
      mainConcern: 'husband-violence',
      otherConcerns: ['stalking'],
      dvRelated: true,
      summary: '架空の相談内容',
    });
    await act(async () => {});
    expect(window.location.pathname).toBe(`/cases/${CASE_ID}`);
  });

  it("shows the api's field error under 開始日時 and in the summary, and stays on the form", async () => {
    const { api } = fakeApi(routes({ ...READS, [`POST /cases/${CASE_ID}/contacts`]: badRequest('startedAt', '相談日時に未来の日付は指定できません') }));
    renderScreen(ContactForm, api, PATH);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('相談時間（分）'), '5');
    await user.click(screen.getByRole('button', { name: '記録する' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('開始日時: 相談日時に未来の日付は指定できません');
    const started = screen.getByLabelText('開始日時（日本時間）');
    expect(started.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(started.getAttribute('aria-describedby')!)!.textContent).toBe('相談日時に未来の日付は指定できません');
    expect(window.location.pathname).toBe(PATH);
  });

  it('sends once on a double click, and once on two quick submits', async () => {
    const { api, requests } = fakeApi(routes({ ...READS, [`POST /cases/${CASE_ID}/contacts`]: { status: 201, body: { id: 'contact-1' } } }));
    renderScreen(ContactForm, api, PATH);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('相談時間（分）'), '5');
    await user.dblClick(screen.getByRole('button', { name: '記録する' }));
    await act(async () => {});
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(1);

    cleanup();
    const second = fakeApi(routes({ ...READS, [`POST /cases/${CASE_ID}/contacts`]: { status: 201, body: { id: 'contact-2' } } }));
    renderScreen(ContactForm, second.api, PATH);
    await user.type(await screen.findByLabelText('相談時間（分）'), '5');
    const form = screen.getByRole('button', { name: '記録する' }).closest('form')!;
    fireEvent.submit(form);
    fireEvent.submit(form);
    await act(async () => {});
    expect(second.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    // Saved: the form stays locked while the screen leaves for the case.
    fireEvent.submit(form);
    await act(async () => {});
    expect(second.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect((screen.getByRole('button', { name: '記録しています…' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('does not send from Enter on a checkbox, and refuses a time that is not a time without sending', async () => {
    const { api, requests } = fakeApi(routes(READS));
    renderScreen(ContactForm, api, PATH);
    const user = userEvent.setup();
    const dv = await screen.findByRole('checkbox', { name: 'DVに関する相談' });
    dv.focus();
    await user.keyboard('{Enter}');
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(0);
    fireEvent.change(screen.getByLabelText('開始日時（日本時間）'), { target: { value: '' } });
    await user.type(screen.getByLabelText('相談時間（分）'), '5{Enter}');
    expect((await screen.findByRole('alert')).textContent).toContain('開始日時');
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  it('shows why when the case cannot be read, and no form', async () => {
    const { api } = fakeApi(routes({ [`GET /cases/${CASE_ID}`]: { status: 403, body: { statusCode: 403, message: 'このケースを見る権限がありません' } } }));
    renderScreen(ContactForm, api, PATH);
    expect((await screen.findByRole('alert')).textContent).toContain('このケースを見る権限がありません');
    expect(screen.queryByRole('button', { name: '記録する' })).toBeNull();
    expect(screen.getByRole('link', { name: /戻る/ }).getAttribute('href')).toBe(`/cases/${CASE_ID}`);
  });
});
