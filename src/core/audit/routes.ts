import type { FastifyInstance } from 'fastify';
import { actorOf } from '../http/context.ts';
import { route } from '../http/route.ts';
import { auditEndpoints } from './schema.ts';
import { listAudit } from './store.ts';

export function auditRoutes(app: FastifyInstance): void {
  route(app, auditEndpoints.list, async (request) => {
    const rows = await listAudit(app.platform.db, actorOf(request).scope, request.query);
    return {
      items: rows.map((row) => ({
        id: row.id,
        at: row.at.toISOString(),
        actorName: row.actor_name,
        action: row.action,
        entity: row.entity,
        entityId: row.entity_id,
        before: row.before,
        after: row.after,
      })),
    };
  });
}
