import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../core/actor.ts';
import { createTestPlatform, makeUser, type Client, type TestPlatform } from '../../test/platform.ts';
import { createOrg } from '../org/service.ts';
import { makeEmployer } from '../org/testing.ts';

/** Without a year, the statistics open on the latest year with records (issue 13), computed, not the calendar's. */
let test: TestPlatform;
let county: Client;

beforeAll(async () => {
  test = await createTestPlatform();
  county = await test.login((await makeUser(test, '220102', 'viewer')).username);
  const employer = await makeEmployer(test, '220102', '二〇一一年建会的单位');
  await createOrg(systemActor('test'), test.platform.db, { parentCode: '220102', kind: 'grassroots', name: '二〇一一年建会的单位工会', employerId: employer.id, foundedOn: '2011-05-01' });
});
afterAll(() => test?.close());

describe('the year the statistics open on', () => {
  it('is the latest year in which the subtree has records', async () => {
    const overview = (await county.get('/api/v1/statistics/overview?org=220102')).json();
    expect(overview.year).toBe(2011);
    expect(overview.rows.find((row: { code: string }) => row.code === 'org.grassroots_unions').value).toBe(1);
    expect((await county.get('/api/v1/statistics/children?org=220102&indicator=org.grassroots_unions')).json().year).toBe(2011);
  });

  it('is this year for a part of the tree without records, and the year asked when one is', async () => {
    const empty = await test.login((await makeUser(test, '220103', 'viewer')).username);
    expect((await empty.get('/api/v1/statistics/overview')).json().year).toBe(new Date().getFullYear());
    expect((await county.get('/api/v1/statistics/overview?org=220102&year=2015')).json().year).toBe(2015);
  });
});
