import { useEffect, useMemo, useRef, useState } from 'react';
import type { ApiClient } from '../api/client';
import { useLoad } from '../api/hooks';
import { ProtectedBadge } from './ProtectedBadge';

/**
 * Look-ups for the review lists (承認待ち, 課のケース一覧). The queues (referrals, placements,
 * break-glass, cases) carry ids only, so a list names its cases and clients by reading each once. A client is read as
 * her summary (GET /clients/:id/summary: name and 住所秘匿 flag, no phone or address).
 */
export interface ClientName {
  name: string;
  addressProtected: boolean;
}

export interface CaseLabel {
  caseNumber: string;
  client: ClientName | null;
}

async function readClient(api: ApiClient, clientId: string): Promise<ClientName | null> {
  const { data } = await api.GET('/api/v1/clients/{id}/summary', { params: { path: { id: clientId } } });
  return data ? { name: data.name, addressProtected: data.addressProtected } : null;
}

/**
 * Values by id, read once per id: a reload of a list (after a decision) asks only for ids not seen
 * before, so the audit log is not filled with repeated reads of the same record.
 */
function useReadOnce<T>(ids: readonly string[], read: (id: string) => Promise<T | null>, deps: readonly unknown[]): Map<string, T> {
  const [values, setValues] = useState<Map<string, T>>(() => new Map());
  const asked = useRef(new Set<string>());
  const key = [...new Set(ids)].sort().join(',');
  const readRef = useRef(read);
  readRef.current = read;
  useEffect(() => {
    asked.current = new Set();
    setValues(new Map());
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  useEffect(() => {
    const wanted = key ? key.split(',').filter((id) => !asked.current.has(id)) : [];
    if (wanted.length === 0) return;
    for (const id of wanted) asked.current.add(id);
    void Promise.all(wanted.map(async (id) => [id, await readRef.current(id).catch(() => null)] as const)).then((pairs) => {
      setValues((previous) => {
        const next = new Map(previous);
        for (const [id, value] of pairs) if (value !== null) next.set(id, value);
        return next;
      });
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, ...deps]);
  return values;
}

/** Client names by client id (unknown ids stay missing). */
export function useClientNames(api: ApiClient, clientIds: readonly string[]): Map<string, ClientName> {
  return useReadOnce(clientIds, (id) => readClient(api, id), [api]);
}

/** Case number and client name by case id. */
export function useCaseLabels(api: ApiClient, caseIds: readonly string[]): Map<string, CaseLabel> {
  return useReadOnce(
    caseIds,
    async (id) => {
      const { data } = await api.GET('/api/v1/cases/{id}', { params: { path: { id } } });
      if (!data) return null;
      return { caseNumber: data.caseNumber, client: await readClient(api, data.clientId).catch(() => null) };
    },
    [api],
  );
}

/** Department names by id (GET /departments); a failed read leaves the ids unnamed. */
export function useDepartmentNames(api: ApiClient): Map<string, string> {
  const loaded = useLoad(() => api.GET('/api/v1/departments'), [api]);
  const data = loaded.state === 'done' && Array.isArray(loaded.data) ? loaded.data : null;
  return useMemo(() => new Map((data ?? []).map((d) => [d.id, d.name])), [data]);
}

/** A client's name with 住所秘匿 when protected; — while unknown. */
export function ClientLabel({ client }: { client: ClientName | null | undefined }) {
  if (!client) return <>—</>;
  return (
    <>
      {client.name} <ProtectedBadge protectedAddress={client.addressProtected} />
    </>
  );
}
