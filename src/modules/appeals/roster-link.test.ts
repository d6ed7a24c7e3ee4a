import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, makeUser, type Client, type TestPlatform } from '../../test/platform.ts';
import { makeUnion } from '../org/testing.ts';
import { makeIdNumber, makeMember } from '../members/testing.ts';
import { makeAppeal } from './testing.ts';

/**
 * An appeal's worker who is in the roster is linked to their worker row by the ID number's keyed hash, read when the
 * case is shown (never copied), and only through memberships in the reader's scope: a sibling county learns nothing
 * of a member of another county from an ID number typed into a case of its own.
 */
let test: TestPlatform;
let county: Client;
let city: Client;
let sibling: Client;
let unionCode: string;
const idNumber = makeIdNumber('female');

beforeAll(async () => {
  test = await createTestPlatform();
  unionCode = (await makeUnion(test, '220102', '南关诉求会员工会')).union.code;
  await makeMember(test, unionCode, '李桂芝', { idNumber });
  county = await test.login((await makeUser(test, '220102', 'operator')).username);
  city = await test.login((await makeUser(test, '220100', 'reviewer')).username);
  sibling = await test.login((await makeUser(test, '220103', 'admin')).username);
});
afterAll(() => test?.close());

describe("an appeal's worker in the roster", () => {
  it('is shown as a member of the union that keeps them, to the county and the city above', async () => {
    const appeal = await makeAppeal(test, '220102', { name: '李桂芝', idNumber });
    const expected = [{ membershipId: expect.any(Number), orgCode: unionCode, orgName: '南关诉求会员工会' }];
    for (const reader of [county, city]) {
      const shown = await reader.get(`/api/v1/appeals/${appeal.id}`);
      expect(shown.statusCode, shown.body).toBe(200);
      expect(shown.json().rosterMemberships).toEqual(expected);
    }
  });

  it('is not told to a sibling county, whose own case with the same ID number shows no membership', async () => {
    const appeal = await makeAppeal(test, '220103', { name: '李桂芝', idNumber });
    const shown = await sibling.get(`/api/v1/appeals/${appeal.id}`);
    expect(shown.statusCode, shown.body).toBe(200);
    expect(shown.json().rosterMemberships).toEqual([]);
    expect(shown.body).not.toContain(unionCode);
  });

  it('is none for a case without an ID number, or with one the roster does not hold', async () => {
    const withoutId = await makeAppeal(test, '220102');
    const unknown = await makeAppeal(test, '220102', { idNumber: makeIdNumber() });
    for (const id of [withoutId.id, unknown.id]) expect((await county.get(`/api/v1/appeals/${id}`)).json().rosterMemberships).toEqual([]);
  });
});
