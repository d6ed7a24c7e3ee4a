import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, makeUser, type Client, type TestPlatform } from '../../test/platform.ts';
import { makeUnion } from '../org/testing.ts';
import { makeMember } from './testing.ts';

let test: TestPlatform;
let officer: Client;
let first: string;
let second: string;

beforeAll(async () => {
  test = await createTestPlatform();
  first = (await makeUnion(test, '220102', '南关排序甲工会')).union.code;
  second = (await makeUnion(test, '220102', '南关排序乙工会')).union.code;
  for (const [union, joinedOn] of [[first, '2010-01-01'], [first, '2011-01-01'], [first, '2012-01-01'], [second, '2009-01-01'], [second, '2013-01-01']] as const) {
    await makeMember(test, union, undefined, { joinedOn });
  }
  officer = await test.login((await makeUser(test, '220102', 'operator')).username);
});
afterAll(() => test?.close());

const within = <T extends { orgCode: string }>(items: T[]) => items.filter((item) => item.orgCode === first || item.orgCode === second);
const places = (items: { orgCode: string; joinedOn: string }[]) => within(items).map((item) => `${item.orgCode === first ? 'A' : 'B'} ${item.joinedOn}`);

describe('the roster sorted', () => {
  it('reads the indexed order backwards on request, by union and by date joined, and pages it by cursor', async () => {
    const forwards = (await officer.get(`/api/v1/members?orgCode=220102&pageSize=200`)).json();
    const backwards = (await officer.get(`/api/v1/members?orgCode=220102&pageSize=200&sort=joinedOn&order=desc`)).json();
    expect(places(forwards.items)).toEqual(['A 2010-01-01', 'A 2011-01-01', 'A 2012-01-01', 'B 2009-01-01', 'B 2013-01-01']);
    expect(places(backwards.items)).toEqual([...places(forwards.items)].reverse());

    const union = (order: string, after?: string) => officer.get(`/api/v1/members?orgCode=${first}&pageSize=2&order=${order}${after ? `&after=${after}` : ''}`);
    const page1 = (await union('desc')).json();
    expect(page1.items.map((item: { joinedOn: string }) => item.joinedOn)).toEqual(['2012-01-01', '2011-01-01']);
    const page2 = (await union('desc', page1.next)).json();
    expect(page2.items.map((item: { joinedOn: string }) => item.joinedOn)).toEqual(['2010-01-01']);
    // A cursor of one direction is not a place in the other.
    const mixed = await union('asc', page1.next);
    expect(mixed.statusCode).toBe(400);
    expect(mixed.json().errors[0].code).toBe('cursor_of_other_order');
  });

  it('offers no sort that has no index', async () => {
    expect((await officer.get('/api/v1/members?sort=name')).statusCode).toBe(400);
  });
});
