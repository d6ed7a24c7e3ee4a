import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../core/actor.ts';
import { checkAggregates, rebuildAggregates } from '../../core/indicators/aggregates.ts';
import { computeFigures } from '../../core/indicators/engine.ts';
import { wholeTree } from '../../core/scope.ts';
import { createTestPlatform, type TestPlatform } from '../../test/platform.ts';
import { recountFigures } from '../../test/world.ts';
import { moveOrg, updateOrg } from '../org/service.ts';
import { makeTownship, makeUnion } from '../org/testing.ts';
import { endMembership, updateMember } from './service.ts';
import { makeIdNumber, makeMember } from './testing.ts';
import { acceptTransfer, requestTransfer } from './transfers.ts';

let test: TestPlatform;
const actor = systemActor('test');
beforeAll(async () => {
  test = await createTestPlatform();
});
afterAll(async () => test?.close());

const idOf = async (code: string) => Number((await sql<{ id: number }>`SELECT id FROM orgs WHERE code = ${code}`.execute(test.platform.db)).rows[0]!.id);

const codes = ['org.members', 'members.women', 'members.migrant_workers', 'members.dispatched_workers', 'members.household_unknown', 'members.dispatched_unknown', 'org.new_members', 'org.grassroots_unions', 'org.new_grassroots_unions', 'org.professional_chairs', 'org.women_committee_rate'];

async function engine(orgId: number, year: number) {
  const figures = await computeFigures(test.platform.db, wholeTree, { codes, orgIds: [orgId], years: [year] });
  return Object.fromEntries(codes.map((code) => [code, figures(code, orgId, year).value]));
}

async function expectExact(orgCodes: string[], years: number[]) {
  for (const code of orgCodes) {
    const id = await idOf(code);
    for (const year of years) {
      // The recount covers every module's indicators; these are the roster's and the org tree's.
      const recounted = await recountFigures(test.platform.db, id, year);
      expect(await engine(id, year), `${code} ${year}`).toEqual(Object.fromEntries(codes.map((indicator) => [indicator, recounted[indicator]])));
    }
  }
  expect(await checkAggregates(test.platform.db)).toEqual([]);
}

describe('aggregates kept by every change', () => {
  it('stay exact through inserts, edits, ends, transfers and org moves, over every subtree and year', async () => {
    const orgs = ['220000', '220100', '220102', '220103', '220200'];
    const years = [2010, 2011, 2012, 2013];
    const townshipA = await makeTownship(test, '220102');
    const townshipB = await makeTownship(test, '220103');
    const { union: a } = await makeUnion(test, townshipA.code);
    const { union: b } = await makeUnion(test, townshipB.code);
    await updateOrg(actor, test.platform.db, a.code, { foundedOn: '2010-05-01', hasWomenCommittee: true });
    await updateOrg(actor, test.platform.db, b.code, { foundedOn: '2012-02-01' });
    const first = await makeMember(test, a.code, '张伟', { joinedOn: '2010-06-01', idNumber: makeIdNumber('female') });
    const second = await makeMember(test, a.code, '李娜', { joinedOn: '2011-03-01', household: 'rural' });
    await makeMember(test, b.code, '王芳', { joinedOn: '2012-09-01', dispatched: true });
    await expectExact(orgs, years);

    // Someone imported from a roster without household or dispatched columns: unknown, counted as such (the rebuild
    // recounts from the records); an edit that gives their household moves them out of the unknown ones.
    const unknown = await makeMember(test, b.code, '赵敏', { joinedOn: '2011-07-01' });
    await sql`UPDATE workers SET household = NULL, dispatched = NULL WHERE id = ${unknown.workerId}`.execute(test.platform.db);
    await rebuildAggregates(test.platform.db);
    await expectExact(orgs, years);
    expect((await engine(await idOf('220000'), 2012))['members.household_unknown']).toBe(1);
    await updateMember(actor, test.platform.db, test.platform.cipher, unknown.id, { household: 'rural' });
    await expectExact(orgs, years);

    // An edit of the person's household moves their contribution; an end takes it away from the year after.
    await updateMember(actor, test.platform.db, test.platform.cipher, second.id, { household: 'urban' });
    await endMembership(actor, test.platform.db, test.platform.cipher, first.id, '2012-04-30', 'left');
    await expectExact(orgs, years);

    // A transfer across counties: the source ends, the destination gains, in the year of acceptance.
    const transfer = await requestTransfer(actor, test.platform.db, test.platform.cipher, second.id, b.code, '2012-11-01');
    await acceptTransfer(actor, test.platform.db, test.platform.cipher, transfer.id, '2012-11-02');
    await expectExact(orgs, years);

    // A township moves with its union to another county, and a union's founding date and committee change.
    await moveOrg(actor, test.platform.db, townshipA.code, { parentCode: '220203', movedOn: '2013-01-01' });
    await updateOrg(actor, test.platform.db, a.code, { foundedOn: '2011-01-01', hasWomenCommittee: false });
    await expectExact([...orgs, '220203'], years);
  });

  it('are found out by the check when they drift, and put right by a rebuild', async () => {
    const province = await idOf('220000');
    await sql`UPDATE member_counts SET joined = joined + 1 WHERE org_id = ${province} AND year = 2012`.execute(test.platform.db);
    await sql`DELETE FROM org_counts WHERE org_id = ${await idOf('220100')}`.execute(test.platform.db);
    const differences = await checkAggregates(test.platform.db);
    expect(differences).toContainEqual({ table: 'member_counts', orgId: province, year: 2012, column: 'joined', expected: expect.any(Number), actual: expect.any(Number) });
    expect(differences.filter((difference) => difference.table === 'org_counts').length).toBeGreaterThan(0);
    await rebuildAggregates(test.platform.db);
    expect(await checkAggregates(test.platform.db)).toEqual([]);
  });
});
