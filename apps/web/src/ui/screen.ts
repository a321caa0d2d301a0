import type { ApiClient, Schemas } from '../api/client';
import type { Permission } from '../labels';

/** What every routed screen receives: the api client, the signed-in user and the path's params. */
export interface ScreenProps {
  api: ApiClient;
  me: Schemas['MeResponseDto'];
  params: Record<string, string>;
}

/** Whether the user holds any of the permissions (libs/access Permission: a renamed one fails to compile here). */
export function can(me: Schemas['MeResponseDto'], ...permissions: Permission[]): boolean {
  return permissions.some((p) => me.permissions.includes(p));
}
