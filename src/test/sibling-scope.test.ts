import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type Client, type TestPlatform } from './platform.ts';
import { makeCounty, makeCreditCode, makeIdNumber, type County } from './world.ts';

/**
 * Scope is the heart of security: two admins of two sibling counties (南关区 and 宽城区 of 长春) try every API
 * route against the other's records. The routes come from the running server's own OpenAPI description, so a new
 * route joins this test by itself — and fails it until it has a probe below saying how to aim it at the other side.
 */

interface Probe {
  /** Path parameters and query aimed at the other county's records. */
  target: (other: County) => { params?: Record<string, string | number>; query?: Record<string, string>; body?: unknown };
  /** A route about the caller only (own session, own password): it must still leak nothing. */
  self?: boolean;
}

const probes: Record<string, Probe> = {
  'POST /api/v1/session': { self: true, target: () => ({ body: { username: 'nobody', password: 'wrong-password-1' } }) },
  'DELETE /api/v1/session': { self: true, target: () => ({}) },
  'GET /api/v1/me': { self: true, target: () => ({}) },
  'POST /api/v1/me/password': { self: true, target: () => ({ body: { currentPassword: 'wrong', newPassword: 'another-password-9' } }) },
  'PUT /api/v1/me/locale': { self: true, target: () => ({ body: { locale: 'zh-CN' } }) },
  'GET /api/v1/users': { target: (o) => ({ query: { orgCode: o.countyCode } }) },
  'POST /api/v1/users': { target: (o) => ({ body: { username: `intruder_${o.label}`, displayName: 'x', orgCode: o.countyCode, role: 'viewer', password: 'intruder-password-1' } }) },
  'GET /api/v1/users/{userId}': { target: (o) => ({ params: { userId: o.users.viewer.id } }) },
  'PATCH /api/v1/users/{userId}': { target: (o) => ({ params: { userId: o.users.viewer.id }, body: { role: 'admin' } }) },
  'POST /api/v1/users/{userId}/password': { target: (o) => ({ params: { userId: o.users.admin.id }, body: { password: 'taken-over-password-1' } }) },
  'GET /api/v1/audit': { target: (o) => ({ query: { entity: 'org', entityId: o.union.code } }) },
  'GET /api/v1/orgs': { target: (o) => ({ query: { parentCode: o.countyCode } }) },
  'POST /api/v1/orgs': { target: (o) => ({ body: { parentCode: o.countyCode, kind: 'township', name: '越权街道工会' } }) },
  'GET /api/v1/orgs/{orgCode}': { target: (o) => ({ params: { orgCode: o.union.code } }) },
  'PATCH /api/v1/orgs/{orgCode}': { target: (o) => ({ params: { orgCode: o.union.code }, body: { name: '被篡改的工会' } }) },
  'POST /api/v1/orgs/{orgCode}/move': { target: (o) => ({ params: { orgCode: o.union.code }, body: { parentCode: o.countyCode, movedOn: '2020-01-01' } }) },
  'GET /api/v1/orgs/{orgCode}/trail': { target: (o) => ({ params: { orgCode: o.union.code } }) },
  'GET /api/v1/orgs/{orgCode}/moves': { target: (o) => ({ params: { orgCode: o.union.code } }) },
  'GET /api/v1/employers': { target: (o) => ({ query: { orgCode: o.countyCode } }) },
  'POST /api/v1/employers': { target: (o) => ({ body: { orgCode: o.countyCode, name: '越权单位', creditCode: makeCreditCode(), ownership: 'private', sizeClass: 'small', industry: 'C' } }) },
  'GET /api/v1/employers/{employerId}': { target: (o) => ({ params: { employerId: o.employer.id } }) },
  'PATCH /api/v1/employers/{employerId}': { target: (o) => ({ params: { employerId: o.employer.id }, body: { name: '被篡改的单位' } }) },
  'GET /api/v1/members': { target: (o) => ({ query: { orgCode: o.countyCode } }) },
  'POST /api/v1/members': { target: (o) => ({ body: { orgCode: o.union.code, name: '越权会员', idNumber: makeIdNumber(), household: 'urban', joinedOn: '2013-01-01' } }) },
  'GET /api/v1/members/{membershipId}': { target: (o) => ({ params: { membershipId: o.member.id } }) },
  'PATCH /api/v1/members/{membershipId}': { target: (o) => ({ params: { membershipId: o.member.id }, body: { name: '被篡改的会员' } }) },
  'POST /api/v1/members/{membershipId}/end': { target: (o) => ({ params: { membershipId: o.member.id }, body: { endedOn: '2013-01-01', reason: 'left' } }) },
  'POST /api/v1/members/{membershipId}/reveal': { target: (o) => ({ params: { membershipId: o.member.id }, body: { field: 'idNumber' } }) },
  'POST /api/v1/members/{membershipId}/transfer': { target: (o) => ({ params: { membershipId: o.member.id }, body: { toOrgCode: o.union.code, requestedOn: '2013-01-01' } }) },
  'POST /api/v1/members/import': { target: (o) => ({ query: { intoOrgCode: o.union.code }, body: {} }) },
  'GET /api/v1/members/import/{jobId}/rejected': { target: (o) => ({ params: { jobId: o.jobId } }) },
  'GET /api/v1/members/export': { target: (o) => ({ query: { orgCode: o.countyCode, full: '1' } }) },
  'GET /api/v1/transfers': { target: () => ({ query: { direction: 'all' } }) },
  'POST /api/v1/transfers/{transferId}/accept': { target: (o) => ({ params: { transferId: o.transfer.id }, body: { decidedOn: '2013-02-01' } }) },
  'POST /api/v1/transfers/{transferId}/reject': { target: (o) => ({ params: { transferId: o.transfer.id }, body: { decidedOn: '2013-02-01' } }) },
  'POST /api/v1/transfers/{transferId}/cancel': { target: (o) => ({ params: { transferId: o.transfer.id } }) },
  'GET /api/v1/indicators': { target: () => ({}) },
  'GET /api/v1/indicators/{code}': { target: (o) => ({ params: { code: 'org.members' }, query: { org: o.union.code, year: '2013' } }) },
  'GET /api/v1/statistics/overview': { target: (o) => ({ query: { org: o.countyCode } }) },
  'GET /api/v1/statistics/children': { target: (o) => ({ query: { org: o.township.code, indicator: 'org.members' } }) },
  'GET /api/v1/statistics/return': { target: (o) => ({ query: { org: o.countyCode } }) },
  // The plan is the province's: a county's admin reads it and may not change it.
  'GET /api/v1/plans': { target: () => ({}) },
  'POST /api/v1/plans': { target: () => ({ body: { code: 'intruder', name: '越权规划', fromYear: 2019, toYear: 2023 } }) },
  'POST /api/v1/plans/load': { target: () => ({ body: { code: '2013-2018', name: '越权规划', fromYear: 2013, toYear: 2018, baselineFromYear: 2008, baselineToYear: 2012, file: { targets: [] } } }) },
  'POST /api/v1/plans/{planId}/targets': { target: () => ({ params: { planId: 1 }, body: { indicator: 'org.members', comparison: '>=', value: 1, mode: 'by', year: 2018 } }) },
  'PATCH /api/v1/plans/{planId}/targets/{targetId}': { target: () => ({ params: { planId: 1, targetId: 1 }, body: { value: 0 } }) },
  'DELETE /api/v1/plans/{planId}/targets/{targetId}': { target: () => ({ params: { planId: 1, targetId: 1 } }) },
  'GET /api/v1/jobs': { target: () => ({}) },
  'GET /api/v1/jobs/{jobId}': { target: (o) => ({ params: { jobId: o.jobId } }) },
  'POST /api/v1/jobs/{jobId}/cancel': { target: (o) => ({ params: { jobId: o.jobId } }) },
};

