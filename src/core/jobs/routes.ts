import type { FastifyInstance } from 'fastify';
import { actorOf } from '../http/context.ts';
import { route } from '../http/route.ts';
import { jobEndpoints } from './schema.ts';
import * as service from './service.ts';

/** Jobs are started by the modules' own routes (an import, an export); here they are watched and stopped. */
export function jobsRoutes(app: FastifyInstance): void {
  const { db } = app.platform;
  route(app, jobEndpoints.list, async (request) => service.listJobs(actorOf(request), db, request.query));
  route(app, jobEndpoints.get, async (request) => service.getJob(actorOf(request), db, request.params.jobId));
  route(app, jobEndpoints.cancel, async (request) => service.cancelJob(actorOf(request), db, request.params.jobId, app.platform.jobs));
}
