import type { ApiClient } from '../../api/client';
import { useLoad } from '../../api/hooks';
import { Link, pathTo } from '../../router/router';
import { PATHS } from '../../router/paths';
import { ProtectedBadge } from '../../ui/ProtectedBadge';

/**
 * A client's name (with 住所秘匿 when protected) for a list of cases, which carry only the
 * client's id. Only the summary is read (name and flag, no phone or address).
 */
export function ClientName({ api, clientId, link = false }: { api: ApiClient; clientId: string; link?: boolean }) {
  const loaded = useLoad(() => api.GET('/api/v1/clients/{id}/summary', { params: { path: { id: clientId } } }), [api, clientId]);
  if (loaded.state === 'loading') return <span className="empty">…</span>;
  if (loaded.state === 'failed') return <span className="empty">（表示できません）</span>;
  const { name, addressProtected } = loaded.data;
  return (
    <>
      {link ? <Link to={pathTo(PATHS.client, { id: clientId })}>{name}</Link> : name} <ProtectedBadge protectedAddress={addressProtected} />
    </>
  );
}
