import { describe, expect, it } from 'vitest';
import { createCipher } from '../personal-data.ts';
import { startSealer } from './seal.ts';

describe('sealing in a worker thread', () => {
  it('gives the same hashes as the cipher, and ciphertexts it decrypts; null stays null', async () => {
    const cipher = createCipher(Buffer.alloc(32, 3));
    const sealer = startSealer(cipher);
    try {
      const values = ['220102199001011234', null, '13812345678', '王秀兰'];
      const [first, second] = await Promise.all([sealer.seal(values), sealer.seal(['x'])]);
      expect(first.map((sealed) => sealed && cipher.decrypt(sealed.sealed))).toEqual(values);
      expect(first.map((sealed) => sealed?.hash.toString('hex') ?? null)).toEqual(values.map((value) => value && cipher.lookupHash(value).toString('hex')));
      expect(cipher.decrypt(second[0]!.sealed)).toBe('x');
    } finally {
      await sealer.close();
    }
  });
});
