import { useId, useRef, useState, type FormEvent } from 'react';
import type { ApiClient, Schemas } from '../../api/client';
import type { DisplayError } from '../../api/errors';
import { useLoad, useSubmit } from '../../api/hooks';
import { formatJstDate } from '../../format/dates';
import { PATHS } from '../../router/paths';
import { Link } from '../../router/router';
import { useCodeNames, type CodeNames } from '../../ui/code-names';
import { ErrorSummary, FieldMessage } from '../../ui/ErrorSummary';
import { ProtectedBadge } from '../../ui/ProtectedBadge';
import { can, type ScreenProps } from '../../ui/screen';
import '../../ui/supervisor.css';
import './retention.css';
import { Permission } from '../../labels';

type Due = Schemas['RetentionDueDto'];
type Destroyed = Schemas['DestroyedClientDto'];
type Anonymous = Schemas['AnonymousDueDto'];

const CONFIRM_WORD = '消去';

const NONE = { data: [] as Due[], response: new Response(null, { status: 200 }) };
const NO_ANONYMOUS = { data: { contacts: 0, lineUsers: 0, lineConversations: 0, retainUntil: null } as Anonymous, response: new Response(null, { status: 200 }) };

/** What a destruction emptied, in words: counts only, never whose. */
export function destroyedSummary(name: string, d: Destroyed): string {
  const parts = [`ケース${d.cases}件`, `相談記録${d.contacts}件`];
  if (d.referrals > 0) parts.push(`庁内連携${d.referrals}件`);
  if (d.placements > 0) parts.push(`施設入所${d.placements}件`);
  if (d.lineUsers > 0) parts.push(`LINE利用者${d.lineUsers}人（メッセージ${d.lineMessages}件）`);
  return `${name}さんの記録を消去しました（${parts.join('、')}）。件数と日付は統計のために残ります。`;
}

/**
 * 保存期間の満了: the unit's clients whose every case is closed and past its program's retention
 * (GET /retention/due). A supervisor confirms each destruction by typing her case numbers; the
 * api then destroys her keys and empties every field about her, for good. As a screen of its own
 * (`/retention`) or `compact` on the supervisor's home (a count and a link, only when any are due).
 */
export function RetentionPanel({ api, me, compact }: ScreenProps & { compact?: boolean }) {
  const allowed = can(me, Permission.RetentionManage);
  const due = useLoad<Due[]>(() => (allowed ? api.GET('/api/v1/retention/due') : Promise.resolve(NONE)), [api, allowed]);
  const anonymous = useLoad<Anonymous>(() => (allowed ? api.GET('/api/v1/retention/anonymous') : Promise.resolve(NO_ANONYMOUS)), [api, allowed]);
  const unlinked = anonymous.state === 'done' ? anonymous.data.contacts + anonymous.data.lineUsers + anonymous.data.lineConversations : 0;
  const programs = useCodeNames(api, allowed && !compact ? 'programs' : null);
  const [status, setStatus] = useState('');
  const statusRef = useRef<HTMLParagraphElement>(null);
  const headingId = useId();
  const list = due.state === 'done' ? due.data : [];

  if (compact) {
    if (!allowed || (list.length === 0 && unlinked === 0)) return null;
    const waiting = [list.length > 0 && `相談者${list.length}人`, unlinked > 0 && `相談者に結びつかない記録${unlinked}件`].filter(Boolean).join('、');
    return (
      <section className="panel supervisor retention-compact" aria-labelledby={headingId}>
        <h2 id={headingId}>保存期間の満了</h2>
        <p>
          保存期間が満了し、消去の確認を待っているものがあります（{waiting}）。 <Link to={PATHS.retention}>確認する</Link>
        </p>
      </section>
    );
  }

  const destroyed = (message: string) => {
    setStatus(message);
    due.reload();
    anonymous.reload();
    setTimeout(() => statusRef.current?.focus(), 0);
  };

  return (
    <section className="panel supervisor retention" aria-labelledby={headingId}>
      <h1 id={headingId}>保存期間の満了</h1>
      <p className="note">
        すべてのケースが終結し、事業ごとの保存期間（終結日から）を過ぎた相談者です。消去すると、氏名・連絡先・相談記録の内容・LINEのメッセージなど本人に関する記録は復元できなくなります。件数・日付・分類は統計のために残り、消去したことは監査ログに記録されます。
      </p>
      <p role="status" ref={statusRef} tabIndex={-1} className={status ? 'status-message' : undefined}>
        {status}
      </p>
      {due.state === 'loading' && <p className="empty">読み込み中…</p>}
      {due.state === 'failed' && <ErrorSummary error={due.error} />}
      {due.state === 'done' &&
        (list.length === 0 ? (
          <p className="empty">保存期間が満了した相談者はいません</p>
        ) : (
          <ul className="queue-items">
            {list.map((d) => (
              <DueItem key={d.clientId} api={api} programs={programs} due={d} onDone={destroyed} />
            ))}
          </ul>
        ))}
      {anonymous.state === 'failed' && <ErrorSummary error={anonymous.error} />}
      {anonymous.state === 'done' && unlinked > 0 && <AnonymousItem api={api} due={anonymous.data} onDone={destroyed} onRefused={anonymous.reload} />}
    </section>
  );
}

