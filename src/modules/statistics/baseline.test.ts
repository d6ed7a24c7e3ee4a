import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../core/actor.ts';
import { generatedProvince } from '../../test/province.ts';
import { computeFigure } from '../../core/indicators/engine.ts';
import { findIndicator } from '../../core/indicators/registry.ts';
import { periodEnd, reportBaseline } from '../../core/report-figures.ts';
import { wholeTree } from '../../core/scope.ts';
import type { TestPlatform } from '../../test/platform.ts';
import { verifyBaseline, type BaselineCheck } from './baseline.ts';

/**
 * `verify-baseline` on a generated province at the scale tests can afford: every figure of the report is listed;
 * those a module computes come out within tolerance (counts within 1 % of the scaled figure, rates within a point);
 * those no module computes yet are marked so, never silently dropped. Later years (--until) must not change them.
 */

const scale = 0.02;
let test: TestPlatform;
let checks: BaselineCheck[];

beforeAll(async () => {
  ({ test } = await generatedProvince({ scale, seed: 2013, until: 2013 }));
  ({ checks } = await verifyBaseline(systemActor('test'), test.platform.db, { scale, year: 2013 }));
}, 600_000);
afterAll(() => test?.close());

describe(`verify-baseline on the synthetic province at scale ${scale}`, () => {
  it('lists every figure of the report, in its order', () => {
    expect(checks.map((check) => check.indicator)).toEqual(reportBaseline().map((figure) => figure.code));
  });

  it('finds every computed figure within tolerance', () => {
    const computed = checks.filter((check) => findIndicator(check.indicator));
    expect(computed.length).toBeGreaterThanOrEqual(6);
    expect(computed.filter((check) => check.withinTolerance !== true)).toEqual([]);
  });

  it('marks the figures no module computes yet, neither passed nor failed', () => {
    for (const check of checks.filter((candidate) => !findIndicator(candidate.indicator))) {
      expect(check).toMatchObject({ computed: null, withinTolerance: null });
    }
  });

  it('spreads the members like the province: Changchun first, then Jilin city', async () => {
    const { rows } = await sql<{ code: string; id: number }>`SELECT code, id FROM orgs WHERE level = 'city'`.execute(test.platform.db);
    const members = await Promise.all(rows.map(async (city) => ({ code: city.code, value: (await computeFigure(test.platform.db, wholeTree, 'org.members', city.id, periodEnd)).value! })));
    members.sort((a, b) => b.value - a.value);
    expect(members.slice(0, 2).map((city) => city.code)).toEqual(['220100', '220200']);
  });
});
