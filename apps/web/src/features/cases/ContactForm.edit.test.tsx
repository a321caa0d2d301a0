import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeApi, type Reply } from '../../test-support';
import { badRequest, CASE_ID, CASE_READS, renderScreen, routes } from './case-form-fixtures';
import { ContactForm } from './ContactForm';

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

// A made-up consultation record, as GET /cases/:id/contacts lists it.
const CONTACT_ID = '33333333-3333-4333-8333-333333333333';
const SAVED = {
  id: CONTACT_ID,
  caseId: CASE_ID,
  programCode: 'josei-soudan',
  startedAt: '2025-11-25T04:05:00.000Z',
  durationMinutes: 30,
  channel: 'visit',
  counselorId: 'me',
  mainConcern: 'husband-violence',
  otherConcerns: ['stalking'],
  dvRelated: true,
  summary: '架空の相談内容（修正前）',
  nextAction: null,
  followUpOn: '2025-12-01',
  version: 3,
};
const CONCERNS = [
  { code: 'husband-violence', name: '夫等からの暴力', groupName: '暴力', confirmed: true, active: true },
  { code: 'stalking', name: 'ストーカー被害', groupName: '暴力', confirmed: true, active: true },
  { code: 'divorce', name: '離婚問題', groupName: '家庭', confirmed: true, active: true },
];
const PROGRAMS = [{ code: 'josei-soudan', name: '女性相談', channels: ['phone', 'visit'], active: true }];
const PATH = `/cases/${CASE_ID}/contacts/${CONTACT_ID}/edit`;
const PARAMS = { id: CASE_ID, contactId: CONTACT_ID };
const PATCH = `PATCH /contacts/${CONTACT_ID}`;

function reads(list: () => unknown[] = () => [SAVED]) {
  return {
    ...CASE_READS,
    'GET /concerns': { status: 200, body: CONCERNS },
    'GET /programs': { status: 200, body: PROGRAMS },
    [`GET /cases/${CASE_ID}/contacts`]: () => ({ status: 200, body: list() }),
  };
}

const patches = (requests: Array<{ method: string; body: unknown }>) => requests.filter((r) => r.method === 'PATCH').map((r) => r.body);

