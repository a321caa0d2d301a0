import type { ApiClient } from '../../api/client';
import { useLoad } from '../../api/hooks';
import { formatJstDate } from '../../format/dates';
import { PATHS } from '../../router/paths';
import { Link, pathTo } from '../../router/router';
import type { CodeNames } from '../../ui/code-names';
import { LoadedSection } from '../../ui/LoadedSection';
import { ClientName } from '../clients/ClientName';

/** 担当中のケース: the signed-in counselor's open cases (the first 50). */
export function MyCases({ api, programs }: { api: ApiClient; programs: CodeNames }) {
  const loaded = useLoad(() => api.GET('/api/v1/cases', { params: { query: { assignedTo: 'me', status: 'open', limit: 50 } } }), [api]);
  return (
    <LoadedSection title="担当中のケース" loaded={loaded} isEmpty={(page) => !page.items?.length} empty="担当中のケースはありません。">
      {(page) => (
        <table className="results">
          <caption>担当中のケース {page.items.length}件{page.nextCursor ? '（先頭の50件）' : ''}</caption>
          <thead>
            <tr>
              <th scope="col">ケース番号</th>
              <th scope="col">相談者</th>
              <th scope="col">相談事業</th>
              <th scope="col">受付日</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((item) => (
              <tr key={item.id}>
                <td>
                  <Link to={pathTo(PATHS.case, { id: item.id })}>{item.caseNumber}</Link>
                </td>
                <td>
                  <ClientName api={api} clientId={item.clientId} />
                </td>
                <td>{programs.name(item.programCode)}</td>
                <td>{formatJstDate(item.openedOn)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </LoadedSection>
  );
}
