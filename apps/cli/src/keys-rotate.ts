import 'reflect-metadata';
import { configuredKeyMaterial } from '@tsunagu/crypto';
import { openConfiguredDatabase, runCli } from './cli-database';
import { recomputeBlindIndexes } from './keys-rotate/blind-indexes';
import { rotateDataKeys } from './keys-rotate/rotate';

// npm run keys:rotate — with the new keys in TSUNAGU_MASTER_KEY / TSUNAGU_BLIND_INDEX_KEY and the
// old ones in TSUNAGU_PREVIOUS_MASTER_KEYS / TSUNAGU_PREVIOUS_BLIND_INDEX_KEY: re-wraps every data
// key under the new master key, then recomputes every blind index under the new blind-index key,
// reporting progress (counts and key ids only), then names the old keys that are no longer needed.
// Resumable; the app may keep serving.
runCli(async (config) => {
  if (!config.keys.masterKey || !config.keys.blindIndexKey) {
    process.stderr.write('Set TSUNAGU_MASTER_KEY and TSUNAGU_BLIND_INDEX_KEY (the new keys) and TSUNAGU_PREVIOUS_MASTER_KEYS / TSUNAGU_PREVIOUS_BLIND_INDEX_KEY (the old ones)\n');
    return 2;
  }
  const keys = configuredKeyMaterial(config, false);
  const db = await openConfiguredDatabase(config);
  try {
    const out = (line: string) => process.stdout.write(`${line}\n`);
    let exitCode = 0;

    const dataKeys = await rotateDataKeys(db.dataSource, keys, (p) => out(`data keys: re-wrapped ${p.rewrapped}, remaining ${p.remaining}`));
    out(JSON.stringify({ dataKeys }));
    if (dataKeys.remaining > 0) {
      out('Some data keys are still under a key that is not in TSUNAGU_PREVIOUS_MASTER_KEYS or are locked: run again.');
      exitCode = 1;
    } else if (dataKeys.retirable.length > 0) {
      out(`Every data key is under master key ${dataKeys.currentKeyId}. Remove the retired key(s) ${dataKeys.retirable.join(', ')} from TSUNAGU_PREVIOUS_MASTER_KEYS, restart, then destroy them.`);
    } else {
      out(`Every data key is under master key ${dataKeys.currentKeyId}.`);
    }

    const blindIndexes = await recomputeBlindIndexes(db.dataSource, keys, (p) => out(`blind indexes (${p.table}): recomputed ${p.recomputed}, remaining ${p.remaining}`));
    out(JSON.stringify({ blindIndexes }));
    if (!blindIndexes.done) {
      out('Some rows were held by another transaction and still carry indexes under an older blind-index key: run again.');
      exitCode = 1;
    } else if (blindIndexes.previousKeyId) {
      out(`Every blind index is under key ${blindIndexes.currentKeyId}; none is left under the previous key ${blindIndexes.previousKeyId}. Remove TSUNAGU_PREVIOUS_BLIND_INDEX_KEY, restart, then destroy that key.`);
    } else {
      out(`Every blind index is under key ${blindIndexes.currentKeyId}.`);
    }
    if (blindIndexes.lineUsers.duplicates > 0) {
      out(`${blindIndexes.lineUsers.duplicates} LINE user row(s) were a second row for a LINE user already indexed under the new key and are no longer matched by incoming events; their conversations stay in the inbox.`);
    }
    return exitCode;
  } finally {
    await db.close();
  }
});
