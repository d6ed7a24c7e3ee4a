import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../core/actor.ts';
import { withCopyTransaction } from '../../core/import/copy.ts';
import { scopeOf } from '../../core/scope.ts';
import { rosterDigest } from './testing.ts';
import { createTestPlatform, type TestPlatform } from '../../test/platform.ts';
import { makeUnion } from '../org/testing.ts';
import { makeIdNumber, makeMember } from './testing.ts';
import { idNumberTailHash, parseIdNumber } from './id-number.ts';
import { copyNewPeople, mergeMembers, sumDeltas, type MergeOutcome, type StagedMember } from './import-store.ts';
import { endMembership } from './service.ts';
import { addCounts } from './store.ts';

let test: TestPlatform;
let union: { id: number; code: string };

beforeAll(async () => {
  test = await createTestPlatform();
  union = (await makeUnion(test, '220102', '南关暂存工会')).union;
});
afterAll(() => test?.close());

function staged(rowNumber: number, name: string, idNumber: string, cells: Partial<Pick<StagedMember, 'household' | 'dispatched' | 'education' | 'job' | 'cardNumber' | 'joinedOn' | 'orgId'>> & { phone?: string } = {}): StagedMember {
  const id = parseIdNumber(idNumber);
  if (typeof id === 'string') throw new Error(id);
  const { cipher } = test.platform;
  const { phone, ...rest } = cells;
  return {
    rowNumber, name, idHash: cipher.lookupHash(id.value), idTailHash: idNumberTailHash(cipher, id.value), idCipher: cipher.encrypt(id.value), gender: id.gender, birthDate: id.birthDate,
    phoneHash: phone ? cipher.lookupHash(phone) : null, phoneCipher: phone ? cipher.encrypt(phone) : null,
    household: 'urban', dispatched: false, education: null, job: null, cardNumber: null, joinedOn: '2012-03-01', orgId: union.id, ...rest,
  };
}

const workerCount = async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM workers`.execute(test.platform.db)).rows[0]!.n;

describe('the new-people path of the roster merge', () => {
  it('undoes its copy and says so when one of the people is known already', async () => {
    const knownId = makeIdNumber();
    await makeMember(test, union.code, '已登记', { idNumber: knownId });
    const before = await workerCount();
    const inserted = await withCopyTransaction(test.platform.database, async (tx, copy) => {
      const result = await copyNewPeople(tx, copy, [staged(2, '新会员', makeIdNumber()), staged(3, '已登记', knownId)]);
      // The transaction goes on, without the half-done copy.
      expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM workers`.execute(tx)).rows[0]!.n).toBe(before);
      return result;
    });
    expect(inserted).toBe(false);
    expect(await workerCount()).toBe(before);
  });
});

