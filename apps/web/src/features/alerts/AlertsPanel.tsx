import { useId, useRef, useState, type FormEvent } from 'react';
import type { ApiClient, Schemas } from '../../api/client';
import { useLoad, useSubmit } from '../../api/hooks';
import { formatJstDateTime } from '../../format/dates';
import { ALERT_STATUS_LABELS, label, Permission } from '../../labels';
import { PATHS } from '../../router/paths';
import { Link } from '../../router/router';
import { ErrorSummary, FieldMessage } from '../../ui/ErrorSummary';
import { can, type ScreenProps } from '../../ui/screen';
import { alertPeriodRange, formatAlertPeriod, formatObserved } from './alert-period';
import { auditSearchPath } from '../audit/StaffAudit';
import { staffName, useStaffNames, type StaffNames } from '../../ui/staff';
import '../../ui/supervisor.css';
import './alerts.css';

type Alert = Schemas['AlertDto'];
type Filter = 'open' | 'acknowledged' | 'all';

/** How many open alerts the supervisor's home shows before 「すべての警告を見る」. */
export const COMPACT_LIMIT = 5;

const FILTERS: Array<{ value: Filter; text: string }> = [
  { value: 'open', text: '未確認' },
  { value: 'acknowledged', text: '確認済み' },
  { value: 'all', text: 'すべて' },
];

const AUDIT_HINT = '詳細は各警告の「監査ログを見る」で、その職員のその期間の操作を確認してください。';

/**
 * アクセスの警告: insider-misuse alerts about the staff of the supervisor's unit (GET /alerts),
 * each acknowledged with a note of the follow-up. As a screen of its own (`/alerts`, an <h1> and a
 * filter) or `compact` on the supervisor's home (an <h2> section: the first open ones and a link to
 * the screen). Alerts carry counts and a staff member's name only; which cases were touched is in
 * the audit log, never here.
 */
export function AlertsPanel({ api, me, compact }: ScreenProps & { compact?: boolean }) {
  const [filter, setFilter] = useState<Filter>('open');
  const shown: Filter = compact ? 'open' : filter;
  const allowed = can(me, Permission.AlertsReview);
  const alerts = useLoad(
    () =>
      allowed
        ? api.GET('/api/v1/alerts', { params: { query: shown === 'all' ? {} : { status: shown } } })
        : Promise.resolve({ data: [] as Alert[], response: new Response(null, { status: 200 }) }),
    [api, shown, allowed],
  );
  const staff = useStaffNames(api, allowed);
  const [status, setStatus] = useState('');
  const statusRef = useRef<HTMLParagraphElement>(null);
  const headingId = useId();
  const filterName = useId();

  if (compact && !allowed) return null;
  const Heading = compact ? 'h2' : 'h1';
  const list = alerts.data ?? [];
  const visible = compact ? list.slice(0, COMPACT_LIMIT) : list;

  const acknowledged = (message: string) => {
    setStatus(message);
    alerts.reload();
    // The alert leaves the open list: focus goes to the message that says what happened.
    setTimeout(() => statusRef.current?.focus(), 0);
  };

  return (
    <section className={`panel supervisor alerts${compact ? ' alerts-compact' : ''}`} aria-labelledby={headingId}>
      <Heading id={headingId}>
        アクセスの警告
        {compact && alerts.state === 'done' && <span className="count">（未確認 {list.length}件）</span>}
      </Heading>
      <p role="status" ref={statusRef} tabIndex={-1} className={status ? 'status-message' : undefined}>
        {status}
      </p>
      {!compact && (
        <fieldset className="alert-filter">
          <legend>表示する警告</legend>
          {FILTERS.map((f) => (
            <label key={f.value} className="radio">
              <input type="radio" name={filterName} value={f.value} checked={filter === f.value} onChange={() => setFilter(f.value)} />
              {f.text}
            </label>
          ))}
        </fieldset>
      )}
      {alerts.state === 'loading' && <p className="empty">読み込み中…</p>}
      {alerts.state === 'failed' && <ErrorSummary error={alerts.error} />}
      {alerts.state === 'done' &&
        (list.length === 0 ? (
          <p className="empty">{shown === 'acknowledged' ? '確認済みの警告はありません' : shown === 'all' ? '警告はありません' : '未確認の警告はありません'}</p>
        ) : (
          <>
            <p className="note">{AUDIT_HINT}</p>
            <ul className="queue-items alert-items">
              {visible.map((a) => (
                <AlertItem key={a.id} api={api} me={me} staff={staff} alert={a} onDone={acknowledged} />
              ))}
            </ul>
            {compact && list.length > visible.length && (
              <p className="note">
                ほか{list.length - visible.length}件の未確認の警告があります。
              </p>
            )}
          </>
        ))}
      {compact && (
        <p className="alerts-more">
          <Link to={PATHS.alerts}>すべての警告を見る</Link>
        </p>
      )}
    </section>
  );
}

