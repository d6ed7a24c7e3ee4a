import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Probe, ProbeTarget } from '../core/checks.ts';
import { coreProbes } from './probes.ts';
import { databaseDigest } from './digest.ts';
import { describedRoutes, hostileRequests, refusalProblem } from './hostile.ts';
import { actorFor, createTestPlatform, type Client, type TestPlatform } from './platform.ts';
import { makeCounty, moduleChecks, type County } from './world.ts';

/**
 * Scope is the heart of security: two admins of two sibling counties (南关区 and 宽城区 of 长春) try every API
 * route against the other's records. The routes come from the running server's own OpenAPI description, so a new
 * route joins this test by itself — and fails it until it has a probe (src/test/probes.ts for the platform's routes,
 * a module's checks.ts for its own) saying how to aim it at the other side.
 * Each route's hostile variants (a NUL byte, an over-long string, a wrong content type, another origin) are aimed at
 * the other side too, and must be refused as a 4xx problem+json that leaks nothing and writes nothing.
 */

let test: TestPlatform;
let nanguan: County;
let kuancheng: County;
let probes: Record<string, Probe>;

beforeAll(async () => {
  test = await createTestPlatform();
  probes = Object.assign({ ...coreProbes }, ...(await moduleChecks()).map(({ checks }) => checks.probes ?? {}));
  nanguan = await makeCounty(test, '220102', 'nanguan');
  kuancheng = await makeCounty(test, '220103', 'kuancheng');
});
afterAll(() => test?.close());

function routes(): { method: string; path: string; key: string }[] {
  const spec = test.app.swagger() as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(spec.paths).flatMap(([path, operations]) =>
    Object.keys(operations).map((method) => ({ method: method.toUpperCase(), path, key: `${method.toUpperCase()} ${path}` })),
  );
}

async function otherUsers(me: County): Promise<string> {
  const { rows } = await sql<{ digest: string }>`SELECT md5(string_agg(u::text, '|' ORDER BY id)) AS digest FROM users u WHERE id <> ${me.users.admin.id}`.execute(test.platform.db);
  return rows[0]!.digest;
}

async function latestAuditId(): Promise<number> {
  const { rows } = await sql<{ id: number | null }>`SELECT max(id) AS id FROM audit_events`.execute(test.platform.db);
  return Number(rows[0]!.id ?? 0);
}

