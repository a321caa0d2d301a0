import { useMemo } from 'react';
import type { ApiClient } from '../api/client';
import { useLoad } from '../api/hooks';

/** The names of the programs (相談事業) or concerns (主訴) by code. */
export interface CodeNames {
  /** The name of a code; an unknown code (or a failed read) shows as the code itself. */
  name: (code: string) => string;
  /** code → name, in the api's order. */
  names: ReadonlyMap<string, string>;
}

type CodeList = 'programs' | 'concerns';

const NOTHING = { data: [] as Array<{ code: string; name: string }>, response: new Response(null, { status: 200 }) };

/**
 * GET /programs or /concerns once, for the names of the codes a screen shows. Null (the user may
 * not read master data) reads nothing. One call per screen: pass the result down to its parts.
 */
export function useCodeNames(api: ApiClient, list: CodeList | null): CodeNames {
  const loaded = useLoad<Array<{ code: string; name: string }>>(
    () => (list === 'programs' ? api.GET('/api/v1/programs') : list === 'concerns' ? api.GET('/api/v1/concerns') : Promise.resolve(NOTHING)),
    [api, list],
  );
  const data = loaded.state === 'done' && Array.isArray(loaded.data) ? loaded.data : null;
  return useMemo(() => {
    const names = new Map((data ?? []).map((item) => [item.code, item.name]));
    return { names, name: (code: string) => names.get(code) ?? code };
  }, [data]);
}