describe('the careful path of the roster merge', () => {
  it('re-imports a chunk mixing new, known-unchanged, known-changed and refused people: each row, the counts and the stored people exactly', async () => {
    const { db, cipher } = test.platform;
    const a = (await makeUnion(test, '220102', '南关复核甲工会')).union;
    const b = (await makeUnion(test, '220102', '南关复核乙工会')).union;
    const far = (await makeUnion(test, '220103', '宽城复核丙工会')).union;
    const county = (await sql<{ id: number; path: string }>`SELECT id, path::text AS path FROM orgs WHERE code = '220102'`.execute(db)).rows[0]!;
    const scope = scopeOf(county.id, county.path);
    const end = (membershipId: number, endedOn: string) => endMembership(systemActor('test'), db, cipher, membershipId, endedOn, 'left');

    // The people the database knows, one per case; the ID number of each by row number of the chunk below.
    const id: Record<number, string> = {};
    const known = async (row: number, unionCode: string, name: string, overrides: Parameters<typeof makeMember>[3] = {}) => {
      id[row] ??= overrides.idNumber ?? makeIdNumber();
      return makeMember(test, unionCode, name, { ...overrides, idNumber: id[row] });
    };
    await known(2, a.code, '不变');
    await known(3, a.code, '换手机', { phone: '13900000003' });
    id[4] = makeIdNumber('female');
    await end((await known(4, b.code, '户籍变', { joinedOn: '2005-01-01', dispatched: true })).id, '2010-06-30');
    await known(4, a.code, '户籍变', { dispatched: true });
    await known(5, a.code, '派遣变');
    id[6] = makeIdNumber('female');
    await known(6, a.code, '入会日变');
    await known(7, a.code, '岗位变', { job: '车工' });
    await known(8, a.code, '学历变', { education: 'college' });
    await known(9, a.code, '空格保留', { phone: '13900000009', education: 'senior', job: '焊工', cardNumber: 'K9' });
    await known(10, a.code, '原名');
    await known(11, b.code, '乙会员');
    await known(12, far.code, '丙会员');
    await end((await known(13, a.code, '曾入会', { joinedOn: '2008-08-08' })).id, '2011-01-01');
    await known(14, b.code, '兼职');
    await known(14, a.code, '兼职', { secondJob: true });
    await known(17, b.code, '乙户籍变');
    id[15] = makeIdNumber();
    id[16] = makeIdNumber('female');

    const inA = (row: number, name: string, cells: Parameters<typeof staged>[3] = {}) => staged(row, name, id[row]!, { orgId: a.id, ...cells });
    const chunk = [
      inA(2, '不变'), // unchanged
      inA(3, '换手机', { phone: '13900000033' }), // updated: phone
      inA(4, '户籍变', { household: 'rural', dispatched: true }), // updated: household, both memberships recounted
      inA(5, '派遣变', { dispatched: true }), // updated: dispatched
      inA(6, '入会日变', { joinedOn: '2014-05-05' }), // updated: joined on, the counts move a year
      inA(7, '岗位变', { job: '钳工', cardNumber: 'K7' }), // updated: job and card
      inA(8, '学历变', { education: 'master' }), // updated: education
      inA(9, '空格保留'), // unchanged: empty cells keep what is known
      inA(10, '另一个名字', { phone: '13900000010' }), // refused: another name
      inA(11, '乙会员'), // refused: member of B, in scope
      inA(12, '丙会员'), // refused: member of a union outside the scope
      inA(13, '曾入会', { joinedOn: '2013-03-03', household: 'rural' }), // imported: a new membership of A, and a changed household
      inA(14, '兼职'), // unchanged: open memberships of B and of A
      inA(15, '新人'), // imported: new
      inA(16, '新人女', { household: 'rural', dispatched: true, joinedOn: '2015-01-02', phone: '13900000016', education: 'bachelor', job: '质检', cardNumber: 'K16' }), // imported: new
      inA(17, '乙户籍变', { household: 'rural', orgId: b.id }), // updated: household, in B
    ];
    const merge = () => withCopyTransaction(test.platform.database, async (tx, copy) => {
      const outcome = await mergeMembers(tx, copy, scope, chunk);
      await addCounts(tx, sumDeltas(outcome.deltas));
      return outcome;
    });
    const sorted = (outcome: MergeOutcome) => ({
      imported: [...outcome.imported].sort((x, y) => x - y),
      updated: [...outcome.updated].sort((x, y) => x - y),
      unchanged: [...outcome.unchanged].sort((x, y) => x - y),
      rejected: [...outcome.rejected].sort((x, y) => x.rowNumber - y.rowNumber),
    });

    const first = await merge();
    const refused = [
      { rowNumber: 10, messageKey: 'members.import.name_mismatch' },
      { rowNumber: 11, messageKey: 'members.import.member_of', params: { union: b.name } },
      // Outside the scope: one reason, which names no union and confirms no name.
      { rowNumber: 12, messageKey: 'members.import.known_elsewhere' },
    ];
    expect(sorted(first)).toEqual({ imported: [13, 15, 16], updated: [3, 4, 5, 6, 7, 8, 17], unchanged: [2, 9, 14], rejected: refused });
    await expectCountsRecounted([a.id, b.id, far.id]);

    // What each person is now, with every membership.
    const person = async (row: number) => {
      const hash = cipher.lookupHash(parseIdNumberOrThrow(id[row]!));
      const { rows } = await sql<{ name: string; household: string; dispatched: boolean; education: string | null; phone: Buffer | null; memberships: string | null }>`
        SELECT w.name, w.household, w.dispatched, w.education, w.phone_cipher AS phone,
               (SELECT string_agg(concat_ws(' ', o.name, m.joined_on, coalesce(m.ended_on::text, 'open'), m.job, m.card_number), '; ' ORDER BY m.id)
                  FROM memberships m JOIN orgs o ON o.id = m.org_id WHERE m.worker_id = w.id) AS memberships
        FROM workers w WHERE w.id_number_hash = ${hash}`.execute(db);
      const w = rows[0]!;
      return [w.name, w.household, w.dispatched ? 'dispatched' : '-', w.education ?? '-', w.phone ? cipher.decrypt(w.phone) : '-', w.memberships].join(' | ');
    };
    const expected: Record<number, string> = {
      2: `不变 | urban | - | - | - | ${a.name} 2012-03-01 open`,
      3: `换手机 | urban | - | - | 13900000033 | ${a.name} 2012-03-01 open`,
      4: `户籍变 | rural | dispatched | - | - | ${b.name} 2005-01-01 2010-06-30; ${a.name} 2012-03-01 open`,
      5: `派遣变 | urban | dispatched | - | - | ${a.name} 2012-03-01 open`,
      6: `入会日变 | urban | - | - | - | ${a.name} 2014-05-05 open`,
      7: `岗位变 | urban | - | - | - | ${a.name} 2012-03-01 open 钳工 K7`,
      8: `学历变 | urban | - | master | - | ${a.name} 2012-03-01 open`,
      9: `空格保留 | urban | - | senior | 13900000009 | ${a.name} 2012-03-01 open 焊工 K9`,
      10: `原名 | urban | - | - | - | ${a.name} 2012-03-01 open`,
      11: `乙会员 | urban | - | - | - | ${b.name} 2012-03-01 open`,
      12: `丙会员 | urban | - | - | - | ${far.name} 2012-03-01 open`,
      13: `曾入会 | rural | - | - | - | ${a.name} 2008-08-08 2011-01-01; ${a.name} 2013-03-03 open`,
      14: `兼职 | urban | - | - | - | ${b.name} 2012-03-01 open; ${a.name} 2012-03-01 open`,
      15: `新人 | urban | - | - | - | ${a.name} 2012-03-01 open`,
      16: `新人女 | rural | dispatched | bachelor | 13900000016 | ${a.name} 2015-01-02 open 质检 K16`,
      17: `乙户籍变 | rural | - | - | - | ${b.name} 2012-03-01 open`,
    };
    for (const row of Object.keys(expected).map(Number)) expect(await person(row), `row ${row}`).toBe(expected[row]);

    // The same chunk again: nothing changes, the same rows are refused.
    const digest = await rosterDigest(test.platform.db);
    const again = await merge();
    expect(sorted(again)).toEqual({ imported: [], updated: [], unchanged: [2, 3, 4, 5, 6, 7, 8, 9, 13, 14, 15, 16, 17], rejected: refused });
    expect(again.deltas).toEqual([]);
    expect(await rosterDigest(test.platform.db)).toBe(digest);
  });
});

