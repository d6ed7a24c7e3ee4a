import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../core/db/tables.ts';

/**
 * The SQL of `appeal_counts` (README.md, "Statistics"): what each case and each centre or station adds to the
 * per-org, per-year counts, read from the records. The same queries give the whole table's recompute (no filter)
 * and one change's flows (the records it touches, read before and after it), so the two cannot disagree.
 */

/** Working days to close: one column per day up to this many, and one for this many or more. */
export const histogramDays = 60;
export const dayBuckets = Array.from({ length: histogramDays }, (_, days) => `closed_days_${days}`);
export const dayOverflow = `closed_days_${histogramDays}_plus`;

export const appealCountColumns = [
  'centres_established', 'centres_closed', 'stations_established', 'stations_closed', 'enterprises_gained', 'enterprises_lost',
  'received', 'closed', 'closed_on_time', 'rated', 'satisfied', ...dayBuckets, dayOverflow,
] as const;

export type CountRow = { org_id: number | string; year: number | string } & Record<string, number | string>;

/** A SELECT list of every count column: the ones given (a condition that is null counts 0), 0 for the rest. */
function countList(values: Partial<Record<(typeof appealCountColumns)[number], RawBuilder<unknown>>>) {
  return sql.join(appealCountColumns.map((column) => sql`coalesce((${values[column] ?? sql`0`})::int, 0) AS ${sql.ref(column)}`));
}

const daysTaken = Object.fromEntries([
  ...dayBuckets.map((column, days) => [column, sql`a.working_days_to_close = ${sql.lit(days)}`]),
  [dayOverflow, sql`a.working_days_to_close >= ${sql.lit(histogramDays)}`],
]);

/**
 * A case adds: received +1 at the org where it first arrived, in the year it was submitted; once closed (status
 * `closed`), closed +1 at the org that closed it in the year of closing, on time when closed by its due date, and one
 * in the histogram of working days; once rated (closed, or reopened by a not-satisfied rating), rated +1 there, and
 * satisfied +1 for satisfied or basically satisfied.
 */
export function caseFlows(ids?: readonly number[]): RawBuilder<CountRow> {
  const only = ids ? sql`a.id = ANY(${[...ids]}::bigint[])` : sql`true`;
  return sql<CountRow>`
    SELECT a.received_org_id AS org_id, extract(year FROM a.submitted_on)::int AS year, ${countList({ received: sql`1` })}
    FROM appeals a WHERE ${only}
    UNION ALL
    SELECT a.org_id, extract(year FROM a.closed_on)::int, ${countList({
      closed: sql`a.status = 'closed'`,
      closed_on_time: sql`a.status = 'closed' AND a.due_on IS NOT NULL AND a.closed_on <= a.due_on`,
      rated: sql`a.rating IS NOT NULL`,
      satisfied: sql`a.rating IN ('satisfied', 'basically')`,
      ...Object.fromEntries(Object.entries(daysTaken).map(([column, condition]) => [column, sql`a.status = 'closed' AND coalesce(${condition}, false)`])),
    })}
    FROM appeals a WHERE a.closed_on IS NOT NULL AND (a.status = 'closed' OR a.rating IS NOT NULL) AND ${only}`;
}

/** Open on 31 December of `year`: established by then and not closed by then. */
const openAtYearEnd = (year: RawBuilder<unknown>) => sql`c.established_on <= make_date(${year}, 12, 31) AND (c.closed_on IS NULL OR c.closed_on > make_date(${year}, 12, 31))`;

/**
 * A centre or station adds +1 at the org that runs it in the year it was established and, once closed, closed +1 in
 * the year of closing. A grassroots union (an enterprise's union) that runs an open centre on 31 December of a year
 * and ran none on the 31 December before has gained one that year; the reverse, lost one.
 */
