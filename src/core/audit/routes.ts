import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/context.ts';
import { listAudit } from './store.ts';

export const auditQuery = z.object({
  entity: z.string().trim().max(40).optional(),
  entityId: z.string().trim().max(40).optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const auditEventView = z.object({
  id: z.number(),
  at: z.string(),
  actorName: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});

export function auditRoutes(app: FastifyInstance): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/audit',
    { schema: { tags: ['audit'], summary: 'Audit events in scope, newest first', querystring: auditQuery, response: { 200: z.object({ items: z.array(auditEventView) }) } } },
    async (request) => {
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
    },
  );
}
