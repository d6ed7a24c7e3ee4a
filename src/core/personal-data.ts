import { createCipheriv, createDecipheriv, createHmac, createSecretKey, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';
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
  /** The master key, for a worker thread to make the same cipher (a KeyObject crosses postMessage as a key). */
  readonly masterKey: KeyObject;
}

const formatVersion = 1;
const ivLength = 12;
const tagLength = 16;
const header = 1 + ivLength + tagLength;
/** IVs drawn at a time: one call to the random generator per this many values instead of one per value (an import encrypts two per row). */
const ivsPerDraw = 1024;

export function createCipher(key: Buffer | KeyObject): PersonalDataCipher {
  const masterKey = Buffer.isBuffer(key) ? key : key.export();
  if (masterKey.length !== 32) throw new Error('the data key must be 32 bytes');
  // Two keys from one: encryption and lookup hashing must not share a key. Held as key objects, so that each call
  // does not import the key again.
  const encryptionKey = createSecretKey(Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'qiaoliang/aes-256-gcm', 32)));
  const hashKey = createSecretKey(Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'qiaoliang/hmac-sha-256', 32)));
  let ivs = Buffer.alloc(0);
  let ivAt = 0;
  const nextIv = () => {
    if (ivAt === ivs.length) {
      ivs = randomBytes(ivLength * ivsPerDraw);
      ivAt = 0;
    }
    return ivs.subarray(ivAt, (ivAt += ivLength));
  };
  return {
    masterKey: Buffer.isBuffer(key) ? createSecretKey(key) : key,
    encrypt(plain) {
      const iv = nextIv();
      const cipher = createCipheriv('aes-256-gcm', encryptionKey, iv);
      const body = cipher.update(plain, 'utf8');
      cipher.final(); // GCM is a stream cipher: final adds no bytes, it computes the tag.
      // version | IV | tag | body, written into one buffer.
      const sealed = Buffer.allocUnsafe(header + body.length);
      sealed[0] = formatVersion;
      iv.copy(sealed, 1);
      cipher.getAuthTag().copy(sealed, 1 + ivLength);
      body.copy(sealed, header);
      return sealed;
    },
    decrypt(sealed) {
      if (sealed[0] !== formatVersion) throw new Error('unknown ciphertext format');
      const decipher = createDecipheriv('aes-256-gcm', encryptionKey, sealed.subarray(1, 1 + ivLength));
      decipher.setAuthTag(sealed.subarray(1 + ivLength, header));
      return Buffer.concat([decipher.update(sealed.subarray(header)), decipher.final()]).toString('utf8');
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

/**
 * 220102199001011234 → **************1234: the last four only. The region and the last four, as on many forms, were
 * not enough of a mask beside the birth date: the union's county gives the region, and a viewer's export rebuilt
 * 52,882 numbers of 52,884. So neither the region nor the birth date is shown (lists show the birth year), and the
 * four left are a check, not a clue (the members module's README, "Masking").
 */
export function maskIdNumber(value: string): string {
  if (value.length <= 4) return '*'.repeat(value.length);
  return '*'.repeat(value.length - 4) + value.slice(-4);
}

/** 1990-01-01 → 1990: what a masked record says of a birth date. */
export function maskBirthDate(value: string): string {
  return value.slice(0, 4);
}

/** 13812345678 → 138****5678. */
export function maskPhone(value: string): string {
  if (value.length <= 7) return '*'.repeat(value.length);
  return value.slice(0, 3) + '*'.repeat(value.length - 7) + value.slice(-4);
}
