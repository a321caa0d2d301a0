import type { ApiClient, Schemas } from '../api/client';

/** What every routed screen receives: the api client, the signed-in user and the path's params. */
export interface ScreenProps {
  api: ApiClient;
  me: Schemas['MeResponseDto'];
  params: Record<string, string>;
}

export function can(me: Schemas['MeResponseDto'], ...permissions: string[]): boolean {
  return permissions.some((p) => me.permissions.includes(p));
}
