import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock } from '@tsunagu/common';
import { DataSource } from 'typeorm';
import { chainHash, GENESIS_HASH, HashableEvent } from './audit-hash';
import { queryRows } from '@tsunagu/database';

/** Advisory lock key: one sealer at a time across all api and worker processes. */
const SEAL_LOCK = 726_173_001;
const BATCH = 500;

/**
 * Chains committed audit events. Business transactions only insert events (no shared row to
 * lock, so writers never queue behind each other); this sealer then links them in the order
 * of their transaction ids, taking only transactions older than every running one, so an event
 * that commits late can never need a place before an existing seal.
 */
@Injectable()
export class AuditSealer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('AuditSealer');
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly intervalMs = 1000,
  ) {}

  onApplicationBootstrap(): void {
    if (this.intervalMs <= 0) return;
    this.timer = setInterval(() => void this.sealPending().catch((e: Error) => this.logger.warn(`Sealing failed: ${e.message}`)), this.intervalMs);
    this.timer.unref();
  }

  /** Seals what has committed before the database connections close, so a stop leaves nothing behind. */
  async beforeApplicationShutdown(): Promise<void> {
    if (!this.timer) return;
    clearInterval(this.timer);
    await this.sealPending().catch((e: Error) => this.logger.warn(`Final sealing failed: ${e.message}`));
  }

  /** Seals every event that can be sealed now; returns how many. */
  async sealPending(): Promise<number> {
    if (this.running) return this.running;
    this.running = this.sealAll().finally(() => (this.running = undefined));
    return this.running;
  }

  private async sealAll(): Promise<number> {
    let total = 0;
    for (;;) {
      const sealed = await this.sealBatch();
      total += sealed;
      if (sealed < BATCH) return total;
    }
  }

  private sealBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await queryRows<{ locked: boolean }>(manager, `SELECT pg_try_advisory_xact_lock($1) AS locked`, [SEAL_LOCK]);
      if (!locked) return 0;
      const [{ horizon }] = await queryRows<{ horizon: string }>(manager, `SELECT (pg_snapshot_xmin(pg_current_snapshot()))::text AS horizon`);
      const head: Array<{ chain_seq: string; hash: string; xact_id: string; event_id: string }> = await manager.query(
        `SELECT s.chain_seq, s.hash, e.xact_id, s.event_id
           FROM audit_seals s JOIN audit_events e ON e.id = s.event_id
          ORDER BY s.chain_seq DESC LIMIT 1`,
      );
      const last = head[0];
      // Plain SQL both ways: the sealer handles every event the system writes. The order is by
      // the columns, not the text outputs of the same names (as text, 1000 sorts before 999).
      const rows: EventRow[] = await manager.query(
        `SELECT id::text, xact_id::text, occurred_at, category, action, outcome, actor_id, actor_role, actor_unit_id,
                resource_type, resource_id, case_id, reason, detail_code, request_id, ip
           FROM audit_events
          WHERE xact_id < $1 ${last ? 'AND (xact_id, id) > ($3::bigint, $4::bigint)' : ''}
          ORDER BY audit_events.xact_id, audit_events.id
          LIMIT $2`,
        last ? [horizon, BATCH, last.xact_id, last.event_id] : [horizon, BATCH],
      );
      const events = rows.map(fromRow);
      if (events.length === 0) return 0;
      let seq = last ? BigInt(last.chain_seq) : 0n;
      let prev = last?.hash ?? GENESIS_HASH;
      const now = this.clock.now();
      const seals = events.map((event) => {
        seq += 1n;
        const hash = chainHash(seq.toString(), prev, event);
        const seal = { chainSeq: seq.toString(), eventId: event.id, prevHash: prev, hash, sealedAt: now };
        prev = hash;
        return seal;
      });
      const values = seals.map((_, i) => `($${i * 5 + 1}, $${i * 5 + 2}, $${i * 5 + 3}, $${i * 5 + 4}, $${i * 5 + 5})`).join(', ');
      await manager.query(
        `INSERT INTO audit_seals (chain_seq, event_id, prev_hash, hash, sealed_at) VALUES ${values}`,
        seals.flatMap((x) => [x.chainSeq, x.eventId, x.prevHash, x.hash, x.sealedAt]),
      );
      return seals.length;
    });
  }
}

interface EventRow {
  id: string;
  xact_id: string;
  occurred_at: Date;
  category: string;
  action: string;
  outcome: string;
  actor_id: string | null;
  actor_role: string | null;
  actor_unit_id: string | null;
  resource_type: string | null;
  resource_id: string | null;
  case_id: string | null;
  reason: string | null;
  detail_code: string | null;
  request_id: string | null;
  ip: string | null;
}

function fromRow(r: EventRow): HashableEvent {
  return {
    id: r.id,
    xactId: r.xact_id,
    occurredAt: r.occurred_at,
    category: r.category,
    action: r.action,
    outcome: r.outcome,
    actorId: r.actor_id,
    actorRole: r.actor_role,
    actorUnitId: r.actor_unit_id,
    resourceType: r.resource_type,
    resourceId: r.resource_id,
    caseId: r.case_id,
    reason: r.reason,
    detailCode: r.detail_code,
    requestId: r.request_id,
    ip: r.ip,
  };
}