export function centreFlows(orgIds?: readonly number[]): RawBuilder<CountRow> {
  const only = orgIds ? sql`c.org_id = ANY(${[...orgIds]}::bigint[])` : sql`true`;
  return sql<CountRow>`
    SELECT c.org_id, extract(year FROM c.established_on)::int AS year,
           ${countList({ centres_established: sql`c.kind = 'centre'`, stations_established: sql`c.kind = 'station'` })}
    FROM appeal_centres c WHERE ${only}
    UNION ALL
    SELECT c.org_id, extract(year FROM c.closed_on)::int, ${countList({ centres_closed: sql`c.kind = 'centre'`, stations_closed: sql`c.kind = 'station'` })}
    FROM appeal_centres c WHERE c.closed_on IS NOT NULL AND ${only}
    UNION ALL
    SELECT s.org_id, s.year, ${countList({ enterprises_gained: sql`s.now AND NOT s.before`, enterprises_lost: sql`s.before AND NOT s.now` })}
    FROM (
      SELECT u.org_id, y.year,
             EXISTS (SELECT 1 FROM appeal_centres c WHERE c.org_id = u.org_id AND c.kind = 'centre' AND ${openAtYearEnd(sql`y.year`)}) AS now,
             EXISTS (SELECT 1 FROM appeal_centres c WHERE c.org_id = u.org_id AND c.kind = 'centre' AND ${openAtYearEnd(sql`y.year - 1`)}) AS before
      FROM (SELECT c.org_id, min(extract(year FROM c.established_on))::int AS first,
                   greatest(max(extract(year FROM c.established_on)), max(extract(year FROM c.closed_on)))::int AS last
            FROM appeal_centres c JOIN orgs o ON o.id = c.org_id AND o.kind = 'grassroots'
            WHERE c.kind = 'centre' AND ${only} GROUP BY c.org_id) u
      CROSS JOIN LATERAL generate_series(u.first, u.last) AS y(year)
    ) s
    WHERE s.now <> s.before`;
}

/** Every count of the module from the records: the aggregate table's recompute. */
export function appealCountsFromRecords(): RawBuilder<Record<string, unknown>> {
  return sql<Record<string, unknown>>`${caseFlows()} UNION ALL ${centreFlows()}`;
}

export async function readFlows(db: Db, flows: RawBuilder<CountRow>): Promise<CountRow[]> {
  return (await flows.execute(db)).rows;
}

/**
 * The module's indicators counted straight from the records, for an org's subtree at the end of a year — not from
 * `appeal_counts` nor with its queries: the indicator engine's cross-check (ModuleChecks.recount).
 */
export async function recountFromRecords(db: Db, orgId: number, year: number): Promise<Record<string, number | null>> {
  const { rows } = await sql<Record<string, number>>`
    WITH sub AS (SELECT id, kind FROM orgs WHERE path <@ (SELECT path FROM orgs WHERE id = ${orgId})),
    running AS (SELECT c.* FROM appeal_centres c WHERE c.org_id IN (SELECT id FROM sub)
                AND c.established_on <= make_date(${year}, 12, 31) AND (c.closed_on IS NULL OR c.closed_on > make_date(${year}, 12, 31))),
    closed AS (SELECT * FROM appeals WHERE org_id IN (SELECT id FROM sub) AND status = 'closed' AND extract(year FROM closed_on) = ${year}),
    rated AS (SELECT * FROM appeals WHERE org_id IN (SELECT id FROM sub) AND rating IS NOT NULL AND extract(year FROM closed_on) = ${year})
    SELECT (SELECT count(*) FROM running WHERE kind = 'centre')::int AS centres,
           (SELECT count(*) FROM running WHERE kind = 'station')::int AS stations,
           (SELECT count(DISTINCT r.org_id) FROM running r JOIN sub s ON s.id = r.org_id WHERE r.kind = 'centre' AND s.kind = 'grassroots')::int AS with_centre,
           (SELECT count(*) FROM orgs WHERE id IN (SELECT id FROM sub) AND kind = 'grassroots' AND extract(year FROM coalesce(founded_on, created_at::date)) <= ${year})::int AS unions,
           (SELECT count(*) FROM appeals WHERE received_org_id IN (SELECT id FROM sub) AND extract(year FROM submitted_on) = ${year})::int AS received,
           (SELECT count(*) FROM closed)::int AS closed,
           (SELECT count(*) FROM closed WHERE closed_on <= due_on)::int AS on_time,
           (SELECT count(*) FROM rated)::int AS rated,
           (SELECT count(*) FROM rated WHERE rating <> 'not_satisfied')::int AS satisfied,
           (SELECT coalesce(json_agg(working_days_to_close ORDER BY working_days_to_close), '[]') FROM closed WHERE working_days_to_close IS NOT NULL) AS days`.execute(db);
  const r = rows[0]!;
  const ratio = (a: number, b: number) => (b === 0 ? null : a / b);
  const days = r.days as unknown as number[];
  const middle = days.length === 0 ? [] : [days[Math.floor((days.length - 1) / 2)]!, days[Math.floor(days.length / 2)]!];
  return {
    'appeals.centers': r.centres!,
    'appeals.stations': r.stations!,
    'appeals.enterprise_center_rate': ratio(r.with_centre!, r.unions!),
    'appeals.received': r.received!,
    'appeals.closed_on_time_rate': ratio(r.on_time!, r.closed!),
    'appeals.median_days_to_close': middle.length === 0 || middle.some((value) => value >= histogramDays) ? null : (middle[0]! + middle[1]!) / 2,
    'appeals.satisfaction_rate': ratio(r.satisfied!, r.rated!),
  };
}
