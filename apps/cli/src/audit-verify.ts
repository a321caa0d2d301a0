import 'reflect-metadata';
import { AuditVerifier } from '@tsunagu/audit';
import { openConfiguredDatabase, runCli } from './cli-database';

// npm run audit:verify — walks the audit hash chain; exit 1 and the first broken event when it doesn't hold.
runCli(async (config) => {
  const db = await openConfiguredDatabase(config);
  try {
    const result = await new AuditVerifier(db.dataSource).verify();
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return result.ok ? 0 : 1;
  } finally {
    await db.close();
  }
});
