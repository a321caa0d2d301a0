import { useMemo } from 'react';
import type { ApiClient, Schemas } from '../api/client';
import { useLoad } from '../api/hooks';

/** The display names of the caller's unit (GET /staff), read once per screen. */
export interface StaffNames {
  /** The list has been read: an id missing from it is someone outside the unit. */
  loaded: boolean;
  names: ReadonlyMap<string, string>;
}

const NO_STAFF = { data: [] as Schemas['StaffMemberDto'][], response: new Response(null, { status: 200 }) };

/**
 * Names of the caller's colleagues by user id. `enabled` false (the user may not read cases)
 * reads nothing. A failed read leaves the names unknown: the ids are then shown neutrally.
 */
export function useStaffNames(api: ApiClient, enabled = true): StaffNames {
  const loaded = useLoad(() => (enabled ? api.GET('/api/v1/staff') : Promise.resolve(NO_STAFF)), [api, enabled]);
  const data = loaded.state === 'done' && enabled && Array.isArray(loaded.data) ? loaded.data : null;
  return useMemo(() => ({ loaded: data !== null, names: new Map((data ?? []).map((s) => [s.id, s.displayName])) }), [data]);
}

/**
 * A staff member as a screen names her: 自分（name） for the user herself, the display name of a
 * colleague, and a neutral label for anyone else (another unit's staff are not named).
 */
export function staffName(me: Schemas['MeResponseDto'], staff: StaffNames, userId: string | null): string {
  if (!userId) return '—';
  if (userId === me.id) return `自分（${me.displayName}）`;
  const name = staff.names.get(userId);
  if (name) return name;
  return staff.loaded ? '他の係の職員' : '職員';
}
