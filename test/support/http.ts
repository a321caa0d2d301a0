/** The api's path prefix: api('cases') is /api/v1/cases. */
export const api = (path: string): string => `/api/v1/${path}`;

/** The Authorization header of a signed-in test user. */
export const as = (who: { token: string }): { Authorization: string } => ({ Authorization: `Bearer ${who.token}` });
