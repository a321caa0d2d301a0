import { GoneError } from '@tsunagu/common';

/** Why a value could not be decrypted; safe to log, it never carries key or ciphertext bytes. */
export type DecryptionFailure = 'malformed' | 'unsupported-version' | 'unknown-master-key' | 'authentication-failed';

const MESSAGES: Record<DecryptionFailure, string> = {
  malformed: 'Encrypted value is malformed',
  'unsupported-version': 'Encrypted value has an unsupported format version',
  'unknown-master-key': 'Wrapped data key names a master key that is not in the keyring',
  'authentication-failed': 'Encrypted value failed authentication (wrong key, wrong context or tampered)',
};

/** Any failure to decrypt or unwrap; the message is one of a fixed set, never derived from the input. */
export class DecryptionError extends Error {
  constructor(readonly reason: DecryptionFailure) {
    super(MESSAGES[reason]);
    this.name = 'DecryptionError';
  }
}

/** A master key id that the keyring does not hold. */
export class UnknownKeyError extends Error {
  constructor(readonly keyId: string) {
    super(`Unknown master key id "${keyId}"`);
    this.name = 'UnknownKeyError';
  }
}

/** A data key that was destroyed, or a value cleared with it: what was encrypted is gone (410). */
export class ShreddedKeyError extends GoneError {}
