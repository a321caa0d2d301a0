import { AuditVerifier, ChainVerification } from '@tsunagu/audit';
import { ResolvedKeyMaterial, unwrapDataKey } from '@tsunagu/crypto';
import { createScratchDatabase, dataSourceOptions, queryRows } from '@tsunagu/database';
import { SCHEMA } from '@tsunagu/schema';
import { spawnSync } from 'node:child_process';
import { basename } from 'node:path';
import { DataSource } from 'typeorm';

/** The tables whose row counts a restore reports (personal data, casework, the audit trail). */
export const COUNTED_TABLES = ['users', 'clients', 'cases', 'contacts', 'referrals', 'placements', 'line_messages', 'data_keys', 'audit_events', 'audit_seals', 'monthly_statistics'] as const;

export interface RestoreReport {
  dump: string;
  /** The scratch database it was restored into (dropped afterwards unless kept). */
  database: string;
  counts: Record<(typeof COUNTED_TABLES)[number], number>;
  migrations: { applied: number; pending: string[] };
  auditChain: ChainVerification;
  /** Data keys unwrapped with the given master keys (a sample), or null when no keys were given. */
  keys: { sampled: number; unwrapped: number; shredded: number; failed: number } | null;
  ok: boolean;
}

export interface RestoreCheckOptions {
  dumpFile: string;
  /** A PostgreSQL server URL: the scratch database is created there. */
  serverUrl: string;
  keys?: ResolvedKeyMaterial;
  /** How many data keys to try unwrapping (default 200). */
  keySample?: number;
  keep?: boolean;
}

/**
 * Restores a `pg_dump -Fc` file into a new scratch database and checks it: the audit chain
 * walks end to end, the row counts, the migrations it is at, and (with the key material kept
 * apart from the dump) that its data keys unwrap. Reports ids and counts only.
 */
export async function restoreCheck(options: RestoreCheckOptions): Promise<RestoreReport> {
  const scratch = await createScratchDatabase('restore_check', options.serverUrl);
  try {
    const restore = spawnSync('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--dbname', scratch.url, options.dumpFile], { encoding: 'utf8' });
    if (restore.error) throw new Error(`pg_restore could not run: ${restore.error.message}`);
    if (restore.status !== 0) throw new Error(`pg_restore failed: ${restore.stderr.trim().split('\n').slice(-3).join(' ')}`);
    const dataSource = new DataSource(dataSourceOptions(scratch.url, SCHEMA, { poolSize: 2, applicationName: 'tsunagu-restore-check' }));
    await dataSource.initialize();
    try {
      const counts = {} as RestoreReport['counts'];
      for (const table of COUNTED_TABLES) counts[table] = (await queryRows<{ n: number }>(dataSource, `SELECT count(*)::int AS n FROM "${table}"`))[0].n;
      const applied: string[] = (await queryRows<{ name: string }>(dataSource, `SELECT name FROM migrations`)).map((r) => r.name);
      // Each migration class is named as TypeORM records it (e.g. JobOutbox1795671000000).
      const pending = (SCHEMA.migrations as Array<{ name: string }>).map((m) => m.name).filter((name) => !applied.includes(name));
      const auditChain = await new AuditVerifier(dataSource).verify();
      const keys = options.keys ? await checkKeys(dataSource, options.keys, options.keySample ?? 200) : null;
      return {
        dump: basename(options.dumpFile),
        database: new URL(scratch.url).pathname.slice(1),
        counts,
        migrations: { applied: applied.length, pending },
        auditChain,
        keys,
        ok: auditChain.ok && (keys === null || keys.failed === 0),
      };
    } finally {
      await dataSource.destroy();
    }
  } finally {
    if (!options.keep) await scratch.drop();
  }
}

async function checkKeys(dataSource: DataSource, material: ResolvedKeyMaterial, sample: number): Promise<NonNullable<RestoreReport['keys']>> {
  const rows: Array<{ id: string; wrapped_key: string | null }> = await dataSource.query(`SELECT id, wrapped_key FROM data_keys ORDER BY random() LIMIT $1`, [sample]);
  let unwrapped = 0;
  let shredded = 0;
  let failed = 0;
  for (const row of rows) {
    if (row.wrapped_key === null) {
      shredded++;
      continue;
    }
    try {
      unwrapDataKey(material.keyring, row.wrapped_key, row.id);
      unwrapped++;
    } catch {
      failed++;
    }
  }
  return { sampled: rows.length, unwrapped, shredded, failed };
}
