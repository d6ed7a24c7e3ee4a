import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../core/actor.ts';
import { today } from '../../core/dates.ts';
import { checkAggregates } from '../../core/indicators/aggregates.ts';
import { computeFigures } from '../../core/indicators/engine.ts';
import { wholeTree } from '../../core/scope.ts';
import { createTestPlatform, makeUser, type TestPlatform } from '../../test/platform.ts';
import { makeEmployer, makeTownship } from '../org/testing.ts';
import { createOrg } from '../org/service.ts';
import { keepingCentreCounts } from './counts.ts';
import { recountFromRecords } from './counts-store.ts';
import { appealIndicators } from './indicators.ts';
import * as steps from './steps.ts';
import * as store from './store.ts';
import { makeAppeal, makeAppealIn } from './testing.ts';
import { addDays, workingDaysBetween } from './working-days.ts';

/**
 * `appeal_counts` kept in step with every case step and every change of the registry (it equals its recompute from
 * the records after each), and each indicator's value on a small tree made by hand.
 */

let test: TestPlatform;
let township: { id: number; code: string; path: string };
const unions: Record<'a' | 'b' | 'c', number> = { a: 0, b: 0, c: 0 };
let handlerId: number;
const codes = appealIndicators.map((indicator) => indicator.code);
const actor = systemActor('test');

beforeAll(async () => {
  test = await createTestPlatform();
  const made = await makeTownship(test, '220102', '计数测试街道工会');
  township = { id: made.id, code: made.code, path: (await sql<{ path: string }>`SELECT path::text AS path FROM orgs WHERE id = ${made.id}`.execute(test.platform.db)).rows[0]!.path };
  const founded = { a: '2010-03-01', b: '2011-05-01', c: '2013-01-01' } as const;
  for (const key of ['a', 'b', 'c'] as const) {
    const employer = await makeEmployer(test, township.code, `计数测试单位${key}`);
    const union = await createOrg(actor, test.platform.db, { parentCode: township.code, kind: 'grassroots', name: `计数测试工会${key}`, employerId: employer.id, foundedOn: founded[key] });
    unions[key] = union.id;
  }
  handlerId = (await makeUser(test, township.code, 'operator')).id;
});
afterAll(() => test?.close());

const figuresOf = async (orgId: number, year: number) => {
  const figures = await computeFigures(test.platform.db, wholeTree, { codes, orgIds: [orgId], years: [year] });
  return Object.fromEntries(codes.map((code) => [code, figures(code, orgId, year).value]));
};

/** A registry change as the registry's own code makes one: the counts kept in its transaction. */
async function centre(orgIds: number[], change: (tx: typeof test.platform.db) => Promise<unknown>) {
  await test.platform.db.transaction().execute((tx) => keepingCentreCounts(tx, orgIds, () => change(tx)));
}
const addCentre = (orgId: number, kind: 'centre' | 'station', establishedOn: string, closedOn: string | null = null) =>
  centre([orgId], (tx) => sql`INSERT INTO appeal_centres (org_id, kind, name, area, established_on, closed_on) VALUES (${orgId}, ${kind}, ${'计数测试'}, ${'测试片区'}, ${establishedOn}, ${closedOn})`.execute(tx));

const inStep = async () => expect(await checkAggregates(test.platform.db)).toEqual([]);

describe('the registry of centres and stations', () => {
  it('counts centres, stations and enterprises with a centre at each year end, through every change', async () => {
    await addCentre(unions.a, 'centre', '2010-06-01');
    await addCentre(unions.a, 'centre', '2011-01-01', '2012-06-30');
    await addCentre(unions.b, 'centre', '2011-07-01', '2012-12-31');
    await addCentre(unions.b, 'station', '2011-02-01');
    await addCentre(township.id, 'centre', '2010-01-01');
    await addCentre(township.id, 'station', '2012-05-05');
    await inStep();
    const rate = 'appeals.enterprise_center_rate';
    expect(await figuresOf(township.id, 2010)).toMatchObject({ 'appeals.centers': 2, 'appeals.stations': 0, [rate]: 1 });
    expect(await figuresOf(township.id, 2011)).toMatchObject({ 'appeals.centers': 4, 'appeals.stations': 1, [rate]: 1 });
    // A closed on 31 December is not running at the year's end; union a still runs one of its two.
    expect(await figuresOf(township.id, 2012)).toMatchObject({ 'appeals.centers': 2, 'appeals.stations': 2, [rate]: 0.5 });
    expect(await figuresOf(township.id, 2013)).toMatchObject({ 'appeals.centers': 2, [rate]: 1 / 3 });
    expect(await figuresOf(unions.b, 2012)).toMatchObject({ 'appeals.centers': 0, 'appeals.stations': 1, [rate]: 0 });

    // Reopened (its closing date removed): union b has a centre again from 2012.
    await centre([unions.b], (tx) => sql`UPDATE appeal_centres SET closed_on = NULL WHERE org_id = ${unions.b} AND kind = 'centre'`.execute(tx));
    await inStep();
    expect(await figuresOf(township.id, 2012)).toMatchObject({ 'appeals.centers': 3, [rate]: 1 });
    // Given to another org: union a's second centre goes to union c (both orgs' counts change).
    await centre([unions.a, unions.c], (tx) => sql`UPDATE appeal_centres SET org_id = ${unions.c}, closed_on = NULL WHERE org_id = ${unions.a} AND established_on = '2011-01-01'`.execute(tx));
    await inStep();
    expect(await figuresOf(township.id, 2013)).toMatchObject({ 'appeals.centers': 4, [rate]: 1 });
    // Closed: union a's first centre in 2013, so a has none from then.
    await centre([unions.a], (tx) => sql`UPDATE appeal_centres SET closed_on = '2013-03-31' WHERE org_id = ${unions.a}`.execute(tx));
    await inStep();
    expect(await figuresOf(township.id, 2013)).toMatchObject({ 'appeals.centers': 3, [rate]: 2 / 3 });
    for (const year of [2010, 2011, 2012, 2013]) expect(await figuresOf(township.id, year)).toEqual(await recountFromRecords(test.platform.db, township.id, year));
  });
});

