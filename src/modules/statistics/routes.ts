import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { actorOf as sessionActor } from '../../core/http/context.ts';
import { route } from '../../core/http/route.ts';
import * as plans from './plans.ts';
import { prepareStatisticalReturn } from './return.ts';
import { statisticsEndpoints, type returnQuery } from './schema.ts';
import * as service from './service.ts';

/** The actor, speaking the page's language (titles, definitions and the return's headings are in it). */
const actorOf = (request: Pick<FastifyRequest, 'locale'>) => ({ ...sessionActor(request as FastifyRequest), locale: request.locale });

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function statisticsRoutes(app: FastifyInstance): void {
  const { db } = app.platform;
  route(app, statisticsEndpoints.indicators, async (request) => service.listIndicators(actorOf(request)));
  route(app, statisticsEndpoints.indicator, async (request) => service.indicatorValue(actorOf(request), db, request.params.code, request.query));
  route(app, statisticsEndpoints.overview, async (request) => service.overview(actorOf(request), db, request.query));
  route(app, statisticsEndpoints.children, async (request) => service.childrenRanked(actorOf(request), db, request.query));
  route(app, statisticsEndpoints.plans, async (request) => plans.listPlans(actorOf(request), db));
  route(app, statisticsEndpoints.createPlan, async (request) => plans.createPlan(actorOf(request), db, request.body));
  route(app, statisticsEndpoints.loadPlan, async (request) => plans.loadPlan(actorOf(request), db, request.body));
  route(app, statisticsEndpoints.addTarget, async (request) => plans.addTarget(actorOf(request), db, request.params.planId, request.body));
  route(app, statisticsEndpoints.updateTarget, async (request) => plans.updateTarget(actorOf(request), db, request.params.planId, request.params.targetId, request.body));
  route(app, statisticsEndpoints.deleteTarget, async (request) => plans.deleteTarget(actorOf(request), db, request.params.planId, request.params.targetId));

  // A workbook, not JSON: a plain route, validated and described by the same contract.
  const returnContract = statisticsEndpoints.statisticalReturn;
  app.get(returnContract.path, { schema: { tags: returnContract.tags, summary: returnContract.summary, querystring: returnContract.query } }, async (request, reply) => {
    const prepared = await prepareStatisticalReturn(actorOf(request), db, request.query as z.output<typeof returnQuery>);
    const out = new PassThrough();
    prepared.write(out).catch((error: unknown) => {
      request.log.error({ err: error }, 'statistical return failed half-way');
      out.destroy(error as Error);
    });
    return reply
      .header('content-type', xlsxType)
      .header('content-disposition', `attachment; filename="statistical-return.xlsx"; filename*=UTF-8''${encodeURIComponent(prepared.fileName)}`)
      .header('cache-control', 'no-store')
      .send(out);
  });
}