/** Anonymous consultation records and LINE users tied to no client: destroyed together, confirmed by their counts. */
function AnonymousItem({ api, due: d, onDone, onRefused }: { api: ApiClient; due: Anonymous; onDone: (message: string) => void; onRefused: () => void }) {
  const { run, busy, error } = useSubmit();
  const headingId = useId();

  const confirm = async () => {
    const done = await run(() => api.POST('/api/v1/retention/anonymous/destroy', { body: { contacts: d.contacts, lineUsers: d.lineUsers, lineConversations: d.lineConversations } }));
    // Refused (the counts changed meanwhile: 409): the counts are read again, the message stays.
    if (done === undefined) onRefused();
    else {
      const r = done;
      onDone(
        `相談者に結びつかない記録を消去しました（匿名の相談記録${r.contacts}件、LINE利用者${r.lineUsers}人、友だち登録中の利用者の古いLINE相談${r.lineConversations}件、メッセージ${r.lineMessages}件）。件数と日付は統計のために残ります。`,
      );
    }
  };

  return (
    <section className="queue-item retention-item" aria-labelledby={headingId}>
      <h2 id={headingId}>相談者に結びつかない記録</h2>
      <dl className="facts">
        <dt>匿名の相談記録</dt>
        <dd>{d.contacts}件</dd>
        <dt>LINE利用者</dt>
        <dd>{d.lineUsers}人（相談者・ケースに結びつかず、友だち登録を解除した人）</dd>
        <dt>古いLINE相談</dt>
        <dd>{d.lineConversations}件（友だち登録を続けている人の、保存期間を過ぎた相談のメッセージ）</dd>
        {d.retainUntil && (
          <>
            <dt>保存期限</dt>
            <dd>{formatJstDate(d.retainUntil)}まで（最も新しいもの）</dd>
          </>
        )}
      </dl>
      <p className="note">相談記録の要約とLINEのメッセージ・利用者IDを、まとめて消去します。</p>
      <DestroyConfirm
        openLabel="まとめて消去する"
        hint="表示されている件数のとおりに消去します。件数が変わっていたときは消去せず、読み込み直しを求めます。この操作は取り消せません。"
        error={error}
        busy={busy}
        onConfirm={confirm}
      />
    </section>
  );
}

interface ItemProps {
  api: ApiClient;
  programs: CodeNames;
  due: Due;
  onDone: (message: string) => void;
}

