import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

/**
 * What every response says about itself, and the requests refused because of where they come from rather than what
 * they hold: a page of another site (or of another port of this host) posting a form, or fetching the API, with the
 * user's session cookie. SameSite=Lax alone does not stop a page on the same host, nor a top-level form post in some
 * browsers, so the server checks the origin itself; and a route takes only the body types it declares, so a form
 * (text/plain, urlencoded, multipart) never reaches a JSON route.
 */

/** The pages: scripts and styles from this server only (the built pages have no inline script; antd writes <style>). */
const pagePolicy = [
  "default-src 'self'",
  "script-src 'self'",
  // antd's CSS-in-JS inserts <style> elements at run time: inline styles, never inline script.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');
/** The API answers data, never a document to render. */
const apiPolicy = "default-src 'none'; frame-ancestors 'none'";

const isApi = (url: string) => url === '/api' || url.startsWith('/api/');

/**
 * Every response: no sniffing, no framing, no referrer outside this site, a CSP, HSTS over TLS (the protocol as
 * TRUST_PROXY lets the server see it), and nothing from the API stored by a browser or a proxy — it holds personal
 * data (a revealed ID number, an export) and a stale copy is wrong anyway. A route may still set its own caching.
 */
export function securityHeaders(request: FastifyRequest, reply: FastifyReply): void {
  const api = isApi(request.url);
  reply.header('x-content-type-options', 'nosniff');
  reply.header('x-frame-options', 'DENY');
  reply.header('referrer-policy', 'same-origin');
  reply.header('cross-origin-opener-policy', 'same-origin');
  reply.header('cross-origin-resource-policy', 'same-origin');
  reply.header('content-security-policy', api ? apiPolicy : pagePolicy);
  if (request.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000');
  if (api) reply.header('cache-control', 'no-store');
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** This server's own origin as the browser sees it: scheme and host (with the port), through trusted proxies. */
export function ownOrigin(request: FastifyRequest): string | undefined {
  try {
    return new URL(`${request.protocol}://${request.host}`).origin;
  } catch {
    return undefined;
  }
}

function originOf(value: string): string {
  try {
    return new URL(value).origin;
  } catch {
    return value;
  }
}

/**
 * The foreign origin a request comes from, or undefined when it is this server's own or says nothing (a script or
 * the command line: they hold no browser's cookie). Browsers send Origin on every cross-origin request and on every
 * POST; Sec-Fetch-Site and Referer cover what the rest leave out.
 */
export function foreignOrigin(request: FastifyRequest): string | undefined {
  const own = ownOrigin(request);
  const origin = request.headers.origin;
  if (origin !== undefined) return isOwn(request, originOf(origin), own) ? undefined : origin;
  if (safeMethods.has(request.method)) return undefined;
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') return site;
  const referer = request.headers.referer;
  if (referer !== undefined && !isOwn(request, originOf(referer), own)) return originOf(referer);
  return undefined;
}

/**
 * This server's origin; or, for a request that came in plain http, the same host over https — a TLS proxy in front
 * of a server not told so by TRUST_PROXY. Only a page of that very host over TLS can be its origin, so nothing is
 * given away; the reverse (an http page posting to a server that sees https) stays refused.
 */
function isOwn(request: FastifyRequest, origin: string, own: string | undefined): boolean {
  if (own === undefined) return false;
  if (origin === own) return true;
  return request.protocol === 'http' && origin === own.replace(/^http:/, 'https:');
}

/**
 * A state-changing request from another origin is refused anywhere; a read of the API from another origin too (no
 * page of another site has any business reading it, and CORS is not enabled). Page navigations carry no Origin.
 */
export function checkOrigin(request: FastifyRequest): void {
  if (safeMethods.has(request.method) && !isApi(request.url)) return;
  const foreign = foreignOrigin(request);
  if (foreign !== undefined) throw new AppError('forbidden', 'error.cross_origin', { origin: foreign.slice(0, 100) });
}

/** The body types a route takes: what its schema says it consumes (uploads: multipart), else JSON. */
function declaredTypes(request: FastifyRequest): string[] {
  const consumes = (request.routeOptions.schema as { consumes?: string[] } | undefined)?.consumes;
  return consumes?.length ? consumes : ['application/json'];
}

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** A body whose type its route does not declare is refused before it is read: 415. A read takes no body at all. */
export function checkContentType(request: FastifyRequest): void {
  if (!request.routeOptions.url || !hasBody(request)) return;
  if (safeMethods.has(request.method)) throw new AppError('unsupported_media_type', 'error.no_body_expected', { method: request.method });
  const given = String(request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const accepted = declaredTypes(request);
  if (!accepted.includes(given)) {
    throw new AppError('unsupported_media_type', 'error.media_type_not_declared', { accepted: accepted.join(', '), given: given.slice(0, 100) || '—' });
  }
}

/** Registers the headers and both checks on every request, before anything reads a body. */
export function registerSecurity(app: FastifyInstance): void {
  // Form posts come as text/plain or urlencoded: neither has a parser, so no route can be handed one.
  app.removeContentTypeParser('text/plain');
  app.addHook('onRequest', async (request, reply) => {
    securityHeaders(request, reply);
    checkOrigin(request);
    checkContentType(request);
  });
}
