import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAggregates } from '../../core/indicators/aggregates.ts';
import { computeFigure } from '../../core/indicators/engine.ts';
import { wholeTree } from '../../core/scope.ts';
import { treeRoot } from '../../core/tree.ts';
import type { TestPlatform } from '../../test/platform.ts';
import { generatedProvince } from '../../test/province.ts';

let test: TestPlatform;
let result: Awaited<ReturnType<typeof generatedProvince>>['result'];
beforeAll(async () => {
  ({ test, result } = await generatedProvince({ scale: 0.02, seed: 2013, until: 2013 }));
});
afterAll(() => test?.close());

describe("the generator's legal-aid institutions", () => {
  it('give most province, city and county federations one by the end of 2012, set up over the years before, aggregates exact', async () => {
    const province = (await treeRoot(test.platform.db))!;
    const rate = async (year: number) => (await computeFigure(test.platform.db, wholeTree, 'appeals.legal_aid_institution_rate', province.id, year)).value!;
    expect(result.counts.legalAidInstitutions).toBeGreaterThan(0);
    expect(await rate(2012)).toBeGreaterThanOrEqual(0.85);
    expect(await rate(2007)).toBeLessThan(await rate(2010));
    expect(await rate(2010)).toBeLessThan(await rate(2012));
    expect(await rate(2013)).toBeGreaterThanOrEqual(await rate(2012));
    expect((await checkAggregates(test.platform.db)).filter((d) => d.table === 'appeal_aid_counts')).toEqual([]);
  });
});
