import { sql } from 'kysely';
import type { Db } from '../core/db/tables.ts';

/**
 * The org and member indicators counted straight from the records, for the subtree of an org at the end of a year:
 * what the indicator engine must agree with, computed without any aggregate.
 */
export async function recountFigures(db: Db, orgId: number, year: number): Promise<Record<string, number | null>> {
  const { rows } = await sql<Record<string, number>>`
    WITH sub AS (SELECT id FROM orgs WHERE path <@ (SELECT path FROM orgs WHERE id = ${orgId})),
    active AS (SELECT m.*, w.gender, w.household, w.dispatched FROM memberships m JOIN workers w ON w.id = m.worker_id
               WHERE m.org_id IN (SELECT id FROM sub) AND m.joined_on <= make_date(${year}, 12, 31) AND (m.ended_on IS NULL OR m.ended_on > make_date(${year}, 12, 31))),
    unions AS (SELECT *, extract(year FROM coalesce(founded_on, created_at::date)) AS counted_from FROM orgs WHERE id IN (SELECT id FROM sub) AND kind = 'grassroots')
    SELECT (SELECT count(*) FROM active)::int AS "org.members",
           (SELECT count(*) FROM active WHERE gender = 'female')::int AS "members.women",
           (SELECT count(*) FROM active WHERE household = 'rural')::int AS "members.migrant_workers",
           (SELECT count(*) FROM active WHERE dispatched)::int AS "members.dispatched_workers",
           (SELECT count(*) FROM memberships WHERE org_id IN (SELECT id FROM sub) AND extract(year FROM joined_on) = ${year})::int AS "org.new_members",
           (SELECT count(*) FROM unions WHERE counted_from <= ${year})::int AS "org.grassroots_unions",
           (SELECT count(*) FROM unions WHERE counted_from = ${year})::int AS "org.new_grassroots_unions",
           (SELECT count(*) FROM unions WHERE counted_from <= ${year} AND has_professional_chair)::int AS "org.professional_chairs",
           (SELECT count(*) FROM unions WHERE counted_from <= ${year} AND has_women_committee)::int AS committees`.execute(db);
  const { committees, ...counts } = rows[0]!;
  const unions = counts['org.grassroots_unions']!;
  return { ...counts, 'org.women_committee_rate': unions === 0 ? null : committees! / unions };
}

/** A digest of every worker, membership and member count row: equal before and after means the roster is untouched. */
export async function rosterDigest(db: Db): Promise<string> {
  const { rows } = await sql<{ d: string }>`
    SELECT md5(concat(
      (SELECT string_agg(w::text, '|' ORDER BY id) FROM workers w),
      (SELECT string_agg(m::text, '|' ORDER BY id) FROM memberships m),
      (SELECT string_agg(c::text, '|' ORDER BY org_id, year) FROM member_counts c))) AS d`.execute(db);
  return rows[0]!.d;
}
