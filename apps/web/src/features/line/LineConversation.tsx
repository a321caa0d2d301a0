import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ApiClient, Schemas } from '../../api/client';
import { toDisplayError, type DisplayError } from '../../api/errors';
import { useSubmit } from '../../api/hooks';
import { formatJstDate, formatJstDateTime, todayJst } from '../../format/dates';
import { CONVERSATION_STATUS_LABELS, label, MESSAGE_KIND_LABELS, PROVISION_KIND_LABELS } from '../../labels';
import { Link, pathTo } from '../../router/router';
import { PATHS } from '../../router/paths';
import { ErrorSummary, FieldMessage } from '../../ui/ErrorSummary';
import type { ScreenProps } from '../../ui/screen';
import { channelName, ServiceHours, useLineReference } from './ServiceHours';
import { LinkCase } from './LinkCase';
import './line.css';

type Conversation = Schemas['ConversationDto'];
type Message = Schemas['MessageDto'];

/** How often new messages are read while the conversation is open. */
export const MESSAGES_POLL_MS = 5_000;
/** LINE shows the loading indicator for 20 s per call: at most one call per this many ms. */
export const TYPING_INTERVAL_MS = 20_000;

/** The conversation's state: the api has no GET of one conversation, so it is found in the unit's list. */
export async function findConversation(api: ApiClient, id: string): Promise<{ conversation?: Conversation; error?: DisplayError }> {
  for (const status of ['open', 'closed'] as const) {
    const { data, error, response } = await api.GET('/api/v1/line/conversations', { params: { query: { status } } });
    if (!data) return { error: toDisplayError(response.status, error) };
    const found = data.find((c) => c.id === id);
    if (found) return { conversation: found };
  }
  return { error: toDisplayError(404, undefined) };
}

