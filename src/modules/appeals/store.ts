import { sql, type Updateable } from 'kysely';
import type { Db } from '../../core/db/tables.ts';
import { beyond, descending, orderedBy } from '../../core/db/keyset.ts';
import { cappedTotal, countCap, type ListTotal, type ListWindow } from '../../core/paging.ts';
import { inScope, wholeTree, type Scope } from '../../core/scope.ts';
import { orgIdsIn, type TreeOrg } from '../../core/tree.ts';
import type { CalendarDay } from './calendar.ts';
import type { AppealQueue, AppealStatus } from './schema.ts';
import type { AppealsTable, AppealTables, NewAppeal, SettingsRow } from './tables.ts';
import { calendarOf, type Calendar } from './working-days.ts';

/** The only code that touches the appeals module's tables. */
const tables = (db: Db) => db.withTables<AppealTables>();

/**
 * Makes a province's settings with the defaults, and, only then, loads the shipped calendar: a day an admin later
 * removes is not put back at the next start. True when the province was new.
 */
export async function ensureProvince(db: Db, provinceOrgId: number, days: readonly CalendarDay[]): Promise<boolean> {
  const made = await tables(db).insertInto('appeal_settings').values({ province_org_id: provinceOrgId }).onConflict((c) => c.column('province_org_id').doNothing()).returning('province_org_id').executeTakeFirst();
  if (!made) return false;
  if (days.length) {
    await tables(db)
      .insertInto('appeal_holidays')
      .values(days.map((d) => ({ province_org_id: provinceOrgId, ...d })))
      .onConflict((c) => c.columns(['province_org_id', 'day']).doNothing())
      .execute();
  }
  return true;
}

export async function settingsOf(db: Db, provinceOrgId: number): Promise<SettingsRow | undefined> {
  return tables(db).selectFrom('appeal_settings').selectAll().where('province_org_id', '=', provinceOrgId).executeTakeFirst();
}

/** A province's whole calendar: a few dozen rows a year, read at once. */
export async function calendarFor(db: Db, provinceOrgId: number): Promise<Calendar> {
  const rows = await tables(db).selectFrom('appeal_holidays').select(['day', 'kind']).where('province_org_id', '=', provinceOrgId).execute();
  return calendarOf(rows.map((row) => ({ day: row.day, kind: row.kind })));
}

// Cases. A case is in a scope when its handling org is: the handling org and every org above it see it.

function selectAppeals(db: Db, scope: Scope) {
  return tables(db)
    .selectFrom('appeals as a')
    .innerJoin('orgs as o', 'o.id', 'a.org_id')
    .innerJoin('orgs as r', 'r.id', 'a.received_org_id')
    .innerJoin('orgs as p', 'p.id', 'a.place_org_id')
    .leftJoin('orgs as d', 'd.id', 'a.dispatched_by_org_id')
    .selectAll('a')
    .select([
      'o.code as org_code', 'o.name as org_name', sql<string>`o.path::text`.as('org_path'), 'r.name as received_org_name', 'p.name as place_name',
      'd.name as dispatched_by_org_name', sql<string | null>`d.path::text`.as('dispatched_by_org_path'),
    ])
    .where(inScope('o.path', scope));
}

export type AppealRecord = Awaited<ReturnType<ReturnType<typeof selectAppeals>['executeTakeFirstOrThrow']>>;

export async function findAppeal(db: Db, scope: Scope, id: number): Promise<AppealRecord | undefined> {
  return selectAppeals(db, scope).where('a.id', '=', id).executeTakeFirst();
}

/** The case by id, whatever the scope: for the holder of its tracking code only (the public service). */
export async function findAppealAnywhere(db: Db, id: number): Promise<AppealRecord | undefined> {
  return selectAppeals(db, wholeTree).where('a.id', '=', id).executeTakeFirst();
}

