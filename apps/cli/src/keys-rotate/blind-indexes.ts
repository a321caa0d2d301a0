import { AuditAction, AuditCategory, AuditWriter, TransactionRunner, Tx } from '@tsunagu/audit';
import { clientFieldAad } from '@tsunagu/cases';
import { Clock } from '@tsunagu/common';
import { BlindIndexer, BlindIndexKind, DataKeyService, FieldCipher, normalizeKana, normalizePhone, ResolvedKeyMaterial, ShreddedKeyError } from '@tsunagu/crypto';
import { lineUserAad } from '@tsunagu/line';
import { DataSource } from 'typeorm';
import { queryRows } from '@tsunagu/database';

export type BlindIndexTable = 'clients' | 'line_users';

export interface BlindIndexProgress {
  table: BlindIndexTable;
  /** Rows of this table given indexes under the current key so far in this run. */
  recomputed: number;
  /** Rows of this table not yet under the current key, as counted at the start less those done since. */
  remaining: number;
}

export interface BlindIndexTableResult {
  recomputed: number;
  /** Rows whose data key was destroyed: their indexes were cleared, not recomputed. */
  shredded: number;
  /**
   * LINE users left without an index because another row of the same channel already holds the
   * same LINE user under the current key (two rows for one user: only when a process ran
   * without the previous key mid-rotation). That other row keeps receiving the user's events.
   */
  duplicates: number;
  /** Rows still not under the current key (held by another transaction): run again. */
  remaining: number;
}

export interface BlindIndexRotationResult {
  currentKeyId: string;
  /** The id of TSUNAGU_PREVIOUS_BLIND_INDEX_KEY, when set. */
  previousKeyId: string | null;
  clients: BlindIndexTableResult;
  lineUsers: BlindIndexTableResult;
  /** No row is indexed under any key but the current one: the previous key can be removed. */
  done: boolean;
}

const SUBJECT = { requestId: 'cli:keys-rotate:blind-indexes', ip: null };
const FIRST_ID = '00000000-0000-0000-0000-000000000000';

type Row = Record<string, string | boolean | null>;
type Outcome = 'recomputed' | 'shredded' | 'duplicates';

interface TableSpec {
  table: BlindIndexTable;
  resourceType: string;
  /** Ids of the next rows after `$2` not under key `$1`, at most `$3`, locked; with `shredded` when their data key is gone. */
  select: string;
  /** Writes the row's indexes under the current key, or none when `shredded`; says which it did. */
  recompute(tx: Tx, row: Row, shredded: boolean): Promise<Outcome>;
}

/**
 * Recomputes the blind indexes of clients (phone, kana) and LINE users (user id) under the current
 * blind-index key, from the values decrypted under each row's data key, in batches: each batch one
 * audited transaction taking its rows in id order with SKIP LOCKED, so it runs beside the serving
 * app and after an interruption simply goes on with the rows still not under the current key.
 * Rows whose data key was destroyed get no index. Progress and result hold counts and key ids only.
 */
