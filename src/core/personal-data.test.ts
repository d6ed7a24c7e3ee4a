import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCipher, loadDataKey, maskIdNumber, maskPhone } from './personal-data.ts';

const cipher = createCipher(Buffer.alloc(32, 1));

describe('personal data', () => {
  it('decrypts what it encrypts, never the same ciphertext twice', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (plain) => {
        const a = cipher.encrypt(plain);
        const b = cipher.encrypt(plain);
        return cipher.decrypt(a) === plain && !a.equals(b);
      }),
    );
  });

  it('reads ciphertexts and finds hashes written before, under the same key', () => {
    // Written by the first version of this file: stored data must stay readable and findable.
    expect(cipher.decrypt(Buffer.from('AdPgzeLl3rgmUubnF47dszWgXm3Me4BCewqKQTVZ5kI0r3yptzqhP8e6ru8Pmf0=', 'base64'))).toBe('220102199001011234');
    expect(cipher.decrypt(Buffer.from('AfPVuCFtSpZTbSWxZVNUprBsLgFZzHAg2ERPv2TqeRr7VMpbwvf9Jw==', 'base64'))).toBe('13812345678');
    expect(cipher.lookupHash('220102199001011234').toString('hex')).toBe('fc8ff3f09f695544957730e4a160561b9b9ed26d94af634cffc4c8a9c986632e');
  });

  it('never uses an IV twice, across the draws of random bytes', () => {
    const ivs = new Set(Array.from({ length: 5000 }, () => cipher.encrypt('x').subarray(1, 13).toString('hex')));
    expect(ivs.size).toBe(5000);
  });

  it('refuses a ciphertext that was tampered with', () => {
    const sealed = cipher.encrypt('220102199001011234');
    sealed[sealed.length - 1]! ^= 1;
    expect(() => cipher.decrypt(sealed)).toThrow();
  });

  it('finds a value by keyed hash, which differs under another key', () => {
    expect(cipher.lookupHash('220102199001011234').equals(cipher.lookupHash('220102199001011234'))).toBe(true);
    expect(createCipher(Buffer.alloc(32, 2)).lookupHash('220102199001011234').equals(cipher.lookupHash('220102199001011234'))).toBe(false);
  });

  it('creates the key file once, with mode 0600, and reads it back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qiaoliang-key-'));
    const first = loadDataKey(undefined, dir);
    expect(statSync(join(dir, 'key')).mode & 0o777).toBe(0o600);
    expect(loadDataKey(undefined, dir).key.equals(first.key)).toBe(true);
    expect(loadDataKey(Buffer.alloc(32, 9).toString('hex'), dir).key.equals(Buffer.alloc(32, 9))).toBe(true);
    expect(() => loadDataKey('too-short', dir)).toThrow(/32 bytes/);
  });

  it('masks ID numbers and phones as lists show them', () => {
    expect(maskIdNumber('22010219900101123X')).toBe('**************123X');
    // Masking a masked number of the old form leaves no more than the new one.
    expect(maskIdNumber('2201**********123X')).toBe('**************123X');
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
});
