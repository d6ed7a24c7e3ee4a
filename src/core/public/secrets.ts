import { createSecretKey, hkdfSync, type KeyObject } from 'node:crypto';
import type { PersonalDataCipher } from '../personal-data.ts';

/**
 * The public actor's keys, derived from the data key (HKDF, one label each) so there is no other secret to keep:
 * one signs challenges, one hashes tracking codes. Neither is the personal-data cipher's.
 */
export interface PublicSecrets {
  challengeKey: KeyObject;
  trackingKey: KeyObject;
}

const derived = new WeakMap<KeyObject, PublicSecrets>();

function derive(master: KeyObject, label: string): KeyObject {
  return createSecretKey(Buffer.from(hkdfSync('sha256', master.export(), Buffer.alloc(0), label, 32)));
}

export function publicSecrets(cipher: PersonalDataCipher): PublicSecrets {
  let secrets = derived.get(cipher.masterKey);
  if (!secrets) {
    secrets = { challengeKey: derive(cipher.masterKey, 'qiaoliang/public-challenge'), trackingKey: derive(cipher.masterKey, 'qiaoliang/tracking-code') };
    derived.set(cipher.masterKey, secrets);
  }
  return secrets;
}