function urlOf(path: string, target: ProbeTarget): string {
  let url = path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = target.params?.[name];
    if (value === undefined) throw new Error(`the probe gives no value for the path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
  if (target.query) url += `?${new URLSearchParams(target.query).toString()}`;
  return url;
}

/** An upload route's probe file as the pages send it. */
function multipart(file: { name: string; content: string }) {
  const boundary = 'qiaoliangprobe';
  return {
    payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n${file.content}\r\n--${boundary}--\r\n`,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

describe('two sibling counties cannot see or touch each other', () => {
  it('has a probe for every route the server describes', () => {
    const missing = routes().filter((route) => !probes[route.key]).map((route) => route.key);
    expect(missing, "add a probe for each new route to the module's checks.ts (ModuleChecks.probes)").toEqual([]);
  });

  for (const [side, labels] of [['nanguan → kuancheng', ['nanguan', 'kuancheng']], ['kuancheng → nanguan', ['kuancheng', 'nanguan']]] as const) {
    it(`every route, read and write, as ${side}`, async () => {
      const me = labels[0] === 'nanguan' ? nanguan : kuancheng;
      const other = labels[0] === 'nanguan' ? kuancheng : nanguan;
      // The caller's own acts (logging in and out, a refused password change, its language) touch its own account and
      // are audited: those rows are checked apart, the rest of the database must not change at all.
      const untouched = async () => [await databaseDigest(test.platform.db, ['audit_events', 'users']), await otherUsers(me)];
      const before = await untouched();
      const lastEvent = await latestAuditId();
      const secrets = other.secrets;
      const failures: string[] = [];
      let client: Client = await test.login(me.users.admin.username);
      for (const route of routes()) {
        const probe = probes[route.key];
        if (!probe) continue;
        const target = probe.target(other);
        const url = urlOf(route.path, target);
        const upload = target.file ? multipart(target.file) : undefined;
        const response = await client.request(route.method, url, upload?.payload ?? target.body, upload?.headers);
        // DELETE /session ends the session the walk uses: log in again after it.
        if (route.key === 'DELETE /api/v1/session') client = await test.login(me.users.admin.username);
        // What the caller sent may come back (the problem's `instance` is the URL): only the rest is a leak.
        const sent = decodeURIComponent(url) + JSON.stringify(target.body ?? '');
        const leaked = secrets.filter((secret) => !sent.includes(secret) && response.body.includes(secret));
        if (leaked.length) failures.push(`${route.key} → ${response.statusCode} leaked ${leaked.join(', ')}`);
        // Aimed at the other's record by its id or code: not found or forbidden. Naming the other's org in a body
        // (a parent, an employer's registering org): the field is refused as unknown.
        const allowed = target.params ? [403, 404] : route.method !== 'GET' ? [400, 403, 404] : undefined;
        if (!probe.self && allowed && !allowed.includes(response.statusCode)) failures.push(`${route.key} → ${response.statusCode}, expected ${allowed.join('/')}`);
        if (response.statusCode >= 400) expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      }
      expect(failures).toEqual([]);
      expect(await untouched()).toEqual(before);
      const { rows: written } = await sql<{ action: string; entity: string; org_path: string }>`
        SELECT action, entity, org_path::text FROM audit_events WHERE id > ${lastEvent}`.execute(test.platform.db);
      const county = (await actorFor(test, other.users.admin.username)).scope.path;
      expect(written.filter((event) => event.org_path === county || event.org_path.startsWith(`${county}.`)), 'audit events about the other county').toEqual([]);
    });
  }

  for (const [side, labels] of [['nanguan → kuancheng', ['nanguan', 'kuancheng']], ['kuancheng → nanguan', ['kuancheng', 'nanguan']]] as const) {
    it(`every route's hostile variants (src/test/hostile.ts), aimed at the other side, as ${side}: refused, leaking and writing nothing`, async () => {
      const me = labels[0] === 'nanguan' ? nanguan : kuancheng;
      const other = labels[0] === 'nanguan' ? kuancheng : nanguan;
      const client = await test.login(me.users.admin.username);
      const before = await databaseDigest(test.platform.db);
      const failures: string[] = [];
      for (const route of describedRoutes(test.app)) {
        const probe = probes[route.key];
        if (!probe) continue;
        for (const hostile of hostileRequests(route, probe.target(other))) {
          const response = await client.request(hostile.method, hostile.url, hostile.payload, hostile.headers);
          const problem = refusalProblem(response);
          if (problem) failures.push(`${route.key} ${hostile.name} → ${problem}`);
          const sent = decodeURIComponent(hostile.url.replace(/%00/g, '')) + (hostile.payload ?? '');
          const leaked = other.secrets.filter((secret) => !sent.includes(secret) && response.body.includes(secret));
          if (leaked.length) failures.push(`${route.key} ${hostile.name} leaked ${leaked.join(', ')}`);
        }
      }
      expect(failures).toEqual([]);
      expect(await databaseDigest(test.platform.db)).toBe(before);
    });
  }

  it('each side still sees its own records through the same routes', async () => {
    const client = await test.login(nanguan.users.viewer.username);
    const list = (await client.get('/api/v1/orgs?parentCode=220102&depth=subtree')).json() as { items: { code: string }[] };
    expect(list.items.map((item) => item.code)).toEqual(expect.arrayContaining([nanguan.records.township!.code, nanguan.records.union!.code]));
    expect((await client.get(`/api/v1/employers/${nanguan.records.employer!.id}`)).statusCode).toBe(200);
  });
});
