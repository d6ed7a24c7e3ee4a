import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, makeUser, type Client, type TestPlatform } from '../../test/platform.ts';
import { makeAppealIn } from './testing.ts';

/** Whom a case may be assigned to: the officers and admins of the handling org and below, for those who handle it. */

let test: TestPlatform;
let officer: Client;
let reviewer: Client;
let sibling: Client;
let appealId: number;
let officerId: number;
let adminId: number;

beforeAll(async () => {
  test = await createTestPlatform();
  const operator = await makeUser(test, '220104', 'operator');
  officerId = operator.id;
  adminId = (await makeUser(test, '220104', 'admin')).id;
  await makeUser(test, '220104', 'viewer');
  await makeUser(test, '220100', 'operator');
  officer = await test.login(operator.username);
  reviewer = await test.login((await makeUser(test, '220104', 'reviewer')).username);
  sibling = await test.login((await makeUser(test, '220105', 'admin')).username);
  appealId = (await makeAppealIn(test, '220104', 'accepted', officerId)).id;
});
afterAll(() => test?.close());

describe('GET /appeals/{appealId}/handlers', () => {
  it('lists the handling org’s officers and admins, not its viewers nor the city’s staff', async () => {
    const response = await officer.get(`/api/v1/appeals/${appealId}/handlers`);
    expect(response.statusCode).toBe(200);
    const ids = (response.json().items as { id: number; orgName: string }[]).map((item) => item.id);
    expect(ids.sort()).toEqual([officerId, adminId].sort());
  });

  it('is refused to a reviewer (403) and unknown to a sibling county (404)', async () => {
    expect((await reviewer.get(`/api/v1/appeals/${appealId}/handlers`)).statusCode).toBe(403);
    expect((await sibling.get(`/api/v1/appeals/${appealId}/handlers`)).statusCode).toBe(404);
  });
});
