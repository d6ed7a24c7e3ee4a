import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedProvince } from '../../test/province.ts';
import { wholeTree } from '../scope.ts';
import type { TestPlatform } from '../../test/platform.ts';
import { recountFigures } from '../../test/world.ts';
import { checkAggregates } from './aggregates.ts';
import { computeFigures } from './engine.ts';
import { allIndicators } from './registry.ts';

/**
 * The engine against the records on a generated province: for random subtrees (any org, from the province down to
 * one union) and random years, every indicator equals its module's direct count of the records (ModuleChecks.recount).
 */

let test: TestPlatform;
let orgIds: number[];
beforeAll(async () => {
  ({ test } = await generatedProvince({ scale: 0.002, seed: 7, until: 2012 }));
  orgIds = (await sql<{ id: number }>`SELECT id FROM orgs ORDER BY id`.execute(test.platform.db)).rows.map((row) => Number(row.id));
}, 300_000);
afterAll(async () => test?.close());

describe('the indicator engine on a generated province', () => {
  it('equals a count of the records for random subtrees and years', async () => {
    // Every indicator a module can recount from its records: a module that registers indicators brings its recount.
    const recountable = Object.keys(await recountFigures(test.platform.db, orgIds[0]!, 2012));
    const codes = allIndicators().map((definition) => definition.code);
    expect(codes.filter((code) => !recountable.includes(code)), 'indicators without a recount in their module’s checks').toEqual([]);
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: orgIds.length - 1 }), fc.integer({ min: 2004, max: 2013 }), async (index, year) => {
        const orgId = orgIds[index]!;
        const figures = await computeFigures(test.platform.db, wholeTree, { codes, orgIds: [orgId], years: [year] });
        const recounted = await recountFigures(test.platform.db, orgId, year);
        for (const code of codes) expect(figures(code, orgId, year).value, `${code} org ${orgId} ${year}`).toEqual(recounted[code]);
      }),
      { numRuns: 60, seed: 2013 },
    );
  });

  it('finds no difference between the aggregates and the records after generation', async () => {
    expect(await checkAggregates(test.platform.db)).toEqual([]);
  });
});
