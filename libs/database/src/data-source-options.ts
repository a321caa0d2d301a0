import { DataSourceOptions, MixedList } from 'typeorm';

export interface SchemaDefinition {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function>;
}

export const MIGRATIONS_TABLE = 'migrations';

/**
 * Options shared by the app, the worker, the CLI tools and the tests, so every path
 * talks to the database the same way. Migrations are never synchronized from entities.
 */
export function dataSourceOptions(
  url: string,
  schema: SchemaDefinition,
  opts: { poolSize: number; applicationName: string; migrationsRun?: boolean },
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: schema.entities,
    migrations: schema.migrations,
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsTransactionMode: 'each',
    migrationsRun: opts.migrationsRun ?? false,
    synchronize: false,
    logging: false,
    extra: {
      max: opts.poolSize,
      application_name: opts.applicationName,
      connectionTimeoutMillis: 5000,
    },
  };
}
