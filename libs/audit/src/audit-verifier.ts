import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ChainProblem } from './audit-codes';
import { chainHash, GENESIS_HASH } from './audit-hash';
import { AuditEvent } from './audit-event.entity';
import { queryRows } from '@tsunagu/database';

export interface ChainVerification {
  ok: boolean;
  /** Seals checked. */
  checked: number;
  /** The event at the first broken link (changed, deleted or slipped in), or null. */
  firstBrokenId: string | null;
  problem: ChainProblem | null;
  /** Events not sealed yet (normally only those of the last second or so). */
  unsealed: number;
}

const BATCH = 2000;

/** Walks the chain from the first seal and names the first link that does not hold. */
@Injectable()
export class AuditVerifier {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async verify(): Promise<ChainVerification> {
    let checked = 0;
    let prev = GENESIS_HASH;
    let expectedSeq = 1n;
    let afterSeq = '0';
    let last: { xactId: string; id: string } | null = null;
    const broken = (firstBrokenId: string, problem: ChainVerification['problem']): ChainVerification => ({
      ok: false,
      checked,
      firstBrokenId,
      problem,
      unsealed: 0,
    });
    for (;;) {
      const rows: Array<{ chain_seq: string; event_id: string; prev_hash: string; hash: string }> = await this.dataSource.query(
        `SELECT chain_seq, event_id, prev_hash, hash FROM audit_seals WHERE chain_seq > $1 ORDER BY chain_seq LIMIT ${BATCH}`,
        [afterSeq],
      );
      if (rows.length === 0) break;
      const events = await this.dataSource
        .getRepository(AuditEvent)
        .createQueryBuilder('e')
        .where('e.id IN (:...ids)', { ids: rows.map((r) => r.event_id) })
        .getMany();
      const byId = new Map(events.map((e) => [e.id, e]));
      for (const seal of rows) {
        const event = byId.get(seal.event_id);
        if (!event) return broken(seal.event_id, 'missing-event');
        if (BigInt(seal.chain_seq) !== expectedSeq || seal.prev_hash !== prev) return broken(seal.event_id, 'bad-link');
        if (chainHash(seal.chain_seq, prev, event) !== seal.hash) return broken(seal.event_id, 'changed');
        prev = seal.hash;
        expectedSeq += 1n;
        checked++;
        last = { xactId: event.xactId, id: event.id };
        afterSeq = seal.chain_seq;
      }
    }
    // Any event positioned before the last seal but without a seal of its own was slipped in afterwards.
    if (last) {
      const slipped: Array<{ id: string }> = await this.dataSource.query(
        `SELECT e.id FROM audit_events e
          WHERE (e.xact_id, e.id) < ($1::bigint, $2::bigint)
            AND NOT EXISTS (SELECT 1 FROM audit_seals s WHERE s.event_id = e.id)
          ORDER BY e.xact_id, e.id LIMIT 1`,
        [last.xactId, last.id],
      );
      if (slipped.length > 0) return broken(slipped[0].id, 'unsealed-gap');
    }
    const [{ count }] = await queryRows<{ count: number }>(
      this.dataSource,
      `SELECT count(*)::int AS count FROM audit_events e WHERE NOT EXISTS (SELECT 1 FROM audit_seals s WHERE s.event_id = e.id)`,
    );
    return { ok: true, checked, firstBrokenId: null, problem: null, unsealed: count };
  }
}
