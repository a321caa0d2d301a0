import { useEffect, useId, useRef, useState } from 'react';
import type { ApiClient, Schemas } from '../../api/client';
import { useSubmit } from '../../api/hooks';
import { formatJstDateTime } from '../../format/dates';
import { APPROVAL_REASON_LABELS, label, ROLE_LABELS } from '../../labels';
import { ErrorSummary } from '../../ui/ErrorSummary';

type Account = Schemas['AccountApprovalDto'];
type Issued = { who: string; code: string; expiresAt: string };

interface ItemProps {
  api: ApiClient;
  account: Account;
  onIssued: (issued: Issued) => void;
  onDone: (message: string) => void;
}

/**
 * One account an admin changed, waiting for this supervisor: who, where, why and at whose
 * request. 承認 issues the one-time 利用開始コード (shown once, by AccountActivationCode);
 * 承認しない disables the account until an admin enables it again.
 */
export function AccountApprovalItem({ api, account: a, onIssued, onDone }: ItemProps) {
  const { run, busy, error } = useSubmit({});
  const [rejecting, setRejecting] = useState(false);
  const who = `${a.displayName}（${a.loginId}）`;
  const reissue = a.state === 'awaiting-activation';

  const approve = async () => {
    const issued = await run(() => api.POST('/api/v1/account-approvals/{userId}/approve', { params: { path: { userId: a.userId } } }));
    if (issued !== undefined) onIssued({ who, code: issued.activationCode, expiresAt: issued.expiresAt });
  };
  const reject = async () => {
    const done = await run(() => api.POST('/api/v1/account-approvals/{userId}/reject', { params: { path: { userId: a.userId } } }));
    if (done !== undefined) onDone(`${who} を承認せず、アカウントを無効にしました。管理者に事情を確認してください。`);
  };

  return (
    <li className="queue-item">
      <dl className="facts">
        <dt>アカウント</dt>
        <dd>{who}</dd>
        <dt>役割</dt>
        <dd>{label(ROLE_LABELS, a.role)}</dd>
        <dt>所属</dt>
        <dd>{a.unitName ?? a.departmentName ?? '—'}</dd>
        <dt>承認が必要な変更</dt>
        <dd>
          <ul className="inline-list">
            {a.reasons.map((r) => (
              <li key={r}>{label(APPROVAL_REASON_LABELS, r)}</li>
            ))}
          </ul>
        </dd>
        <dt>変更した管理者</dt>
        <dd>{a.requestedByName ?? '—'}</dd>
        <dt>依頼日時</dt>
        <dd>{formatJstDateTime(a.requestedAt)}</dd>
        {reissue && a.activationExpiresAt && (
          <>
            <dt>利用開始コード</dt>
            <dd>発行済み・本人の入力待ち（有効期限 {formatJstDateTime(a.activationExpiresAt)}）</dd>
          </>
        )}
      </dl>
      <div className="decision">
        <ErrorSummary error={error} />
        <p className="note">本人からの依頼であることを確かめてから承認してください。心当たりのない変更は承認せず、管理者に確認してください。</p>
        <div className="actions">
          <button type="button" className="primary" disabled={busy} onClick={() => void approve()} aria-label={`${who} を${reissue ? '利用開始コードを再発行' : '承認して利用開始コードを発行'}`}>
            {reissue ? '利用開始コードを再発行' : '承認して利用開始コードを発行'}
          </button>
          {!rejecting && (
            <button type="button" disabled={busy} onClick={() => setRejecting(true)} aria-label={`${who} を承認しない`}>
              承認しない
            </button>
          )}
        </div>
        {rejecting && (
          <div className="decision-form">
            <p>承認しないと、このアカウントは無効になります。管理者が有効にし直すと、再び承認待ちになります。</p>
            <div className="actions">
              <button type="button" className="danger" disabled={busy} onClick={() => void reject()}>
                承認せずに無効にする
              </button>
              <button type="button" onClick={() => setRejecting(false)}>
                やめる
              </button>
            </div>
          </div>
        )}
      </div>
    </li>
  );
}

/** The code, shown this once: the supervisor hands it to the person herself, never through the admin. */
export function AccountActivationCode({ issued, onClose }: { issued: Issued; onClose: () => void }) {
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), [issued]);
  return (
    <section className="activation-code" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        {issued.who} の利用開始コード
      </h2>
      <p className="code" aria-label="利用開始コード">
        {issued.code}
      </p>
      <p>
        本人に直接（対面で）渡してください。管理者やメールを通して渡さないでください。本人は最初のサインインでこのコードを入力し、自分のパスワードを決めます。
      </p>
      <p>有効期限: {formatJstDateTime(issued.expiresAt)}。このコードは二度と表示されません（失くしたときは再発行してください）。</p>
      <div className="actions">
        <button type="button" className="primary" onClick={onClose}>
          本人に渡しました（閉じる）
        </button>
      </div>
    </section>
  );
}
