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
    expect(maskIdNumber('22010219900101123X')).toBe('2201**********123X');
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
});
