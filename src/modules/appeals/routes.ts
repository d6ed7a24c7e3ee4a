import type { FastifyInstance } from 'fastify';
import { actorOf } from '../../core/http/context.ts';
import { downloadRoute, route } from '../../core/http/route.ts';
import { downloadAttachment, listAttachments } from './attachments.ts';
import { exportAppeals } from './export.ts';
import { legalAidRoutes } from './legal-aid-routes.ts';
import { publicAppealRoutes } from './public-routes.ts';
import { attachmentEndpoints } from './public-schema.ts';
import { registryRoutes } from './registry-routes.ts';
import { appealEndpoints as e } from './schema.ts';
import * as service from './service.ts';
import * as steps from './steps.ts';
import { warningEndpoints as w } from './warning-schema.ts';
import * as warnings from './warnings.ts';

export function appealRoutes(app: FastifyInstance): void {
  const { db, cipher } = app.platform;
  registryRoutes(app);
  route(app, e.list, async (request) => service.listAppeals(actorOf(request), db, cipher, request.query));
  route(app, e.create, async (request) => service.createAppeal(actorOf(request), db, cipher, request.body));
  route(app, e.get, async (request) => service.getAppeal(actorOf(request), db, cipher, request.params.appealId));
  downloadRoute(app, e.export, async (request) => exportAppeals(actorOf(request), db, cipher, request.query));
  route(app, e.handlers, async (request) => service.handlersOf(actorOf(request), db, request.params.appealId));
  route(app, e.accept, async (request) => steps.accept(actorOf(request), db, cipher, request.params.appealId, request.body.note));
  route(app, e.forward, async (request) => steps.forward(actorOf(request), db, cipher, request.params.appealId, request.body.orgCode, request.body.reason));
  route(app, e.escalate, async (request) => steps.escalate(actorOf(request), db, cipher, request.params.appealId, request.body.reason));
  route(app, e.setDifficulty, async (request) => steps.setDifficulty(actorOf(request), db, cipher, request.params.appealId, request.body.difficulty));
  route(app, e.assign, async (request) => steps.assign(actorOf(request), db, cipher, request.params.appealId, request.body.handlerId));
  route(app, e.record, async (request) => steps.record(actorOf(request), db, cipher, request.params.appealId, request.body.kind, request.body.note));
  route(app, e.wait, async (request) => steps.wait(actorOf(request), db, cipher, request.params.appealId, request.body.note));
  route(app, e.resume, async (request) => steps.resume(actorOf(request), db, cipher, request.params.appealId, request.body.note));
  route(app, e.answer, async (request) => steps.answer(actorOf(request), db, cipher, request.params.appealId, request.body.answer));
  route(app, e.review, async (request) => steps.review(actorOf(request), db, cipher, request.params.appealId, request.body.decision, request.body.note));
  route(app, e.requestExtension, async (request) => steps.requestExtension(actorOf(request), db, cipher, request.params.appealId, request.body.days, request.body.reason));
  route(app, e.decideExtension, async (request) => steps.decideExtension(actorOf(request), db, cipher, request.params.appealId, request.body.approve, request.body.note));
  route(app, e.supervise, async (request) => steps.supervise(actorOf(request), db, cipher, request.params.appealId, request.body.note));
  route(app, e.rate, async (request) => steps.rate(actorOf(request), db, cipher, request.params.appealId, request.body.rating, request.body.reason));
  route(app, e.reconsider, async (request) => steps.reconsider(actorOf(request), db, cipher, request.params.appealId, request.body.decision, request.body.note));
  // Static paths: Fastify matches /appeals/warnings before /appeals/:appealId.
  legalAidRoutes(app);
  route(app, w.list, async (request) => warnings.listWarnings(actorOf(request), db, request.query));
  route(app, w.get, async (request) => warnings.getWarning(actorOf(request), db, request.params.warningId));
  route(app, w.acknowledge, async (request) => warnings.takeWarningStep(actorOf(request), db, request.params.warningId, 'acknowledge', request.body.note));
  route(app, w.followUp, async (request) => warnings.takeWarningStep(actorOf(request), db, request.params.warningId, 'followUp', request.body.note));
  route(app, w.close, async (request) => warnings.takeWarningStep(actorOf(request), db, request.params.warningId, 'close', request.body.note));
  route(app, attachmentEndpoints.list, async (request) => listAttachments(actorOf(request), db, request.params.appealId));
  downloadRoute(app, attachmentEndpoints.download, async (request) => downloadAttachment(actorOf(request), db, app.platform.config.dataDir, request.params.appealId, request.params.attachmentId));
  publicAppealRoutes(app);
}
