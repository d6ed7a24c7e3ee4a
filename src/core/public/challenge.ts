import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/tables.ts';
import { AppError } from '../errors.ts';
import type { PublicSecrets } from './secrets.ts';
import { challengeAlgorithm, leadingZeroBits } from './solve.ts';

/**
 * A public submission carries a proof of work on a challenge the server issued: a token signed with a server key
 * (so the server keeps nothing per challenge issued, and a flood of challenges fills no table), with an expiry and
 * the difficulty inside it, and a nonce that makes SHA-256(`token:nonce`) begin with that many zero bits. Using it
 * writes its id to public_challenges_used, so a second request with the same token and nonce — a script replaying
 * what one browser sent — is refused. README.md in this folder.
 */

export interface Challenge {
  token: string;
  bits: number;
  expiresAt: string;
  algorithm: typeof challengeAlgorithm;
}

export interface ChallengeSettings {
  /** Zero bits the proof must have. */
  bits: number;
  /** Seconds the challenge stays usable. */
  seconds: number;
}

const version = 'c1';
const tokenPattern = /^c1\.([A-Za-z0-9_-]{22})\.(\d{1,12})\.(\d{1,2})\.([A-Za-z0-9_-]{43})$/;
const noncePattern = /^[0-9A-Za-z]{1,64}$/;

function sign(secrets: PublicSecrets, body: string): Buffer {
  return createHmac('sha256', secrets.challengeKey).update(body).digest();
}

export function issueChallenge(secrets: PublicSecrets, settings: ChallengeSettings, now = Date.now()): Challenge {
  const id = randomBytes(16).toString('base64url');
  const expires = Math.floor(now / 1000) + settings.seconds;
  const body = `${version}.${id}.${expires}.${settings.bits}`;
  return { token: `${body}.${sign(secrets, body).toString('base64url')}`, bits: settings.bits, expiresAt: new Date(expires * 1000).toISOString(), algorithm: challengeAlgorithm };
}

const refuse = (reason: 'missing' | 'invalid' | 'expired' | 'wrong_proof' | 'used') => new AppError('challenge_failed', `public.challenge_${reason}`);

/**
 * Checks a token and its proof and uses the token up; throws `challenge_failed` with the reason. A token must be
 * the server's, unexpired, at least as hard as the server asks now, with a proof that holds, and unused.
 */
export async function useChallenge(db: Db, secrets: PublicSecrets, minimumBits: number, token: string | undefined, nonce: string | undefined, now = Date.now()): Promise<void> {
  if (!token || !nonce) throw refuse('missing');
  const match = tokenPattern.exec(token);
  if (!match) throw refuse('invalid');
  const [, id, expires, bitsText, mac] = match;
  const body = `${version}.${id}.${expires}.${bitsText}`;
  const given = Buffer.from(mac!, 'base64url');
  const expected = sign(secrets, body);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw refuse('invalid');
  const expiresAt = Number(expires) * 1000;
  if (expiresAt <= now) throw refuse('expired');
  const bits = Number(bitsText);
  if (bits < minimumBits) throw refuse('invalid');
  if (!noncePattern.test(nonce) || leadingZeroBits(createHash('sha256').update(`${token}:${nonce}`).digest()) < bits) throw refuse('wrong_proof');
  const used = await db
    .insertInto('public_challenges_used')
    .values({ id: Buffer.from(id!, 'base64url'), expires_at: new Date(expiresAt) })
    .onConflict((conflict) => conflict.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!used) throw refuse('used');
  // An expired token is refused before it is looked up, so its row is no longer needed.
  await db.deleteFrom('public_challenges_used').where('expires_at', '<', new Date(now)).execute();
}
