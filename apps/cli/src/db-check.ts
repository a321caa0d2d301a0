import 'reflect-metadata';
import { resolve } from 'node:path';
import { openMigratedScratchDatabase, runCli } from './cli-database';
import { schemaDiff, unlistedMigrations } from './schema-diff';

// npm run db:check — fails when the entities and the migrations describe different schemas.
runCli(async (config) => {
  const files = unlistedMigrations(resolve(process.cwd(), 'migrations'));
  if (files.unlisted.length > 0 || files.missing.length > 0) {
    process.stderr.write(
      `Migration list out of step with migrations/: not listed ${JSON.stringify(files.unlisted)}, no file ${JSON.stringify(files.missing)}\n`,
    );
    return 1;
  }
  const db = await openMigratedScratchDatabase(config);
  try {
    const diff = await schemaDiff(db.dataSource);
    if (diff.up.length > 0) {
      process.stderr.write(`Schema drift: the entities need ${diff.up.length} change(s) no migration makes:\n`);
      for (const q of diff.up) process.stderr.write(`  ${q};\n`);
      process.stderr.write('Write a migration (npm run migration:generate -- Name) and review it.\n');
      return 1;
    }
    process.stdout.write('Schema check passed: migrations and entities agree.\n');
    return 0;
  } finally {
    await db.close();
  }
});
