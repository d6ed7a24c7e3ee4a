import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Endpoint } from '../contract.ts';
import { notFound } from '../errors.ts';
import type { Upload, UploadSpec } from '../files.ts';
import { route, uploadRoute, type RouteRequest } from '../http/route.ts';
import { holderActor, submitterActor, type PublicActor } from './actor.ts';
import { useChallenge } from './challenge.ts';
import { publicSecrets } from './secrets.ts';
import { findTrackedItem } from './tracking.ts';

type ResponseInput<E> = E extends Endpoint<z.ZodType, z.ZodType, z.ZodType, infer Response> ? z.input<Response> : never;

export interface PublicRouteOptions {
  /**
   * Who calls: anyone (`submitter`), or whoever holds the tracking code of one item of an entity
   * (`{ holder: 'appeals.case' }`), which the route's path carries as its `:trackingCode` parameter.
   */
  as: 'submitter' | { holder: string };
  /** Requests a minute from one address (an IPv6 /56 counts as one) on this route: 10 for a write, 60 for a read by default. */
  perMinute?: number;
  /** The largest body taken, in bytes: 32 KB by default (a form of text); more is a 413. */
  bodyLimit?: number;
  /** Whether a single-use proof of work must come with the request: by default for writes, not for reads. */
  challenge?: boolean;
}

export const publicBodyLimit = 32 * 1024;
export const challengeHeader = 'x-challenge';
export const proofHeader = 'x-challenge-proof';
/** The path parameter a holder's route carries the code in; the request log never sees it (redactUrl). */
export const trackingCodeParameter = 'trackingCode';

const header = (request: Pick<FastifyRequest, 'headers'>, name: string): string | undefined => {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
};

/**
 * Registers a route that workers with no account call, from its contract, in one line: no session; a rate limit
 * per address, applied before the body is read; a body limit; a single-use challenge for writes; and the actor —
 * an anonymous submitter, or the holder of the tracking code (the `:trackingCode` of the path) of one item — handed to the handler first, as
 * services take it. Public paths begin with /public/, so a proxy (and a reader) can tell them apart.
 */
export function publicRoute<E extends Endpoint>(
  app: FastifyInstance,
  contract: E,
  options: PublicRouteOptions,
  handler: (actor: PublicActor, request: RouteRequest<E>, reply: FastifyReply) => Promise<ResponseInput<E>>,
): void {
  if (!contract.path.startsWith('/public/')) throw new Error(`a public route's path begins with /public/: ${contract.method} ${contract.path}`);
  const { db, cipher, config } = app.platform;
  const secrets = publicSecrets(cipher);
  const write = contract.method !== 'GET';
  const challenge = options.challenge ?? write;
  const holderOf = typeof options.as === 'object' ? options.as.holder : undefined;
  if (holderOf !== undefined && !contract.path.includes(`:${trackingCodeParameter}`)) throw new Error(`a holder's route carries the code as :${trackingCodeParameter}: ${contract.method} ${contract.path}`);
  route(
    app,
    contract,
    async (request, reply) => {
      // After validation: a malformed body is refused without using the challenge up.
      if (challenge) await useChallenge(db, secrets, config.publicChallengeBits, header(request, challengeHeader), header(request, proofHeader));
      let actor: PublicActor;
      if (holderOf === undefined) actor = submitterActor(request.locale, request.id);
      else {
        // A missing, malformed, wrong or unknown code: the same bare "not found", so a guesser learns nothing.
        const code = (request.params as Record<string, unknown>)[trackingCodeParameter];
        const item = typeof code === 'string' ? await findTrackedItem(db, secrets, holderOf, code) : undefined;
        if (!item) throw notFound('public.tracking_not_found');
        actor = holderActor(item, request.locale, request.id);
      }
      return handler(actor, request, reply);
    },
    {
      config: { public: true, rateLimit: { max: options.perMinute ?? (write ? 10 : 60), timeWindow: '1 minute', hook: 'onRequest' } },
      bodyLimit: options.bodyLimit ?? publicBodyLimit,
    },
  );
}

/**
 * A file a worker sends with a public submission (a photo, a PDF), uploaded on its own before the submission that
 * names it: no session, the rate limit per address, a single-use challenge checked before a byte is written, and the
 * spec's type and size checks as the handler saves it (src/core/http/route.ts, uploadRoute).
 */
export function publicUploadRoute<E extends Endpoint>(
  app: FastifyInstance,
  contract: E,
  options: Omit<PublicRouteOptions, 'as' | 'challenge' | 'bodyLimit'>,
  spec: UploadSpec,
  handler: (actor: PublicActor, request: RouteRequest<E>, upload: Upload, reply: FastifyReply) => Promise<ResponseInput<E>>,
): void {
  if (!contract.path.startsWith('/public/')) throw new Error(`a public route's path begins with /public/: ${contract.method} ${contract.path}`);
  const { db, cipher, config } = app.platform;
  const secrets = publicSecrets(cipher);
  uploadRoute(
    app,
    contract,
    spec,
    async (request, upload, reply) => {
      await useChallenge(db, secrets, config.publicChallengeBits, header(request, challengeHeader), header(request, proofHeader));
      return handler(submitterActor(request.locale, request.id), request, upload, reply);
    },
    { config: { public: true, rateLimit: { max: options.perMinute ?? 10, timeWindow: '1 minute', hook: 'onRequest' } } },
  );
}
