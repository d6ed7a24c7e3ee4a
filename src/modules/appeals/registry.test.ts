import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAggregates } from '../../core/indicators/aggregates.ts';
import { databaseDigest } from '../../test/digest.ts';
import { createTestPlatform, makeUser, type Client, type TestPlatform } from '../../test/platform.ts';
import { makeEmployer, makeTownship, makeUnion } from '../org/testing.ts';
import { makeCentre } from './registry-testing.ts';

let test: TestPlatform;
let officer: Client;
let viewer: Client;
let sibling: Client;
let township: { code: string; name: string };
let otherTownship: { code: string };
let employer: { id: number; name: string };
let siblingEmployer: { id: number };

beforeAll(async () => {
  test = await createTestPlatform();
  officer = await test.login((await makeUser(test, '220102', 'operator')).username);
  viewer = await test.login((await makeUser(test, '220102', 'viewer')).username);
  sibling = await test.login((await makeUser(test, '220103', 'admin')).username);
  township = await makeTownship(test, '220102', '登记测试街道工会');
  otherTownship = await makeTownship(test, '220102', '登记测试另一街道工会');
  employer = await makeEmployer(test, township.code, '登记测试机械厂');
  siblingEmployer = await makeEmployer(test, '220103', '宽城登记测试单位');
});
afterAll(() => test?.close());

