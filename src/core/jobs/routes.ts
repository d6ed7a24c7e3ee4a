import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../http/context.ts';
import * as schema from './schema.ts';
import * as service from './service.ts';

/** Jobs are started by the modules' own routes (an import, an export); here they are watched and stopped. */
export function jobsRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.platform;
  const tags = ['jobs'];

  api.get('/jobs', { schema: { tags, summary: 'Jobs in scope, newest first', querystring: schema.listJobsQuery, response: { 200: schema.jobList } } }, async (request) =>
    service.listJobs(actorOf(request), db, request.query, request.locale),
  );

  api.get('/jobs/:jobId', { schema: { tags, summary: 'One job with its progress', params: schema.jobParams, response: { 200: schema.jobView } } }, async (request) =>
    service.getJob(actorOf(request), db, request.params.jobId, request.locale),
  );

  api.post('/jobs/:jobId/cancel', { schema: { tags, summary: 'Ask a job to stop; what it has committed stays', params: schema.jobParams, response: { 200: schema.jobView } } }, async (request) =>
    service.cancelJob(actorOf(request), db, request.params.jobId, request.locale),
  );
}
