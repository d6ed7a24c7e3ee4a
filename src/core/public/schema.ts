import { z } from 'zod';
import { endpoint } from '../contract.ts';
import { challengeAlgorithm } from './solve.ts';

export const challengeView = z.object({
  /** Sent back in the `X-Challenge` header with the submission it was solved for; good once. */
  token: z.string(),
  /** Zero bits the proof must have. */
  bits: z.number(),
  expiresAt: z.string(),
  algorithm: z.literal(challengeAlgorithm),
});

export type ChallengeView = z.infer<typeof challengeView>;

export const publicEndpoints = {
  challenge: endpoint({
    method: 'GET',
    path: '/public/challenge',
    tags: ['public'],
    summary: 'A single-use proof-of-work challenge for one public submission: find a nonce such that SHA-256(token:nonce) begins with `bits` zero bits, and send `X-Challenge: token` and `X-Challenge-Proof: nonce` with the submission',
    response: challengeView,
  }),
};
