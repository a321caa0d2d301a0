import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from '@tsunagu/config';
import { BlindIndexer } from './blind-index';
import { DataKeyService } from './data-keys/data-key.service';
import { FieldCipher } from './data-keys/field-cipher.service';
import { resolveKeyMaterial, ResolvedKeyMaterial } from './key-material';
import { KEY_MATERIAL } from './tokens';

/**
 * Key material for every process: from the environment in production; on the embedded trial a
 * generated pair kept in TSUNAGU_DATA_DIR so data stays readable across restarts; throw-away in tests.
 */
/** The key material `config` names (the api, the worker and the key CLIs); `persist` keeps generated dev keys. */
export function configuredKeyMaterial(config: AppConfig, persist: boolean): ResolvedKeyMaterial {
  return resolveKeyMaterial({
    nodeEnv: config.nodeEnv,
    masterKey: config.keys.masterKey,
    previousMasterKeys: config.keys.previousMasterKeys,
    blindIndexKey: config.keys.blindIndexKey,
    previousBlindIndexKey: config.keys.previousBlindIndexKey,
    dataDir: config.dataDir,
    persist,
  });
}

@Global()
@Module({})
export class CryptoModule {
  static forRoot(config: AppConfig): DynamicModule {
    const material = configuredKeyMaterial(config, config.nodeEnv !== 'test');
    return {
      module: CryptoModule,
      providers: [
        { provide: KEY_MATERIAL, useValue: material },
        { provide: BlindIndexer, useValue: new BlindIndexer(material.blindIndexKey, material.previousBlindIndexKey) },
        DataKeyService,
        FieldCipher,
      ],
      exports: [KEY_MATERIAL, BlindIndexer, DataKeyService, FieldCipher],
    };
  }
}
