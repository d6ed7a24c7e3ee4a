import type { FastifyInstance } from 'fastify';
import { actorOf } from '../../core/http/context.ts';
import { route } from '../../core/http/route.ts';
import * as legalAid from './legal-aid.ts';
import { legalAidEndpoints as e } from './legal-aid-schema.ts';

/** Legal aid's routes under /api/v1/appeals/legal-aid (README.md, "Legal aid"). */
export function legalAidRoutes(app: FastifyInstance): void {
  const { db, cipher } = app.platform;
  route(app, e.listInstitutions, async (request) => legalAid.listInstitutions(actorOf(request), db, request.query));
  route(app, e.createInstitution, async (request) => legalAid.createInstitution(actorOf(request), db, request.body));
  route(app, e.getInstitution, async (request) => legalAid.getInstitution(actorOf(request), db, request.params.institutionId));
  route(app, e.updateInstitution, async (request) => legalAid.updateInstitution(actorOf(request), db, request.params.institutionId, request.body));
  route(app, e.listStaff, async (request) => legalAid.listStaff(actorOf(request), db, cipher, request.params.institutionId, request.query));
  route(app, e.addStaff, async (request) => legalAid.addStaff(actorOf(request), db, cipher, request.params.institutionId, request.body));
  route(app, e.revealStaff, async (request) => legalAid.revealStaff(actorOf(request), db, cipher, request.params.institutionId, request.params.staffId));
  route(app, e.listCases, async (request) => legalAid.listCases(actorOf(request), db, cipher, request.query));
  route(app, e.takeCase, async (request) => legalAid.takeCase(actorOf(request), db, cipher, request.body));
  route(app, e.getCase, async (request) => legalAid.getCase(actorOf(request), db, cipher, request.params.legalAidCaseId));
  route(app, e.assignCase, async (request) => legalAid.assignCase(actorOf(request), db, cipher, request.params.legalAidCaseId, request.body.staffId));
  route(app, e.closeCase, async (request) => legalAid.closeCase(actorOf(request), db, cipher, request.params.legalAidCaseId, request.body));
}
