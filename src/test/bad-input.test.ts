import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type Client, type TestPlatform } from './platform.ts';
import { databaseDigest as digestOf } from './digest.ts';
import { describedRoutes, hostileRequests, refusalProblem } from './hostile.ts';
import { makeCounty, moduleChecks, type County } from './world.ts';

/**
 * Bad input on every write route: the bodies are derived from each route's own JSON schema in the OpenAPI
 * description (missing required fields, wrong types, oversized strings), so a new write route is covered the day
 * it is added. Each must answer 400 problem+json naming the field, and leave the database as it was. And on every
 * route, read or write, the hostile variants of src/test/hostile.ts: each refused as a 4xx problem+json.
 */

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  maxLength?: number;
  enum?: unknown[];
  anyOf?: JsonSchema[];
}

type Route = { method: string; path: string; body: JsonSchema };

let test: TestPlatform;
let county: County;
let admin: Client;
let own: Record<string, string | number>;

beforeAll(async () => {
  test = await createTestPlatform();
  county = await makeCounty(test, '220102', 'nanguan');
  admin = await test.login(county.users.admin.username);
  own = Object.assign({ userId: county.users.viewer.id, jobId: county.jobId }, ...(await moduleChecks()).map(({ checks }) => checks.ownTargets?.(county) ?? {}));
});
afterAll(() => test?.close());

function writeRoutes(): Route[] {
  const spec = test.app.swagger() as { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: JsonSchema }> } }>> };
  return Object.entries(spec.paths).flatMap(([path, operations]) =>
    Object.entries(operations)
      .filter(([, operation]) => operation.requestBody)
      .map(([method, operation]) => ({ method: method.toUpperCase(), path, body: operation.requestBody!.content['application/json']!.schema })),
  );
}

/** The caller's own records (each module names its own: ModuleChecks.ownTargets): bad input must fail because of the input, not because of the target. */
function ownTarget(path: string): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (own[name] === undefined) throw new Error(`no module names its own record for the path parameter ${name}`);
    return String(own[name]);
  });
}

/**
 * A new address for each request: the walks send far more to each public route than its per-address limit allows
 * (10 writes a minute), and what they test is the input, not the limit (src/core/public/public.test.ts tests that).
 */
let addresses = 0;
const nextAddress = () => `10.${(++addresses >> 16) & 255}.${(addresses >> 8) & 255}.${addresses & 255}`;

/** Every row that a write could touch (sessions aside: logging in is not a write under test). */
const databaseDigest = () => digestOf(test.platform.db);

function typeOf(schema: JsonSchema): string | undefined {
  if (schema.enum) return 'enum';
  if (Array.isArray(schema.type)) return schema.type.find((type) => type !== 'null');
  if (schema.type) return schema.type;
  return schema.anyOf?.map(typeOf).find((type) => type && type !== 'null');
}

const wrongValue: Record<string, unknown> = { string: 12345, integer: 'not-a-number', number: 'not-a-number', boolean: 'yes', enum: 'no-such-option', object: 'x', array: 'x' };

interface BadCase {
  name: string;
  body: unknown;
  /** The field the answer must name. */
  field: string;
  /** The reason it must give, where the case decides it. */
  code?: string;
}

function badCases(route: Route): BadCase[] {
  const cases: BadCase[] = [];
  const properties = route.body.properties ?? {};
  for (const field of route.body.required ?? []) cases.push({ name: `without ${field}`, body: {}, field, code: 'required' });
  for (const [field, schema] of Object.entries(properties)) {
    const type = typeOf(schema);
    if (type && type in wrongValue) cases.push({ name: `${field} of the wrong type`, body: { [field]: wrongValue[type] }, field, code: type === 'enum' ? 'invalid_value' : 'invalid_type' });
    const maxLength = schema.maxLength ?? schema.anyOf?.find((option) => option.maxLength)?.maxLength;
    if (maxLength) cases.push({ name: `${field} longer than ${maxLength}`, body: { [field]: '长'.repeat(maxLength + 1) }, field, code: 'too_long' });
  }
  return cases;
}

describe('bad input on every write route', () => {
  it('finds the write routes', () => {
    expect(writeRoutes().map((route) => `${route.method} ${route.path}`)).toEqual(
      expect.arrayContaining(['POST /api/v1/orgs', 'PATCH /api/v1/orgs/{orgCode}', 'POST /api/v1/employers', 'PATCH /api/v1/employers/{employerId}', 'POST /api/v1/users']),
    );
  });

  it('answers 400 with the field named, in both languages, and writes nothing', async () => {
    const before = await databaseDigest();
    const failures: string[] = [];
    let checked = 0;
    for (const route of writeRoutes()) {
      for (const bad of badCases(route)) {
        for (const language of ['zh-CN', 'en']) {
          const response = await admin.request(route.method, ownTarget(route.path), bad.body, { 'accept-language': language }, nextAddress());
          checked++;
          const problem = response.json() as { status: number; code: string; errors?: { path: string; code: string; message: string }[] };
          const named = problem.errors?.find((error) => error.path === bad.field && (!bad.code || error.code === bad.code));
          if (response.statusCode !== 400 || !named || !String(response.headers['content-type']).startsWith('application/problem+json')) {
            failures.push(`${route.method} ${route.path} ${bad.name} [${language}] → ${response.statusCode} ${response.body.slice(0, 200)}`);
          } else if (language === 'zh-CN' ? !/[\u4e00-\u9fff]/.test(named.message) : /[\u4e00-\u9fff]/.test(named.message)) {
            failures.push(`${route.method} ${route.path} ${bad.name}: message "${named.message}" is not in ${language}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(50);
    expect(await databaseDigest()).toBe(before);
  });
});

describe('hostile input on every route', () => {
  it('a NUL byte, an over-long string, a wrong content type and a cross-origin request: each a 4xx problem+json, nothing written', async () => {
    const before = await databaseDigest();
    const failures: string[] = [];
    const routes = describedRoutes(test.app);
    let sent = 0;
    for (const route of routes) {
      for (const hostile of hostileRequests(route, { params: Object.fromEntries([...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => [name, ownTarget(`{${name}}`)])) })) {
        const response = await admin.request(hostile.method, hostile.url, hostile.payload, hostile.headers, nextAddress());
        sent++;
        const problem = refusalProblem(response);
        if (problem) failures.push(`${route.key} ${hostile.name} → ${problem}: ${response.body.slice(0, 160)}`);
      }
    }
    expect(failures).toEqual([]);
    // Every route had its turn: at least the query, the content type and the origin.
    expect(sent).toBeGreaterThanOrEqual(routes.length * 4);
    expect(await databaseDigest()).toBe(before);
  });
});
