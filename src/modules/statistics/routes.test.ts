import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../core/actor.ts';
import { asOwner, createTestPlatform, makeUser, type Client, type TestPlatform } from '../../test/platform.ts';
import { makeTownship, makeUnion } from '../org/testing.ts';
import { makeMember } from '../members/testing.ts';
import { updateOrg } from '../org/service.ts';
import { reportFiguresFile } from '../../core/report-figures.ts';

let test: TestPlatform;
let province: Client;
let county: Client;
let townshipCode: string;
let unions: string[];

beforeAll(async () => {
  test = await createTestPlatform();
  const township = await makeTownship(test, '220102');
  townshipCode = township.code;
  unions = [];
  for (const [founded, committee, members] of [['2011-03-01', true, 3], ['2012-06-01', false, 1], ['2014-01-01', true, 2]] as const) {
    const { union } = await makeUnion(test, township.code);
    await updateOrg(systemActor('test'), test.platform.db, union.code, { foundedOn: founded, hasWomenCommittee: committee });
    for (let i = 0; i < members; i++) await makeMember(test, union.code, undefined, { joinedOn: `${founded.slice(0, 4)}-0${i + 3}-01` });
    unions.push(union.code);
  }
  province = await test.login((await makeUser(test, '220000', 'admin')).username);
  county = await test.login((await makeUser(test, '220102', 'admin')).username);
});
afterAll(async () => test?.close());

const report = JSON.parse(readFileSync(reportFiguresFile, 'utf8')) as { baseline: unknown[]; targets: unknown[] };

describe('indicators', () => {
  it('lists every indicator with its definition in the caller language', async () => {
    const zh = (await county.get('/api/v1/indicators')).json() as { items: { code: string; title: string; definition: string }[] };
    expect(zh.items.map((item) => item.code)).toEqual(expect.arrayContaining(['org.members', 'org.new_members', 'org.grassroots_unions', 'org.women_committee_rate', 'members.women']));
    expect(zh.items.find((item) => item.code === 'org.members')!.title).toBe('会员数');
    const english = await test.login((await makeUser(test, '220102', 'viewer')).username);
    expect((await english.request('PUT', '/api/v1/me/locale', { locale: 'en' })).statusCode).toBeLessThan(300);
    const en = (await english.get('/api/v1/indicators')).json() as typeof zh;
    expect(en.items.find((item) => item.code === 'org.women_committee_rate')!.definition).toMatch(/^Numerator: .*denominator: /);
  });

  it('answers one indicator for a subtree and a year, as a count of the records would', async () => {
    const members = (await county.get('/api/v1/indicators/org.members?org=220102&year=2012')).json();
    expect(members).toEqual({ code: 'org.members', org: '220102', year: 2012, value: 4, numerator: 4, denominator: null, target: null, met: null });
    const rate = (await county.get(`/api/v1/indicators/org.women_committee_rate?org=${townshipCode}&year=2014`)).json();
    expect(rate).toMatchObject({ value: 2 / 3, numerator: 2, denominator: 3 });
    const none = (await county.get(`/api/v1/indicators/org.women_committee_rate?org=${townshipCode}&year=2010`)).json();
    expect(none).toMatchObject({ value: null, numerator: 0, denominator: 0 });
  });

  it('refuses an unknown indicator and an org out of scope, as problems', async () => {
    const unknown = await county.get('/api/v1/indicators/org.nothing?org=220102');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ code: 'validation_failed', errors: [{ path: 'code', code: 'unknown_indicator' }] });
    const outside = await county.get('/api/v1/indicators/org.members?org=220103');
    expect(outside.statusCode).toBe(404);
    expect(outside.headers['content-type']).toMatch(/problem\+json/);
  });
});

describe('the plan', () => {
  it('is the report plan on first start, with every target and baseline figure of the file', async () => {
    const plans = (await county.get('/api/v1/plans')).json() as { items: { code: string; targets: unknown[]; baseline: { indicator: string; value: number; quote: string }[] }[] };
    expect(plans.items).toHaveLength(1);
    expect(plans.items[0]).toMatchObject({ code: '2013-2018', fromYear: 2013, toYear: 2018 });
    expect(plans.items[0]!.targets).toHaveLength(report.targets.length);
    expect(plans.items[0]!.baseline).toHaveLength(report.baseline.length);
    expect(plans.items[0]!.baseline.find((figure) => figure.indicator === 'org.members')).toMatchObject({ value: 5109000, quote: expect.stringContaining('510.9万') });
  });

  it('is changed by the province admin only; a bad file is refused whole', async () => {
    const plan = (await province.get('/api/v1/plans')).json().items[0] as { id: number };
    const denied = await county.post(`/api/v1/plans/${plan.id}/targets`, { indicator: 'org.women_committee_rate', comparison: '>=', value: 90, unit: 'percent', mode: 'by', year: 2018 });
    expect(denied.statusCode).toBe(403);
    // The abilities say so beforehand: the county sees the plan, not a way to change it.
    const seen = (await county.get('/api/v1/plans')).json();
    expect(seen.abilities).toEqual({ create: false });
    expect(seen.items[0].abilities).toEqual({ update: false });
    expect((await province.get('/api/v1/plans')).json().items[0].abilities).toEqual({ update: true });
    const added = await province.post(`/api/v1/plans/${plan.id}/targets`, { indicator: 'org.women_committee_rate', comparison: '>=', value: 90, unit: 'percent', mode: 'by', year: 2018 });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ value: 90, unit: 'percent', title: '女职工委员会组建率', measured: true });
    const outside = await province.patch(`/api/v1/plans/${plan.id}/targets/${added.json().id}`, { year: 2030 });
    expect(outside.json()).toMatchObject({ status: 400, errors: [{ path: 'year', code: 'outside_plan' }] });

    const before = (await province.get('/api/v1/plans')).body;
    const file = { targets: [{ code: 'org.members', op: '>=', value: 1 }, { code: 'org.members', op: '>=', value: 2 }] };
    const duplicate = await province.post('/api/v1/plans/load', { code: '2013-2018', name: 'x', fromYear: 2013, toYear: 2018, baselineFromYear: 2008, baselineToYear: 2012, file });
    expect(duplicate.statusCode).toBe(400);
    expect(duplicate.json().errors).toEqual([expect.objectContaining({ path: 'file.targets.1.code', code: 'duplicate' })]);
    expect((await province.get('/api/v1/plans')).body).toBe(before);
  });
});