/** LINE 相談: the chat, the reply box, and linking, provisions and closing. */
export function LineConversation({ api, params }: ScreenProps) {
  const id = params.id;
  const [conversation, setConversation] = useState<Conversation | null>(null);
  const [loadError, setLoadError] = useState<DisplayError | null>(null);
  const [messages, setMessages] = useState<Message[] | null>(null);
  const [pollError, setPollError] = useState<DisplayError | null>(null);
  const [now, setNow] = useState(() => new Date());
  const [status, setStatus] = useState('');
  const reference = useLineReference(api);
  const pending = useRef<Message[]>([]);
  const statusRef = useRef<HTMLParagraphElement>(null);

  const refreshConversation = useCallback(async () => {
    try {
      const found = await findConversation(api, id);
      if (found.conversation) setConversation(found.conversation);
      else setLoadError(found.error ?? null);
      return found.conversation;
    } catch {
      setLoadError(toDisplayError(undefined, undefined));
      return undefined;
    }
  }, [api, id]);

  useEffect(() => {
    setConversation(null);
    setLoadError(null);
    setMessages(null);
    pending.current = [];
    void refreshConversation();
  }, [refreshConversation]);

  // Poll the messages while the screen is open; stop on a refusal (403/404) and on leaving.
  useEffect(() => {
    let current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const { data, error, response } = await api.GET('/api/v1/line/conversations/{id}/messages', { params: { path: { id } } });
        if (!current) return;
        setNow(new Date());
        if (data) {
          // A reply sent while this read was on its way stays shown until the api lists it.
          pending.current = pending.current.filter((p) => !data.some((m) => m.id === p.id));
          setMessages([...data, ...pending.current]);
          setPollError(null);
        } else {
          setPollError(toDisplayError(response.status, error));
          if (response.status === 403 || response.status === 404) return;
        }
      } catch {
        if (!current) return;
        setPollError(toDisplayError(undefined, undefined));
      }
      timer = setTimeout(() => void poll(), MESSAGES_POLL_MS);
    };
    void poll();
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, id]);

  const addSent = (message: Message) => {
    pending.current = [...pending.current, message];
    setMessages((list) => (list && !list.some((m) => m.id === message.id) ? [...list, message] : list ?? [message]));
  };

  const refused = loadError && !conversation;
  return (
    <section className="panel line-conversation" aria-labelledby="line-conversation-title">
      <h1 id="line-conversation-title">LINE 相談</h1>
      <p>
        <Link to={PATHS.line}>LINE 受信箱へ戻る</Link>
      </p>
      {refused ? (
        <div role="alert" className="error-summary">
          <p>{loadError.message}</p>
        </div>
      ) : (
        <>
          {conversation && (
            <>
              <ul className="line-chat-meta" aria-label="相談の情報">
                <li>アカウント: {channelName(reference, conversation.channelId, conversation.programCode)}</li>
                <li>開始: {formatJstDateTime(conversation.startedAt)}</li>
                <li>状況: {label(CONVERSATION_STATUS_LABELS, conversation.status)}</li>
                <li>ケース: {conversation.caseId ? <Link to={pathTo(PATHS.case, { id: conversation.caseId })}>連携済みケースを開く</Link> : '未連携'}</li>
              </ul>
              <ServiceHours reference={reference} programCodes={[conversation.programCode]} now={now} />
            </>
          )}
          <ErrorSummary error={pollError} />
          <MessageList messages={messages} />
          <p role="status" className={status ? 'notice' : 'visually-hidden-label'} ref={statusRef} tabIndex={-1}>
            {status}
          </p>
          {conversation?.status === 'open' && (
            <>
              <ReplyBox api={api} id={id} onSent={(m) => addSent(m)} />
              <div className="line-actions">
                <LinkCase
                  api={api}
                  conversation={conversation}
                  refresh={refreshConversation}
                  onLinked={(caseId) => {
                    setConversation((c) => (c ? { ...c, caseId } : c));
                    setStatus('ケースに連携しました。');
                    statusRef.current?.focus();
                  }}
                />
                <Provision api={api} id={id} onDone={(text) => setStatus(text)} />
                <CloseConversation
                  api={api}
                  refresh={refreshConversation}
                  onClosed={() => {
                    setStatus('相談を終了しました。');
                    // The actions go away with the open conversation: reading continues at the outcome.
                    statusRef.current?.focus();
                    void refreshConversation();
                  }}
                />
              </div>
            </>
          )}
        </>
      )}
    </section>
  );
}

function MessageList({ messages }: { messages: Message[] | null }) {
  const listRef = useRef<HTMLOListElement>(null);
  // Follow new messages unless the user has scrolled up to read older ones.
  const stickRef = useRef(true);
  const onScroll = () => {
    const el = listRef.current;
    if (el) stickRef.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
  };
  useLayoutEffect(() => {
    const el = listRef.current;
    if (el && stickRef.current) el.scrollTop = el.scrollHeight;
  }, [messages]);

  if (messages === null) return <p className="loading">読み込み中…</p>;
  if (messages.length === 0) return <p className="empty">メッセージはありません。</p>;
  return (
    <ol className="line-messages" ref={listRef} onScroll={onScroll} aria-label="メッセージ" tabIndex={0}>
      {messages.map((m) => (
        <li key={m.id} className={`line-message ${m.direction === 'out' ? 'out' : 'in'}`} data-direction={m.direction}>
          <span className="visually-hidden-label">{m.direction === 'out' ? '送信: ' : '受信: '}</span>
          {m.text ?? `（${label(MESSAGE_KIND_LABELS, m.kind)}）`}
          {m.text && m.kind !== 'text' && MESSAGE_KIND_LABELS[m.kind] && <span className="meta">{MESSAGE_KIND_LABELS[m.kind]}</span>}
          <span className="meta">
            <time dateTime={m.occurredAt}>{formatJstDateTime(m.occurredAt)}</time>
            {m.direction === 'out' && m.deliveryLabel && <span className={m.delivery === 'failed' ? 'delivery-failed' : undefined}> {m.deliveryLabel}</span>}
          </span>
        </li>
      ))}
    </ol>
  );
}

