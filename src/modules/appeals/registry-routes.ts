import type { FastifyInstance } from 'fastify';
import { actorOf } from '../../core/http/context.ts';
import { downloadRoute, route } from '../../core/http/route.ts';
import { calendarEndpoints as c, registryEndpoints as e } from './registry-schema.ts';
import { exportCentres } from './registry-export.ts';
import * as registry from './registry.ts';
import * as settings from './settings.ts';

/** The registry of centres and stations, and the province's settings and calendar (README.md, "Routes"). */
export function registryRoutes(app: FastifyInstance): void {
  const { db } = app.platform;
  route(app, e.list, async (request) => registry.listCentres(actorOf(request), db, request.query));
  downloadRoute(app, e.export, async (request) => exportCentres(actorOf(request), db, request.query));
  route(app, e.create, async (request) => registry.createCentre(actorOf(request), db, request.body));
  route(app, e.get, async (request) => registry.getCentre(actorOf(request), db, request.params.centreId));
  route(app, e.update, async (request) => registry.updateCentre(actorOf(request), db, request.params.centreId, request.body));
  route(app, e.close, async (request) => registry.closeCentre(actorOf(request), db, request.params.centreId, request.body.closedOn));
  route(app, c.settings, async (request) => settings.getSettings(actorOf(request), db));
  route(app, c.updateSettings, async (request) => settings.updateSettings(actorOf(request), db, request.body));
  route(app, c.calendar, async (request) => settings.listCalendar(actorOf(request), db, request.query.year));
  route(app, c.addDay, async (request) => settings.addCalendarDay(actorOf(request), db, request.body));
  route(app, c.removeDay, async (request) => settings.removeCalendarDay(actorOf(request), db, request.params.day));
}
