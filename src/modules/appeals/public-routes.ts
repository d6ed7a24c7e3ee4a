import type { FastifyInstance } from 'fastify';
import { publicRoute, publicUploadRoute } from '../../core/public/route.ts';
import { publicSecrets } from '../../core/public/secrets.ts';
import { attachmentSpec, uploadAttachment } from './attachments.ts';
import { employersNamed, places, ratePublic, submitPublic, trackPublic, trackedEntity } from './public.ts';
import { publicAppealEndpoints as p } from './public-schema.ts';

/** The public page's routes (no account: src/core/public/README.md): submit, follow by code, rate, and what the form needs. */
export function publicAppealRoutes(app: FastifyInstance): void {
  const { db, cipher, config } = app.platform;
  const secrets = publicSecrets(cipher);
  publicRoute(app, p.submit, { as: 'submitter' }, async (actor, request) => submitPublic(actor, db, cipher, secrets, request.body));
  publicRoute(app, p.track, { as: { holder: trackedEntity } }, async (actor, _request, reply) => {
    reply.header('cache-control', 'no-store');
    return trackPublic(actor, db);
  });
  publicRoute(app, p.rate, { as: { holder: trackedEntity } }, async (actor, request) => ratePublic(actor, db, request.body.rating, request.body.reason));
  // Up to 5 files to an appeal, each its own challenged request: 20 a minute leaves room for two tries.
  publicUploadRoute(app, p.upload, { perMinute: 20 }, attachmentSpec, async (actor, _request, upload) => uploadAttachment(actor, db, config.dataDir, upload));
  // Typed as the worker types: a search a keystroke, within reason.
  publicRoute(app, p.employers, { as: 'submitter', perMinute: 30 }, async (actor, request) => employersNamed(actor, db, request.query.name));
  publicRoute(app, p.places, { as: 'submitter' }, async (actor) => places(actor, db));
}
