import type { FastifyInstance } from 'fastify';
import { actorOf } from '../http/context.ts';
import { route } from '../http/route.ts';
import type { QueueDeclaration } from './queues.ts';
import { countQueues } from './queues.ts';
import { queueEndpoints } from './schema.ts';
import { today } from '../dates.ts';

/** GET /queues: every module's queues for the caller, counted as of today. */
export function queueRoutes(app: FastifyInstance, modules: readonly { id: string; queues?: readonly QueueDeclaration[] }[]): void {
  route(app, queueEndpoints.list, async (request) => ({ items: await countQueues(actorOf(request), app.platform.db, modules, today()) }));
}
