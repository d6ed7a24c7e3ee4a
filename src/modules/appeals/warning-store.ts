import { sql } from 'kysely';
import type { Db } from '../../core/db/tables.ts';
import { inScope, type Scope } from '../../core/scope.ts';
import type { AppealCategory } from './schema.ts';
import type { WarningStatus, WarningTables } from './warning-tables.ts';

/** The only code that touches the early warning's tables (README.md, "Early warning"). */
const tables = (db: Db) => db.withTables<WarningTables>();

/** The employer as a cluster knows it: a known one by id; a typed one by its normalised name within the county. */
export type ClusterEmployer = { employerId: number } | { countyId: number; countyPath: string; name: string };

/** `e<id>`, or `n<county id>:<normalised name>` (the migration's appeal_employer_key, so SQL and the key agree). */
export async function employerKeyOf(tx: Db, employer: ClusterEmployer): Promise<string> {
  if ('employerId' in employer) return `e${employer.employerId}`;
  const { rows } = await sql<{ key: string }>`SELECT appeal_employer_key(${employer.name}) AS key`.execute(tx);
  return `n${employer.countyId}:${rows[0]!.key}`;
}

/**
 * Waits for any other transaction detecting the same employer and category to end (a lock held to the end of this
 * transaction): the second of two appeals arriving at once then counts the first, and finds its warning.
 */
