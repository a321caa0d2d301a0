import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** The stored fields of an event, as the chain sees them. */
export interface HashableEvent {
  id: string;
  xactId: string;
  occurredAt: Date;
  category: string;
  action: string;
  outcome: string;
  actorId: string | null;
  actorRole: string | null;
  actorUnitId: string | null;
  resourceType: string | null;
  resourceId: string | null;
  caseId: string | null;
  reason: string | null;
  detailCode: string | null;
  requestId: string | null;
  ip: string | null;
}

/** Fixed field order, so the same event always serializes to the same bytes. */
export function canonicalEvent(e: HashableEvent): string {
  return JSON.stringify([
    e.id,
    e.xactId,
    e.occurredAt.toISOString(),
    e.category,
    e.action,
    e.outcome,
    e.actorId,
    e.actorRole,
    e.actorUnitId,
    e.resourceType,
    e.resourceId,
    e.caseId,
    e.reason,
    e.detailCode,
    e.requestId,
    e.ip,
  ]);
}

/** hash(n) = SHA-256(seq ‖ hash(n-1) ‖ canonical event): changing, removing or reordering breaks every later link. */
export function chainHash(chainSeq: string, prevHash: string, event: HashableEvent): string {
  return createHash('sha256').update(`${chainSeq}\n${prevHash}\n${canonicalEvent(event)}`).digest('hex');
}
