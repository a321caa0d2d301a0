import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export type ApiClient = ReturnType<typeof createApiClient>;

export interface ApiClientOptions {
  /** The bearer token of the signed-in user, or null before sign-in. */
  getToken: () => string | null;
  /** A signed-in request answered 401: the session ended on the server (idle, revoked). */
  onSessionEnded: () => void;
  baseUrl?: string;
  fetch?: typeof fetch;
}

/** The typed client for /api/v1: paths, bodies and responses all come from schema.d.ts. */
export function createApiClient(options: ApiClientOptions) {
  const client = createClient<paths>({ baseUrl: options.baseUrl ?? '', fetch: options.fetch, cache: 'no-store' });
  const auth: Middleware = {
    onRequest({ request }) {
      const token = options.getToken();
      if (token) request.headers.set('Authorization', `Bearer ${token}`);
      return request;
    },
    onResponse({ request, response }) {
      if (response.status === 401 && request.headers.has('Authorization')) options.onSessionEnded();
      return response;
    },
  };
  client.use(auth);
  return client;
}