export async function lockCluster(tx: Db, key: string, category: AppealCategory): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`appeal-warning:${key}:${category}`}, 0))`.execute(tx);
}

/** The ids of the appeals of one category against the employer submitted on or after `since`, oldest first. */
export async function clusterAppeals(tx: Db, employer: ClusterEmployer, category: AppealCategory, since: string): Promise<number[]> {
  const query =
    'employerId' in employer
      ? sql<{ id: string }>`
          SELECT id FROM appeals WHERE employer_id = ${employer.employerId} AND category = ${category} AND submitted_on >= ${since}
          ORDER BY id`
      : sql<{ id: string }>`
          SELECT a.id FROM appeals a JOIN orgs p ON p.id = a.place_org_id
          WHERE a.employer_id IS NULL AND a.category = ${category} AND a.submitted_on >= ${since}
            AND appeal_employer_key(a.employer_name) = appeal_employer_key(${employer.name}) AND p.path <@ ${employer.countyPath}::ltree
          ORDER BY a.id`;
  const { rows } = await query.execute(tx);
  return rows.map((row) => Number(row.id));
}

/** The federation a warning belongs to: the county on the place's path (the place itself when it is a county). */
export async function countyOf(tx: Db, placeOrgId: number): Promise<{ id: number; path: string }> {
  const { rows } = await sql<{ id: string; path: string }>`
    SELECT o.id, o.path::text AS path FROM orgs p JOIN orgs o ON p.path <@ o.path
    WHERE p.id = ${placeOrgId} AND (o.level = 'county' OR o.id = p.id)
    ORDER BY (o.level = 'county') DESC, nlevel(o.path) DESC LIMIT 1`.execute(tx);
  return { id: Number(rows[0]!.id), path: rows[0]!.path };
}

export async function openClusterWarning(tx: Db, key: string, category: AppealCategory) {
  return tables(tx)
    .selectFrom('appeal_warnings')
    .select(['id', 'org_id', 'appeal_count'])
    .where('employer_key', '=', key)
    .where('category', '=', category)
    .where('reason', '=', 'cluster')
    .where('status', '<>', 'closed')
    .executeTakeFirst();
}

export interface NewWarning {
  orgId: number;
  reason: 'cluster' | 'group';
  category: AppealCategory;
  employerId: number | null;
  employerName: string;
  employerKey: string;
  threshold: number;
  windowDays: number;
  appealIds: readonly number[];
  raisedOn: string;
}

export async function insertWarning(tx: Db, warning: NewWarning): Promise<number> {
  const { id } = await tables(tx)
    .insertInto('appeal_warnings')
    .values({
      org_id: warning.orgId,
      reason: warning.reason,
      category: warning.category,
      employer_id: warning.employerId,
      employer_name: warning.employerName,
      employer_key: warning.employerKey,
      threshold: warning.threshold,
      window_days: warning.windowDays,
      appeal_count: warning.appealIds.length,
      raised_on: warning.raisedOn,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await linkAppeals(tx, Number(id), warning.appealIds);
  return Number(id);
}

export async function linkAppeals(tx: Db, warningId: number, appealIds: readonly number[]): Promise<void> {
  if (appealIds.length === 0) return;
  await tables(tx)
    .insertInto('appeal_warning_appeals')
    .values(appealIds.map((appealId) => ({ warning_id: warningId, appeal_id: appealId })))
    .onConflict((c) => c.columns(['warning_id', 'appeal_id']).doNothing())
    .execute();
}

/** A later appeal of the cluster joins the warning that stands. */
export async function joinWarning(tx: Db, warningId: number, appealId: number): Promise<void> {
  await linkAppeals(tx, warningId, [appealId]);
  await tables(tx).updateTable('appeal_warnings').set((eb) => ({ appeal_count: eb('appeal_count', '+', 1), updated_at: new Date() })).where('id', '=', warningId).execute();
}

export interface NewWarningEvent {
  warningId: number;
  step: string;
  orgId: number;
  actorId: number | null;
  actorName: string;
  happenedOn: string;
  note?: string | null | undefined;
  appealId?: number | null | undefined;
}

export async function insertWarningEvent(tx: Db, event: NewWarningEvent): Promise<void> {
  await tables(tx)
    .insertInto('appeal_warning_events')
    .values({
      warning_id: event.warningId,
      step: event.step,
      org_id: event.orgId,
      actor_id: event.actorId,
      actor_name: event.actorName,
      happened_on: event.happenedOn,
      note: event.note ?? null,
      appeal_id: event.appealId ?? null,
    })
    .execute();
}

// Reading warnings: a warning is in a scope when its county federation is.

function selectWarnings(db: Db, scope: Scope) {
  return tables(db)
    .selectFrom('appeal_warnings as w')
    .innerJoin('orgs as o', 'o.id', 'w.org_id')
    .selectAll('w')
    .select(['o.code as org_code', 'o.name as org_name', sql<string>`o.path::text`.as('org_path')])
    .where(inScope('o.path', scope));
}

export type WarningRecord = Awaited<ReturnType<ReturnType<typeof selectWarnings>['executeTakeFirstOrThrow']>>;

export async function findWarning(db: Db, scope: Scope, id: number): Promise<WarningRecord | undefined> {
  return selectWarnings(db, scope).where('w.id', '=', id).executeTakeFirst();
}

export interface WarningFilters {
  status?: WarningStatus | undefined;
  category?: AppealCategory | undefined;
  offset: number;
  limit: number;
}

function filteredWarnings(db: Db, scope: Scope, filters: Omit<WarningFilters, 'offset' | 'limit'>) {
  let query = selectWarnings(db, scope);
  if (filters.status) query = query.where('w.status', '=', filters.status);
  if (filters.category) query = query.where('w.category', '=', filters.category);
  return query;
}

/** Open ones first (the newest first), then acknowledged, then closed. */
export async function listWarnings(db: Db, scope: Scope, filters: WarningFilters): Promise<{ rows: WarningRecord[]; total: number }> {
  const rows = await filteredWarnings(db, scope, filters)
    .orderBy(sql`CASE w.status WHEN 'open' THEN 0 WHEN 'acknowledged' THEN 1 ELSE 2 END`)
    .orderBy('w.raised_on', 'desc')
    .orderBy('w.id', 'desc')
    .offset(filters.offset)
    .limit(filters.limit)
    .execute();
  return { rows, total: await countWarnings(db, scope, filters) };
}

export async function countWarnings(db: Db, scope: Scope, filters: Omit<WarningFilters, 'offset' | 'limit'>): Promise<number> {
  const row = await filteredWarnings(db, scope, filters).clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Changes a warning in the scope from the status it was read in; false when it is not (someone acted meanwhile). */
export async function updateWarning(tx: Db, scope: Scope, id: number, expected: WarningStatus, changes: { status: WarningStatus; acknowledged_on?: string; closed_on?: string }): Promise<boolean> {
  const result = await tables(tx)
    .updateTable('appeal_warnings')
    .set({ ...changes, updated_at: new Date() })
    .where('id', '=', id)
    .where('status', '=', expected)
    .where('org_id', 'in', sql<number>`(SELECT id FROM orgs WHERE ${inScope('path', scope)})`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function warningEventsOf(db: Db, warningId: number) {
  return tables(db)
    .selectFrom('appeal_warning_events as e')
    .innerJoin('orgs as o', 'o.id', 'e.org_id')
    .select(['e.id', 'e.step', 'e.actor_name', 'e.happened_on', 'e.note', 'e.appeal_id', 'e.created_at', 'o.name as org_name'])
    .where('e.warning_id', '=', warningId)
    .orderBy('e.id')
    .execute();
}

/** The warning's appeals that the reader may see (one sent elsewhere since may have left their scope). */
export async function warningAppealsOf(db: Db, scope: Scope, warningId: number) {
  return tables(db)
    .selectFrom('appeal_warning_appeals as l')
    .innerJoin('appeals as a', 'a.id', 'l.appeal_id')
    .innerJoin('orgs as o', 'o.id', 'a.org_id')
    .select(['a.id', 'a.status', 'a.submitted_on', 'a.group_involved', 'o.name as org_name'])
    .where('l.warning_id', '=', warningId)
    .where(inScope('o.path', scope))
    .orderBy('a.id')
    .execute();
}