export interface AppealFilters {
  orgPath?: string | undefined;
  status?: AppealStatus | undefined;
  category?: string | undefined;
  kind?: string | undefined;
  queue?: AppealQueue | undefined;
  /** Submitted in this year. */
  year?: number | undefined;
  userId: number | null;
  today: string;
  /** The last day of "due within 2 working days" as of today. */
  dueSoonUntil: string;
}

/** Open and counting: the clock runs (not waiting for the worker, not answered yet). */
const counting = sql<boolean>`a.status IN ('accepted', 'in_progress')`;

/**
 * Each work queue's filter (README.md, "Work queues"), in the scope: what the queue's count counts is what its list
 * shows. `scope.orgId` is the org the caller works for (or the one a list narrowed to).
 */
function filtered(db: Db, scope: Scope, filters: AppealFilters) {
  let query = selectAppeals(db, scope);
  if (filters.orgPath) query = query.where(sql<boolean>`o.path <@ ${filters.orgPath}::ltree`);
  if (filters.status) query = query.where('a.status', '=', filters.status);
  if (filters.category) query = query.where('a.category', '=', filters.category as AppealRecord['category']);
  if (filters.kind) query = query.where('a.kind', '=', filters.kind as AppealRecord['kind']);
  if (filters.year) query = query.where('a.submitted_on', '>=', `${filters.year}-01-01`).where('a.submitted_on', '<', `${filters.year + 1}-01-01`);
  switch (filters.queue) {
    case 'mine':
      query = query.where('a.handler_id', '=', filters.userId ?? -1).where('a.status', 'in', ['accepted', 'in_progress', 'waiting']);
      break;
    case 'new':
      // The scope's own org's new cases: those sent to it, not to an org below (their own staff take them).
      query = query.where('a.status', '=', 'submitted').where('a.org_id', '=', scope.orgId);
      break;
    case 'due_soon':
      query = query.where(counting).where('a.due_on', '>=', filters.today).where('a.due_on', '<=', filters.dueSoonUntil);
      break;
    case 'overdue':
      // The whole subtree's: a level above sees its orgs' overdue cases (supervision).
      query = query.where(counting).where('a.due_on', '<', filters.today);
      break;
    case 'review':
      // An answer waits for the reviewing org's quality check (the dispatching org's when it was dispatched down);
      // an extension asked and a reopened case wait for the level directly above the handling org.
      query = query.where(sql<boolean>`(
        (a.status = 'answered' AND COALESCE(a.dispatched_by_org_id, a.org_id) = ${scope.orgId})
        OR ((a.status = 'reviewing' OR a.extension_requested IS NOT NULL) AND o.parent_id = ${scope.orgId})
      )`);
      break;
  }
  return query;
}

/**
 * The list's order as columns (appealOrder; migration 0008's index): still pressed first, then due, then id. NULLs
 * would break a row comparison, so a case without a deadline sorts as due on the last day there is.
 */
const lastDay = '9999-12-31';
const orderColumns = [sql`(a.supervised_at IS NULL OR a.status = 'closed')`, sql`COALESCE(a.due_on, DATE '9999-12-31')`, sql`a.id`];
export const appealKeyOf = (row: AppealRecord): readonly [boolean, string, number] => [row.supervised_at === null || row.status === 'closed', row.due_on ?? lastDay, row.id];