describe('the dashboard', () => {
  it('shows each indicator with its target, trend and projection to the target year', async () => {
    const view = (await county.get(`/api/v1/statistics/overview?org=${townshipCode}&year=2014`)).json() as { plan: { code: string }; rows: { code: string; value: number; targetValue: number | null; met: boolean | null; trend: { year: number; value: number }[]; projection: { year: number; value: number } | null; baseline: { value: number } | null }[] };
    expect(view.plan.code).toBe('2013-2018');
    const rate = view.rows.find((row) => row.code === 'org.women_committee_rate')!;
    expect(rate).toMatchObject({ value: 2 / 3, targetValue: 0.9, met: false, projection: { year: 2018 } });
    expect(rate.trend.map((point) => point.year).at(-1)).toBe(2014);
    expect(rate.trend.find((point) => point.year === 2011)!.value).toBe(1);
    const members = view.rows.find((row) => row.code === 'org.members')!;
    expect(members).toMatchObject({ value: 6, targetValue: null, met: null, baseline: { value: 5109000 } });
  });

  it("judges a count target only at the province: below it, the province's total is shown for reference", async () => {
    const plan = (await province.get('/api/v1/plans')).json().items[0] as { id: number };
    expect((await province.post(`/api/v1/plans/${plan.id}/targets`, { indicator: 'org.members', comparison: '>=', value: 5, mode: 'by', year: 2018 })).statusCode).toBe(201);
    const row = async (client: Client, org: string) =>
      ((await client.get(`/api/v1/statistics/overview?org=${org}&year=2014`)).json() as { rows: { code: string; target: unknown; targetValue: number | null; met: boolean | null }[] }).rows.find((r) => r.code === 'org.members')!;
    expect(await row(province, '220000')).toMatchObject({ targetValue: 5, met: true, target: { value: 5 } });
    expect(await row(county, '220102')).toMatchObject({ targetValue: null, met: null, target: { value: 5 } });
    expect((await county.get('/api/v1/indicators/org.members?org=220102&year=2014')).json()).toMatchObject({ target: null, met: null });
    const ranked = (await county.get(`/api/v1/statistics/children?org=${townshipCode}&year=2014&indicator=org.members`)).json() as { targetValue: number | null; items: { met: boolean | null }[] };
    expect(ranked.targetValue).toBeNull();
    expect(ranked.items.every((item) => item.met === null)).toBe(true);
  });

  it('ranks the children by an indicator, the best first', async () => {
    const ranked = (await county.get(`/api/v1/statistics/children?org=${townshipCode}&year=2014&indicator=org.members`)).json() as { items: { code: string; value: number }[] };
    expect(ranked.items.map((item) => [item.code, item.value])).toEqual([[unions[0], 3], [unions[2], 2], [unions[1], 1]]);
  });

  it('exports the statistical return: indicators against targets, and the children', async () => {
    const response = await county.get('/api/v1/statistics/return?org=220102&year=2014');
    expect(response.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const [indicators, children] = workbook.worksheets;
    const count = ((await county.get('/api/v1/indicators')).json() as { items: unknown[] }).items.length;
    expect(indicators!.actualRowCount).toBe(3 + count);
    const membersRow = indicators!.getSheetValues().find((row) => Array.isArray(row) && row[1] === 'org.members') as unknown[];
    expect(membersRow[3]).toBe(6);
    expect(children!.getRow(2).getCell(1).value).toBe(townshipCode);
  });
});

it('keeps no record table in a figure: the aggregates alone answer', async () => {
  // Records gone, aggregates kept: the engine still answers from the aggregates (it never reads the records).
  await asOwner(test, (db) => sql`ALTER TABLE memberships RENAME TO memberships_hidden`.execute(db));
  try {
    expect((await county.get('/api/v1/indicators/org.members?org=220102&year=2014')).json()).toMatchObject({ value: 6 });
  } finally {
    await asOwner(test, (db) => sql`ALTER TABLE memberships_hidden RENAME TO memberships`.execute(db));
  }
});
