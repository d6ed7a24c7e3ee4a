import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, makeUser, type Client, type TestPlatform } from '../../test/platform.ts';
import { makeCreditCode, makeEmployer, makeTownship } from './testing.ts';

/**
 * The employers a new grassroots union may take (issue 13): registered in its street, or directly with the county
 * above it, without a union; never those of a sibling street. And the parent's name where the parent lies outside
 * the caller's scope.
 */
let test: TestPlatform;
let admin: Client;

beforeAll(async () => {
  test = await createTestPlatform();
  admin = await test.login((await makeUser(test, '220102', 'admin')).username);
});
afterAll(() => test?.close());

const names = (page: { items: { name: string }[] }) => page.items.map((item) => item.name).sort();

describe('employers for a union under a street', () => {
  it('offers the street’s employers and the county’s own, not a sibling street’s nor one with a union', async () => {
    const nanling = await makeTownship(test, '220102', '南岭街道工会');
    const other = await makeTownship(test, '220102', '曙光街道工会');
    await makeEmployer(test, nanling.code, '南岭街道的单位');
    await makeEmployer(test, '220102', '直属县区的单位');
    await makeEmployer(test, other.code, '曙光街道的单位');
    const taken = await makeEmployer(test, nanling.code, '已建会的单位');
    expect((await admin.post('/api/v1/orgs', { parentCode: nanling.code, kind: 'grassroots', name: '已建会的单位工会', employerId: taken.id })).statusCode).toBe(201);

    const offered = await admin.get(`/api/v1/employers?forUnionUnder=${nanling.code}&sort=name`);
    expect(offered.statusCode).toBe(200);
    expect(names(offered.json())).toEqual(['南岭街道的单位', '直属县区的单位'].sort());
    expect(offered.json().total).toBe(2);
    // An alliance in the street takes the street's employers too; a union (editing its employer) its street's.
    const alliance = (await admin.post('/api/v1/orgs', { parentCode: nanling.code, kind: 'alliance', name: '南岭商圈联合会' })).json();
    expect(names((await admin.get(`/api/v1/employers?forUnionUnder=${alliance.code}`)).json())).toEqual(['南岭街道的单位', '直属县区的单位'].sort());
    const union = (await admin.get(`/api/v1/orgs?parentCode=${nanling.code}&kind=grassroots`)).json().items[0];
    expect(names((await admin.get(`/api/v1/employers?forUnionUnder=${union.code}&q=${encodeURIComponent('南岭')}`)).json())).toEqual(['南岭街道的单位']);
    // Under the county itself: every employer of the county without a union.
    expect(names((await admin.get('/api/v1/employers?forUnionUnder=220102')).json())).toEqual(['南岭街道的单位', '曙光街道的单位', '直属县区的单位'].sort());
  });

  it('registers an employer in a street, then a union under that street with it', async () => {
    const street = await makeTownship(test, '220102', '桂林街道工会');
    const employer = await admin.post('/api/v1/employers', { orgCode: street.code, name: '桂林路面包有限公司', creditCode: makeCreditCode(), ownership: 'private', sizeClass: 'micro', industry: 'H' });
    expect(employer.statusCode).toBe(201);
    expect(employer.json()).toMatchObject({ orgCode: street.code, orgName: '桂林街道工会' });
    expect(names((await admin.get(`/api/v1/employers?forUnionUnder=${street.code}`)).json())).toContain('桂林路面包有限公司');
    const union = await admin.post('/api/v1/orgs', { parentCode: street.code, kind: 'grassroots', name: '桂林路面包有限公司工会', employerId: employer.json().id });
    expect(union.statusCode).toBe(201);
    expect(names((await admin.get(`/api/v1/employers?forUnionUnder=${street.code}`)).json())).not.toContain('桂林路面包有限公司');
  });

  it('answers 404 for an org outside the scope', async () => {
    expect((await admin.get('/api/v1/employers?forUnionUnder=220103')).statusCode).toBe(404);
  });
});

describe('the parent of the scope’s own org', () => {
  it('is named, without its code, where it lies outside the scope', async () => {
    const county = (await admin.get('/api/v1/orgs/220102')).json();
    expect(county).toMatchObject({ parentName: '长春市总工会', parentCode: null });
    const city = await test.login((await makeUser(test, '220100', 'viewer')).username);
    expect((await city.get('/api/v1/orgs/220102')).json()).toMatchObject({ parentName: '长春市总工会', parentCode: '220100' });
  });
});
