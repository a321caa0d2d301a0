import 'reflect-metadata';
import { runMigrationsLocked } from '@tsunagu/database';
import { openConfiguredDatabase, runCli } from './cli-database';

// npm run migration:run — applies pending migrations to the configured database.
runCli(async (config) => {
  const db = await openConfiguredDatabase(config);
  try {
    const applied = await runMigrationsLocked(db.dataSource);
    process.stdout.write(applied.length === 0 ? 'No pending migrations.\n' : applied.map((name) => `Applied ${name}\n`).join(''));
    return 0;
  } finally {
    await db.close();
  }
});
