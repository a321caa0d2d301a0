import { useEffect, useRef, useState } from 'react';
import type { ApiClient, Schemas } from '../../api/client';

/**
 * Look-ups for the supervisor's lists. The queues (referrals, placements, break-glass, cases)
 * carry ids only, so a list names its cases and clients by reading each once. Only the name and
 * the 住所秘匿 flag are kept from a client: nothing else of the record reaches the screen.
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
  const { data } = await api.GET('/api/v1/clients/{id}', { params: { path: { id: clientId } } });
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

interface Named {
  id?: string;
  code?: string;
  name: string;
}

/**
 * Names of master data (departments by id, programs by code). The api's OpenAPI document leaves
 * these two lists untyped, hence the cast; a failed read leaves the codes shown as they are. A
 * null list (the user may not read master data) reads nothing.
 */
export function useMasterNames(api: ApiClient, list: '/api/v1/departments' | '/api/v1/programs' | null, by: 'id' | 'code'): Map<string, string> {
  const [names, setNames] = useState<Map<string, string>>(() => new Map());
  useEffect(() => {
    if (!list) return;
    let current = true;
    api.GET(list).then(
      ({ data }) => {
        const rows = (Array.isArray(data) ? data : []) as Named[];
        if (current) setNames(new Map(rows.map((r) => [String(r[by]), r.name])));
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [api, list, by]);
  return names;
}

/** The api names staff by id only (the user list is the admin's): one's own requests say 自分. */
export function staffLabel(me: Schemas['MeResponseDto'], userId: string | null): string {
  if (!userId) return '—';
  return userId === me.id ? `自分（${me.displayName}）` : `職員 ${userId.slice(0, 8)}`;
}

export function ClientLabel({ client }: { client: ClientName | null | undefined }) {
  if (!client) return <>—</>;
  return (
    <>
      {client.name}
      {client.addressProtected && (
        <>
          {' '}
          <span className="badge badge-protected">住所秘匿</span>
        </>
      )}
    </>
  );
}
