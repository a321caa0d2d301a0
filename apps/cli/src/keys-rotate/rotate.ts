import { DataKeyService, ResolvedKeyMaterial } from '@tsunagu/crypto';
import { DataSource } from 'typeorm';

export interface RotationProgress {
  rewrapped: number;
  remaining: number;
}

export interface RotationResult {
  rewrapped: number;
  /** The current master key's id: every live data key is wrapped by it when `remaining` is 0. */
  currentKeyId: string;
  /** Ids of the retired keys that wrap nothing any more and can be destroyed. */
  retirable: string[];
  remaining: number;
}

/**
 * Re-wraps every data key still under a retired master key with the current one, in batches
 * (each its own transaction, rows taken with SKIP LOCKED), reporting progress after each. Safe
 * while the api and workers serve, beside the worker's own re-wrap job, and after a crash: it
 * picks up whatever is left.
 */
export async function rotateDataKeys(dataSource: DataSource, keys: ResolvedKeyMaterial, onProgress: (p: RotationProgress) => void, batchSize = 500): Promise<RotationResult> {
  const dataKeys = new DataKeyService(dataSource, keys);
  let rewrapped = 0;
  for (;;) {
    const batch = await dataKeys.rewrapBatch(batchSize);
    rewrapped += batch;
    const remaining = await dataKeys.countNotCurrent();
    onProgress({ rewrapped, remaining });
    if (batch === 0 || remaining === 0) break;
  }
  const currentKeyId = keys.keyring.current().id;
  const inUse: Array<{ master_key_id: string }> = await dataSource.query(`SELECT DISTINCT master_key_id FROM data_keys WHERE wrapped_key IS NOT NULL`);
  const used = new Set(inUse.map((r) => r.master_key_id));
  const retirable = keys.keyring
    .ids()
    .filter((id) => id !== currentKeyId && !used.has(id));
  return { rewrapped, currentKeyId, retirable, remaining: await dataKeys.countNotCurrent() };
}
