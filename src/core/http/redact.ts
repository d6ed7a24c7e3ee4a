import type { FastifyRequest } from 'fastify';

/**
 * A request's address as the log and a problem's `instance` show it. A public route that a worker follows their
 * item by carries the item's tracking code in its path (/public/appeals/{trackingCode}), and whoever reads a log
 * must not be able to open the item with what they read: the code is replaced. A public address that matched no
 * route keeps only its first segment, since a mistyped route may still hold a code.
 */
export const redactedCode = '[tracking-code]';

export function redactUrl(url: string, routeUrl?: string): string {
  const publicPrefix = '/api/v1/public/';
  if (!url.startsWith(publicPrefix)) return url;
  const queryAt = url.indexOf('?');
  const path = queryAt < 0 ? url : url.slice(0, queryAt);
  const query = queryAt < 0 ? '' : url.slice(queryAt);
  const segments = path.split('/');
  const pattern = routeUrl?.split('/');
  if (pattern && pattern.length === segments.length) {
    if (!pattern.includes(':trackingCode')) return url;
    return segments.map((segment, at) => (pattern[at] === ':trackingCode' ? redactedCode : segment)).join('/') + query;
  }
  // '', 'api', 'v1', 'public', the route's first word: the rest may be a code, and so may the query.
  return segments.length > 5 ? [...segments.slice(0, 5), redactedCode].join('/') : path;
}

/** What the request log writes about a request (Fastify's own fields), with its address redacted. */
export function requestForLog(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url, request.routeOptions?.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket ? request.socket.remotePort : undefined,
  };
}
