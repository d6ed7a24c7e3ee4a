import type { FastifyInstance } from 'fastify';
import { actorOf } from '../../core/http/context.ts';
import { route } from '../../core/http/route.ts';
import * as employers from './employers.ts';
import { employerEndpoints, orgEndpoints } from './schema.ts';
import * as service from './service.ts';

export function orgRoutes(app: FastifyInstance): void {
  const { db } = app.platform;
  route(app, orgEndpoints.list, async (request) => service.listOrgs(actorOf(request), db, request.query));
  route(app, orgEndpoints.create, async (request) => service.createOrg(actorOf(request), db, request.body));
  route(app, orgEndpoints.get, async (request) => service.getOrg(actorOf(request), db, request.params.orgCode));
  route(app, orgEndpoints.update, async (request) => service.updateOrg(actorOf(request), db, request.params.orgCode, request.body));
  route(app, orgEndpoints.move, async (request) => service.moveOrg(actorOf(request), db, request.params.orgCode, request.body));
  route(app, orgEndpoints.trail, async (request) => service.trail(actorOf(request), db, request.params.orgCode));
  route(app, orgEndpoints.moves, async (request) => service.moves(actorOf(request), db, request.params.orgCode));

  route(app, employerEndpoints.list, async (request) => employers.listEmployers(actorOf(request), db, request.query));
  route(app, employerEndpoints.create, async (request) => employers.createEmployer(actorOf(request), db, request.body));
  route(app, employerEndpoints.get, async (request) => employers.getEmployer(actorOf(request), db, request.params.employerId));
  route(app, employerEndpoints.update, async (request) => employers.updateEmployer(actorOf(request), db, request.params.employerId, request.body));
}
