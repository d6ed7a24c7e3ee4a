import { sql } from 'kysely';
import { recordOf, type ModuleChecks } from '../../core/checks.ts';
import { makeCreditCode, makeTownship, makeUnion } from './testing.ts';

/** The org module's part of the platform's own tests (src/core/checks.ts). */
export const orgChecks: ModuleChecks = {
  /** A township union below the county, an employer with its grassroots union below the township, and a second union. */
  async furnish(platform, corner) {
    const township = await makeTownship({ platform }, corner.countyCode, `${corner.label}街道工会`);
    const { employer, union } = await makeUnion({ platform }, township.code, `${corner.label}机械厂工会`);
    const { union: secondUnion } = await makeUnion({ platform }, township.code, `${corner.label}第二工会`);
    Object.assign(corner.records, { township, union, employer, secondUnion });
    corner.secrets.push(township.name, township.code, union.name, union.code, employer.name);
  },

  probes: {
    'GET /api/v1/orgs': { target: (o) => ({ query: { parentCode: o.countyCode } }) },
    'POST /api/v1/orgs': { target: (o) => ({ body: { parentCode: o.countyCode, kind: 'township', name: '越权街道工会' } }) },
    'GET /api/v1/orgs/{orgCode}': { target: (o) => ({ params: { orgCode: recordOf(o, 'union').code! } }) },
    'PATCH /api/v1/orgs/{orgCode}': { target: (o) => ({ params: { orgCode: recordOf(o, 'union').code! }, body: { name: '被篡改的工会' } }) },
    'POST /api/v1/orgs/{orgCode}/move': { target: (o) => ({ params: { orgCode: recordOf(o, 'union').code! }, body: { parentCode: o.countyCode, movedOn: '2020-01-01' } }) },
    'GET /api/v1/orgs/{orgCode}/trail': { target: (o) => ({ params: { orgCode: recordOf(o, 'union').code! } }) },
    'GET /api/v1/orgs/{orgCode}/moves': { target: (o) => ({ params: { orgCode: recordOf(o, 'union').code! } }) },
    'GET /api/v1/employers': { target: (o) => ({ query: { orgCode: o.countyCode } }) },
    'POST /api/v1/employers': { target: (o) => ({ body: { orgCode: o.countyCode, name: '越权单位', creditCode: makeCreditCode(), ownership: 'private', sizeClass: 'small', industry: 'C' } }) },
    'GET /api/v1/employers/{employerId}': { target: (o) => ({ params: { employerId: recordOf(o, 'employer').id } }) },
    'PATCH /api/v1/employers/{employerId}': { target: (o) => ({ params: { employerId: recordOf(o, 'employer').id }, body: { name: '被篡改的单位' } }) },
  },

  ownTargets: (corner) => ({ orgCode: recordOf(corner, 'union').code!, employerId: recordOf(corner, 'employer').id }),

  async recount(db, orgId, year) {
    const { rows } = await sql<Record<string, number>>`
      WITH unions AS (SELECT *, extract(year FROM coalesce(founded_on, created_at::date)) AS counted_from FROM orgs
                      WHERE path <@ (SELECT path FROM orgs WHERE id = ${orgId}) AND kind = 'grassroots')
      SELECT (SELECT count(*) FROM unions WHERE counted_from <= ${year})::int AS "org.grassroots_unions",
             (SELECT count(*) FROM unions WHERE counted_from = ${year})::int AS "org.new_grassroots_unions",
             (SELECT count(*) FROM unions WHERE counted_from <= ${year} AND has_professional_chair)::int AS "org.professional_chairs",
             (SELECT count(*) FROM unions WHERE counted_from <= ${year} AND has_women_committee)::int AS committees`.execute(db);
    const { committees, ...counts } = rows[0]!;
    const unions = counts['org.grassroots_unions']!;
    return { ...counts, 'org.women_committee_rate': unions === 0 ? null : committees! / unions };
  },

  contentDigest: () => sql<{ part: string; digest: string }>`
    SELECT 'orgs' AS part, md5(string_agg(concat_ws('|', o.code, o.name, o.kind, o.level, p.code, o.region_code, o.industry, e.credit_code, o.founded_on,
                   o.has_women_committee, o.has_professional_chair, o.party_union_joint, o.child_sequence), E'\n' ORDER BY o.code)) AS digest
    FROM orgs o LEFT JOIN orgs p ON p.id = o.parent_id LEFT JOIN employers e ON e.id = o.employer_id
    UNION ALL
    SELECT 'employers', md5(string_agg(concat_ws('|', e.credit_code, e.name, e.ownership, e.size_class, e.above_scale, e.industry, e.region_code, r.code,
                   e.employee_count, e.address), E'\n' ORDER BY e.credit_code))
    FROM employers e JOIN orgs r ON r.id = e.org_id`,
};
