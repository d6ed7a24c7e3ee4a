import type { FastifyInstance } from 'fastify';
import { xlsxContentType } from '../../core/files.ts';
import { actorOf } from '../../core/http/context.ts';
import { downloadRoute, route, uploadRoute } from '../../core/http/route.ts';
import { planTemplate, planUpload, planWorkbook, readPlanWorkbook } from './plan-sheet.ts';
import * as plans from './plans.ts';
import { prepareStatisticalReturn } from './return.ts';
import { statisticsEndpoints } from './schema.ts';
import * as service from './service.ts';

export function statisticsRoutes(app: FastifyInstance): void {
  const { db } = app.platform;
  route(app, statisticsEndpoints.indicators, async (request) => service.listIndicators(actorOf(request)));
  route(app, statisticsEndpoints.indicator, async (request) => service.indicatorValue(actorOf(request), db, request.params.code, request.query));
  route(app, statisticsEndpoints.overview, async (request) => service.overview(actorOf(request), db, request.query));
  route(app, statisticsEndpoints.children, async (request) => service.childrenRanked(actorOf(request), db, request.query));
  route(app, statisticsEndpoints.plans, async (request) => plans.listPlans(actorOf(request), db));
  route(app, statisticsEndpoints.createPlan, async (request) => plans.createPlan(actorOf(request), db, request.body));
  route(app, statisticsEndpoints.loadPlan, async (request) => plans.loadPlan(actorOf(request), db, request.body));
  // The template's path is fixed, so it is registered before the workbook of a plan by its id.
  downloadRoute(app, statisticsEndpoints.planTemplate, async (request) => planTemplate(actorOf(request)));
  downloadRoute(app, statisticsEndpoints.planWorkbook, async (request) => planWorkbook(actorOf(request), await plans.readPlan(actorOf(request), db, request.params.planId)));
  uploadRoute(app, statisticsEndpoints.readPlanWorkbook, planUpload, async (request, upload) => {
    plans.assertPlanEditor(actorOf(request));
    return readPlanWorkbook(actorOf(request), upload);
  });
  route(app, statisticsEndpoints.addTarget, async (request) => plans.addTarget(actorOf(request), db, request.params.planId, request.body));
  route(app, statisticsEndpoints.updateTarget, async (request) => plans.updateTarget(actorOf(request), db, request.params.planId, request.params.targetId, request.body));
  route(app, statisticsEndpoints.deleteTarget, async (request) => plans.deleteTarget(actorOf(request), db, request.params.planId, request.params.targetId));

  downloadRoute(app, statisticsEndpoints.statisticalReturn, async (request) => {
    const prepared = await prepareStatisticalReturn(actorOf(request), db, request.query);
    return { fileName: prepared.fileName, contentType: xlsxContentType, body: (out) => prepared.write(out) };
  });
}