describe('ContactForm (相談記録の修正)', () => {
  it('opens prefilled with the saved record, and sends only the changed fields with the version read', async () => {
    const { api, requests } = fakeApi(routes({ ...reads(), [PATCH]: { status: 200, body: { ...SAVED, summary: '架空の相談内容（修正後）', durationMinutes: 45, version: 4 } } }));
    renderScreen(ContactForm, api, PATH, PARAMS);
    const user = userEvent.setup();

    expect(screen.getByRole('heading', { level: 1, name: '相談記録の修正' })).toBeTruthy();
    const visit = await screen.findByRole('radio', { name: '来所' });
    expect((visit as HTMLInputElement).checked).toBe(true);
    expect(document.activeElement).toBe(visit);
    expect((screen.getByLabelText('開始日時（日本時間）') as HTMLInputElement).value).toBe('2025-11-25T13:05');
    expect((screen.getByLabelText('相談時間（分）') as HTMLInputElement).value).toBe('30');
    expect((screen.getByLabelText('主訴') as HTMLSelectElement).value).toBe('husband-violence');
    expect(((await screen.findByRole('checkbox', { name: 'ストーカー被害' })) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('checkbox', { name: '離婚問題' }) as HTMLInputElement).checked).toBe(false);
    expect((screen.getByRole('checkbox', { name: 'DVに関する相談' }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText('相談内容の要約') as HTMLTextAreaElement).value).toBe('架空の相談内容（修正前）');
    expect((screen.getByLabelText('次回予定日（任意）') as HTMLInputElement).value).toBe('2025-12-01');
    // No stopwatch for a record of the past.
    expect(screen.queryByRole('button', { name: '経過時間を入れる' })).toBeNull();

    const summary = screen.getByLabelText('相談内容の要約');
    await user.clear(summary);
    await user.type(summary, '架空の相談内容（修正後）');
    const duration = screen.getByLabelText('相談時間（分）');
    await user.clear(duration);
    await user.type(duration, '45');
    await user.click(screen.getByRole('button', { name: '修正を保存する' }));

    await waitFor(() => expect(window.location.pathname).toBe(`/cases/${CASE_ID}`));
    const patch = requests.find((r) => r.method === 'PATCH')!;
    expect(patch.url.pathname).toBe(`/api/v1/contacts/${CONTACT_ID}`);
    expect(patch.body).toEqual({ durationMinutes: 45, summary: '架空の相談内容（修正後）', version: 3 });
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(0);
    expect(window.history.state).toEqual({ notice: '相談記録を修正しました。' });
  });

  it('sends a changed start (as UTC), channel and concerns, and refuses to send when nothing changed', async () => {
    const { api, requests } = fakeApi(routes({ ...reads(), [PATCH]: { status: 200, body: { ...SAVED, version: 4 } } }));
    renderScreen(ContactForm, api, PATH, PARAMS);
    const user = userEvent.setup();
    await screen.findByRole('checkbox', { name: '離婚問題' });

    await user.click(screen.getByRole('button', { name: '修正を保存する' }));
    expect((await screen.findByRole('alert')).textContent).toContain('変更された項目がありません');
    expect(patches(requests)).toEqual([]);

    await user.click(screen.getByRole('radio', { name: '電話' }));
    const started = screen.getByLabelText('開始日時（日本時間）');
    await user.clear(started);
    await user.type(started, '2025-11-24T09:00');
    await user.click(screen.getByRole('checkbox', { name: '離婚問題' }));
    await user.click(screen.getByRole('button', { name: '修正を保存する' }));
    await waitFor(() => expect(patches(requests)).toHaveLength(1));
    expect(patches(requests)[0]).toEqual({ channel: 'phone', startedAt: '2025-11-24T00:00:00.000Z', otherConcerns: ['stalking', 'divorce'], version: 3 });
  });

  it('on 409 shows the api’s message and 最新の内容を読み込む, which starts over from the record as saved now', async () => {
    let current: typeof SAVED = SAVED;
    const stale: Reply = { status: 409, body: { statusCode: 409, error: 'Conflict', message: '他の職員が先に更新しました。最新の内容を読み込んでからやり直してください' } };
    const { api, requests } = fakeApi(
      routes({
        ...reads(() => [current]),
        [PATCH]: (body) => ((body as { version: number }).version === current.version ? { status: 200, body: { ...current, version: current.version + 1 } } : stale),
      }),
    );
    renderScreen(ContactForm, api, PATH, PARAMS);
    const user = userEvent.setup();
    const summary = await screen.findByLabelText('相談内容の要約');
    // Someone else saves a correction meanwhile.
    current = { ...SAVED, summary: '架空：同僚が修正した内容', durationMinutes: 40, version: 4 };
    await user.clear(summary);
    await user.type(summary, '架空：私の修正');
    await user.click(screen.getByRole('button', { name: '修正を保存する' }));

    expect((await screen.findByRole('alert')).textContent).toContain('他の職員が先に更新しました');
    expect(window.location.pathname).toBe(PATH);
    await user.click(screen.getByRole('button', { name: '最新の内容を読み込む' }));

    await waitFor(() => expect((screen.getByLabelText('相談内容の要約') as HTMLTextAreaElement).value).toBe('架空：同僚が修正した内容'));
    expect((screen.getByLabelText('相談時間（分）') as HTMLInputElement).value).toBe('40');
    expect(screen.getByRole('status').textContent).toContain('最新の内容を読み込みました');
    expect(screen.queryByRole('button', { name: '最新の内容を読み込む' })).toBeNull();
    expect(requests.filter((r) => r.method === 'GET' && r.url.pathname.endsWith('/contacts'))).toHaveLength(2);

    const again = screen.getByLabelText('相談内容の要約');
    await user.clear(again);
    await user.type(again, '架空：私の修正（再）');
    await user.click(screen.getByRole('button', { name: '修正を保存する' }));
    await waitFor(() => expect(window.location.pathname).toBe(`/cases/${CASE_ID}`));
    expect(patches(requests)).toEqual([
      { summary: '架空：私の修正', version: 3 },
      { summary: '架空：私の修正（再）', version: 4 },
    ]);
  });

  it('marks the field a 400 names, and stays on the form', async () => {
    const { api } = fakeApi(routes({ ...reads(), [PATCH]: badRequest('mainConcern', '主訴の区分が正しくありません') }));
    renderScreen(ContactForm, api, PATH, PARAMS);
    const user = userEvent.setup();
    await screen.findByRole('checkbox', { name: '離婚問題' });
    await user.selectOptions(screen.getByLabelText('主訴'), 'divorce');
    await user.click(screen.getByRole('button', { name: '修正を保存する' }));

    expect((await screen.findByRole('alert')).textContent).toContain('主訴: 主訴の区分が正しくありません');
    const select = screen.getByLabelText('主訴');
    expect(select.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(select.getAttribute('aria-describedby')!)!.textContent).toBe('主訴の区分が正しくありません');
    expect(screen.getByLabelText('相談内容の要約').getAttribute('aria-invalid')).toBeNull();
    expect(screen.queryByRole('button', { name: '最新の内容を読み込む' })).toBeNull();
    expect(window.location.pathname).toBe(PATH);
  });

  it('removes the 次回予定日 when it is emptied: sends null', async () => {
    const { api, requests } = fakeApi(routes(reads()));
    renderScreen(ContactForm, api, PATH, PARAMS);
    const user = userEvent.setup();
    const followUp = await screen.findByLabelText('次回予定日（任意）');
    expect(screen.getByText('空欄にして保存すると、登録済みの予定日を取り消します。')).toBeTruthy();
    await user.clear(followUp);
    await user.click(screen.getByRole('button', { name: '修正を保存する' }));
    await waitFor(() => expect(patches(requests)).toHaveLength(1));
    expect(patches(requests)[0]).toEqual({ followUpOn: null, version: SAVED.version });
  });

  it('shows the api’s 404 when the case cannot be read, and 相談記録が見つかりません for a contact not on the case; no form', async () => {
    const { api } = fakeApi(routes({ [`GET /cases/${CASE_ID}`]: { status: 404, body: { statusCode: 404, message: '相談ケースが見つかりません' } } }));
    renderScreen(ContactForm, api, PATH, PARAMS);
    expect((await screen.findByRole('alert')).textContent).toContain('相談ケースが見つかりません');
    expect(screen.queryByRole('button', { name: '修正を保存する' })).toBeNull();

    cleanup();
    const other = fakeApi(routes(reads(() => [{ ...SAVED, id: 'another-contact' }])));
    renderScreen(ContactForm, other.api, PATH, PARAMS);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('相談記録が見つかりません');
    expect(screen.queryByRole('button', { name: '修正を保存する' })).toBeNull();
    expect(within(screen.getByRole('heading', { level: 1 })).getByText('相談記録の修正')).toBeTruthy();
    await act(async () => {});
  });
});