interface ItemProps {
  api: ApiClient;
  me: Schemas['MeResponseDto'];
  staff: StaffNames;
  alert: Alert;
  onDone: (message: string) => void;
}

function AlertItem({ api, me, staff, alert: a, onDone }: ItemProps) {
  const { run, busy, error } = useSubmit({ note: '確認内容' });
  const [note, setNote] = useState('');
  const noteId = useId();
  const period = formatAlertPeriod(a.period);
  const subject = `${a.actorName}さんの「${a.ruleLabel}」（${period}）`;
  const open = a.status === 'open';
  // Nobody closes an alert about herself: the api refuses it, so the form is not offered.
  const aboutMe = a.actorId === me.id;
  const range = alertPeriodRange(a.period);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const text = note.trim();
    const done = await run(() => api.POST('/api/v1/alerts/{id}/acknowledge', { params: { path: { id: a.id } }, body: text ? { note: text } : {} }));
    if (done !== undefined) onDone(`${subject}を確認済みにしました。`);
  };

  return (
    <li className={`queue-item alert-item ${open ? 'alert-open' : 'alert-acknowledged'}`}>
      <p className="alert-title">
        <span className={`badge ${open ? 'badge-alert-open' : 'badge-alert-done'}`}>{label(ALERT_STATUS_LABELS, a.status)}</span>
        <span className="alert-rule">{a.ruleLabel}</span>
      </p>
      <dl className="facts">
        <dt>職員</dt>
        <dd>{a.actorName}</dd>
        <dt>期間</dt>
        <dd>{period}</dd>
        <dt>件数</dt>
        <dd>{formatObserved(a.observed, a.threshold)}</dd>
        <dt>最初</dt>
        <dd>{formatJstDateTime(a.firstAt)}</dd>
        <dt>最後</dt>
        <dd>{formatJstDateTime(a.lastAt)}</dd>
        <dt>状態</dt>
        <dd>{label(ALERT_STATUS_LABELS, a.status)}</dd>
        {!open && (
          <>
            <dt>確認者</dt>
            <dd>{staffName(me, staff, a.acknowledgedBy)}</dd>
            <dt>確認日時</dt>
            <dd>{a.acknowledgedAt ? formatJstDateTime(a.acknowledgedAt) : '—'}</dd>
            <dt>確認内容</dt>
            <dd className="free-text">{a.note ?? '（記入なし）'}</dd>
          </>
        )}
      </dl>
      {range && can(me, Permission.AuditReadUnit) && (
        <p className="alert-audit-link">
          <Link to={auditSearchPath({ actorId: a.actorId, ...range })} aria-label={`${subject}の監査ログを見る`}>
            監査ログを見る
          </Link>
        </p>
      )}
      {open && aboutMe && <p className="note alert-own">あなた自身に関する警告です。確認は他の査察指導員が行います。</p>}
      {open && !aboutMe && (
        <form className="decision" onSubmit={submit} noValidate>
          <ErrorSummary error={error} />
          <div className="field">
            <label htmlFor={noteId}>確認内容（任意）</label>
            <p id={`${noteId}-hint`} className="note">
              本人への確認など、行った対応を書きます。相談者の個人情報は書かないでください。
            </p>
            <textarea
              id={noteId}
              rows={2}
              maxLength={1000}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              aria-invalid={error?.fields.note ? true : undefined}
              aria-describedby={error?.fields.note ? `${noteId}-hint ${noteId}-error` : `${noteId}-hint`}
            />
            <FieldMessage id={`${noteId}-error`} message={error?.fields.note} />
          </div>
          <button type="submit" className="primary" disabled={busy} aria-label={`${subject}を確認済みにする`}>
            確認済みにする
          </button>
        </form>
      )}
    </li>
  );
}
