import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const REQUEST_ID_HEADER = 'X-Request-Id';
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

export type RequestWithId = IncomingMessage & {
  id?: string;
  /** The X-Request-Id the client (or a proxy) sent, when well-formed: untrusted, for following a request across hops in the log only. */
  clientRequestId?: string;
};

/**
 * Gives every request an id of our own before anything else runs (body parsing included),
 * echoes it in the response and lets logs, errors and audit events name the same request.
 * A client chooses nothing here: an X-Request-Id it sends never becomes the id in audit events,
 * only, when well-formed, the separate clientRequestId of the request log.
 */
export function requestIdMiddleware(req: RequestWithId, res: ServerResponse, next: () => void): void {
  req.id = randomUUID();
  const incoming = req.headers['x-request-id'];
  if (typeof incoming === 'string' && CLIENT_REQUEST_ID.test(incoming)) req.clientRequestId = incoming;
  res.setHeader(REQUEST_ID_HEADER, req.id);
  next();
}

export function requestIdOf(req: unknown): string {
  return (req as RequestWithId | undefined)?.id ?? 'unknown';
}