/** A window of the scope's cases in the list's order, with the total counted up to countCap. */
export async function listAppeals(db: Db, scope: Scope, filters: AppealFilters, window: ListWindow): Promise<{ rows: AppealRecord[]; total: ListTotal }> {
  const desc = descending('asc', window);
  const base = filtered(db, scope, filters);
  const [rows, counted] = await Promise.all([
    base.where(beyond(orderColumns, window, desc)).orderBy(orderedBy(orderColumns, desc)).offset(window.offset).limit(window.limit).execute(),
    tables(db).selectFrom(base.clearSelect().select(sql`1`.as('one')).limit(countCap + 1).as('counted')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: cappedTotal(Number(counted.n)) };
}

export async function countAppeals(db: Db, scope: Scope, filters: AppealFilters): Promise<number> {
  const row = await filtered(db, scope, filters)
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The next batch of the scope's cases by id, for an export read in batches so memory stays flat. */
export async function appealsAfter(db: Db, scope: Scope, filters: AppealFilters, afterId: number, limit: number): Promise<AppealRecord[]> {
  return filtered(db, scope, filters).where('a.id', '>', afterId).orderBy('a.id').limit(limit).execute();
}

export async function insertAppeal(tx: Db, row: NewAppeal): Promise<number> {
  const { id } = await tables(tx).insertInto('appeals').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(id);
}

/** Changes a case in the scope; false when it is not there (or not in the expected status: a step taken twice at once). */
export async function updateAppeal(tx: Db, scope: Scope, id: number, expected: AppealStatus, changes: Updateable<AppealsTable>): Promise<boolean> {
  const result = await tables(tx)
    .updateTable('appeals')
    .set({ ...changes, updated_at: new Date() })
    .where('id', '=', id)
    .where('status', '=', expected)
    .where('org_id', 'in', orgIdsIn(scope))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface NewEvent {
  appealId: number;
  step: string;
  fromStatus: AppealStatus | null;
  toStatus: AppealStatus | null;
  orgId: number;
  actorId: number | null;
  actorName: string;
  happenedOn: string;
  note?: string | null | undefined;
  internal: boolean;
  data?: Record<string, unknown> | undefined;
}

export async function insertEvent(tx: Db, event: NewEvent): Promise<void> {
  await tables(tx)
    .insertInto('appeal_events')
    .values({
      appeal_id: event.appealId,
      step: event.step,
      from_status: event.fromStatus,
      to_status: event.toStatus,
      org_id: event.orgId,
      actor_id: event.actorId,
      actor_name: event.actorName,
      happened_on: event.happenedOn,
      note: event.note ?? null,
      internal: event.internal,
      data: event.data ? JSON.stringify(event.data) : null,
    })
    .execute();
}

export async function eventsOf(db: Db, appealId: number, options: { publicOnly?: boolean } = {}) {
  let query = tables(db)
    .selectFrom('appeal_events as e')
    .innerJoin('orgs as o', 'o.id', 'e.org_id')
    .select(['e.id', 'e.step', 'e.from_status', 'e.to_status', 'e.actor_name', 'e.happened_on', 'e.note', 'e.internal', 'e.created_at', 'o.name as org_name'])
    .where('e.appeal_id', '=', appealId);
  if (options.publicOnly) query = query.where('e.internal', '=', false);
  return query.orderBy('e.id').execute();
}

/** The org that runs a centre or station for the employer, open on the day: where its workers' appeals go. */
export async function centreOrgOfEmployer(db: Db, employerId: number, on: string): Promise<number | undefined> {
  const row = await tables(db)
    .selectFrom('appeal_centres')
    .select('org_id')
    .where('employer_id', '=', employerId)
    .where('established_on', '<=', on)
    .where((eb) => eb.or([eb('closed_on', 'is', null), eb('closed_on', '>', on)]))
    .orderBy(sql`kind = 'centre'`, 'desc')
    .orderBy('id')
    .executeTakeFirst();
  return row ? Number(row.org_id) : undefined;
}

/** An org's parent in the tree, for sending a case up. */
export async function parentOf(db: Db, orgId: number): Promise<TreeOrg | undefined> {
  return tables(db)
    .selectFrom('orgs as c')
    .innerJoin('orgs as p', 'p.id', 'c.parent_id')
    .select(['p.id', 'p.code', 'p.name', 'p.kind', 'p.level', sql<string>`p.path::text`.as('path')])
    .where('c.id', '=', orgId)
    .executeTakeFirst();
}

/** The province a path lies in: its first label. */
export const provinceOf = (path: string) => Number(path.split('.')[0]);
