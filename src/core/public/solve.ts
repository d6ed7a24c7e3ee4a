/**
 * The public challenge's proof of work, in code that runs in the pages as well as on the server (no Node imports):
 * a nonce such that SHA-256(`token:nonce`) begins with `bits` zero bits. At 16 bits a phone finds one in a second
 * or two; the server checks it with one hash.
 */

export const challengeAlgorithm = 'sha256-leading-zero-bits';

export function leadingZeroBits(digest: Uint8Array): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

/** What the page sends with the token: the nonce found, as base-36 text. */
export async function solveChallenge(token: string, bits: number): Promise<string> {
  const encoder = new TextEncoder();
  for (let attempt = 0; ; attempt++) {
    const nonce = attempt.toString(36);
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(`${token}:${nonce}`)));
    if (leadingZeroBits(digest) >= bits) return nonce;
  }
}
