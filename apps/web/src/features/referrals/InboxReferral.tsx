import { useId, useRef, useState } from 'react';
import type { ApiClient, Schemas } from '../../api/client';
import { useLoad, useSubmit } from '../../api/hooks';
import { formatJstDate } from '../../format/dates';
import { DISCLOSABLE_FIELD_LABELS, label, REFERRAL_PURPOSE_LABELS, REFERRAL_STATUS_LABELS } from '../../labels';
import { Link } from '../../router/router';
import { PATHS } from '../../router/paths';
import { ErrorSummary, FieldMessage } from '../../ui/ErrorSummary';
import type { ScreenProps } from '../../ui/screen';
import './liaison.css';

type Detail = Schemas['InboxDetailDto'];
type Field = keyof typeof DISCLOSABLE_FIELD_LABELS;

/** The disclosable fields in the order the office lists them; nothing else is ever rendered. */
const FIELD_ORDER = Object.keys(DISCLOSABLE_FIELD_LABELS) as Field[];

/** The fields the referral disclosed, in order: only keys that are disclosable fields and present in the response. */
export function disclosedFields(disclosure: Record<string, unknown>): Field[] {
  return FIELD_ORDER.filter((field) => Object.prototype.hasOwnProperty.call(disclosure, field));
}

interface Child {
  name?: unknown;
  birthDate?: unknown;
}

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : '（登録なし）');
const date = (value: unknown) => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatJstDate(value) : text(value));

function FieldValue({ field, value }: { field: Field; value: unknown }) {
  if (field === 'birthDate') return <>{date(value)}</>;
  if (field === 'children') {
    const children = Array.isArray(value) ? (value as Child[]) : [];
    if (children.length === 0) return <>（登録なし）</>;
    return (
      <ul>
        {children.map((child, i) => (
          <li key={i}>
            {text(child.name)}（{date(child.birthDate)}生）
          </li>
        ))}
      </ul>
    );
  }
  return <>{text(value)}</>;
}

const RESPONSE_LABELS = { comment: 'コメント', version: '版', status: '状況' };

/** 連携依頼: the frozen disclosure of one referral, exactly the approved fields, and the department's answer. */
export function InboxReferral({ api, params }: ScreenProps) {
  const item = useLoad(() => api.GET('/api/v1/referrals/inbox/{id}', { params: { path: { id: params.id } } }), [api, params.id]);
  const [answered, setAnswered] = useState('');
  const statusRef = useRef<HTMLParagraphElement>(null);

  return (
    <section className="panel liaison-referral" aria-labelledby="inbox-referral-title">
      <h1 id="inbox-referral-title">連携依頼</h1>
      <p>
        <Link to={PATHS.inbox}>連携受信箱へ戻る</Link>
      </p>
      <p role="status" className={answered ? 'notice' : undefined} ref={statusRef} tabIndex={-1}>
        {answered}
      </p>
      {item.state === 'loading' && <p className="loading">読み込み中…</p>}
      {item.state === 'failed' &&
        (item.status === 403 || item.status === 404 ? (
          <div role="alert" className="error-summary">
            <p>この連携依頼は表示できません。宛先が異なるか、開示が取り消された可能性があります。</p>
          </div>
        ) : (
          <ErrorSummary error={item.error} />
        ))}
      {item.state === 'done' && (
        <ReferralView
          api={api}
          detail={item.data}
          onAnswered={(message) => {
            setAnswered(message);
            item.reload();
            // The answer form goes away with the reload: reading continues at the outcome.
            statusRef.current?.focus();
          }}
        />
      )}
    </section>
  );
}

function ReferralView({ api, detail, onAnswered }: { api: ApiClient; detail: Detail; onAnswered: (message: string) => void }) {
  const fields = disclosedFields(detail.disclosure);
  return (
    <>
      <dl className="liaison-summary">
        <dt>目的</dt>
        <dd>{label(REFERRAL_PURPOSE_LABELS, detail.purpose)}</dd>
        <dt>状況</dt>
        <dd>{label(REFERRAL_STATUS_LABELS, detail.status)}</dd>
        <dt>回答期限</dt>
        <dd>{formatJstDate(detail.dueOn)}</dd>
      </dl>
      <section aria-labelledby="referral-message-title">
        <h2 id="referral-message-title">依頼内容</h2>
        <p className="liaison-message">{detail.message}</p>
      </section>
      <section aria-labelledby="disclosure-title" className="liaison-disclosure">
        <h2 id="disclosure-title">開示された情報</h2>
        <p className="notice">本人の同意（貴課への提供に同意した項目）に基づき、査察指導員の承認を経て開示された項目のみです。内容は承認時点のものです。</p>
        {fields.length === 0 ? (
          <p className="empty">開示された項目はありません。</p>
        ) : (
          <dl aria-label="開示された項目">
            {fields.map((field) => (
              <div key={field} className="disclosed-field" data-field={field}>
                <dt>{DISCLOSABLE_FIELD_LABELS[field]}</dt>
                <dd>
                  <FieldValue field={field} value={detail.disclosure[field]} />
                </dd>
              </div>
            ))}
          </dl>
        )}
      </section>
      {detail.status === 'approved' ? (
        <Answer api={api} detail={detail} onAnswered={onAnswered} />
      ) : (
        <p className="note">この連携依頼には回答済みです（{label(REFERRAL_STATUS_LABELS, detail.status)}）。</p>
      )}
    </>
  );
}

type AnswerPath = '/api/v1/referrals/{id}/accept' | '/api/v1/referrals/{id}/decline';

function Answer({ api, detail, onAnswered }: { api: ApiClient; detail: Detail; onAnswered: (message: string) => void }) {
  const [comment, setComment] = useState('');
  const { run, busy, error } = useSubmit(RESPONSE_LABELS);
  const commentId = useId();

  const answer = async (path: AnswerPath, message: string) => {
    const body = { version: detail.version, ...(comment.trim() ? { comment: comment.trim() } : {}) };
    const answered = await run(() => api.POST(path, { params: { path: { id: detail.id } }, body }));
    if (answered) onAnswered(message);
  };

  return (
    <form className="liaison-answer" noValidate onSubmit={(event) => event.preventDefault()}>
      <fieldset>
        <legend>回答</legend>
        <ErrorSummary error={error} />
        <div className="field">
          <label htmlFor={commentId}>コメント（任意）</label>
          <textarea
            id={commentId}
            name="comment"
            maxLength={2000}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            aria-invalid={error?.fields.comment ? true : undefined}
            aria-describedby={error?.fields.comment ? `${commentId}-error` : undefined}
          />
          <FieldMessage id={`${commentId}-error`} message={error?.fields.comment} />
        </div>
        <div className="actions">
          <button type="button" className="primary" disabled={busy} onClick={() => void answer('/api/v1/referrals/{id}/accept', '受理しました。')}>
            受理
          </button>
          <button type="button" disabled={busy} onClick={() => void answer('/api/v1/referrals/{id}/decline', '辞退しました。')}>
            辞退
          </button>
        </div>
      </fieldset>
    </form>
  );
}
