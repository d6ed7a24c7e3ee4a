import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeFigure } from '../indicators/engine.ts';
import { wholeTree } from '../scope.ts';
import type { TestPlatform } from '../../test/platform.ts';
import { baseline, periodEnd, periodStart } from './calibration.ts';
import { generatedProvince } from './test-province.ts';

/**
 * The report's baseline figures come out of the indicator engine for the generated province, scaled: counts within
 * 1% (and the rounding of the scaled total), rates within one point. Later years (--until) must not change them.
 */

const scale = 0.01;
let test: TestPlatform;
let province: number;

beforeAll(async () => {
  ({ test } = await generatedProvince({ scale, seed: 2013, until: 2013 }));
  const { rows } = await sql<{ id: number }>`SELECT id FROM orgs WHERE parent_id IS NULL`.execute(test.platform.db);
  province = rows[0]!.id;
}, 300_000);
afterAll(() => test?.close());

const figure = async (code: string, flowsFrom?: number) => computeFigure(test.platform.db, wholeTree, code, province, periodEnd, flowsFrom);
const expectCount = (actual: number | null, target: number) => expect(Math.abs(actual! - target * scale)).toBeLessThanOrEqual(target * scale * 0.01 + 1);

describe(`the synthetic province at scale ${scale}, end of ${periodEnd}`, () => {
  it('has the report’s grassroots unions and new grassroots unions', async () => {
    expectCount((await figure('org.grassroots_unions')).value, baseline.grassrootsUnions);
    expectCount((await figure('org.new_grassroots_unions', periodStart)).value, baseline.newGrassrootsUnions);
  });

  it('has the report’s members and new members', async () => {
    expectCount((await figure('org.members')).value, baseline.members);
    expectCount((await figure('org.new_members', periodStart)).value, baseline.newMembers);
  });

  it('has women’s committees in 97% of the unions and the report’s professional chairs', async () => {
    expect(Math.abs((await figure('org.women_committee_rate')).value! - baseline.womenCommitteeRate)).toBeLessThanOrEqual(0.01);
    expectCount((await figure('org.professional_chairs')).value, baseline.professionalChairs);
  });

  it('spreads them like the province: Changchun first, then Jilin city', async () => {
    const { rows } = await sql<{ code: string; id: number }>`SELECT code, id FROM orgs WHERE level = 'city'`.execute(test.platform.db);
    const members = await Promise.all(rows.map(async (city) => ({ code: city.code, value: (await computeFigure(test.platform.db, wholeTree, 'org.members', city.id, periodEnd)).value! })));
    members.sort((a, b) => b.value - a.value);
    expect(members.slice(0, 2).map((city) => city.code)).toEqual(['220100', '220200']);
  });
});
