import { z } from 'zod';
import { endpoint } from '../contract.ts';

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

export const auditEndpoints = {
  list: endpoint({ method: 'GET', path: '/audit', tags: ['audit'], summary: 'Audit events in scope, newest first', query: auditQuery, response: z.object({ items: z.array(auditEventView) }) }),
};
