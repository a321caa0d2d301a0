import { useCallback, useEffect, useState } from 'react';
import type { Schemas } from '../../api/client';
import { toDisplayError, type DisplayError } from '../../api/errors';
import { formatJstDateTime, formatMinutes } from '../../format/dates';
import { CONVERSATION_STATUS_LABELS, label } from '../../labels';
import { Link, pathTo } from '../../router/router';
import { PATHS } from '../../router/paths';
import { ErrorSummary } from '../../ui/ErrorSummary';
import type { ScreenProps } from '../../ui/screen';
import { channelName, ServiceHours, useLineReference } from './ServiceHours';
import './line.css';

type Conversation = Schemas['ConversationDto'];
type Status = 'open' | 'closed';

/** How often the list is read again while the screen is open. */
export const INBOX_REFRESH_MS = 15_000;

/** Waiting ones first, the longest waiting at the top; then the most recent. */
export function inboxOrder(list: readonly Conversation[]): Conversation[] {
  return [...list].sort((a, b) => {
    const aw = a.waitingSince !== null;
    const bw = b.waitingSince !== null;
    if (aw !== bw) return aw ? -1 : 1;
    if (aw && bw) return b.waitingMinutes - a.waitingMinutes;
    return b.lastMessageAt.localeCompare(a.lastMessageAt);
  });
}

/**
 * LINE 受信箱: the unit's conversations, waiting ones first with how long they have waited. No
 * message text and no LINE user id: a shared screen may be seen by others.
 */
export function LineInbox({ api }: ScreenProps) {
  const [status, setStatus] = useState<Status>('open');
  const [list, setList] = useState<Conversation[] | null>(null);
  const [error, setError] = useState<DisplayError | null>(null);
  const [now, setNow] = useState(() => new Date());
  const reference = useLineReference(api);

  const load = useCallback(
    async (isCurrent: () => boolean) => {
      try {
        const { data, error: failure, response } = await api.GET('/api/v1/line/conversations', { params: { query: { status } } });
        if (!isCurrent()) return;
        setNow(new Date());
        if (data) {
          setList(data);
          setError(null);
        } else setError(toDisplayError(response.status, failure));
      } catch {
        if (isCurrent()) setError(toDisplayError(undefined, undefined));
      }
    },
    [api, status],
  );

  useEffect(() => {
    let current = true;
    const isCurrent = () => current;
    setList(null);
    void load(isCurrent);
    const timer = setInterval(() => void load(isCurrent), INBOX_REFRESH_MS);
    return () => {
      current = false;
      clearInterval(timer);
    };
  }, [load]);

  const programCodes = [...new Set((reference?.channels ?? []).map((c) => c.programCode))];
  const waiting = list?.filter((c) => c.waitingSince !== null).length ?? 0;

  return (
    <section className="panel line-inbox" aria-labelledby="line-inbox-title">
      <h1 id="line-inbox-title">LINE 受信箱</h1>
      <ServiceHours reference={reference} programCodes={programCodes} now={now} />
      <fieldset className="line-filter">
        <legend>表示する相談</legend>
        {(['open', 'closed'] as const).map((value) => (
          <label key={value} className="radio">
            <input type="radio" name="line-status" value={value} checked={status === value} onChange={() => setStatus(value)} />
            {CONVERSATION_STATUS_LABELS[value]}
          </label>
        ))}
      </fieldset>
      <ErrorSummary error={error} />
      {list === null && !error && <p className="loading">読み込み中…</p>}
      {list && list.length === 0 && (
        <p role="status" className="empty">
          {status === 'open' ? '対応中の相談はありません。' : '終了した相談はありません。'}
        </p>
      )}
      {list && list.length > 0 && (
        <table className="results line-conversations">
          <caption>
            {status === 'open' ? '対応中の相談' : '終了した相談'} {list.length}件{status === 'open' && `（返信待ち ${waiting}件）`}
            <span className="note"> {INBOX_REFRESH_MS / 1000}秒ごとに更新</span>
          </caption>
          <thead>
            <tr>
              <th scope="col">相談開始</th>
              <th scope="col">返信待ち</th>
              <th scope="col">最終メッセージ</th>
              <th scope="col">アカウント</th>
              <th scope="col">ケース</th>
              <th scope="col">件数</th>
              <th scope="col">状況</th>
            </tr>
          </thead>
          <tbody>
            {inboxOrder(list).map((c) => (
              <tr key={c.id} className={c.waitingSince ? 'waiting' : undefined}>
                <th scope="row">
                  <Link to={pathTo(PATHS.lineConversation, { id: c.id })}>{formatJstDateTime(c.startedAt)}</Link>
                </th>
                <td>{c.waitingSince ? <span className="badge badge-waiting">{formatMinutes(c.waitingMinutes)}待ち</span> : '—'}</td>
                <td>{formatJstDateTime(c.lastMessageAt)}</td>
                <td>{channelName(reference, c.channelId, c.programCode)}</td>
                <td>{c.caseId ? <Link to={pathTo(PATHS.case, { id: c.caseId })}>連携済みケース</Link> : '未連携'}</td>
                <td>{c.messageCount}件</td>
                <td>{label(CONVERSATION_STATUS_LABELS, c.status)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
