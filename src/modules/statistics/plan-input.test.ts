import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseDigest } from '../../test/digest.ts';
import { createTestPlatform, type Client, type TestPlatform } from '../../test/platform.ts';

/**
 * A plan's targets hold what their indicators measure: a rate in per cent from 0 to 100 (issue 13), a count a whole number of sane size, and
 * an edit says what it changes (issue 12: `PATCH …/targets/{id}` with `{}` was a SQL syntax error, a rate target took
 * 123 and −2⁶³).
 */

let test: TestPlatform;
let admin: Client;
let plan: { id: number; targets: { id: number; indicator: string; value: number }[] };

beforeAll(async () => {
  test = await createTestPlatform();
  admin = await test.login('admin');
  plan = ((await admin.get('/api/v1/plans')).json() as { items: (typeof plan)[] }).items[0]!;
});
afterAll(() => test?.close());

const targetOf = (indicator: string) => plan.targets.find((target) => target.indicator === indicator)!;
const patch = (indicator: string, body: unknown) => admin.patch(`/api/v1/plans/${plan.id}/targets/${targetOf(indicator).id}`, body);

describe('a target’s value', () => {
  it('an edit with nothing to change is a 400, not a 500', async () => {
    const before = await databaseDigest(test.platform.db);
    const response = await patch('competition.unit_coverage', {});
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().errors).toEqual([expect.objectContaining({ code: 'nothing_to_change', message: '没有要修改的内容：请至少给出一项' })]);
    expect(await databaseDigest(test.platform.db)).toBe(before);
  });

  it('a rate is given in per cent, 0 to 100, and says so; also for a work line still to come', async () => {
    const before = await databaseDigest(test.platform.db);
    for (const value of [123, 100.5]) {
      const response = await patch('competition.unit_coverage', { value, unit: 'percent' });
      expect(response.statusCode, String(value)).toBe(400);
      expect(response.json().errors).toEqual([expect.objectContaining({ path: 'value', code: 'rate_range', message: '比率目标以百分数填写，应在 0 到 100 之间（例如 95% 填 95）' })]);
    }
    // A fraction without the unit is refused, never read as 0.95 %.
    const fraction = await patch('competition.unit_coverage', { value: 0.95 });
    expect(fraction.json().errors).toEqual([expect.objectContaining({ path: 'unit', code: 'rate_in_percent' })]);
    for (const value of [-(2 ** 63), -1, 2 ** 63]) {
      const response = await patch('competition.unit_coverage', { value, unit: 'percent' });
      expect(response.statusCode, String(value)).toBe(400);
      expect(response.json().errors).toEqual([expect.objectContaining({ path: 'value' })]);
    }
    expect(await databaseDigest(test.platform.db)).toBe(before);
    expect((await patch('competition.unit_coverage', { value: 95, unit: 'percent' })).json()).toMatchObject({ value: 95, unit: 'percent', measured: false, title: '劳动竞赛覆盖面' });
    // The report's plan as loaded: 90 %, in per cent.
    expect(targetOf('competition.worker_participation')).toMatchObject({ value: 90, unit: 'percent' });
  });

  it('a count of a defined indicator is a whole number up to a billion; a new target is held to the same', async () => {
    const added = await admin.post(`/api/v1/plans/${plan.id}/targets`, { indicator: 'org.members', comparison: '>=', value: 2.5, mode: 'by', year: 2018 });
    expect(added.statusCode).toBe(400);
    expect(added.json().errors).toEqual([expect.objectContaining({ path: 'value', code: 'count_range' })]);
    const rate = await admin.post(`/api/v1/plans/${plan.id}/targets`, { indicator: 'org.women_committee_rate', comparison: '>=', value: 970, unit: 'percent', mode: 'by', year: 2018 });
    expect(rate.json().errors).toEqual([expect.objectContaining({ path: 'value', code: 'rate_range' })]);
    const percentOfCount = await admin.post(`/api/v1/plans/${plan.id}/targets`, { indicator: 'org.members', comparison: '>=', value: 50, unit: 'percent', mode: 'by', year: 2018 });
    expect(percentOfCount.json().errors).toEqual([expect.objectContaining({ path: 'unit', code: 'not_a_rate' })]);
    const huge = await admin.post(`/api/v1/plans/${plan.id}/targets`, { indicator: 'org.members', comparison: '>=', value: 2e9, mode: 'by', year: 2018 });
    expect(huge.json().errors).toEqual([expect.objectContaining({ path: 'value', code: 'count_range' })]);
    expect((await admin.post(`/api/v1/plans/${plan.id}/targets`, { indicator: 'org.members', comparison: '>=', value: 5_200_000, mode: 'by', year: 2018 })).statusCode).toBe(201);
  });

  it('a plan file with neither targets nor baseline is refused with the reason', async () => {
    const before = await databaseDigest(test.platform.db);
    const response = await admin.post('/api/v1/plans/load', { code: 'nothing', name: '空', fromYear: 2019, toYear: 2023, baselineFromYear: 2014, baselineToYear: 2018, file: { not: 'a plan' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([expect.objectContaining({ path: 'file', code: 'empty_plan', message: '这不是规划文件：其中既没有目标（targets）也没有基数（baseline）' })]);
    expect(await databaseDigest(test.platform.db)).toBe(before);
  });

  it('offers the report’s targets no module computes yet, by title', async () => {
    const { notMeasured } = (await admin.get('/api/v1/plans')).json() as { notMeasured: { code: string; title: string; unit: string }[] };
    expect(notMeasured).toContainEqual(expect.objectContaining({ code: 'competition.unit_coverage', title: '劳动竞赛覆盖面', unit: 'percent' }));
    expect(notMeasured).toContainEqual(expect.objectContaining({ code: 'innovation.chief_technicians', unit: 'person' }));
    expect(notMeasured.map((item) => item.code)).not.toContain('org.women_committee_rate');
  });

  it('a plan file’s rate targets are held to 0..1 by its own baseline', async () => {
    const file = { baseline: [{ code: 'culture.library_coverage', kind: 'rate', value: 0.5 }], targets: [{ code: 'culture.library_coverage', op: '>=', value: 80 }] };
    const response = await admin.post('/api/v1/plans/load', { code: 'bounds', name: '检验', fromYear: 2019, toYear: 2023, baselineFromYear: 2014, baselineToYear: 2018, file });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([expect.objectContaining({ path: 'file.targets.0.value', code: 'rate_range' })]);
  });
});
