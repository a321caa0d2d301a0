import 'reflect-metadata';
import { openConfiguredDatabase, runCli } from './cli-database';

// npm run migration:run — applies pending migrations to the configured database.
runCli(async (config) => {
  const db = await openConfiguredDatabase(config);
  try {
    const applied = await db.dataSource.runMigrations({ transaction: 'each' });
    process.stdout.write(applied.length === 0 ? 'No pending migrations.\n' : applied.map((m) => `Applied ${m.name}\n`).join(''));
    return 0;
  } finally {
    await db.close();
  }
});
