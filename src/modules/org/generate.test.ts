import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GenerateResult } from '../../core/generate/job.ts';
import { generatedProvince } from '../../test/province.ts';
import type { TestPlatform } from '../../test/platform.ts';
import { isValidCreditCode } from './credit-code.ts';
import { mayStandUnder } from './rules.ts';
import type { OrgKind, OrgLevel } from './schema.ts';

/** The generated org tree obeys the module's own rules, as if every org had been entered through the service. */

let test: TestPlatform;
let result: GenerateResult;

beforeAll(async () => {
  ({ test, result } = await generatedProvince({ scale: 0.002, seed: 7, until: 2013 }));
}, 300_000);
afterAll(() => test?.close());

const rows = async <T>(query: ReturnType<typeof sql<T>>) => (await query.execute(test.platform.db)).rows;

describe('the generated org tree', () => {
  it('has a township union for each of the 1,036 real townships, coded under its county', async () => {
    const townships = await rows<{ code: string; region_code: string; parent_code: string }>(sql`
      SELECT o.code, o.region_code, p.code AS parent_code FROM orgs o JOIN orgs p ON p.id = o.parent_id WHERE o.kind = 'township'`);
    expect(townships).toHaveLength(1036);
    for (const township of townships) {
      expect(township.code.startsWith(`${township.parent_code}-T`)).toBe(true);
      expect(township.region_code.slice(0, 6)).toBe(township.parent_code);
    }
  });

  it('puts every org where the rules allow, with a path that is its parent’s path and its own id', async () => {
    const orgs = await rows<{ id: number; kind: OrgKind; level: OrgLevel; path: string; parent_kind: OrgKind; parent_level: OrgLevel; parent_path: string }>(sql`
      SELECT o.id, o.kind, o.level, o.path::text AS path, p.kind AS parent_kind, p.level AS parent_level, p.path::text AS parent_path
      FROM orgs o JOIN orgs p ON p.id = o.parent_id WHERE o.kind <> 'federation'`);
    for (const org of orgs) {
      expect(mayStandUnder(org.kind, org.level, { kind: org.parent_kind, level: org.parent_level }), `${org.kind} under ${org.parent_kind}/${org.parent_level}`).toBe(true);
      expect(org.path).toBe(`${org.parent_path}.${org.id}`);
    }
  });

  it('gives every grassroots union its own employer with a valid credit code, and puts it under a county', async () => {
    const unions = await rows<{ code: string; credit_code: string | null; county: string | null; employer_unions: number }>(sql`
      SELECT o.code, e.credit_code,
             (SELECT c.code FROM orgs c WHERE c.level = 'county' AND c.path @> o.path) AS county,
             (SELECT count(*)::int FROM orgs x WHERE x.employer_id = e.id) AS employer_unions
      FROM orgs o LEFT JOIN employers e ON e.id = o.employer_id WHERE o.kind = 'grassroots'`);
    expect(unions.length).toBe(result.counts.grassrootsUnions);
    for (const union of unions) {
      expect(union.credit_code && isValidCreditCode(union.credit_code), union.code).toBe(true);
      expect(union.county, union.code).toBe(union.code.slice(0, 6));
      expect(union.employer_unions).toBe(1);
    }
    const codes = await rows<{ credit_code: string }>(sql`SELECT credit_code FROM employers`);
    expect(codes.every((row) => isValidCreditCode(row.credit_code))).toBe(true);
  });

  it('has a women’s committee in 97% of the unions of the end of 2012', async () => {
    const [share] = await rows<{ unions: number; women: number }>(sql`
      SELECT count(*)::int AS unions, count(*) FILTER (WHERE has_women_committee)::int AS women
      FROM orgs WHERE kind = 'grassroots' AND founded_on <= '2012-12-31'`);
    expect(Math.abs(share!.women / share!.unions - 0.97)).toBeLessThan(0.01);
  });

  it('numbers children so that the next org added by hand takes a free code', async () => {
    const [clash] = await rows<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM orgs p JOIN orgs c ON c.parent_id = p.id
      WHERE substring(c.code FROM '-[TAG](\\d+)$')::int > p.child_sequence`);
    expect(clash!.n).toBe(0);
  });

  it('founds unions after 2012 when asked for later years', async () => {
    const [later] = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM orgs WHERE kind = 'grassroots' AND founded_on >= '2013-01-01'`);
    expect(later!.n).toBeGreaterThan(0);
  });
});
