import type { FastifyInstance } from 'fastify';
import { issueChallenge } from './challenge.ts';
import { publicRoute } from './route.ts';
import { publicEndpoints } from './schema.ts';
import { publicSecrets } from './secrets.ts';

/** The platform's own public route: the challenge that every public submission of every module solves first. */
export function publicRoutes(app: FastifyInstance): void {
  const { cipher, config } = app.platform;
  const secrets = publicSecrets(cipher);
  publicRoute(app, publicEndpoints.challenge, { as: 'submitter', perMinute: 30 }, async (_actor, _request, reply) => {
    reply.header('cache-control', 'no-store');
    return issueChallenge(secrets, { bits: config.publicChallengeBits, seconds: config.publicChallengeSeconds });
  });
}
