import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const REQUEST_ID_HEADER = 'X-Request-Id';
const ACCEPTED = /^[A-Za-z0-9._-]{8,64}$/;

export type RequestWithId = IncomingMessage & { id?: string };

/**
 * Gives every request an id before anything else runs (body parsing included), echoes it in
 * the response and lets logs, errors and audit events name the same request. A well-formed
 * id from the reverse proxy is kept so one request can be followed across hops.
 */
export function requestIdMiddleware(req: RequestWithId, res: ServerResponse, next: () => void): void {
  const incoming = req.headers['x-request-id'];
  req.id = typeof incoming === 'string' && ACCEPTED.test(incoming) ? incoming : randomUUID();
  res.setHeader(REQUEST_ID_HEADER, req.id);
  next();
}

export function requestIdOf(req: unknown): string {
  return (req as RequestWithId | undefined)?.id ?? 'unknown';
}