function DueItem({ api, programs, due: d, onDone }: ItemProps) {
  const { run, busy, error } = useSubmit({ caseNumbers: 'ケース番号' });
  const numbers = d.cases.map((c) => c.caseNumber);
  // Without any case there is no number to type: the word 消去 confirms instead.
  const caseless = numbers.length === 0;

  const confirm = async (typed: string) => {
    const caseNumbers = caseless
      ? []
      : typed
          .split(/[\s,、，]+/)
          .map((n) => n.trim())
          .filter((n) => n !== '');
    const done = await run(() => api.POST('/api/v1/retention/clients/{id}/destroy', { params: { path: { id: d.clientId } }, body: { caseNumbers } }));
    if (done !== undefined) onDone(destroyedSummary(d.clientName, done));
  };

  return (
    <li className="queue-item retention-item">
      <p className="retention-name">
        {d.clientName}
        <ProtectedBadge protectedAddress={d.addressProtected} />
      </p>
      {caseless ? (
        <p className="note">
          ケースのない相談者です（登録のみ）。最後に記録が変更されてから、最も長い事業の保存期間が過ぎました（保存期限 {formatJstDate(d.retainUntil)}）。
        </p>
      ) : (
        <table className="retention-cases">
          <caption className="visually-hidden">{d.clientName}さんのケース</caption>
          <thead>
            <tr>
              <th scope="col">ケース番号</th>
              <th scope="col">事業</th>
              <th scope="col">終結日</th>
              <th scope="col">保存期限</th>
            </tr>
          </thead>
          <tbody>
            {d.cases.map((c) => (
              <tr key={c.caseId}>
                <td className="mono">{c.caseNumber}</td>
                <td>{programs.name(c.programCode)}</td>
                <td>{formatJstDate(c.closedOn)}</td>
                <td>{formatJstDate(c.retainUntil)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <DestroyConfirm
        openLabel="消去する"
        openAriaLabel={`${d.clientName}さんの記録を消去する`}
        numbersLabel={caseless ? undefined : '確認のため、ケース番号をすべて入力してください'}
        hint={`${caseless ? '' : numbers.length === 1 ? `ケース番号 ${numbers[0]}。` : `ケース番号 ${numbers.join('、')}（空白か読点で区切る）。`}この操作は取り消せません。`}
        fieldError={error?.fields.caseNumbers}
        error={error}
        busy={busy}
        onConfirm={confirm}
      />
    </li>
  );
}

interface DestroyConfirmProps {
  openLabel: string;
  openAriaLabel?: string;
  /** What to type when it is not the word 消去 (her case numbers). */
  numbersLabel?: string;
  hint: string;
  /** The api's message for the typed confirmation, when it refused it. */
  fieldError?: string;
  error: DisplayError | null;
  busy: boolean;
  /** Called with what was typed; without `numbersLabel`, only once it is the word 消去. */
  onConfirm: (typed: string) => void;
}

const WORD_MESSAGE = `確認のため「${CONFIRM_WORD}」と入力してください`;

/** 消去する, then the typed confirmation with 消去を確定する / やめる: the one way a destruction is confirmed on this screen. */
function DestroyConfirm({ openLabel, openAriaLabel, numbersLabel, hint, fieldError, error, busy, onConfirm }: DestroyConfirmProps) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [wrongWord, setWrongWord] = useState(false);
  const inputId = useId();
  if (!open) {
    return (
      <button type="button" className="danger" onClick={() => setOpen(true)} aria-label={openAriaLabel}>
        {openLabel}
      </button>
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const refused = !numbersLabel && typed.trim() !== CONFIRM_WORD;
    setWrongWord(refused);
    if (!refused) onConfirm(typed);
  };
  const message = wrongWord ? WORD_MESSAGE : fieldError;
  return (
    <form className="decision retention-confirm" onSubmit={submit} noValidate>
      <ErrorSummary error={wrongWord ? { message: '入力内容に誤りがあります', fields: { confirm: WORD_MESSAGE } } : error} />
      <div className="field">
        <label htmlFor={inputId}>{numbersLabel ?? WORD_MESSAGE}</label>
        <p id={`${inputId}-hint`} className="note">
          {hint}
        </p>
        <input
          id={inputId}
          type="text"
          autoComplete="off"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          aria-invalid={message ? true : undefined}
          aria-describedby={message ? `${inputId}-hint ${inputId}-error` : `${inputId}-hint`}
        />
        <FieldMessage id={`${inputId}-error`} message={message} />
      </div>
      <div className="actions">
        <button type="submit" className="danger" disabled={busy}>
          消去を確定する
        </button>
        <button type="button" onClick={() => setOpen(false)} disabled={busy}>
          やめる
        </button>
      </div>
    </form>
  );
}