function ReplyBox({ api, id, onSent }: { api: ApiClient; id: string; onSent: (message: Message) => void }) {
  const [text, setText] = useState('');
  const { run, busy, error } = useSubmit({ text: '返信' });
  const lastTyping = useRef(0);
  const inputId = useId();
  const textareaRef = useRef<HTMLTextAreaElement>(null);

  const send = async () => {
    if (!text.trim() || busy) return;
    const sent = await run(() => api.POST('/api/v1/line/conversations/{id}/messages', { params: { path: { id } }, body: { text } }));
    if (sent) {
      setText('');
      onSent(sent);
      textareaRef.current?.focus();
    }
  };

  const typing = (value: string) => {
    setText(value);
    // The loading indicator costs a call to LINE: once per its 20 s, and only while there is text.
    const at = Date.now();
    if (value.trim() && at - lastTyping.current >= TYPING_INTERVAL_MS) {
      lastTyping.current = at;
      api.POST('/api/v1/line/conversations/{id}/typing', { params: { path: { id } } }).catch(() => undefined);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void send();
    }
  };

  const fieldError = error?.fields.text;
  return (
    <form
      className="line-reply"
      noValidate
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        void send();
      }}
    >
      <ErrorSummary error={error} />
      <div className="field">
        <label htmlFor={inputId}>返信</label>
        <p id={`${inputId}-hint`} className="note">
          Ctrl+Enter でも送信できます。
        </p>
        <textarea
          id={inputId}
          ref={textareaRef}
          name="text"
          value={text}
          maxLength={5000}
          onChange={(e) => typing(e.target.value)}
          onKeyDown={onKeyDown}
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={[`${inputId}-hint`, fieldError ? `${inputId}-error` : ''].filter(Boolean).join(' ')}
        />
        <FieldMessage id={`${inputId}-error`} message={fieldError ? `返信: ${fieldError}` : undefined} />
      </div>
      <button type="submit" className="primary" disabled={busy || !text.trim()}>
        送信
      </button>
    </form>
  );
}

function Provision({ api, id, onDone }: { api: ApiClient; id: string; onDone: (text: string) => void }) {
  const [date, setDate] = useState(() => todayJst());
  const [quantity, setQuantity] = useState('1');
  const { run, busy, error } = useSubmit({ date: '提供日', quantity: '数量' });
  const dateId = useId();
  const quantityId = useId();
  const kind = 'sanitary-products' as const;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const created = await run(() => api.POST('/api/v1/line/conversations/{id}/provisions', { params: { path: { id } }, body: { kind, date, quantity: Number(quantity) } }));
    if (created) onDone(`${created.kindLabel}の提供（${created.quantity}セット、${formatJstDate(created.date)}）を記録しました。`);
  };

  return (
    <section aria-labelledby={`${dateId}-title`}>
      <h2 id={`${dateId}-title`}>{label(PROVISION_KIND_LABELS, kind)}の提供を記録</h2>
      <form onSubmit={submit} noValidate>
        <ErrorSummary error={error} />
        <div className="field">
          <label htmlFor={dateId}>提供日</label>
          <input id={dateId} type="date" value={date} onChange={(e) => setDate(e.target.value)} aria-invalid={error?.fields.date ? true : undefined} aria-describedby={error?.fields.date ? `${dateId}-error` : undefined} />
          <FieldMessage id={`${dateId}-error`} message={error?.fields.date} />
        </div>
        <div className="field">
          <label htmlFor={quantityId}>数量（セット）</label>
          <input
            id={quantityId}
            type="number"
            min={1}
            max={1000}
            value={quantity}
            onChange={(e) => setQuantity(e.target.value)}
            aria-invalid={error?.fields.quantity ? true : undefined}
            aria-describedby={error?.fields.quantity ? `${quantityId}-error` : undefined}
          />
          <FieldMessage id={`${quantityId}-error`} message={error?.fields.quantity} />
        </div>
        <button type="submit" disabled={busy}>
          記録する
        </button>
      </form>
    </section>
  );
}

