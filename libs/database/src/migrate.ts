import { DataSource } from 'typeorm';

/** Advisory lock key: one process at a time applies migrations. */
const MIGRATION_LOCK = 726_173_002;

/**
 * Applies pending migrations while holding a session-level advisory lock, so several api and
 * worker processes starting together never run the same migration twice. A process that waited
 * finds nothing left to do. Returns the names applied here.
 */
export async function runMigrationsLocked(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((m) => m.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    await runner.release();
  }
}
