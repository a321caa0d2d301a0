import { dueLabel, formatJstDate, todayJst } from '../../format/dates';
import { useLoad } from '../../api/hooks';
import { label, REFERRAL_PURPOSE_LABELS, REFERRAL_STATUS_LABELS } from '../../labels';
import { Link, pathTo } from '../../router/router';
import { PATHS } from '../../router/paths';
import { ErrorSummary } from '../../ui/ErrorSummary';
import type { ScreenProps } from '../../ui/screen';
import './liaison.css';

/** 連携受信箱: the referrals approved for the liaison's department, the nearest due first (the api's order). */
export function ReferralInbox({ api }: ScreenProps) {
  const inbox = useLoad(() => api.GET('/api/v1/referrals/inbox'), [api]);
  const today = todayJst();

  return (
    <section className="panel liaison-inbox" aria-labelledby="referral-inbox-title">
      <h1 id="referral-inbox-title">連携受信箱</h1>
      <p className="note">相談窓口から届いた、本人の同意に基づく連携依頼です。開示された項目だけを確認できます。</p>
      {inbox.state === 'loading' && <p className="loading">読み込み中…</p>}
      {inbox.state === 'failed' && <ErrorSummary error={inbox.error} />}
      {inbox.state === 'done' && inbox.data.length === 0 && (
        <p role="status" className="empty">
          連携依頼はありません。
        </p>
      )}
      {inbox.state === 'done' && inbox.data.length > 0 && (
        <table className="results">
          <caption>連携依頼 {inbox.data.length}件</caption>
          <thead>
            <tr>
              <th scope="col">目的</th>
              <th scope="col">状況</th>
              <th scope="col">回答期限</th>
            </tr>
          </thead>
          <tbody>
            {inbox.data.map((r) => {
              const due = dueLabel(r.dueOn, today, 7);
              const waiting = r.status === 'approved';
              return (
                <tr key={r.id} className={waiting ? 'awaiting-answer' : undefined}>
                  <th scope="row">
                    <Link to={pathTo(PATHS.inboxItem, { id: r.id })}>{label(REFERRAL_PURPOSE_LABELS, r.purpose)}</Link>
                  </th>
                  <td>
                    {label(REFERRAL_STATUS_LABELS, r.status)}
                    {waiting && <span className="badge badge-unanswered">未回答</span>}
                  </td>
                  <td>
                    {formatJstDate(r.dueOn)}
                    {waiting && <span className={due.overdue ? 'due overdue' : 'due'}>（{due.text}）</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