let test: TestPlatform;
let nanguan: County;
let kuancheng: County;

beforeAll(async () => {
  test = await createTestPlatform();
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

/** Everything that would betray the other county: its names, usernames and codes below the county itself. */
function secretsOf(county: County): string[] {
  return [county.township.name, county.township.code, county.union.name, county.union.code, county.employer.name, county.member.name, county.memberIdNumber, '13904310000', ...Object.values(county.users).map((u) => u.username)];
}

/** A digest of the other county's rows: a forbidden write must leave it byte for byte as it was. */
async function digestOf(county: County): Promise<string> {
  const { rows } = await sql<{ digest: string }>`
    SELECT md5(string_agg(row_text, '|' ORDER BY row_text)) AS digest FROM (
      SELECT o::text AS row_text FROM orgs o WHERE o.path <@ (SELECT path FROM orgs WHERE code = ${county.countyCode})
      UNION ALL SELECT e::text FROM employers e JOIN orgs r ON r.id = e.org_id WHERE r.path <@ (SELECT path FROM orgs WHERE code = ${county.countyCode})
      UNION ALL SELECT u::text FROM users u JOIN orgs r ON r.id = u.org_id WHERE r.path <@ (SELECT path FROM orgs WHERE code = ${county.countyCode})
      UNION ALL SELECT m::text FROM memberships m JOIN orgs r ON r.id = m.org_id WHERE r.path <@ (SELECT path FROM orgs WHERE code = ${county.countyCode})
      UNION ALL SELECT w::text FROM workers w JOIN memberships m ON m.worker_id = w.id JOIN orgs r ON r.id = m.org_id WHERE r.path <@ (SELECT path FROM orgs WHERE code = ${county.countyCode})
      UNION ALL SELECT t::text FROM member_transfers t JOIN orgs r ON r.id = t.from_org_id WHERE r.path <@ (SELECT path FROM orgs WHERE code = ${county.countyCode})
      UNION ALL SELECT c::text FROM member_counts c JOIN orgs r ON r.id = c.org_id WHERE r.path <@ (SELECT path FROM orgs WHERE code = ${county.countyCode})
      UNION ALL SELECT c::text FROM org_counts c JOIN orgs r ON r.id = c.org_id WHERE r.path <@ (SELECT path FROM orgs WHERE code = ${county.countyCode})
      UNION ALL SELECT p::text FROM plans p UNION ALL SELECT t::text FROM plan_targets t
    ) AS rows_of_county`.execute(test.platform.db);
  return rows[0]!.digest;
}

function urlOf(path: string, target: ReturnType<Probe['target']>): string {
  let url = path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = target.params?.[name];
    if (value === undefined) throw new Error(`the probe gives no value for the path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
  if (target.query) url += `?${new URLSearchParams(target.query).toString()}`;
  return url;
}

describe('two sibling counties cannot see or touch each other', () => {
  it('has a probe for every route the server describes', () => {
    const missing = routes().filter((route) => !probes[route.key]).map((route) => route.key);
    expect(missing, 'add a probe for each new route to src/test/sibling-scope.test.ts').toEqual([]);
  });

  for (const [side, labels] of [['nanguan → kuancheng', ['nanguan', 'kuancheng']], ['kuancheng → nanguan', ['kuancheng', 'nanguan']]] as const) {
    it(`every route, read and write, as ${side}`, async () => {
      const me = labels[0] === 'nanguan' ? nanguan : kuancheng;
      const other = labels[0] === 'nanguan' ? kuancheng : nanguan;
      const before = await digestOf(other);
      const secrets = secretsOf(other);
      const failures: string[] = [];
      let client: Client = await test.login(me.users.admin.username);
      for (const route of routes()) {
        const probe = probes[route.key];
        if (!probe) continue;
        const target = probe.target(other);
        const url = urlOf(route.path, target);
        const response = await client.request(route.method, url, target.body);
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
      expect(await digestOf(other)).toBe(before);
    });
  }

  it('each side still sees its own records through the same routes', async () => {
    const client = await test.login(nanguan.users.viewer.username);
    const list = (await client.get('/api/v1/orgs?parentCode=220102&depth=subtree')).json() as { items: { code: string }[] };
    expect(list.items.map((item) => item.code)).toEqual(expect.arrayContaining([nanguan.township.code, nanguan.union.code]));
    expect((await client.get(`/api/v1/employers/${nanguan.employer.id}`)).statusCode).toBe(200);
  });
});
