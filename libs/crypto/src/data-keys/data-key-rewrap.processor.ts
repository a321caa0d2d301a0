import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { JOB_QUEUE_TOKEN, JobHandlerRegistry, JobName, JobQueue } from '@tsunagu/queue';
import { ResolvedKeyMaterial } from '../key-material';
import { KEY_MATERIAL } from '../tokens';
import { DataKeyService } from './data-key.service';

/**
 * After a master key rotation (new TSUNAGU_MASTER_KEY, old one in TSUNAGU_PREVIOUS_MASTER_KEYS),
 * the worker re-wraps every data key under the new key; the job is queued once per new key
 * and resumes where it stopped after a crash.
 */
@Injectable()
export class DataKeyRewrapProcessor implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('DataKeyRewrap');

  constructor(
    private readonly registry: JobHandlerRegistry,
    private readonly dataKeys: DataKeyService,
    @Inject(JOB_QUEUE_TOKEN) private readonly queue: JobQueue,
    @Inject(KEY_MATERIAL) private readonly keys: ResolvedKeyMaterial,
  ) {}

  onModuleInit(): void {
    this.registry.register(JobName.DataKeysRewrap, async (payload) => {
      if (payload.masterKeyId !== this.keys.keyring.current().id) {
        this.logger.warn('Rewrap job is for another master key than this worker holds; skipped');
        return;
      }
      let total = 0;
      for (let batch = await this.dataKeys.rewrapBatch(); batch > 0; batch = await this.dataKeys.rewrapBatch()) total += batch;
      const left = await this.dataKeys.countNotCurrent();
      // Rows locked by another worker are left to it; a later run picks up any that remain.
      this.logger.log(`Re-wrapped ${total} data key(s) under master key ${payload.masterKeyId}; ${left} left`);
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.keys.keyring.ids().length < 2) return;
    const masterKeyId = this.keys.keyring.current().id;
    await this.queue.enqueue(JobName.DataKeysRewrap, { masterKeyId }, { idempotencyKey: `rewrap-${masterKeyId}` });
  }
}
