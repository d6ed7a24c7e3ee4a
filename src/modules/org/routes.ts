import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../core/http/context.ts';
import * as employers from './employers.ts';
import * as schema from './schema.ts';
import * as service from './service.ts';

export function orgRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.platform;
  const tags = ['org'];

  api.get('/orgs', { schema: { tags, summary: 'Children (or the subtree) of an org in scope', querystring: schema.listOrgsQuery, response: { 200: schema.orgList } } }, async (request) =>
    service.listOrgs(actorOf(request), db, request.query),
  );

  api.post('/orgs', { schema: { tags, summary: 'Add a township union, union alliance or grassroots union', body: schema.createOrgRequest, response: { 201: schema.orgView } } }, async (request, reply) => {
    reply.status(201);
    return service.createOrg(actorOf(request), db, request.body);
  });

  api.get('/orgs/:orgCode', { schema: { tags, summary: 'One org', params: schema.orgParams, response: { 200: schema.orgView } } }, async (request) =>
    service.getOrg(actorOf(request), db, request.params.orgCode),
  );

  api.patch('/orgs/:orgCode', { schema: { tags, summary: 'Edit an org', params: schema.orgParams, body: schema.updateOrgRequest, response: { 200: schema.orgView } } }, async (request) =>
    service.updateOrg(actorOf(request), db, request.params.orgCode, request.body),
  );

  api.post('/orgs/:orgCode/move', { schema: { tags, summary: 'Move an org with its subtree under another parent', params: schema.orgParams, body: schema.moveOrgRequest, response: { 200: schema.orgView } } }, async (request) =>
    service.moveOrg(actorOf(request), db, request.params.orgCode, request.body),
  );

  api.get('/orgs/:orgCode/trail', { schema: { tags, summary: 'The org’s ancestors within scope, root first', params: schema.orgParams, response: { 200: schema.orgTrail } } }, async (request) =>
    service.trail(actorOf(request), db, request.params.orgCode),
  );

  api.get('/orgs/:orgCode/moves', { schema: { tags, summary: 'The org’s moves, newest first', params: schema.orgParams, response: { 200: schema.orgMoves } } }, async (request) =>
    service.moves(actorOf(request), db, request.params.orgCode),
  );

  const employerTags = ['employers'];
  api.get('/employers', { schema: { tags: employerTags, summary: 'Employers in scope', querystring: schema.listEmployersQuery, response: { 200: schema.employerList } } }, async (request) =>
    employers.listEmployers(actorOf(request), db, request.query),
  );

  api.post('/employers', { schema: { tags: employerTags, summary: 'Register an employer', body: schema.createEmployerRequest, response: { 201: schema.employerView } } }, async (request, reply) => {
    reply.status(201);
    return employers.createEmployer(actorOf(request), db, request.body);
  });

  api.get('/employers/:employerId', { schema: { tags: employerTags, summary: 'One employer', params: schema.employerParams, response: { 200: schema.employerView } } }, async (request) =>
    employers.getEmployer(actorOf(request), db, request.params.employerId),
  );

  api.patch('/employers/:employerId', { schema: { tags: employerTags, summary: 'Edit an employer', params: schema.employerParams, body: schema.updateEmployerRequest, response: { 200: schema.employerView } } }, async (request) =>
    employers.updateEmployer(actorOf(request), db, request.params.employerId, request.body),
  );
}
