import type { FastifyInstance } from 'fastify';

/**
 * Hostile variants of a request to any route, made from the route's OpenAPI description alone, so that a route joins
 * them the day it is added (issue 12, "checks that grow by themselves"): a NUL byte in each place the route takes text
 * (a path parameter, the query, a JSON body), an over-long string in each, a body of a type no route declares (and a
 * body on a read), and a request from another origin. Every one must be refused — a 4xx problem+json — before it can
 * reach a store: the walks (bad-input.test.ts with the caller's own records, sibling-scope.test.ts with another
 * county's) send them and check the answers and that the database did not change.
 */

interface Parameter {
  in: string;
  name: string;
  schema?: { type?: string | string[] };
}

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  anyOf?: JsonSchema[];
}

export interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}

export interface WalkRoute {
  method: string;
  /** The OpenAPI path, `{name}` for each parameter. */
  path: string;
  /** `METHOD /api/v1/path`, as probes name routes. */
  key: string;
  operation: Operation;
}

/** Every route the server describes. */
export function describedRoutes(app: FastifyInstance): WalkRoute[] {
  const spec = app.swagger() as { paths: Record<string, Record<string, Operation>> };
  return Object.entries(spec.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => ({ method: method.toUpperCase(), path, key: `${method.toUpperCase()} ${path}`, operation })),
  );
}

/** Where a request is aimed: values for the path's parameters, and the query and body a probe gives. */
export interface Aim {
  params?: Record<string, string | number>;
  query?: Record<string, string>;
  body?: unknown;
}

export interface HostileRequest {
  name: string;
  method: string;
  url: string;
  payload?: string;
  headers: Record<string, string>;
}

const reads = new Set(['GET', 'HEAD', 'OPTIONS']);
const longText = 'x'.repeat(2000);

function urlOf(route: WalkRoute, aim: Aim, override: { param?: [string, string]; query?: Record<string, string> } = {}): string {
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (override.param?.[0] === name) return override.param[1];
    const value = aim.params?.[name];
    if (value === undefined) throw new Error(`${route.key}: no value for the path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
  const query = new URLSearchParams({ ...(aim.query ?? {}), ...(override.query ?? {}) }).toString();
  return query ? `${path}?${query}` : path;
}

/** A string property of the route's JSON body, or a name of our own: the body is refused whatever field holds it. */
function textField(route: WalkRoute): string {
  const schema = route.operation.requestBody?.content['application/json']?.schema;
  const text = (candidate: JsonSchema): boolean => candidate.type === 'string' || (Array.isArray(candidate.type) && candidate.type.includes('string')) || Boolean(candidate.anyOf?.some(text));
  return Object.entries(schema?.properties ?? {}).find(([, property]) => text(property))?.[0] ?? 'probe';
}

/** The query parameter to put text in: one the route declares, else one of ours (every query is checked). */
function queryName(route: WalkRoute): string {
  return route.operation.parameters?.find((parameter) => parameter.in === 'query')?.name ?? 'probe';
}

const json = { 'content-type': 'application/json' };

/** The hostile variants of one route's request, aimed as given. */
export function hostileRequests(route: WalkRoute, aim: Aim): HostileRequest[] {
  const { method } = route;
  const requests: HostileRequest[] = [];
  const add = (name: string, url: string, payload?: string, headers: Record<string, string> = {}) => requests.push({ name, method, url, ...(payload !== undefined ? { payload } : {}), headers });
  const base = aim.body && typeof aim.body === 'object' && !Array.isArray(aim.body) ? (aim.body as Record<string, unknown>) : {};
  const takesJson = !reads.has(method) && Boolean(route.operation.requestBody?.content['application/json']);
  const firstParam = route.operation.parameters?.find((parameter) => parameter.in === 'path')?.name ?? /\{(\w+)\}/.exec(route.path)?.[1];

  // A NUL byte wherever the route takes text.
  if (firstParam) add('NUL in a path parameter', urlOf(route, aim, { param: [firstParam, `${encodeURIComponent(String(aim.params?.[firstParam] ?? '1'))}%00`] }));
  add('NUL in the query', urlOf(route, aim, { query: { [queryName(route)]: 'a\u0000b' } }));
  if (takesJson) add('NUL in the body', urlOf(route, aim), JSON.stringify({ ...base, [textField(route)]: 'a\u0000b' }), json);

  // An over-long string wherever the route takes text.
  if (firstParam) add('over-long path parameter', urlOf(route, aim, { param: [firstParam, '9'.repeat(300)] }));
  add('over-long query value', urlOf(route, aim, { query: { [queryName(route)]: longText } }));
  if (takesJson) add('over-long body', urlOf(route, aim), JSON.stringify({ ...base, [textField(route)]: 'x'.repeat(1024 * 1024 + 1) }), json);

  // A body of a type no route takes (a form post), or any body on a read.
  add('wrong content type', urlOf(route, aim), 'x=1', { 'content-type': 'text/plain' });

  // From another site, as a page there would send it with the user's cookie.
  add('cross-origin', urlOf(route, aim), reads.has(method) ? undefined : JSON.stringify(base), { origin: 'http://evil.example', ...(reads.has(method) ? {} : json) });
  return requests;
}

/** What a refusal must look like: a 4xx answer in problem+json. Undefined when it does. */
export function refusalProblem(response: { statusCode: number; headers: Record<string, unknown> }): string | undefined {
  if (response.statusCode < 400 || response.statusCode >= 500) return `answered ${response.statusCode}`;
  if (!String(response.headers['content-type']).startsWith('application/problem+json')) return `answered ${response.statusCode} as ${String(response.headers['content-type'])}`;
  return undefined;
}
