import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.ts';
import { actorOf } from '../http/context.ts';
import { route } from '../http/route.ts';
import { localeCookie } from '../http/locale.ts';
import { sessionCookie } from '../http/server.ts';
import { deviceCookie, deviceCookieDays, isKnownDevice, withDeviceNote } from './devices.ts';
import { authEndpoints, userEndpoints } from './schema.ts';
import * as service from './service.ts';

const ok = { ok: true as const };

export function authRoutes(app: FastifyInstance): void {
  const { db, config, cipher } = app.platform;
  // Every attempt from one address counts here, whatever the username: forty usernames a second from one address
  // (password spraying) run into it. An IPv6 /56 counts as one address.
  const perAddress = app.createRateLimit({ max: config.loginRatePerAddress, timeWindow: '1 minute' });

  route(
    app,
    authEndpoints.login,
    async (request, reply) => {
      const verdict = await perAddress(request);
      if (!verdict.isAllowed && verdict.isExceeded) {
        reply.header('retry-after', verdict.ttlInSeconds);
        throw new AppError('rate_limited', 'error.rate_limited_retry', { seconds: Math.max(1, verdict.ttlInSeconds) });
      }
      const notes = request.cookies[deviceCookie];
      const { token, actor } = await service.login(db, config, request.body.username, request.body.password, request.id, (userId) => isKnownDevice(cipher, notes, userId));
      const secure = request.protocol === 'https';
      reply.setCookie(sessionCookie, token, { path: '/', httpOnly: true, sameSite: 'lax', secure });
      // Read by this route alone: the note that lets this browser past a lock that failed logins elsewhere set.
      reply.setCookie(deviceCookie, withDeviceNote(cipher, notes, actor.userId!), { path: '/api/v1/session', httpOnly: true, sameSite: 'strict', secure, maxAge: deviceCookieDays * 86400 });
      return service.me(actor, db);
    },
    {
      config: {
        public: true,
        // Keyed by address and username as well: one guesser cannot lock out a whole office behind one address.
        rateLimit: { max: 10, timeWindow: '1 minute', keyGenerator: (request) => `${request.ip}/${String((request.body as { username?: unknown })?.username ?? '').toLowerCase()}` },
      },
    },
  );

  route(
    app,
    authEndpoints.logout,
    async (request, reply) => {
      const token = request.cookies[sessionCookie];
      if (token) await service.logout(db, token);
      reply.clearCookie(sessionCookie, { path: '/' });
      return ok;
    },
    { config: { public: true } },
  );

  route(app, authEndpoints.me, async (request) => service.me(actorOf(request), db));

  route(app, authEndpoints.changePassword, async (request) => {
    await service.changeOwnPassword(actorOf(request), db, request.body.currentPassword, request.body.newPassword);
    return ok;
  });

  route(app, authEndpoints.setLocale, async (request, reply) => {
    await service.setLocale(actorOf(request), db, request.body.locale);
    reply.setCookie(localeCookie, request.body.locale, { path: '/', sameSite: 'lax', maxAge: 365 * 86400 });
    return ok;
  });

  route(app, userEndpoints.list, async (request) => service.listUsers(actorOf(request), db, request.query));
  route(app, userEndpoints.create, async (request) => service.createUser(actorOf(request), db, request.body));
  route(app, userEndpoints.get, async (request) => service.getUser(actorOf(request), db, request.params.userId));
  route(app, userEndpoints.update, async (request) => service.updateUser(actorOf(request), db, request.params.userId, request.body));
  route(app, userEndpoints.resetPassword, async (request) => {
    await service.resetPassword(actorOf(request), db, request.params.userId, request.body.password);
    return ok;
  });
}
