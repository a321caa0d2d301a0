import 'reflect-metadata';
import { resolveKeyMaterial } from '@tsunagu/crypto';
import { openConfiguredDatabase, runCli } from './cli-database';
import { rotateDataKeys } from './keys-rotate/rotate';

// npm run keys:rotate — with the new key in TSUNAGU_MASTER_KEY and the old one(s) in
// TSUNAGU_PREVIOUS_MASTER_KEYS: re-wraps every data key under the new key, reporting progress,
// then names the old keys that wrap nothing any more. Resumable; the app may keep serving.
runCli(async (config) => {
  if (!config.keys.masterKey || !config.keys.blindIndexKey) {
    process.stderr.write('Set TSUNAGU_MASTER_KEY (the new key), TSUNAGU_PREVIOUS_MASTER_KEYS (the old ones) and TSUNAGU_BLIND_INDEX_KEY\n');
    return 2;
  }
  const keys = resolveKeyMaterial({ nodeEnv: config.nodeEnv, masterKey: config.keys.masterKey, previousMasterKeys: config.keys.previousMasterKeys, blindIndexKey: config.keys.blindIndexKey, dataDir: config.dataDir, persist: false });
  const db = await openConfiguredDatabase(config);
  try {
    const result = await rotateDataKeys(db.dataSource, keys, (p) => process.stdout.write(`re-wrapped ${p.rewrapped}, remaining ${p.remaining}\n`));
    process.stdout.write(`${JSON.stringify(result)}\n`);
    if (result.remaining > 0) {
      process.stdout.write('Some data keys are still under a key that is not in TSUNAGU_PREVIOUS_MASTER_KEYS or are locked: run again.\n');
      return 1;
    }
    process.stdout.write(
      result.retirable.length > 0
        ? `Every data key is under ${result.currentKeyId}. Remove the retired key(s) ${result.retirable.join(', ')} from TSUNAGU_PREVIOUS_MASTER_KEYS, restart, then destroy them.\n`
        : `Every data key is under ${result.currentKeyId}.\n`,
    );
    return 0;
  } finally {
    await db.close();
  }
});
