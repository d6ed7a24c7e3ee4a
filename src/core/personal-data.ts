import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Personal data (resident ID numbers, phones) is stored as AES-256-GCM ciphertext with an HMAC-SHA-256 of the
 * normalised value beside it: the HMAC finds and de-duplicates a person without decrypting every row, and without
 * the key it tells nothing (unlike a plain hash of an ID number, which can be brute-forced from its structure).
 */
export interface PersonalDataCipher {
  encrypt(plain: string): Buffer;
  decrypt(sealed: Buffer): string;
  /** Keyed hash for lookup; callers normalise first (upper-case X, no spaces). */
  lookupHash(plain: string): Buffer;
}

const formatVersion = 1;

export function createCipher(masterKey: Buffer): PersonalDataCipher {
  if (masterKey.length !== 32) throw new Error('the data key must be 32 bytes');
  // Two keys from one: encryption and lookup hashing must not share a key.
  const encryptionKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'qiaoliang/aes-256-gcm', 32));
  const hashKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'qiaoliang/hmac-sha-256', 32));
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encryptionKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([formatVersion]), iv, cipher.getAuthTag(), body]);
    },
    decrypt(sealed) {
      if (sealed[0] !== formatVersion) throw new Error('unknown ciphertext format');
      const decipher = createDecipheriv('aes-256-gcm', encryptionKey, sealed.subarray(1, 13));
      decipher.setAuthTag(sealed.subarray(13, 29));
      return Buffer.concat([decipher.update(sealed.subarray(29)), decipher.final()]).toString('utf8');
    },
    lookupHash(plain) {
      return createHmac('sha256', hashKey).update(plain, 'utf8').digest();
    },
  };
}

/**
 * The key comes from QIAOLIANG_KEY (base64 or hex of 32 bytes) or from DATA_DIR/key, created on first run with
 * mode 0600. Losing the key loses the personal data: the start-up message says where it is.
 */
export function loadDataKey(dataKey: string | undefined, dataDir: string): { key: Buffer; source: string } {
  if (dataKey) return { key: parseKey(dataKey, 'QIAOLIANG_KEY'), source: 'QIAOLIANG_KEY' };
  const file = join(dataDir, 'key');
  if (existsSync(file)) return { key: parseKey(readFileSync(file, 'utf8').trim(), file), source: file };
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return { key, source: file };
}

function parseKey(text: string, where: string): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32) throw new Error(`${where}: the data key must be 32 bytes in base64 or hex`);
  return key;
}

/** 220102199001011234 → 2201**********1234: the region and the last four, as on Chinese government forms. */
export function maskIdNumber(value: string): string {
  if (value.length <= 8) return '*'.repeat(value.length);
  return value.slice(0, 4) + '*'.repeat(value.length - 8) + value.slice(-4);
}

/** 13812345678 → 138****5678. */
export function maskPhone(value: string): string {
  if (value.length <= 7) return '*'.repeat(value.length);
  return value.slice(0, 3) + '*'.repeat(value.length - 7) + value.slice(-4);
}
