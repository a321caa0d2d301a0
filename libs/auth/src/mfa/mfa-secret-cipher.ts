import { Inject, Injectable } from '@nestjs/common';
import { dataKeyIdOf, decryptField, encryptField, KEY_MATERIAL, ResolvedKeyMaterial } from '@tsunagu/crypto';
import { hkdfSync } from 'node:crypto';

const PREFIX = 'mfa-';

/**
 * Encrypts TOTP secrets at rest under a key derived from the master key, named by the master
 * key's id so secrets stay readable after a rotation while the old key is still in the keyring.
 */
@Injectable()
export class MfaSecretCipher {
  constructor(@Inject(KEY_MATERIAL) private readonly keys: ResolvedKeyMaterial) {}

  encrypt(userId: string, secret: string): string {
    const { id, key } = this.keys.keyring.current();
    return encryptField(this.derive(key), `${PREFIX}${id}`, secret, aad(userId));
  }

  decrypt(userId: string, value: string): string {
    const keyId = dataKeyIdOf(value);
    const masterKey = this.keys.keyring.get(keyId.slice(PREFIX.length));
    return decryptField(this.derive(masterKey), value, aad(userId));
  }

  private derive(masterKey: Buffer): Buffer {
    return Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'tsunagu:mfa-secret', 32));
  }
}

const aad = (userId: string) => `user:${userId}:mfa_secret`;
