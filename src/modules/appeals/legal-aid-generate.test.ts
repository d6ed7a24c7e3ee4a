import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../core/db/tables.ts';
import { checkAggregates } from '../../core/indicators/aggregates.ts';
import { computeFigure } from '../../core/indicators/engine.ts';
import { wholeTree } from '../../core/scope.ts';
import { treeRoot } from '../../core/tree.ts';
import type { TestPlatform } from '../../test/platform.ts';
import { generatedProvince } from '../../test/province.ts';

const params = { scale: 0.02, seed: 2013, until: 2013 };
let test: TestPlatform;
let result: Awaited<ReturnType<typeof generatedProvince>>['result'];
beforeAll(async () => {
  ({ test, result } = await generatedProvince(params));
}, 300_000);
afterAll(() => test?.close());

/** The generated legal-aid cases, each with what it is checked against, in the order of their appeals. */
async function aidCases(db: Db) {
  const { rows } = await sql<{
    institution_org: string; submitted_on: string; employer_name: string; kind: string; category: string; referred: boolean; in_subtree: boolean; established_on: string;
    accepted_on: string; status: string; outcome: string | null; recovered_fen: string; closed_on: string | null; staff_kind: string | null; taken_line: boolean; closed_line: boolean;
  }>`
    SELECT i.org_id::text AS institution_org, a.submitted_on::text, a.employer_name, a.kind, a.category,
           EXISTS (SELECT 1 FROM appeal_events e WHERE e.appeal_id = a.id AND e.step = 'legal_aid') AS referred,
           (SELECT path FROM orgs WHERE id = i.org_id) @> (SELECT path FROM orgs WHERE id = a.org_id) AS in_subtree,
           i.established_on::text, c.accepted_on::text, c.status, c.outcome, c.recovered_fen::text, c.closed_on::text, s.kind AS staff_kind,
           EXISTS (SELECT 1 FROM appeal_events e WHERE e.appeal_id = a.id AND e.step = 'legalAidTaken' AND e.happened_on = c.accepted_on AND e.internal) AS taken_line,
           EXISTS (SELECT 1 FROM appeal_events e WHERE e.appeal_id = a.id AND e.step = 'legalAidClosed' AND e.happened_on = c.closed_on AND (e.data->>'recoveredFen')::bigint = c.recovered_fen) AS closed_line
    FROM legal_aid_cases c JOIN appeals a ON a.id = c.appeal_id JOIN legal_aid_institutions i ON i.id = c.institution_id LEFT JOIN legal_aid_staff s ON s.id = c.staff_id
    ORDER BY c.appeal_id`.execute(db);
  return rows;
}

describe("the generator's legal aid", () => {
  it('give most province, city and county federations an institution by the end of 2012, set up over the years before, aggregates exact', async () => {
    const province = (await treeRoot(test.platform.db))!;
    const rate = async (year: number) => (await computeFigure(test.platform.db, wholeTree, 'appeals.legal_aid_institution_rate', province.id, year)).value!;
    expect(result.counts.legalAidInstitutions).toBeGreaterThan(0);
    expect(await rate(2012)).toBeGreaterThanOrEqual(0.85);
    expect(await rate(2007)).toBeLessThan(await rate(2010));
    expect(await rate(2010)).toBeLessThan(await rate(2012));
    expect(await rate(2013)).toBeGreaterThanOrEqual(await rate(2012));
    expect((await checkAggregates(test.platform.db)).filter((d) => d.table === 'appeal_aid_counts')).toEqual([]);
  });

  it('give each institution a few lawyers and volunteers, sealed', async () => {
    const { rows } = await sql<{ lawyers: number; volunteers: number }>`
      SELECT count(*) FILTER (WHERE s.kind = 'lawyer')::int AS lawyers, count(*) FILTER (WHERE s.kind = 'volunteer')::int AS volunteers
      FROM legal_aid_institutions i LEFT JOIN legal_aid_staff s ON s.institution_id = i.id GROUP BY i.id`.execute(test.platform.db);
    expect(rows).toHaveLength(result.counts.legalAidInstitutions!);
    for (const row of rows) {
      expect(row.lawyers).toBeGreaterThanOrEqual(1);
      expect(row.lawyers + row.volunteers).toBeLessThanOrEqual(8);
    }
    const sealed = await sql<{ name_cipher: Buffer; phone_cipher: Buffer }>`SELECT name_cipher, phone_cipher FROM legal_aid_staff ORDER BY id LIMIT 1`.execute(test.platform.db);
    expect(test.platform.cipher.decrypt(sealed.rows[0]!.name_cipher)).toMatch(/^\p{Script=Han}{2,4}$/u);
    expect(test.platform.cipher.decrypt(sealed.rows[0]!.phone_cipher)).toMatch(/^1\d{10}$/);
  });

  it('take on legal-aid requests and referred disputes at the nearest institution of the time, most closed with an amount recovered, some open at the end', async () => {
    const cases = await aidCases(test.platform.db);
    expect(cases.length).toBe(result.counts.legalAidCases);
    expect(cases.length).toBeGreaterThan(50);
    for (const one of cases) {
      expect(one.kind === 'legal_aid' || one.referred).toBe(true);
      expect(one.in_subtree).toBe(true);
      expect(one.established_on <= one.accepted_on).toBe(true);
      expect(one.accepted_on > one.submitted_on).toBe(true);
      expect(one.taken_line).toBe(true);
      if (one.status === 'closed') {
        expect(one.closed_line).toBe(true);
        expect(Number(one.recovered_fen) > 0).toBe(['won', 'mediated', 'partly_won'].includes(one.outcome!));
      } else {
        expect(one.closed_on).toBeNull();
        expect(one.accepted_on.slice(0, 4)).toBe('2013');
      }
    }
    const closed = cases.filter((one) => one.status === 'closed');
    const open = cases.filter((one) => one.status === 'accepted');
    expect(open.length).toBeGreaterThan(0);
    expect(closed.length).toBeGreaterThan(open.length * 4);
    expect(cases.some((one) => one.kind !== 'legal_aid')).toBe(true);
    // Wages owed recover more, on average, than the other disputes.
    const mean = (list: typeof cases) => list.reduce((sum, one) => sum + Number(one.recovered_fen), 0) / list.length;
    expect(mean(closed.filter((one) => one.category === 'wages'))).toBeGreaterThan(mean(closed.filter((one) => one.category !== 'wages')));

    const province = (await treeRoot(test.platform.db))!;
    for (const year of [2010, 2012]) {
      const recovered = closed.filter((one) => one.closed_on!.startsWith(String(year))).reduce((sum, one) => sum + Number(one.recovered_fen), 0);
      expect(recovered).toBeGreaterThan(0);
      expect((await computeFigure(test.platform.db, wholeTree, 'appeals.amount_recovered', province.id, year)).value).toBeCloseTo(recovered / 100, 2);
    }
    expect(await checkAggregates(test.platform.db)).toEqual([]);
  });

  it('makes the same legal aid from the same seed', async () => {
    const again = await generatedProvince(params);
    try {
      expect(again.result.digest).toBe(result.digest);
      expect(again.result.counts).toEqual(result.counts);
      expect(await aidCases(again.test.platform.db)).toEqual(await aidCases(test.platform.db));
    } finally {
      await again.test.close();
    }
  }, 300_000);
});