describe('cases', () => {
  it('are counted at every step of their life cycle, and the indicators come out as counted by hand', async () => {
    const { db, cipher } = test.platform;
    const year = Number(today().slice(0, 4));
    const before = await figuresOf(township.id, year);
    expect(before['appeals.received']).toBe(0);
    const calendar = await store.calendarFor(db, store.provinceOf(township.path));

    // Closed the day it was accepted: 0 working days, on time.
    await makeAppealIn(test, township.code, 'closed', handlerId);
    await inStep();
    // Accepted some days ago and late: answered, its due date passed, then closed.
    const late = await makeAppealIn(test, township.code, 'answered', handlerId);
    const acceptedOn = addDays(today(), -12);
    await sql`UPDATE appeals SET accepted_on = ${acceptedOn}, due_on = ${addDays(today(), -1)} WHERE id = ${late.id}`.execute(db);
    await steps.review(actor, db, cipher, late.id, 'approve');
    const lateDays = workingDaysBetween(calendar, acceptedOn, today());
    await inStep();
    // Rated satisfied by a callback; another basically; one not satisfied (reopened) and upheld by the level above.
    const satisfied = await makeAppealIn(test, township.code, 'closed', handlerId);
    await steps.rate(actor, db, cipher, satisfied.id, 'satisfied');
    await steps.rate(actor, db, cipher, late.id, 'basically');
    const upheld = await makeAppealIn(test, township.code, 'reviewing', handlerId);
    await inStep();
    expect((await figuresOf(township.id, year))['appeals.satisfaction_rate']).toBe(2 / 3);
    await steps.reconsider(actor, db, cipher, upheld.id, 'uphold', '答复并无不当');
    // Not satisfied and redone: its closing and its rating are withdrawn until it closes again.
    const redone = await makeAppealIn(test, township.code, 'reviewing', handlerId);
    await steps.reconsider(actor, db, cipher, redone.id, 'redo', '请重新核实');
    await inStep();
    // Open, waiting, and sent on to another county (still received here).
    await makeAppealIn(test, township.code, 'in_progress', handlerId);
    await makeAppealIn(test, township.code, 'waiting', handlerId);
    const sent = await makeAppeal(test, township.code);
    await steps.forward(actor, db, cipher, sent.id, '220103', '属地办理');
    await steps.escalate(actor, db, cipher, (await makeAppeal(test, township.code)).id, '超出本级权限');
    await inStep();

    const after = await figuresOf(township.id, year);
    // Received: 9 entered here. Closed: 4 (the first, the late one, the satisfied one, the upheld one), 3 of them on time.
    expect(after['appeals.received']).toBe(9);
    expect(after['appeals.closed_on_time_rate']).toBe(3 / 4);
    // Rated: satisfied, basically, not satisfied (upheld); the redone one's rating withdrawn.
    expect(after['appeals.satisfaction_rate']).toBe(2 / 3);
    // Working days: 0, 0, 0 and the late one's: the median of four is the mean of the middle two, 0.
    expect(lateDays).toBeGreaterThan(5);
    expect(after['appeals.median_days_to_close']).toBe(0);
    expect(after).toEqual(await recountFromRecords(db, township.id, year));

    // The redone case closes again, having taken as many working days as the late one.
    await sql`UPDATE appeals SET accepted_on = ${acceptedOn} WHERE id = ${redone.id}`.execute(db);
    await steps.answer(actor, db, cipher, redone.id, '已重新核实');
    await steps.review(actor, db, cipher, redone.id, 'approve');
    await inStep();
    // Five closed (0, 0, 0, L, L): a sixth as slow makes the middle two 0 and L.
    const slow = await makeAppealIn(test, township.code, 'answered', handlerId);
    await sql`UPDATE appeals SET accepted_on = ${acceptedOn} WHERE id = ${slow.id}`.execute(db);
    await steps.review(actor, db, cipher, slow.id, 'approve');
    await inStep();
    const six = await figuresOf(township.id, year);
    expect(six['appeals.median_days_to_close']).toBe(lateDays / 2);
    expect(six).toEqual(await recountFromRecords(db, township.id, year));
    // The county above holds the township's counts (and the county's own org id counts the forwarded one there).
    const county = (await sql<{ id: number }>`SELECT id FROM orgs WHERE code = '220103'`.execute(db)).rows[0]!.id;
    expect((await figuresOf(Number(county), year))['appeals.received']).toBe((await recountFromRecords(db, Number(county), year))['appeals.received']);
  });
});
