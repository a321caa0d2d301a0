import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from '@tsunagu/config';
import { BlindIndexer } from './blind-index';
import { resolveKeyMaterial } from './key-material';

/** Injection token for the resolved master keyring and blind-index key. */
export const KEY_MATERIAL = Symbol('KEY_MATERIAL');

/**
 * Key material for every process: from the environment in production; on the embedded trial a
 * generated pair kept in TSUNAGU_DATA_DIR so data stays readable across restarts; throw-away in tests.
 */
@Global()
@Module({})
export class CryptoModule {
  static forRoot(config: AppConfig): DynamicModule {
    const material = resolveKeyMaterial({
      nodeEnv: config.nodeEnv,
      masterKey: config.keys.masterKey,
      blindIndexKey: config.keys.blindIndexKey,
      dataDir: config.dataDir,
      persist: config.nodeEnv !== 'test',
    });
    return {
      module: CryptoModule,
      providers: [
        { provide: KEY_MATERIAL, useValue: material },
        { provide: BlindIndexer, useValue: new BlindIndexer(material.blindIndexKey) },
      ],
      exports: [KEY_MATERIAL, BlindIndexer],
    };
  }
}