export async function recomputeBlindIndexes(dataSource: DataSource, keys: ResolvedKeyMaterial, onProgress: (p: BlindIndexProgress) => void, batchSize = 500): Promise<BlindIndexRotationResult> {
  const blind = new BlindIndexer(keys.blindIndexKey, keys.previousBlindIndexKey);
  const cipher = new FieldCipher(new DataKeyService(dataSource, keys));
  const runner = new TransactionRunner(dataSource, new AuditWriter(dataSource, new Clock()));
  const current = blind.keyId;

  const indexOf = (kind: Exclude<BlindIndexKind, 'line-user'>, value: string | null): string | null => {
    const normalized = value === null ? '' : kind === 'phone' ? normalizePhone(value) : normalizeKana(value);
    return normalized ? blind.index(kind, normalized) : null;
  };

  const specs: TableSpec[] = [
    {
      table: 'clients',
      resourceType: 'client',
      select: `SELECT c.id, c.phone_enc, c.kana_enc, (dk.wrapped_key IS NULL) AS shredded
                 FROM clients c LEFT JOIN data_keys dk ON dk.id = c.data_key_id
                WHERE c.id > $2 AND c.bidx_key_id IS DISTINCT FROM $1
                ORDER BY c.id LIMIT $3 FOR UPDATE OF c SKIP LOCKED`,
      async recompute(tx, row, shredded) {
        const id = row.id as string;
        const phone = shredded ? null : await cipher.decryptOptional(row.phone_enc as string | null, clientFieldAad(id, 'phone'), tx.manager);
        const kana = shredded ? null : await cipher.decryptOptional(row.kana_enc as string | null, clientFieldAad(id, 'kana'), tx.manager);
        await tx.manager.query(`UPDATE clients SET phone_bidx = $2, kana_bidx = $3, bidx_key_id = $4 WHERE id = $1`, [id, indexOf('phone', phone), indexOf('kana', kana), current]);
        return shredded ? 'shredded' : 'recomputed';
      },
    },
    {
      table: 'line_users',
      resourceType: 'line-user',
      select: `SELECT lu.id, lu.user_id_enc, (dk.wrapped_key IS NULL) AS shredded
                 FROM line_users lu LEFT JOIN data_keys dk ON dk.id = lu.data_key_id
                WHERE lu.id > $2 AND lu.bidx_key_id IS DISTINCT FROM $1
                ORDER BY lu.id LIMIT $3 FOR UPDATE OF lu SKIP LOCKED`,
      async recompute(tx, row, shredded) {
        const id = row.id as string;
        if (shredded) {
          await tx.manager.query(`UPDATE line_users SET user_id_bidx = NULL, bidx_key_id = $2 WHERE id = $1`, [id, current]);
          return 'shredded';
        }
        const bidx = blind.lineUser(await cipher.decrypt(row.user_id_enc as string, lineUserAad(id), tx.manager));
        // (channel_id, user_id_bidx) is unique: a row already holding this user under the current
        // key wins, and this one is left unindexed instead of breaking the batch.
        await tx.manager.query(`SAVEPOINT bidx_line_user`);
        try {
          await tx.manager.query(`UPDATE line_users SET user_id_bidx = $2, bidx_key_id = $3 WHERE id = $1`, [id, bidx, current]);
          await tx.manager.query(`RELEASE SAVEPOINT bidx_line_user`);
          return 'recomputed';
        } catch (error) {
          if (!isUniqueViolation(error)) throw error;
          await tx.manager.query(`ROLLBACK TO SAVEPOINT bidx_line_user`);
          await tx.manager.query(`UPDATE line_users SET user_id_bidx = NULL, bidx_key_id = $2 WHERE id = $1`, [id, current]);
          return 'duplicates';
        }
      },
    },
  ];

  const results: Record<BlindIndexTable, BlindIndexTableResult> = {
    clients: { recomputed: 0, shredded: 0, duplicates: 0, remaining: 0 },
    line_users: { recomputed: 0, shredded: 0, duplicates: 0, remaining: 0 },
  };
  for (const spec of specs) {
    const counts = results[spec.table];
    const before = await countNotCurrent(dataSource, spec.table, current);
    let after = FIRST_ID;
    for (;;) {
      // Looked at outside the batch so an empty last batch writes no audit event.
      const [next] = await queryRows<{ id: string }>(dataSource, `SELECT id FROM ${spec.table} WHERE id > $2 AND bidx_key_id IS DISTINCT FROM $1 ORDER BY id LIMIT 1`, [current, after]);
      if (!next) break;
      const outcomes = await runner.run(SUBJECT, async (tx) => {
        const rows: Row[] = await tx.manager.query(spec.select, [current, after, batchSize]);
        const done: Outcome[] = [];
        for (const row of rows) done.push(await recomputeRow(spec, tx, row));
        await tx.audit({ category: AuditCategory.Security, action: AuditAction.BlindIndexRecompute, resourceType: spec.resourceType, detailCode: `${current}:${rows.length}` });
        if (rows.length > 0) after = rows[rows.length - 1].id as string;
        return done;
      });
      // Nothing taken: what is left is held by other transactions (skipped) and stays for the next run.
      if (outcomes.length === 0) break;
      for (const outcome of outcomes) counts[outcome]++;
      const done = counts.recomputed + counts.shredded + counts.duplicates;
      onProgress({ table: spec.table, recomputed: done, remaining: Math.max(0, before - done) });
    }
    counts.remaining = await countNotCurrent(dataSource, spec.table, current);
  }
  return {
    currentKeyId: current,
    previousKeyId: blind.previousKeyId,
    clients: results.clients,
    lineUsers: results.line_users,
    done: results.clients.remaining === 0 && results.line_users.remaining === 0,
  };
}

async function recomputeRow(spec: TableSpec, tx: Tx, row: Row): Promise<Outcome> {
  if (row.shredded === true) return spec.recompute(tx, row, true);
  try {
    return await spec.recompute(tx, row, false);
  } catch (error) {
    // Destroyed after the batch was read.
    if (!(error instanceof ShreddedKeyError)) throw error;
    return spec.recompute(tx, row, true);
  }
}

async function countNotCurrent(dataSource: DataSource, table: BlindIndexTable, current: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(dataSource, `SELECT count(*)::int AS n FROM ${table} WHERE bidx_key_id IS DISTINCT FROM $1`, [current]);
  return row.n;
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string } };
  return e?.code === '23505' || e?.driverError?.code === '23505';
}
