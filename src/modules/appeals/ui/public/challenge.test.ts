import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { leadingZeroBits } from '../../../../core/public/solve.ts';
import { solveWithoutWebCrypto } from './challenge.ts';

describe('the challenge without WebCrypto (a plain-http address)', () => {
  it('finds a nonce the server accepts: SHA-256(token:nonce) with the bits asked', () => {
    const token = 'c1.AAAAAAAAAAAAAAAAAAAAAA.9999999999.10.BBBB';
    const nonce = solveWithoutWebCrypto(token, 10);
    expect(leadingZeroBits(createHash('sha256').update(`${token}:${nonce}`).digest())).toBeGreaterThanOrEqual(10);
  });
});
