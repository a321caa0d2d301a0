import 'reflect-metadata';
import { configuredKeyMaterial } from '@tsunagu/crypto';
import { existsSync } from 'node:fs';
import { runCli } from './cli-database';
import { restoreCheck } from './restore-check/check';

// npm run restore:check -- <file.dump> [--keep]: restores a pg_dump -Fc file into a scratch
// database on DATABASE_URL's server, verifies the audit chain, counts rows and, when the key
// variables are set (kept apart from the dumps), unwraps a sample of data keys. Exit 1 when
// the chain or a key fails.
runCli(async (config) => {
  const file = process.argv.slice(2).find((a) => !a.startsWith('--'));
  if (!file || !existsSync(file)) {
    process.stderr.write('usage: npm run restore:check -- <file.dump> [--keep]  (a pg_dump -Fc file)\n');
    return 2;
  }
  if (config.database.kind !== 'postgres') {
    process.stderr.write('DATABASE_URL must name a PostgreSQL server: the dump is restored into a new database there\n');
    return 2;
  }
  const keys =
    config.keys.masterKey && config.keys.blindIndexKey
      ? configuredKeyMaterial(config, false)
      : undefined;
  const report = await restoreCheck({ dumpFile: file, serverUrl: config.database.url, keys, keep: process.argv.includes('--keep') });
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  if (!keys) process.stdout.write('Keys not checked: set TSUNAGU_MASTER_KEY and TSUNAGU_BLIND_INDEX_KEY (and TSUNAGU_PREVIOUS_MASTER_KEYS) to check that the data keys unwrap.\n');
  return report.ok ? 0 : 1;
});
