import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MIGRATIONS_TABLE, SchemaDefinition } from './data-source-options';
import { Installation } from './installation.entity';
import { SCHEMA_DEFINITION } from './tokens';
import { queryRows } from './query-rows';

export interface MigrationState {
  pending: string[];
  /** Applied in the database but unknown to this build: the code is older than the data. */
  unknown: string[];
}

/** Facts about the database itself, for health and operations. */
@Injectable()
export class SystemInfoService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SCHEMA_DEFINITION) private readonly schema: SchemaDefinition,
  ) {}

  async installationId(): Promise<string | null> {
    const row = await this.dataSource.getRepository(Installation).find({ order: { createdAt: 'ASC' }, take: 1 });
    return row[0]?.id ?? null;
  }

  async migrationState(): Promise<MigrationState> {
    const known = migrationNames(this.schema);
    const hasTable = await queryRows<{ present: boolean }>(this.dataSource, `SELECT to_regclass($1) IS NOT NULL AS present`, [MIGRATIONS_TABLE]);
    const applied: string[] = hasTable[0]?.present
      ? (await queryRows<{ name: string }>(this.dataSource, `SELECT name FROM "${MIGRATIONS_TABLE}"`)).map((r) => r.name)
      : [];
    const appliedSet = new Set(applied);
    const knownSet = new Set(known);
    return {
      pending: known.filter((n) => !appliedSet.has(n)),
      unknown: applied.filter((n) => !knownSet.has(n)),
    };
  }
}

export function migrationNames(schema: SchemaDefinition): string[] {
  const list = Array.isArray(schema.migrations) ? schema.migrations : Object.values(schema.migrations);
  return list.map((m) => {
    if (typeof m !== 'function') throw new Error('Migrations must be listed as classes');
    const instance = new (m as new () => { name?: string })();
    return instance.name ?? m.name;
  });
}