function CloseConversation({ api, refresh, onClosed }: { api: ApiClient; refresh: () => Promise<Conversation | undefined>; onClosed: () => void }) {
  const [concerns, setConcerns] = useState<Schemas['ConcernDto'][]>([]);
  const [mainConcern, setMainConcern] = useState('');
  const [dvRelated, setDvRelated] = useState(false);
  const [summary, setSummary] = useState('');
  const [confirming, setConfirming] = useState(false);
  const { run, busy, error, setError } = useSubmit({ mainConcern: '主訴', dvRelated: 'DV関連', summary: '要約', version: '版' });
  const baseId = useId();
  const confirmRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    let current = true;
    api.GET('/api/v1/concerns').then(
      ({ data, response }) => {
        if (current && response.ok) setConcerns((data ?? []).filter((c) => c.active));
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [api]);

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  const ask = (event: FormEvent) => {
    event.preventDefault();
    if (!mainConcern) {
      setError({ message: '主訴を選んでください。', fields: { mainConcern: '選んでください' } });
      return;
    }
    setError(null);
    setConfirming(true);
  };

  const close = async () => {
    // The version changes with every reply: read it just before closing.
    const fresh = await refresh();
    if (!fresh) return;
    const closed = await run(() =>
      api.POST('/api/v1/line/conversations/{id}/close', {
        params: { path: { id: fresh.id } },
        body: { version: fresh.version, mainConcern, dvRelated, ...(summary.trim() ? { summary } : {}) },
      }),
    );
    setConfirming(false);
    if (closed) onClosed();
  };

  return (
    <section aria-labelledby={`${baseId}-title`}>
      <h2 id={`${baseId}-title`}>相談を終了</h2>
      <p className="note">返信した相談は、終了すると相談記録（LINE）になります。</p>
      <form onSubmit={ask} noValidate>
        <ErrorSummary error={error} />
        <div className="field">
          <label htmlFor={`${baseId}-concern`}>主訴</label>
          <select
            id={`${baseId}-concern`}
            value={mainConcern}
            onChange={(e) => setMainConcern(e.target.value)}
            aria-invalid={error?.fields.mainConcern ? true : undefined}
            aria-describedby={error?.fields.mainConcern ? `${baseId}-concern-error` : undefined}
          >
            <option value="">選んでください</option>
            {concerns.map((c) => (
              <option key={c.code} value={c.code}>
                {c.groupName}：{c.name}
              </option>
            ))}
          </select>
          <FieldMessage id={`${baseId}-concern-error`} message={error?.fields.mainConcern} />
        </div>
        <div className="field">
          <label>
            <input type="checkbox" checked={dvRelated} onChange={(e) => setDvRelated(e.target.checked)} /> DV関連の相談
          </label>
        </div>
        <div className="field">
          <label htmlFor={`${baseId}-summary`}>要約（任意）</label>
          <textarea id={`${baseId}-summary`} value={summary} maxLength={20000} onChange={(e) => setSummary(e.target.value)} />
        </div>
        {!confirming && (
          <button type="submit" disabled={busy}>
            相談を終了する
          </button>
        )}
      </form>
      {confirming && (
        <div className="line-confirm" role="alertdialog" aria-labelledby={`${baseId}-confirm`}>
          <p id={`${baseId}-confirm`}>この相談を終了します。終了後は返信できません。よろしいですか。</p>
          <div className="actions">
            <button type="button" className="primary" ref={confirmRef} disabled={busy} onClick={() => void close()}>
              終了する
            </button>
            <button type="button" onClick={() => setConfirming(false)} disabled={busy}>
              戻る
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
