import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { dataKeyIdOf, decryptField, encryptField } from '../envelope-cipher';
import { ShreddedKeyError } from '../errors';
import { DataKeyService } from './data-key.service';

/** Encrypts and decrypts personal fields under their subject's data key. */
@Injectable()
export class FieldCipher {
  constructor(private readonly dataKeys: DataKeyService) {}

  /** `aad` names where the value lives, e.g. `client:<id>:name`, so it can't be moved elsewhere. */
  async encrypt(dataKeyId: string, plaintext: string, aad: string, manager?: EntityManager): Promise<string> {
    return encryptField(await this.dataKeys.keyFor(dataKeyId, manager), dataKeyId, plaintext, aad);
  }

  async encryptOptional(dataKeyId: string, plaintext: string | null | undefined, aad: string, manager?: EntityManager): Promise<string | null> {
    return plaintext === null || plaintext === undefined ? null : this.encrypt(dataKeyId, plaintext, aad, manager);
  }

  /** A required value; null means it was cleared when its subject was shredded (ShreddedKeyError, a 410). */
  async decrypt(value: string | null, aad: string, manager?: EntityManager): Promise<string> {
    if (value === null) throw new ShreddedKeyError();
    const id = dataKeyIdOf(value);
    return decryptField(await this.dataKeys.keyFor(id, manager), value, aad);
  }

  async decryptOptional(value: string | null, aad: string, manager?: EntityManager): Promise<string | null> {
    return value === null ? null : this.decrypt(value, aad, manager);
  }
}
