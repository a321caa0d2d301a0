import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Schemas } from '../../api/client';
import { RouterProvider } from '../../router/router';
import { fakeApi, type Reply } from '../../test-support';
import type { ScreenProps } from '../../ui/screen';
import { conversation, referenceReply } from './fixtures';
import { LineConversation, MESSAGES_POLL_MS } from './LineConversation';

type Message = Schemas['MessageDto'];
const me = { id: 'me', role: 'counselor', permissions: ['line.reply'] } as unknown as ScreenProps['me'];

const incoming = (id: string, text: string | null, at: string, kind = 'text'): Message => ({ id, direction: 'in', kind, text, occurredAt: at, delivery: null, deliveryLabel: null });
const outgoing = (id: string, text: string, at: string, delivery: 'queued' | 'sent' | 'failed', deliveryLabel: string, kind = 'text'): Message => ({ id, direction: 'out', kind, text, occurredAt: at, delivery, deliveryLabel });

/** A small stand-in for the LINE api of one conversation. */
function lineServer(options: { messages?: Message[]; conversation?: Partial<Schemas['ConversationDto']>; reply?: (body: unknown) => Reply } = {}) {
  const state = {
    conversation: conversation({ id: 'conv-1', waitingSince: '2025-11-04T10:59:00.000Z', waitingMinutes: 1, ...options.conversation }),
    messages: options.messages ?? [
      incoming('m1', '架空の相談：夫から逃げたい', '2025-11-04T10:58:00.000Z'),
      outgoing('m2', '架空の自動応答', '2025-11-04T10:58:05.000Z', 'sent', '送信済', 'auto-reply'),
      incoming('m3', null, '2025-11-04T10:59:00.000Z', 'sticker'),
    ],
  };
  const fake = fakeApi((method, url, body) => {
    const ref = referenceReply(method, url);
    if (ref) return ref;
    const path = url.pathname;
    if (method === 'GET' && path === '/api/v1/line/conversations') {
      const status = url.searchParams.get('status') ?? 'open';
      return { status: 200, body: state.conversation.status === status ? [conversation({ id: 'other' }), state.conversation] : [] };
    }
    if (method === 'GET' && path === '/api/v1/line/conversations/conv-1/messages') return { status: 200, body: state.messages };
    if (method === 'POST' && path === '/api/v1/line/conversations/conv-1/messages') {
      if (options.reply) return options.reply(body);
      const sent = outgoing('m-new', (body as { text: string }).text, '2025-11-04T11:00:00.000Z', 'queued', '送信中');
      state.conversation = { ...state.conversation, version: state.conversation.version + 1, waitingSince: null };
      return { status: 201, body: sent };
    }
    if (method === 'POST' && path === '/api/v1/line/conversations/conv-1/typing') return { status: 204 };
    if (method === 'GET' && path === '/api/v1/concerns') {
      return {
        status: 200,
        body: [
          { code: 'husband-violence', name: '夫等からの暴力', groupName: 'DV', confirmed: true, active: true },
          { code: 'retired', name: '廃止された主訴', groupName: 'その他', confirmed: true, active: false },
        ],
      };
    }
    if (method === 'POST' && path === '/api/v1/line/conversations/conv-1/close') {
      state.conversation = { ...state.conversation, status: 'closed', version: state.conversation.version + 1 };
      return { status: 200, body: { id: 'conv-1', status: 'closed', caseId: null, contactId: 'contact-1', version: state.conversation.version } };
    }
    if (method === 'POST' && path === '/api/v1/line/conversations/conv-1/provisions') {
      const b = body as { date: string; quantity: number };
      return { status: 201, body: { id: 'p1', kind: 'sanitary-products', kindLabel: '生理用品', quantity: b.quantity, date: b.date, programCode: 'ashitaba-line', caseId: null, lineConversationId: 'conv-1' } };
    }
    if (method === 'GET' && path === '/api/v1/clients') {
      return { status: 200, body: [{ id: 'client-1', name: '架空 花子', kana: 'カクウハナコ', gender: 'female', ageBand: '30s', addressProtected: true }] };
    }
    if (method === 'GET' && path === '/api/v1/cases') {
      return {
        status: 200,
        body: {
          items: [{ id: 'case-1', caseNumber: 'R7-0001', clientId: 'client-1', status: 'open', openedOn: '2025-10-01', programCode: 'dv-center', mainConcerns: [], restricted: false, unitId: 'u', assignedCounselorId: null, closedOn: null, closeReason: null, version: 1 }],
          nextCursor: null,
        },
      };
    }
    if (method === 'POST' && path === '/api/v1/line/conversations/conv-1/link') {
      state.conversation = { ...state.conversation, caseId: 'case-1', version: state.conversation.version + 1 };
      return { status: 200, body: { id: 'conv-1', status: 'open', caseId: 'case-1', contactId: null, version: state.conversation.version } };
    }
    return { status: 404, body: { statusCode: 404, message: 'LINE相談が見つかりません' } };
  });
  return { ...fake, state };
}