const auditCount = async (id: number) =>
  (await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_events WHERE entity = 'appeals.centre' AND entity_id = ${String(id)}`.execute(test.platform.db)).rows[0]!.n;

describe('the registry of centres and stations', () => {
  it('registers a centre for an employer of the org subtree and a station for an area, each with its audit row', async () => {
    const created = await officer.post('/api/v1/appeals/centres', { orgCode: township.code, kind: 'centre', name: '机械厂员工诉求中心', employerId: employer.id, establishedOn: '2010-05-01', staffCount: 4 });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ kind: 'centre', orgCode: township.code, employerName: employer.name, area: null, status: 'open', abilities: { update: true, close: true } });
    expect(created.json().history).toEqual([expect.objectContaining({ action: 'create', entity: 'appeals.centre' })]);
    const station = await officer.post('/api/v1/appeals/centres', { orgCode: '220102', kind: 'station', name: '南关工业园诉求工作站', area: '南关工业园', establishedOn: '2011-01-10' });
    expect(station.statusCode, station.body).toBe(201);
    expect(station.json()).toMatchObject({ kind: 'station', employerId: null, area: '南关工业园', staffCount: 0 });
    expect(await auditCount(station.json().id)).toBe(1);
  });

  it('a grassroots union registers a centre for its own employer, though the employer is registered above its scope', async () => {
    const { union, employer: own } = await makeUnion(test, township.code, '登记测试自有单位工会');
    const unionOfficer = await test.login((await makeUser(test, union.code, 'operator')).username);
    const created = await unionOfficer.post('/api/v1/appeals/centres', { orgCode: union.code, kind: 'centre', name: '本单位诉求中心', employerId: own.id, establishedOn: '2012-02-01' });
    expect(created.statusCode, created.body).toBe(201);
    // …but not another employer of the township, which lies outside its scope.
    const other = await unionOfficer.post('/api/v1/appeals/centres', { orgCode: union.code, kind: 'centre', name: '别家诉求中心', employerId: employer.id, establishedOn: '2012-02-01' });
    expect(other.statusCode).toBe(400);
  });

  it('refuses an employer outside the running org subtree, and a sibling county employer, changing nothing', async () => {
    const before = await databaseDigest(test.platform.db);
    const outside = await officer.post('/api/v1/appeals/centres', { orgCode: otherTownship.code, kind: 'centre', name: '错位中心', employerId: employer.id, establishedOn: '2012-01-01' });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().errors).toEqual([expect.objectContaining({ path: 'employerId', message: '这家单位不在该组织及其下级的范围内' })]);
    // Employers are shared rows: a county cannot link (nor learn the name of) a sibling county's employer here.
    const sideDoor = await officer.post('/api/v1/appeals/centres', { orgCode: '220102', kind: 'centre', name: '越权中心', employerId: siblingEmployer.id, establishedOn: '2012-01-01' });
    expect(sideDoor.statusCode).toBe(400);
    expect(sideDoor.body).not.toContain('宽城登记测试单位');
    expect((await sibling.post('/api/v1/appeals/centres', { orgCode: '220102', kind: 'station', name: '越权站', area: '南关', establishedOn: '2012-01-01' })).statusCode).toBe(400);
    expect(await databaseDigest(test.platform.db)).toBe(before);
  });

  it('bad input: 400 problem+json with field reasons, nothing stored', async () => {
    const before = await databaseDigest(test.platform.db);
    const bad = await officer.post('/api/v1/appeals/centres', { orgCode: '220102', kind: 'hub', name: '', establishedOn: '2012-13-01', staffCount: -1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    const paths = bad.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['kind', 'name', 'establishedOn', 'staffCount']));
    const neither = await officer.post('/api/v1/appeals/centres', { orgCode: '220102', kind: 'station', name: '无处可去', establishedOn: '2012-01-01' });
    expect(neither.statusCode).toBe(400);
    expect(neither.json().errors).toEqual([expect.objectContaining({ path: 'area', message: '请选择服务的单位，或填写覆盖的区域' })]);
    expect(await databaseDigest(test.platform.db)).toBe(before);
  });

  it('edits, then closes as of a date; status follows the dates; a second close and a name taken are refused', async () => {
    const made = await makeCentre(test, '220102', { name: '待撤销诉求中心', establishedOn: '2010-01-01' });
    expect((await officer.post('/api/v1/appeals/centres', { orgCode: '220102', kind: 'centre', name: '待撤销诉求中心', area: 'x', establishedOn: '2012-01-01' })).statusCode).toBe(409);
    const edited = await officer.patch(`/api/v1/appeals/centres/${made.id}`, { staffCount: 6, employerId: employer.id });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ staffCount: 6, employerName: employer.name });
    expect((await officer.patch(`/api/v1/appeals/centres/${made.id}`, { employerId: null, area: null })).statusCode).toBe(400);
    const early = await officer.post(`/api/v1/appeals/centres/${made.id}/close`, { closedOn: '2009-12-31' });
    expect(early.statusCode).toBe(400);
    expect(early.json().errors[0].path).toBe('closedOn');
    const closed = await officer.post(`/api/v1/appeals/centres/${made.id}/close`, { closedOn: '2012-06-30' });
    expect(closed.json()).toMatchObject({ closedOn: '2012-06-30', status: 'closed', abilities: { close: false } });
    expect(closed.json().history.map((e: { action: string }) => e.action)).toEqual(['close', 'update', 'create']);
    const again = await officer.post(`/api/v1/appeals/centres/${made.id}/close`, { closedOn: '2013-01-01' });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain('2012-06-30');
    // Established after the close: refused, the dates would cross.
    expect((await officer.patch(`/api/v1/appeals/centres/${made.id}`, { establishedOn: '2013-01-01' })).statusCode).toBe(400);
    const asOf = async (on: string) => (await officer.get(`/api/v1/appeals/centres?q=待撤销&on=${on}`)).json().items[0].status;
    expect([await asOf('2009-06-01'), await asOf('2011-06-01'), await asOf('2012-06-29'), await asOf('2012-06-30')]).toEqual(['planned', 'open', 'open', 'closed']);
    const closedThen = (await officer.get('/api/v1/appeals/centres?status=closed&on=2012-07-01')).json().items.map((c: { name: string }) => c.name);
    expect(closedThen).toContain('待撤销诉求中心');
    expect((await officer.get('/api/v1/appeals/centres?status=open&on=2012-07-01')).json().items.map((c: { name: string }) => c.name)).not.toContain('待撤销诉求中心');
  });

  it('a viewer reads the list and a record, and may change nothing', async () => {
    const made = await makeCentre(test, '220102');
    const seen = await viewer.get(`/api/v1/appeals/centres/${made.id}`);
    expect(seen.json().abilities).toEqual({ update: false, close: false });
    expect((await viewer.post('/api/v1/appeals/centres', { orgCode: '220102', kind: 'station', name: '看看', area: 'x', establishedOn: '2012-01-01' })).statusCode).toBe(403);
    expect((await viewer.patch(`/api/v1/appeals/centres/${made.id}`, { name: '改名' })).statusCode).toBe(403);
    expect((await viewer.post(`/api/v1/appeals/centres/${made.id}/close`, { closedOn: '2012-01-01' })).statusCode).toBe(403);
  });

  it('a sibling county gets 404 on every record and sees none in its list', async () => {
    const made = await makeCentre(test, '220102', { name: '南关保密中心' });
    expect((await sibling.get(`/api/v1/appeals/centres/${made.id}`)).statusCode).toBe(404);
    expect((await sibling.patch(`/api/v1/appeals/centres/${made.id}`, { name: 'x' })).statusCode).toBe(404);
    expect((await sibling.post(`/api/v1/appeals/centres/${made.id}/close`, { closedOn: '2012-01-01' })).statusCode).toBe(404);
    expect((await sibling.get('/api/v1/appeals/centres?orgCode=220102')).statusCode).toBe(404);
    expect((await sibling.get('/api/v1/appeals/centres?pageSize=200')).body).not.toContain('南关保密中心');
  });

  it('lists by kind, org subtree, employer and area, paged by keyset to the end', async () => {
    for (let n = 0; n < 5; n++) await makeCentre(test, township.code, { kind: 'station', name: `分页站${n}`, area: '分页区' });
    const byArea = (await officer.get('/api/v1/appeals/centres?area=分页区&kind=station')).json();
    expect(byArea.total).toBe(5);
    const names: string[] = [];
    let url = '/api/v1/appeals/centres?area=分页区&pageSize=2';
    for (;;) {
      const page = (await officer.get(url)).json();
      names.push(...page.items.map((c: { name: string }) => c.name));
      if (!page.next) break;
      url = `/api/v1/appeals/centres?area=分页区&pageSize=2&after=${page.next}`;
    }
    expect(names).toEqual(['分页站0', '分页站1', '分页站2', '分页站3', '分页站4']);
    const underTownship = (await officer.get(`/api/v1/appeals/centres?orgCode=${township.code}&pageSize=200`)).json().items;
    expect(underTownship.every((c: { orgCode: string }) => c.orgCode.startsWith(township.code))).toBe(true);
    const forEmployer = (await officer.get(`/api/v1/appeals/centres?employerId=${employer.id}&pageSize=200`)).json().items;
    expect(forEmployer.length).toBeGreaterThan(0);
    expect(forEmployer.every((c: { employerId: number }) => c.employerId === employer.id)).toBe(true);
    const latest = (await officer.get('/api/v1/appeals/centres?sort=establishedOn&order=desc&pageSize=3')).json().items.map((c: { establishedOn: string }) => c.establishedOn);
    expect(latest).toEqual([...latest].sort().reverse());
  });

  it('every change above kept the per-org, per-year counts equal to their recount (aggregates check)', async () => {
    const centres = (await sql<{ n: number }>`SELECT coalesce(sum(centres_established + stations_established), 0)::int AS n FROM appeal_counts`.execute(test.platform.db)).rows[0]!.n;
    expect(centres).toBeGreaterThan(0);
    expect(await checkAggregates(test.platform.db)).toEqual([]);
  });

  it('a case entered by an officer names only an employer of their scope: a sibling county’s is an unknown employer, nothing stored', async () => {
    const body = { orgCode: '220102', channel: 'hotline', kind: 'help', category: 'wages', employerName: '南关机械厂', placeCode: '220102', facts: '拖欠工资', request: '追讨', anonymous: true };
    const before = await databaseDigest(test.platform.db);
    const refused = await officer.post('/api/v1/appeals', { ...body, employerId: siblingEmployer.id });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([expect.objectContaining({ path: 'employerId', code: 'unknown_employer' })]);
    expect(refused.body).not.toContain('宽城登记测试单位');
    expect(await databaseDigest(test.platform.db)).toBe(before);
    const taken = await officer.post('/api/v1/appeals', { ...body, employerId: employer.id });
    expect(taken.statusCode).toBe(201);
  });
});
