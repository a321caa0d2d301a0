import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock } from '@tsunagu/common';
import { DataSource } from 'typeorm';
import { chainHash, GENESIS_HASH } from './audit-hash';
import { AuditEvent } from './audit-event.entity';
import { AuditSeal } from './audit-seal.entity';

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
      const [{ locked }] = await manager.query(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [SEAL_LOCK]);
      if (!locked) return 0;
      const [{ horizon }] = await manager.query(`SELECT (pg_snapshot_xmin(pg_current_snapshot()))::text AS horizon`);
      const head: Array<{ chain_seq: string; hash: string; xact_id: string; event_id: string }> = await manager.query(
        `SELECT s.chain_seq, s.hash, e.xact_id, s.event_id
           FROM audit_seals s JOIN audit_events e ON e.id = s.event_id
          ORDER BY s.chain_seq DESC LIMIT 1`,
      );
      const last = head[0];
      const events = await manager
        .getRepository(AuditEvent)
        .createQueryBuilder('e')
        .where('e.xact_id < :horizon', { horizon })
        .andWhere(last ? '(e.xact_id, e.id) > (:lastXact, :lastId)' : 'TRUE', last ? { lastXact: last.xact_id, lastId: last.event_id } : {})
        .orderBy('e.xact_id', 'ASC')
        .addOrderBy('e.id', 'ASC')
        .limit(BATCH)
        .getMany();
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
      await manager.insert(AuditSeal, seals);
      return seals.length;
    });
  }
}
