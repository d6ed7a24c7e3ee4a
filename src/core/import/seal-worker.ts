import { parentPort, workerData } from 'node:worker_threads';
import { createCipher } from '../personal-data.ts';
import type { SealRequest, SealResponse } from './seal.ts';

/**
 * The worker thread of seal.ts: hashes and encrypts each batch of values with the platform's key, and sends the
 * results back packed in one buffer (moved, not copied): per value its hash (32 bytes), then its ciphertext; an
 * empty slot for null.
 */
const cipher = createCipher((workerData as { key: Parameters<typeof createCipher>[0] }).key);

parentPort!.on('message', ({ id, values }: SealRequest) => {
  const parts: Buffer[] = [];
  const ends = new Int32Array(values.length);
  let length = 0;
  values.forEach((value, index) => {
    if (value !== null) {
      const hash = cipher.lookupHash(value);
      const sealed = cipher.encrypt(value);
      parts.push(hash, sealed);
      length += hash.length + sealed.length;
    }
    ends[index] = length;
  });
  const packed = Buffer.concat(parts, length);
  // A copy into an ArrayBuffer of its own: small Buffers share Node's pool, which cannot be moved.
  const data = packed.buffer.slice(packed.byteOffset, packed.byteOffset + length);
  parentPort!.postMessage({ id, data, ends } satisfies SealResponse, [data, ends.buffer]);
});
