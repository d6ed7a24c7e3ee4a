import { sha256 } from '@noble/hashes/sha2.js';
import { publicEndpoints } from '../../../../core/public/schema.ts';
import { leadingZeroBits, solveChallenge } from '../../../../core/public/solve.ts';
import { ApiError, call, type Problem } from '../../../../web/api.ts';

/**
 * The public challenge as the pages pass it (src/core/public/README.md): fetch one, solve it, send its headers with
 * the one request it was asked for. WebCrypto (`crypto.subtle`) exists only in a secure context (https, localhost):
 * a worker who reaches the server by a plain-http address gets @noble/hashes' SHA-256 instead (docs/decisions.md).
 */

export function solveWithoutWebCrypto(token: string, bits: number): string {
  const encoder = new TextEncoder();
  for (let attempt = 0; ; attempt++) {
    const nonce = attempt.toString(36);
    if (leadingZeroBits(sha256(encoder.encode(`${token}:${nonce}`))) >= bits) return nonce;
  }
}

/** The headers of one challenged request: a fresh token and its proof. */
export async function challengeHeaders(): Promise<Record<string, string>> {
  const { token, bits } = await call(publicEndpoints.challenge);
  const nonce = globalThis.crypto?.subtle ? await solveChallenge(token, bits) : solveWithoutWebCrypto(token, bits);
  return { 'x-challenge': token, 'x-challenge-proof': nonce };
}

/**
 * Runs a challenged request; a refused challenge (expired while the worker typed, say) is fetched and solved again
 * once, as the README asks of the pages. Any other refusal is the caller's to show.
 */
export async function withChallenge<T>(send: (headers: Record<string, string>) => Promise<T>): Promise<T> {
  try {
    return await send(await challengeHeaders());
  } catch (error) {
    if (error instanceof ApiError && error.problem.code === 'challenge_failed') return send(await challengeHeaders());
    throw error;
  }
}

/** Posts one file (multipart, part `file`) with the headers given; the answer as JSON, a refusal as an ApiError. */
export async function postFile<T>(url: string, file: Blob, fileName: string, headers: Record<string, string>): Promise<T> {
  const body = new FormData();
  body.append('file', file, fileName);
  const response = await fetch(url, { method: 'POST', body, headers, credentials: 'same-origin' });
  const text = await response.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    // A proxy's own page (a 413 from nginx, say) is not problem+json: said by its status alone.
    data = undefined;
  }
  if (!response.ok) throw new ApiError((data as Problem | undefined) ?? { status: response.status, code: `http_${response.status}`, title: '', detail: '', messageKey: '' });
  return data as T;
}
