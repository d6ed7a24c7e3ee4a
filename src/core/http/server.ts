import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { authenticate } from '../auth/service.ts';
import { openQueryScope, runInQueryScope } from '../db/request-scope.ts';
import { AppError } from '../errors.ts';
import { check, fieldIssues } from '../validation.ts';
import type { PlatformContext } from './context.ts';
import { checkUrl, clientErrorHandler, frameworkErrors, registerStrictJson, textIssues } from './input.ts';
import { replyLocale } from './locale.ts';
import { requestForLog } from './redact.ts';
import { asAppError, sendProblem, toProblem } from './problem.ts';
import { registerSecurity } from './security.ts';
import { serveWebAssets } from './web-assets.ts';

export const sessionCookie = 'qiaoliang_session';

/** TRUST_PROXY=2: the nearest two hops are proxies (what Fastify does with a number, which its types leave out). */
const trustHops = (hops: number) => (_address: string, hop: number) => hop < hops;

/** The request log, if any, with its request serialiser: a tracking code in a public address is never written (redact.ts). */
function withRedaction(logger: ServerOptions['logger']): FastifyServerOptions['logger'] {
  if (!logger) return false;
  const given = logger === true ? {} : (logger as Exclude<FastifyServerOptions['logger'], boolean | undefined> & { serializers?: Record<string, unknown> });
  return { ...given, serializers: { ...given.serializers, req: requestForLog } } as FastifyServerOptions['logger'];
}

export interface ServerOptions {
  logger?: FastifyServerOptions['logger'];
  /** Registers the API's routes inside /api/v1. */
  routes: (api: FastifyInstance) => Promise<void> | void;
}

/**
 * The HTTP shell: problem+json for every error, a request id in every log line, the session read before every
 * route that is not public, Zod contracts as validators and as the OpenAPI description.
 */
export async function buildServer(platform: PlatformContext, options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: withRedaction(options.logger),
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
    bodyLimit: 1024 * 1024,
    // Behind a TLS-terminating proxy (TRUST_PROXY): the client's address, https and the host as the proxy saw them.
    trustProxy: typeof platform.config.trustProxy === 'number' ? trustHops(platform.config.trustProxy) : platform.config.trustProxy,
    frameworkErrors,
    clientErrorHandler,
  });
  app.decorate('platform', platform);
  // First of all hooks: the rest of the request runs in its query scope, so its statements get the statement timeout
  // and are cancelled if the client goes away before the answer (src/core/db/request-scope.ts).
  app.addHook('onRequest', (_request, reply, done) => {
    const scope = openQueryScope(platform.config.statementTimeoutSeconds * 1000);
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) scope.abandon();
    });
    runInQueryScope(scope, done);
  });
  app.decorateRequest('actor', undefined);
  app.decorateRequest('locale', 'zh-CN');

  // A failed parse becomes an AppError with field issues at once, so the error handler has one shape to present.
  // Text no field may hold (a NUL, an unpaired surrogate, an endless parameter) is refused before the schema looks.
  app.setValidatorCompiler(({ schema, httpPart }) => (data) => {
    const prefix = httpPart === 'body' ? [] : [httpPart === 'querystring' ? 'query' : String(httpPart)];
    const unfit = textIssues(data, prefix, httpPart === 'body' ? 'body' : 'parameter');
    if (unfit.length) return { error: new AppError('validation_failed', 'error.validation_failed', { count: unfit.length }, unfit) };
    const result = check(schema as z.ZodType, data);
    if (result.success) return { value: result.data };
    return { error: new AppError('validation_failed', 'error.validation_failed', { count: result.error.issues.length }, fieldIssues(result.error, prefix)) };
  });
  app.setSerializerCompiler(serializerCompiler);

  await app.register(cookie);
  // Uploads (imports): parsed only by routes that ask for a file, each with its own limits.
  await app.register(multipart);
  // preHandler, not onRequest: the login limit is keyed by the username in the parsed body. Public routes ask for
  // onRequest (src/core/public/route.ts): they refuse a flood before reading its bodies.
  await app.register(rateLimit, {
    global: false,
    hook: 'preHandler',
    errorResponseBuilder: (_request, context) => new AppError('rate_limited', 'error.rate_limited_retry', { seconds: Math.max(1, Math.ceil(context.ttl / 1000)) }),
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Qiaoliang 桥梁 API', version: '1' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: sessionCookie } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });

  app.addHook('onRequest', async (request) => {
    request.locale = replyLocale(request);
  });
  // Security headers on every answer; requests from another origin, and bodies of a type the route does not declare,
  // refused; then a malformed address. JSON bodies must be UTF-8.
  registerSecurity(app);
  app.addHook('onRequest', async (request) => checkUrl(request.url));
  registerStrictJson(app);

  app.setErrorHandler((error, request, reply) => {
    const known = asAppError(error, request);
    if (known) {
      if (known.code === 'internal') request.log.error({ err: error }, 'internal error');
      if (known.code === 'query_timeout') request.log.warn({ err: error }, 'a statement ran past the statement timeout');
      return sendProblem(reply, toProblem(known, request.locale, request));
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, toProblem(new AppError('internal'), request.locale, request));
  });
  const servesPages = await serveWebAssets(app);
  app.setNotFoundHandler((request, reply) => {
    // A deep link into the pages (/orgs?org=220102) is the app's to route: send it the app.
    if (servesPages && request.method === 'GET' && !request.url.startsWith('/api/') && String(request.headers.accept ?? '').includes('text/html')) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return sendProblem(reply, toProblem(new AppError('not_found', 'error.route_not_found', { method: request.method, url: request.url.split('?')[0]! }), request.locale, request));
  });

  app.get('/healthz', { config: { public: true }, schema: { hide: true } }, async () => ({ status: 'ok', db: platform.database.engine }));

  await app.register(
    async (api) => {
      // Every API route needs a session unless it says it is public; the pages and /healthz do not.
      api.addHook('preHandler', async (request) => {
        if (request.routeOptions.config.public || !request.routeOptions.url) return;
        const token = request.cookies[sessionCookie];
        if (!token) throw new AppError('unauthenticated');
        const actor = await authenticate(platform.db, platform.config, token, request.id, `${request.method} ${request.routeOptions.url}`);
        request.locale = replyLocale(request, actor);
        request.actor = { ...actor, locale: request.locale };
      });
      await options.routes(api);
      api.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
    },
    { prefix: '/api/v1' },
  );
  return app;
}
