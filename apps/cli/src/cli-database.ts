import { AppConfig, loadConfig, ConfigError } from '@tsunagu/config';
import { createScratchDatabase, dataSourceOptions, startEmbeddedPostgres } from '@tsunagu/database';
import { SCHEMA } from '@tsunagu/schema';
import { DataSource } from 'typeorm';

export interface OpenDatabase {
  dataSource: DataSource;
  close(): Promise<void>;
}

async function open(url: string, stop: () => Promise<void>): Promise<OpenDatabase> {
  const dataSource = new DataSource(dataSourceOptions(url, SCHEMA, { poolSize: 2, applicationName: 'tsunagu-cli' }));
  try {
    await dataSource.initialize();
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    dataSource,
    async close() {
      await dataSource.destroy();
      await stop();
    },
  };
}

/** The configured database: DATABASE_URL, or the embedded one under TSUNAGU_DATA_DIR. */
export async function openConfiguredDatabase(config: AppConfig): Promise<OpenDatabase> {
  if (config.database.kind === 'postgres') return open(config.database.url, async () => undefined);
  const embedded = await startEmbeddedPostgres(config.database.dataDir, 4);
  return open(embedded.url, () => embedded.stop());
}

/** A throw-away database with every migration applied, on DATABASE_URL's server or in memory. */
export async function openMigratedScratchDatabase(config: AppConfig): Promise<OpenDatabase> {
  const scratch = await createScratchDatabase('schema', config.database.kind === 'postgres' ? config.database.url : undefined);
  const db = await open(scratch.url, () => scratch.drop());
  await db.dataSource.runMigrations({ transaction: 'each' });
  return db;
}

/** Runs a CLI command: configuration errors and failures end the process with one line. */
export function runCli(command: (config: AppConfig) => Promise<number>): void {
  let config: AppConfig;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    process.stderr.write(`${(error as ConfigError).message}\n`);
    process.exit(1);
  }
  command(config).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
