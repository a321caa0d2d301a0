import { useLoad } from '../../api/hooks';
import { PATHS } from '../../router/paths';
import { Link, pathTo } from '../../router/router';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { PageButtons, useCursorPages } from '../../ui/paging';
import type { ScreenProps } from '../../ui/screen';
import { useStaffNames } from '../../ui/staff';
import { AuditEventsTable } from './AuditEventsTable';
import '../../ui/supervisor.css';

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
          <AuditEventsTable me={me} staff={staff} items={page.data.items} pageNumber={pages.pageNumber} />
        ))}
      <PageButtons pages={pages} nextCursor={page.data?.nextCursor} previousLabel="新しい記録へ" nextLabel="古い記録へ" />
    </section>
  );
}
