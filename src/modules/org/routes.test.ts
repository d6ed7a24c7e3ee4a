import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, makeUser, type Client, type TestPlatform } from '../../test/platform.ts';
import { databaseDigest as digestOf } from '../../test/digest.ts';
import { makeCreditCode, makeEmployer } from './testing.ts';

let test: TestPlatform;
let admin: Client;
let operator: Client;
let viewer: Client;

beforeAll(async () => {
  test = await createTestPlatform();
  admin = await test.login((await makeUser(test, '220102', 'admin')).username);
  operator = await test.login((await makeUser(test, '220102', 'operator')).username);
  viewer = await test.login((await makeUser(test, '220102', 'viewer')).username);
});
afterAll(() => test?.close());

const employerBody = (name: string) => ({ orgCode: '220102', name, creditCode: makeCreditCode(), ownership: 'private', sizeClass: 'small', industry: 'C', employeeCount: 80 });

describe('org routes, in the order 401 → 400 → 403 → success', () => {
  it('401 without a session', async () => {
    const response = await test.app.inject({ url: '/api/v1/orgs' });
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('400 when a kind stands where it may not', async () => {
    const province = await test.login('admin');
    const township = await province.post('/api/v1/orgs', { parentCode: '220100', kind: 'township', name: '错放的街道工会' });
    expect(township.statusCode).toBe(400);
    expect(township.json().errors[0]).toMatchObject({ path: 'parentCode', code: 'parent_kind' });
    const outside = await admin.post('/api/v1/orgs', { parentCode: '220100', kind: 'township', name: '越级的街道工会' });
    expect(outside.json().errors[0]).toMatchObject({ path: 'parentCode', code: 'unknown_parent' });
    const union = await admin.post('/api/v1/orgs', { parentCode: '220102', kind: 'grassroots', name: '没有单位的工会' });
    expect(union.json().errors[0]).toMatchObject({ path: 'employerId', code: 'required' });
  });

  it('403 for roles that may not write, with the abilities saying so beforehand', async () => {
    expect((await viewer.post('/api/v1/orgs', { parentCode: '220102', kind: 'township', name: '查看员建的工会' })).statusCode).toBe(403);
    expect((await operator.post('/api/v1/orgs', { parentCode: '220102', kind: 'township', name: '录入员建的工会' })).statusCode).toBe(403);
    expect((await viewer.post('/api/v1/employers', employerBody('查看员建的单位'))).statusCode).toBe(403);
    const county = (await viewer.get('/api/v1/orgs/220102')).json();
    expect(county.abilities).toEqual({ update: false, move: false, addChild: false });
    expect((await admin.get('/api/v1/orgs/220102')).json().abilities).toEqual({ update: true, move: false, addChild: true });
  });

  it('builds a county: township, alliance, employers and their unions, with codes under the parent', async () => {
    const township = (await admin.post('/api/v1/orgs', { parentCode: '220102', kind: 'township', name: '南岭街道工会', regionCode: '220102001' })).json();
    expect(township).toMatchObject({ code: '220102-T001', kind: 'township', level: 'township', parentCode: '220102', depth: 4 });
    const alliance = (await admin.post('/api/v1/orgs', { parentCode: township.code, kind: 'alliance', name: '南岭商圈工会联合会' })).json();
    expect(alliance.code).toBe('220102-T001-A001');
    // One counter per parent for all kinds: the union is the parent's second child, whatever its kind.
    const employer = await operator.post('/api/v1/employers', employerBody('长春市南岭机械有限公司'));
    expect(employer.statusCode).toBe(201);
    const union = await admin.post('/api/v1/orgs', { parentCode: township.code, kind: 'grassroots', name: '长春市南岭机械有限公司工会', employerId: employer.json().id, hasWomenCommittee: true });
    expect(union.statusCode).toBe(201);
    expect(union.json()).toMatchObject({ code: '220102-T001-G0002', employerName: '长春市南岭机械有限公司', hasWomenCommittee: true });
    // One employer, one union.
    const second = await admin.post('/api/v1/orgs', { parentCode: '220102', kind: 'grassroots', name: '第二个工会', employerId: employer.json().id });
    expect(second.json().errors[0]).toMatchObject({ path: 'employerId', code: 'employer_has_union' });
    // A union in an alliance may stand without an employer of its own.
    expect((await admin.post('/api/v1/orgs', { parentCode: alliance.code, kind: 'grassroots', name: '商圈联合基层工会' })).statusCode).toBe(201);
    const employerView = (await viewer.get(`/api/v1/employers/${employer.json().id}`)).json();
    expect(employerView).toMatchObject({ unionCode: '220102-T001-G0002', orgCode: '220102', abilities: { update: false } });
    const trail = (await viewer.get('/api/v1/orgs/220102-T001-G0002/trail')).json();
    expect(trail.items.map((item: { code: string }) => item.code)).toEqual(['220102', '220102-T001', '220102-T001-G0002']);
  });

  it('refuses a second employer with the same credit code with a conflict', async () => {
    const body = employerBody('重复代码一');
    expect((await operator.post('/api/v1/employers', body)).statusCode).toBe(201);
    const duplicate = await operator.post('/api/v1/employers', { ...body, name: '重复代码二' });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json()).toMatchObject({ code: 'conflict', messageKey: 'org.credit_code_taken' });
  });

  it('lists children and subtrees with filters, sorting and pages', async () => {
    const children = (await viewer.get('/api/v1/orgs?parentCode=220102')).json();
    expect(children.items.every((item: { parentCode: string }) => item.parentCode === '220102')).toBe(true);
    const subtree = (await viewer.get('/api/v1/orgs?parentCode=220102&depth=subtree&kind=grassroots&sort=code&order=desc')).json();
    expect(subtree.items.map((item: { code: string }) => item.code)).toEqual(['220102-T001-G0002', '220102-T001-A001-G0001']);
    const page = (await viewer.get('/api/v1/orgs?parentCode=220102&depth=subtree&pageSize=1&page=2&sort=code')).json();
    expect(page).toMatchObject({ total: 4, page: 2, pageSize: 1 });
    expect(page.items).toHaveLength(1);
    const found = (await viewer.get(`/api/v1/orgs?parentCode=220102&depth=subtree&q=${encodeURIComponent('机械')}`)).json();
    expect(found.items.map((item: { name: string }) => item.name)).toEqual(['长春市南岭机械有限公司工会']);
    const employers = (await viewer.get('/api/v1/employers?orgCode=220102&unionised=no&sort=name')).json();
    expect(employers.items.map((item: { name: string }) => item.name)).toEqual(['重复代码一']);
  });

  it('edits and moves an org, and its history shows both', async () => {
    const edited = await admin.patch('/api/v1/orgs/220102-T001', { name: '南岭街道总工会', industry: 'machinery' });
    expect(edited.json()).toMatchObject({ name: '南岭街道总工会', industry: 'machinery' });
    const moved = await admin.post('/api/v1/orgs/220102-T001-A001/move', { parentCode: '220102', movedOn: '2013-07-01' });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ code: '220102-T001-A001', parentCode: '220102', depth: 4 });
    const moves = (await viewer.get('/api/v1/orgs/220102-T001-A001/moves')).json();
    expect(moves.items).toEqual([expect.objectContaining({ movedOn: '2013-07-01', fromParentCode: '220102-T001', toParentCode: '220102' })]);
    const history = (await viewer.get('/api/v1/audit?entity=org&entityId=220102-T001')).json();
    expect(history.items.map((event: { action: string }) => event.action)).toEqual(['update', 'create']);
    expect(history.items[0].before).toMatchObject({ name: '南岭街道工会' });
    expect(history.items[0].after).toMatchObject({ name: '南岭街道总工会' });
  });

  it('keeps an edit that leaves fields out from changing them', async () => {
    const before = (await viewer.get('/api/v1/orgs/220102-T001-G0002')).json();
    const employerId = before.employerId;
    const employer = (await viewer.get(`/api/v1/employers/${employerId}`)).json();
    await operator.patch(`/api/v1/employers/${employerId}`, { address: '长春市南关区南岭大街1号' });
    const after = (await viewer.get(`/api/v1/employers/${employerId}`)).json();
    expect(after).toMatchObject({ address: '长春市南关区南岭大街1号', employeeCount: employer.employeeCount, aboveScale: employer.aboveScale, creditCode: employer.creditCode });
  });

  it('rejects an invalid credit code and an unknown parent by field, writing nothing', async () => {
    const databaseDigest = () => digestOf(test.platform.db);
    const own = await makeEmployer(test, '220102');
    const before = await databaseDigest();
    const employer = await admin.post('/api/v1/employers', { orgCode: '220102', name: '校验码错误的公司', creditCode: '91220000MA0000001X', ownership: 'private', sizeClass: 'small', industry: 'C' });
    expect(employer.statusCode).toBe(400);
    expect(employer.json().errors).toEqual([expect.objectContaining({ path: 'creditCode', code: 'invalid_credit_code' })]);
    const patch = await admin.patch(`/api/v1/employers/${own.id}`, { creditCode: 'not-a-code' });
    expect(patch.json().errors).toEqual([expect.objectContaining({ path: 'creditCode', code: 'invalid_credit_code' })]);
    const org = await admin.post('/api/v1/orgs', { parentCode: '999999', kind: 'township', name: '无上级' });
    expect(org.statusCode).toBe(400);
    expect(org.json().errors).toEqual([expect.objectContaining({ path: 'parentCode', code: 'unknown_parent' })]);
    const badJson = await admin.request('POST', '/api/v1/orgs', '{"parentCode":', { 'content-type': 'application/json' });
    expect(badJson.statusCode).toBe(400);
    expect(await databaseDigest()).toBe(before);
  });
});
