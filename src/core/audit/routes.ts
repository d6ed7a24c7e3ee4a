import type { FastifyInstance } from 'fastify';
import { actorOf } from '../http/context.ts';
import { route } from '../http/route.ts';
import { auditEndpoints } from './schema.ts';
import { listAudit, presentAuditEvent } from './store.ts';

export function auditRoutes(app: FastifyInstance): void {
  route(app, auditEndpoints.list, async (request) => {
    const rows = await listAudit(app.platform.db, actorOf(request).scope, request.query);
    return { items: rows.map(presentAuditEvent) };
  });
}
