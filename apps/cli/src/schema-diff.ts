import { readdirSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { migrationNames } from '@tsunagu/database';
import { SCHEMA } from '@tsunagu/schema';

export interface SchemaDiff {
  up: string[];
  down: string[];
}

/** SQL that would bring the migrated database in line with the entities; empty when in step. */
export async function schemaDiff(dataSource: DataSource): Promise<SchemaDiff> {
  const log = await dataSource.driver.createSchemaBuilder().log();
  return {
    up: log.upQueries.map((q) => q.query),
    down: log.downQueries.map((q) => q.query).reverse(),
  };
}

/** Migration files on disk that the migration list does not name, and the reverse. */
export function unlistedMigrations(migrationsDir: string): { unlisted: string[]; missing: string[] } {
  const files = readdirSync(migrationsDir)
    .filter((f) => /^\d{13}-[A-Za-z0-9]+\.ts$/.test(f))
    .map((f) => {
      const [stamp, rest] = f.replace(/\.ts$/, '').split('-');
      return `${rest}${stamp}`;
    });
  const listed = migrationNames(SCHEMA);
  return {
    unlisted: files.filter((f) => !listed.includes(f)),
    missing: listed.filter((l) => !files.includes(l)),
  };
}
