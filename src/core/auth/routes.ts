import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/context.ts';
import { sessionCookie } from '../http/server.ts';
import { pickLocale } from '../i18n/catalogue.ts';
import * as schema from './schema.ts';
import * as service from './service.ts';

const ok = z.object({ ok: z.literal(true) });

export function authRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db, config } = app.platform;
  const tags = ['auth'];

  api.post(
    '/session',
    {
      schema: { tags, summary: 'Log in', body: schema.loginRequest, response: { 200: schema.meView } },
      config: {
        public: true,
        rateLimit: { max: 10, timeWindow: '1 minute', keyGenerator: (request) => `${request.ip}/${String((request.body as { username?: unknown })?.username ?? '').toLowerCase()}` },
      },
    },
    async (request, reply) => {
      const { token, actor } = await service.login(db, config, request.body.username, request.body.password, request.id);
      reply.setCookie(sessionCookie, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: request.protocol === 'https' });
      return service.me(actor, db);
    },
  );

  api.delete('/session', { schema: { tags, summary: 'Log out', response: { 200: ok } }, config: { public: true } }, async (request, reply) => {
    const token = request.cookies[sessionCookie];
    if (token) await service.logout(db, token);
    reply.clearCookie(sessionCookie, { path: '/' });
    return { ok: true as const };
  });

  api.get('/me', { schema: { tags, summary: 'Who is logged in, and their scope', response: { 200: schema.meView } } }, async (request) =>
    service.me(actorOf(request), db),
  );

  api.post(
    '/me/password',
    { schema: { tags, summary: 'Change one’s own password', body: schema.changePasswordRequest, response: { 200: ok } } },
    async (request) => {
      await service.changeOwnPassword(actorOf(request), db, request.body.currentPassword, request.body.newPassword);
      return { ok: true as const };
    },
  );

  api.put(
    '/me/locale',
    { schema: { tags, summary: 'Remember the interface language', body: z.object({ locale: z.enum(['zh-CN', 'en']) }), response: { 200: ok } } },
    async (request, reply) => {
      await service.setLocale(actorOf(request), db, pickLocale(request.body.locale));
      reply.setCookie('qiaoliang_locale', request.body.locale, { path: '/', sameSite: 'lax', maxAge: 365 * 86400 });
      return { ok: true as const };
    },
  );

  const users = ['users'];
  api.get('/users', { schema: { tags: users, summary: 'Accounts in scope', querystring: schema.listUsersQuery, response: { 200: schema.userList } } }, async (request) =>
    service.listUsers(actorOf(request), db, request.query),
  );

  api.post('/users', { schema: { tags: users, summary: 'Create an account', body: schema.createUserRequest, response: { 201: schema.userView } } }, async (request, reply) => {
    reply.status(201);
    return service.createUser(actorOf(request), db, request.body);
  });

  api.get('/users/:userId', { schema: { tags: users, summary: 'One account', params: schema.userIdParams, response: { 200: schema.userView } } }, async (request) =>
    service.getUser(actorOf(request), db, request.params.userId),
  );

  api.patch(
    '/users/:userId',
    { schema: { tags: users, summary: 'Edit, move, disable or enable an account', params: schema.userIdParams, body: schema.updateUserRequest, response: { 200: schema.userView } } },
    async (request) => service.updateUser(actorOf(request), db, request.params.userId, request.body),
  );

  api.post(
    '/users/:userId/password',
    { schema: { tags: users, summary: 'Reset an account’s password', params: schema.userIdParams, body: schema.resetPasswordRequest, response: { 200: ok } } },
    async (request) => {
      await service.resetPassword(actorOf(request), db, request.params.userId, request.body.password);
      return { ok: true as const };
    },
  );
}
