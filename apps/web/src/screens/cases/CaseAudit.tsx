import { useLoad } from '../../api/hooks';
import { formatJstDateTime } from '../../format/dates';
import { AUDIT_OUTCOME_LABELS, label, ROLE_LABELS } from '../../labels';
import { PATHS } from '../../router/paths';
import { Link, pathTo } from '../../router/router';
import { ErrorSummary } from '../ErrorSummary';
import { PageButtons, useCursorPages } from '../paging';
import type { ScreenProps } from '../screen';
import { staffName, useStaffNames } from '../staff';
import '../supervisor/supervisor.css';

const PAGE_SIZE = 50;

/** ケースの監査ログ: who did what on this case, newest first, as the api returns it. */
export function CaseAudit({ api, me, params }: ScreenProps) {
  const caseId = params.id;
  const staff = useStaffNames(api);
  const pages = useCursorPages();
  const cursor = pages.cursor;
  const page = useLoad(
    () => api.GET('/api/v1/audit-events', { params: { query: { caseId, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) } } }),
    [api, caseId, cursor],
  );

  return (
    <section className="panel supervisor">
      <h1>ケースの監査ログ</h1>
      <p>
        <Link to={pathTo(PATHS.case, { id: caseId })}>ケース詳細に戻る</Link>
      </p>
      {page.state === 'loading' && <p className="empty">読み込み中…</p>}
      {page.state === 'failed' && <ErrorSummary error={page.error} />}
      {page.state === 'done' &&
        (page.data.items.length === 0 ? (
          <p role="status" className="empty">
            このケースの監査記録はありません。
          </p>
        ) : (
          <table className="results">
            <caption role="status">
              監査記録 {page.data.items.length}件{pages.pageNumber > 1 && `（${pages.pageNumber}ページ目）`}
            </caption>
            <thead>
              <tr>
                <th scope="col">日時</th>
                <th scope="col">操作者</th>
                <th scope="col">操作</th>
                <th scope="col">結果</th>
                <th scope="col">理由</th>
                <th scope="col">問い合わせ番号</th>
              </tr>
            </thead>
            <tbody>
              {page.data.items.map((e) => (
                <tr key={e.id}>
                  <td>{formatJstDateTime(e.occurredAt)}</td>
                  <td>
                    {staffName(me, staff, e.actorId)}
                    {e.actorRole && <span className="note">（{label(ROLE_LABELS, e.actorRole)}）</span>}
                  </td>
                  <td className="mono">
                    {e.action}
                    {e.detailCode && ` (${e.detailCode})`}
                  </td>
                  <td className={e.outcome === 'denied' ? 'outcome-denied' : undefined}>{label(AUDIT_OUTCOME_LABELS, e.outcome)}</td>
                  <td className="free-text">{e.reason ?? '—'}</td>
                  <td className="mono">{e.requestId ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      <PageButtons pages={pages} nextCursor={page.data?.nextCursor} previousLabel="新しい記録へ" nextLabel="古い記録へ" />
    </section>
  );
}