function renderChat(server: ReturnType<typeof lineServer>, id = 'conv-1') {
  return render(
    <RouterProvider>
      <LineConversation api={server.api} me={me} params={{ id }} />
    </RouterProvider>,
  );
}

const posts = (requests: { method: string; url: URL; body: unknown }[], suffix: string) => requests.filter((r) => r.method === 'POST' && r.url.pathname.endsWith(suffix));
const messageReads = (requests: { method: string; url: URL }[]) => requests.filter((r) => r.method === 'GET' && r.url.pathname.endsWith('/messages'));

beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true });
  vi.setSystemTime(new Date('2025-11-04T20:00:00+09:00'));
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('LineConversation', () => {
  it('shows the messages in order, incoming left and outgoing right, with JST times and the delivery state', async () => {
    const server = lineServer();
    renderChat(server);
    const list = await screen.findByRole('list', { name: 'メッセージ' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((li) => li.getAttribute('data-direction'))).toEqual(['in', 'out', 'in']);
    expect(items[0].className).toContain('in');
    expect(items[1].className).toContain('out');
    expect(items[0].textContent).toContain('架空の相談：夫から逃げたい');
    expect(items[0].textContent).toContain('令和7年11月4日 19:58');
    expect(items[1].textContent).toContain('送信済');
    expect(items[1].textContent).toContain('自動応答');
    expect(items[2].textContent).toContain('（スタンプ）');
    expect((await screen.findByRole('region', { name: '受付時間' })).textContent).toContain('受付時間内（22:00まで）');
    expect(screen.getByText('アカウント: あしたば LINE相談')).toBeTruthy();
    expect(screen.getByText(/未連携/)).toBeTruthy();
  });

  it('sends a reply once with Ctrl+Enter, shows it as 送信中 and clears the box', async () => {
    const server = lineServer();
    renderChat(server);
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    const box = await screen.findByLabelText('返信');
    await user.type(box, '架空の返信です');
    await user.keyboard('{Control>}{Enter}{Enter}{/Control}');
    const sent = await screen.findByText('架空の返信です');
    expect(posts(server.requests, '/messages')).toHaveLength(1);
    expect(posts(server.requests, '/messages')[0].body).toEqual({ text: '架空の返信です' });
    const item = sent.closest('li')!;
    expect(item.getAttribute('data-direction')).toBe('out');
    expect(item.textContent).toContain('送信中');
    expect((box as HTMLTextAreaElement).value).toBe('');
    expect(document.activeElement).toBe(box);
    expect((screen.getByRole('button', { name: '送信' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('keeps a sent reply shown when a read that started before it answers without it', async () => {
    const server = lineServer();
    renderChat(server);
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    await user.type(await screen.findByLabelText('返信'), '架空の返信です');
    await user.click(screen.getByRole('button', { name: '送信' }));
    await screen.findByText('架空の返信です');
    // The api does not list it yet (as a read started before the send would answer).
    await act(() => vi.advanceTimersByTimeAsync(MESSAGES_POLL_MS));
    expect(messageReads(server.requests)).toHaveLength(2);
    expect(screen.getByText('架空の返信です')).toBeTruthy();
    // Once listed, it appears once.
    server.state.messages = [...server.state.messages, outgoing('m-new', '架空の返信です', '2025-11-04T11:00:00.000Z', 'sent', '送信済')];
    await act(() => vi.advanceTimersByTimeAsync(MESSAGES_POLL_MS));
    await waitFor(() => expect(screen.getByText('架空の返信です').closest('li')!.textContent).toContain('送信済'));
    expect(screen.getAllByText('架空の返信です')).toHaveLength(1);
  });

  it('prevents a double send while the reply is on its way', async () => {
    const server = lineServer({ reply: () => ({ status: 201, body: outgoing('m-new', 'x', '2025-11-04T11:00:00.000Z', 'queued', '送信中') }) });
    renderChat(server);
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    const box = await screen.findByLabelText('返信');
    await user.type(box, '架空');
    const button = screen.getByRole('button', { name: '送信' });
    // Two quick clicks in the same tick: the second is ignored.
    fireEvent.click(button);
    fireEvent.click(button);
    fireEvent.keyDown(box, { key: 'Enter', ctrlKey: true });
    await screen.findByText('x');
    expect(posts(server.requests, '/messages')).toHaveLength(1);
  });

  it('keeps the text and names the field when the api refuses a reply outside the hours', async () => {
    const server = lineServer({
      reply: () => ({ status: 409, body: { statusCode: 409, message: '受付時間外のため送信できません。係長に依頼してください', fields: [{ field: 'text', message: '受付時間外です' }] } }),
    });
    renderChat(server);
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    const box = await screen.findByLabelText('返信');
    await user.type(box, '架空の返信');
    await user.click(screen.getByRole('button', { name: '送信' }));
    expect((await screen.findByRole('alert')).textContent).toContain('受付時間外のため送信できません');
    expect(screen.getByText('返信: 受付時間外です')).toBeTruthy();
    expect(box.getAttribute('aria-invalid')).toBe('true');
    expect((box as HTMLTextAreaElement).value).toBe('架空の返信');
  });

  it('calls typing once per 20 s while the counselor writes', async () => {
    const server = lineServer();
    renderChat(server);
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    const box = await screen.findByLabelText('返信');
    await user.type(box, 'abc');
    expect(posts(server.requests, '/typing')).toHaveLength(1);
    await act(() => vi.advanceTimersByTimeAsync(20_000));
    await user.type(box, 'd');
    expect(posts(server.requests, '/typing')).toHaveLength(2);
  });

  it(`polls for new messages every ${MESSAGES_POLL_MS / 1000} s and stops when the screen is left`, async () => {
    const server = lineServer();
    const view = renderChat(server);
    await screen.findByText('架空の相談：夫から逃げたい');
    expect(messageReads(server.requests)).toHaveLength(1);
    server.state.messages = [...server.state.messages, incoming('m4', '架空の続き', '2025-11-04T11:01:00.000Z')];
    await act(() => vi.advanceTimersByTimeAsync(MESSAGES_POLL_MS));
    expect(await screen.findByText('架空の続き')).toBeTruthy();
    expect(messageReads(server.requests)).toHaveLength(2);
    view.unmount();
    await vi.advanceTimersByTimeAsync(MESSAGES_POLL_MS * 4);
    expect(messageReads(server.requests)).toHaveLength(2);
  });

  it('keeps the scroll at the bottom for new messages unless the user scrolled up', async () => {
    const server = lineServer();
    renderChat(server);
    const list = await screen.findByRole('list', { name: 'メッセージ' });
    Object.defineProperty(list, 'scrollHeight', { configurable: true, get: () => 1000 });
    Object.defineProperty(list, 'clientHeight', { configurable: true, get: () => 200 });
    server.state.messages = [...server.state.messages, incoming('m4', '架空の続き', '2025-11-04T11:01:00.000Z')];
    await act(() => vi.advanceTimersByTimeAsync(MESSAGES_POLL_MS));
    await screen.findByText('架空の続き');
    expect(list.scrollTop).toBe(1000);

    list.scrollTop = 100;
    fireEvent.scroll(list);
    server.state.messages = [...server.state.messages, incoming('m5', '架空のさらに続き', '2025-11-04T11:02:00.000Z')];
    await act(() => vi.advanceTimersByTimeAsync(MESSAGES_POLL_MS));
    await screen.findByText('架空のさらに続き');
    expect(list.scrollTop).toBe(100);
  });

  it('closes the conversation only after confirmation, with the current version', async () => {
    const server = lineServer();
    renderChat(server);
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    await user.type(await screen.findByLabelText('返信'), '架空の返信'); // the reply moves the version on
    await user.click(screen.getByRole('button', { name: '送信' }));
    await screen.findByText('架空の返信');

    await user.click(screen.getByRole('button', { name: '相談を終了する' }));
    expect((await screen.findByRole('alert')).textContent).toContain('主訴を選んでください');
    expect(posts(server.requests, '/close')).toHaveLength(0);

    const concern = screen.getByLabelText('主訴');
    expect(within(concern).queryByText(/廃止された主訴/)).toBeNull();
    await user.selectOptions(concern, 'husband-violence');
    await user.click(screen.getByLabelText('DV関連の相談'));
    await user.click(screen.getByRole('button', { name: '相談を終了する' }));
    const dialog = screen.getByRole('alertdialog');
    expect(dialog.textContent).toContain('終了後は返信できません');
    await user.click(within(dialog).getByRole('button', { name: '戻る' }));
    expect(posts(server.requests, '/close')).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: '相談を終了する' }));
    await user.click(screen.getByRole('button', { name: '終了する' }));
    expect(await screen.findByText('相談を終了しました。')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('status'));
    expect(posts(server.requests, '/close')[0].body).toEqual({ version: 4, mainConcern: 'husband-violence', dvRelated: true });
    expect(await screen.findByText('状況: 終了')).toBeTruthy();
    expect(screen.queryByLabelText('返信')).toBeNull();
  });

  it('records a 生理用品 provision', async () => {
    const server = lineServer();
    renderChat(server);
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    const quantity = await screen.findByLabelText('数量（セット）');
    await user.clear(quantity);
    await user.type(quantity, '3');
    await user.click(screen.getByRole('button', { name: '記録する' }));
    expect(await screen.findByText('生理用品の提供（3セット、令和7年11月4日）を記録しました。')).toBeTruthy();
    expect(posts(server.requests, '/provisions')[0].body).toEqual({ kind: 'sanitary-products', date: '2025-11-04', quantity: 3 });
  });

  it('links the conversation to an open case of the client found by phone', async () => {
    const server = lineServer();
    renderChat(server);
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    await user.type(await screen.findByLabelText('検索する電話番号'), '090-0000-1234');
    await user.click(screen.getByRole('button', { name: '相談者を検索' }));
    const client = await screen.findByRole('radio', { name: /架空 花子/ });
    expect(client.closest('li')!.textContent).toContain('住所秘匿');
    await user.click(client);
    expect(server.requests.find((r) => r.url.pathname === '/api/v1/cases')!.url.searchParams.toString()).toBe('clientId=client-1&status=open');
    expect(((await screen.findByLabelText('連携するケース')) as HTMLSelectElement).value).toBe('case-1');
    await user.click(screen.getByRole('button', { name: 'ケースに連携する' }));
    expect(await screen.findByText('ケースに連携しました。')).toBeTruthy();
    expect(posts(server.requests, '/link')[0].body).toEqual({ version: 3, caseId: 'case-1' });
    expect(screen.getByRole('link', { name: '連携済みケースを開く' }).getAttribute('href')).toBe('/cases/case-1');
  });

  it('shows a refusal without data for a conversation out of scope, and stops polling', async () => {
    const server = lineServer();
    renderChat(server, 'someone-elses');
    expect((await screen.findByRole('alert')).textContent).toContain('対象が見つかりません');
    await act(() => vi.advanceTimersByTimeAsync(MESSAGES_POLL_MS * 3));
    expect(messageReads(server.requests)).toHaveLength(1);
    expect(screen.queryByLabelText('返信')).toBeNull();
    expect(screen.queryByText(/夫から逃げたい/)).toBeNull();
  });
});
