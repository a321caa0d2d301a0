import { useId, useState, type FormEvent } from 'react';
import { useLoad } from '../../api/hooks';
import { formatJstDate } from '../../format/dates';
import { CASE_STATUS_LABELS, CLOSE_REASON_LABELS, label } from '../../labels';
import { PATHS } from '../../router/paths';
import { Link, pathTo } from '../../router/router';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { PageButtons, useCursorPages } from '../../ui/paging';
import type { ScreenProps } from '../../ui/screen';
import { useCodeNames } from '../../ui/code-names';
import { staffName, useStaffNames } from '../../ui/staff';
import { ClientLabel, useClientNames } from '../../ui/lookups';
import '../../ui/supervisor.css';

type Status = '' | 'open' | 'closed';
type Assignee = '' | 'me';

const PAGE_SIZE = 20;

interface Filters {
  status: Status;
  assignedTo: Assignee;
  program: string;
}

/** 課のケース一覧: the unit's cases, restricted ones included (the api scopes them to the unit). */
export function UnitCases({ api, me }: ScreenProps) {
  const [draft, setDraft] = useState<Filters>({ status: 'open', assignedTo: '', program: '' });
  const [filters, setFilters] = useState<Filters>(draft);
  const pages = useCursorPages();
  const cursor = pages.cursor;
  const programs = useCodeNames(api, 'programs');
  const staff = useStaffNames(api);
  const ids = { status: useId(), assignee: useId(), program: useId() };

  const page = useLoad(
    () =>
      api.GET('/api/v1/cases', {
        params: {
          query: {
            limit: PAGE_SIZE,
            ...(filters.status ? { status: filters.status } : {}),
            ...(filters.assignedTo ? { assignedTo: filters.assignedTo } : {}),
            ...(filters.program ? { program: filters.program } : {}),
            ...(cursor ? { cursor } : {}),
          },
        },
      }),
    [api, filters, cursor],
  );
  const clients = useClientNames(api, page.data?.items.map((c) => c.clientId) ?? []);

  const search = (event: FormEvent) => {
    event.preventDefault();
    setFilters(draft);
    pages.reset();
  };

  return (
    <section className="panel supervisor">
      <h1>課のケース一覧</h1>
      <form className="filters" onSubmit={search}>
        <div className="field">
          <label htmlFor={ids.status}>状況</label>
          <select id={ids.status} value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.target.value as Status })}>
            <option value="">すべて</option>
            <option value="open">{CASE_STATUS_LABELS.open}</option>
            <option value="closed">{CASE_STATUS_LABELS.closed}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.assignee}>担当</label>
          <select id={ids.assignee} value={draft.assignedTo} onChange={(e) => setDraft({ ...draft, assignedTo: e.target.value as Assignee })}>
            <option value="">課の全員</option>
            <option value="me">自分の担当</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.program}>事業</label>
          <select id={ids.program} value={draft.program} onChange={(e) => setDraft({ ...draft, program: e.target.value })}>
            <option value="">すべて</option>
            {[...programs.names].map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="primary">
          表示
        </button>
      </form>
      {page.state === 'loading' && <p className="empty">読み込み中…</p>}
      {page.state === 'failed' && <ErrorSummary error={page.error} />}
      {page.state === 'done' &&
        (page.data.items.length === 0 ? (
          <p role="status" className="empty">
            条件に合うケースはありません。
          </p>
        ) : (
          <table className="results">
            <caption role="status">
              課のケース {page.data.items.length}件{pages.pageNumber > 1 && `（${pages.pageNumber}ページ目）`}
            </caption>
            <thead>
              <tr>
                <th scope="col">ケース番号</th>
                <th scope="col">相談者</th>
                <th scope="col">事業</th>
                <th scope="col">担当</th>
                <th scope="col">開始日</th>
                <th scope="col">状況</th>
                <th scope="col">制限</th>
              </tr>
            </thead>
            <tbody>
              {page.data.items.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={pathTo(PATHS.case, { id: c.id })}>{c.caseNumber}</Link>
                  </td>
                  <td>
                    <ClientLabel client={clients.get(c.clientId)} />
                  </td>
                  <td>{programs.name(c.programCode)}</td>
                  <td>{c.assignedCounselorId ? staffName(me, staff, c.assignedCounselorId) : '未割当'}</td>
                  <td>{formatJstDate(c.openedOn)}</td>
                  <td>
                    {label(CASE_STATUS_LABELS, c.status)}
                    {c.status === 'closed' && c.closedOn && `（${formatJstDate(c.closedOn)}・${label(CLOSE_REASON_LABELS, c.closeReason)}）`}
                  </td>
                  <td>{c.restricted ? <span className="badge restricted-mark">制限</span> : <span className="visually-hidden">なし</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      <PageButtons pages={pages} nextCursor={page.data?.nextCursor} previousLabel={`前の${PAGE_SIZE}件`} nextLabel={`次の${PAGE_SIZE}件`} />
    </section>
  );
}
