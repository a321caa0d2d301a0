import { vi } from 'vitest';
import { createApiClient } from './api/client';

export interface Reply {
  status: number;
  body?: unknown;
  /** Beside content-type: application/json, e.g. a download's content-disposition. */
  headers?: Record<string, string>;
}

/** A client whose fetch answers from `reply(method, url, body)` and records the requests. */
export function fakeApi(reply: (method: string, url: URL, body: unknown) => Reply) {
  const requests: Array<{ method: string; url: URL; body: unknown }> = [];
  const headers: Headers[] = [];
  const fetchMock = vi.fn(async (input: Request) => {
    const url = new URL(input.url);
    const text = await input.text();
    const body: unknown = text ? JSON.parse(text) : undefined;
    requests.push({ method: input.method, url, body });
    headers.push(input.headers);
    const answer = reply(input.method, url, body);
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'content-type': 'application/json', ...answer.headers },
    });
  });
  const api = createApiClient({ baseUrl: 'http://localhost', getToken: () => 'token', onSessionEnded: () => undefined, fetch: fetchMock as never });
  return { api, requests, headers };
}
