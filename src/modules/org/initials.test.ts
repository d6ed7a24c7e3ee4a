import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, makeUser, type Client, type TestPlatform } from '../../test/platform.ts';
import { nameInitials } from './initials.ts';
import { seedFederations } from './seed.ts';
import { makeUnion } from './testing.ts';

/** Orgs found by the pinyin initials of their names, as officers type them into the org picker (issue 13). */
let test: TestPlatform;
let province: Client;
let county: Client;
let countyOfficer: Client;

beforeAll(async () => {
  test = await createTestPlatform();
  await makeUnion(test, '220102', '长春市南岭精密机械有限公司工会');
  await makeUnion(test, '220103', '宽城南岭精密铸造厂工会');
  province = await test.login((await makeUser(test, '220000', 'viewer')).username);
  county = await test.login((await makeUser(test, '220102', 'viewer')).username);
  countyOfficer = await test.login((await makeUser(test, '220102', 'operator')).username);
});
afterAll(() => test?.close());

const names = (list: { items: { name: string }[] }) => list.items.map((item) => item.name);

describe('pinyin initials', () => {
  it('are the first letters of the name as it is read, Latin letters and digits kept', () => {
    expect(nameInitials('南关区总工会')).toBe('NGQZGH');
    expect(nameInitials('长春市总工会')).toBe('CCSZGH');
    expect(nameInitials('吉林省总工会')).toBe('JLSZGH');
    expect(nameInitials('一汽ABC（长春）4S店工会')).toBe('YQABCCC4SDGH');
  });

  it('find an org in the picker’s search, in either case, beside its name and code', async () => {
    const found = (await province.get('/api/v1/orgs?parentCode=220000&depth=subtree&q=ngqzgh')).json();
    expect(names(found)).toEqual(['南关区总工会']);
    expect(found.items[0]).toMatchObject({ code: '220102', nameInitials: 'NGQZGH' });
    // Any part of the initials, like any part of a name; only within the caller's scope.
    expect(names((await county.get('/api/v1/orgs?parentCode=220102&depth=subtree&q=JMJX')).json())).toEqual(['长春市南岭精密机械有限公司工会']);
    expect(names((await province.get('/api/v1/orgs?parentCode=220000&depth=subtree&kind=grassroots&q=NLJM&sort=name')).json()).sort()).toEqual(['宽城南岭精密铸造厂工会', '长春市南岭精密机械有限公司工会'].sort());
    expect(names((await county.get('/api/v1/orgs?parentCode=220102&depth=subtree&q=NLJM')).json())).toEqual(['长春市南岭精密机械有限公司工会']);
  });

  it('follow a renamed org', async () => {
    const admin = await test.login((await makeUser(test, '220102', 'admin')).username);
    const union = (await county.get('/api/v1/orgs?parentCode=220102&depth=subtree&q=JMJX')).json().items[0];
    expect((await admin.patch(`/api/v1/orgs/${union.code}`, { name: '南岭仪表厂工会' })).statusCode).toBe(200);
    expect(names((await county.get('/api/v1/orgs?parentCode=220102&depth=subtree&q=JMJX')).json())).toEqual([]);
    expect(names((await county.get('/api/v1/orgs?parentCode=220102&depth=subtree&q=NLYBC')).json())).toEqual(['南岭仪表厂工会']);
  });

  it('find a union a member moves to', async () => {
    const found = (await countyOfficer.get('/api/v1/transfers/destinations?q=nlybc')).json();
    expect(names(found)).toEqual(['南岭仪表厂工会']);
  });

  it('are filled in at start for the orgs kept before the column was added', async () => {
    await sql`UPDATE orgs SET name_initials = NULL WHERE code IN ('220102', '220100')`.execute(test.platform.db);
    await seedFederations({ db: test.platform.db, log: () => undefined });
    const { rows } = await sql<{ code: string; name_initials: string | null }>`SELECT code, name_initials FROM orgs WHERE code IN ('220102', '220100') ORDER BY code`.execute(test.platform.db);
    expect(rows).toEqual([
      { code: '220100', name_initials: 'CCSZGH' },
      { code: '220102', name_initials: 'NGQZGH' },
    ]);
  });
});