function parseIdNumberOrThrow(idNumber: string): string {
  const id = parseIdNumber(idNumber);
  if (typeof id === 'string') throw new Error(id);
  return id.value;
}

/** The kept counts of each union against a recount of its memberships, joins and ends, by year and kind of member. */
async function expectCountsRecounted(orgIds: number[]) {
  const { rows } = await sql<{ org_id: number; year: number; kept: string | null; recount: string | null }>`
    WITH flows AS (
      SELECT m.org_id, extract(year FROM m.joined_on)::int AS year, 1 AS j, 0 AS e, w.gender = 'female' AS f, w.household = 'rural' AS r, w.dispatched AS d
      FROM memberships m JOIN workers w ON w.id = m.worker_id WHERE m.org_id IN (SELECT unnest(${orgIds}::bigint[]))
      UNION ALL
      SELECT m.org_id, extract(year FROM m.ended_on)::int, 0, 1, w.gender = 'female', w.household = 'rural', w.dispatched
      FROM memberships m JOIN workers w ON w.id = m.worker_id WHERE m.org_id IN (SELECT unnest(${orgIds}::bigint[])) AND m.ended_on IS NOT NULL),
    fresh AS (
      SELECT org_id, year, concat_ws(',', sum(j), sum(e), sum(j * f::int), sum(e * f::int), sum(j * r::int), sum(e * r::int), sum(j * d::int), sum(e * d::int)) AS c
      FROM flows GROUP BY 1, 2),
    kept AS (
      SELECT org_id, year, concat_ws(',', joined, ended, joined_women, ended_women, joined_migrant, ended_migrant, joined_dispatched, ended_dispatched) AS c
      FROM member_counts WHERE org_id IN (SELECT unnest(${orgIds}::bigint[])) AND (joined <> 0 OR ended <> 0))
    SELECT coalesce(k.org_id, f.org_id) AS org_id, coalesce(k.year, f.year) AS year, k.c AS kept, f.c AS recount
    FROM kept k FULL JOIN fresh f ON f.org_id = k.org_id AND f.year = k.year ORDER BY 1, 2`.execute(test.platform.db);
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) expect(row.kept, `org ${row.org_id}, year ${row.year}`).toBe(row.recount);
}
