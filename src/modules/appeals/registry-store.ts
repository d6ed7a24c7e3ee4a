import { sql, type RawBuilder, type Updateable } from 'kysely';
import { beyond, descending, orderedBy } from '../../core/db/keyset.ts';
import type { Db } from '../../core/db/tables.ts';
import { cappedTotal, countCap, type ListTotal, type ListWindow } from '../../core/paging.ts';
import { inScope, type Scope } from '../../core/scope.ts';
import type { CentreStatus } from './registry-schema.ts';
import type { CentreKind } from './schema.ts';
import type { AppealCentresTable, AppealTables } from './tables.ts';

/** The registry's SQL: appeal centres and stations, scoped by the org that runs each. */
const tables = (db: Db) => db.withTables<AppealTables>();

function selectCentres(db: Db, scope: Scope) {
  return tables(db)
    .selectFrom('appeal_centres as c')
    .innerJoin('orgs as o', 'o.id', 'c.org_id')
    .selectAll('c')
    .select(['o.code as org_code', 'o.name as org_name', sql<string>`o.path::text`.as('org_path')])
    .where(inScope('o.path', scope));
}

export type CentreRecord = Awaited<ReturnType<ReturnType<typeof selectCentres>['executeTakeFirstOrThrow']>>;

/** The status of a centre on a day, from its dates: the same rule as `statusOn` below, in SQL. */
export function centreStatusOf(row: Pick<CentreRecord, 'established_on' | 'closed_on'>, on: string): CentreStatus {
  if (row.established_on > on) return 'planned';
  return row.closed_on !== null && row.closed_on <= on ? 'closed' : 'open';
}

function statusOn(status: CentreStatus, on: string): RawBuilder<boolean> {
  if (status === 'planned') return sql<boolean>`c.established_on > ${on}::date`;
  if (status === 'closed') return sql<boolean>`c.closed_on <= ${on}::date`;
  return sql<boolean>`(c.established_on <= ${on}::date AND (c.closed_on IS NULL OR c.closed_on > ${on}::date))`;
}

export async function findCentre(db: Db, scope: Scope, id: number): Promise<CentreRecord | undefined> {
  return selectCentres(db, scope).where('c.id', '=', id).executeTakeFirst();
}

/** A centre of the same name already run by the org: the import's key, and what a second registration would repeat. */
export async function findCentreByName(db: Db, scope: Scope, orgId: number, name: string): Promise<CentreRecord | undefined> {
  return selectCentres(db, scope).where('c.org_id', '=', orgId).where('c.name', '=', name).orderBy('c.id').executeTakeFirst();
}

export interface CentreFilters {
  kind?: CentreKind | undefined;
  employerId?: number | undefined;
  area?: string | undefined;
  q?: string | undefined;
  status?: CentreStatus | undefined;
  on: string;
  sort: 'name' | 'establishedOn';
  order: 'asc' | 'desc';
}

const sortColumns: Record<CentreFilters['sort'], RawBuilder<unknown>[]> = {
  name: [sql`c.name`, sql`c.id`],
  establishedOn: [sql`c.established_on`, sql`c.id`],
};

export function centreKeyOf(sort: CentreFilters['sort'], row: CentreRecord): unknown[] {
  return [sort === 'name' ? row.name : row.established_on, row.id];
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, '\\$&');

function filtered(filters: Omit<CentreFilters, 'sort' | 'order'>): RawBuilder<boolean> {
  const conditions: RawBuilder<boolean>[] = [];
  if (filters.kind) conditions.push(sql<boolean>`c.kind = ${filters.kind}`);
  if (filters.employerId !== undefined) conditions.push(sql<boolean>`c.employer_id = ${filters.employerId}`);
  if (filters.area) conditions.push(sql<boolean>`c.area ILIKE ${`%${escapeLike(filters.area)}%`}`);
  if (filters.q) conditions.push(sql<boolean>`c.name ILIKE ${`%${escapeLike(filters.q)}%`}`);
  if (filters.status) conditions.push(statusOn(filters.status, filters.on));
  return conditions.length ? sql<boolean>`${sql.join(conditions, sql` AND `)}` : sql<boolean>`true`;
}

/** The centres of `scope` (the caller's, or a subtree of it), a window of the list at a time, counted up to the cap. */
export async function listCentres(db: Db, scope: Scope, filters: CentreFilters, window: ListWindow): Promise<{ rows: CentreRecord[]; total: ListTotal }> {
  const where = filtered(filters);
  const columns = sortColumns[filters.sort];
  const desc = descending(filters.order, window);
  const [rows, counted] = await Promise.all([
    selectCentres(db, scope).where(where).where(beyond(columns, window, desc)).orderBy(orderedBy(columns, desc)).offset(window.offset).limit(window.limit).execute(),
    tables(db)
      .selectFrom((eb) => eb.selectFrom('appeal_centres as c').innerJoin('orgs as o', 'o.id', 'c.org_id').select(sql`1`.as('one')).where(inScope('o.path', scope)).where(where).limit(countCap + 1).as('counted'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: cappedTotal(Number(counted.n)) };
}

/** The export's batches: the list's filters, `limit` centres after the id `afterId`, by id. */
export async function centresAfter(db: Db, scope: Scope, filters: Omit<CentreFilters, 'sort' | 'order'>, afterId: number, limit: number): Promise<CentreRecord[]> {
  return selectCentres(db, scope).where(filtered(filters)).where('c.id', '>', afterId).orderBy('c.id').limit(limit).execute();
}

export type NewCentre = Pick<AppealCentresTable, 'org_id' | 'kind' | 'name' | 'employer_id' | 'area' | 'established_on'> & { staff_count: number; closed_on?: string | null };

/** Inserts a centre run by an org of the scope; undefined when the org lies outside it. */
export async function insertCentre(db: Db, scope: Scope, centre: NewCentre): Promise<number | undefined> {
  const runBy = await tables(db).selectFrom('orgs').select('id').where('id', '=', centre.org_id).where(inScope('path', scope)).executeTakeFirst();
  if (!runBy) return undefined;
  const row = await tables(db).insertInto('appeal_centres').values(centre).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

export type CentreChanges = Omit<Updateable<AppealCentresTable>, 'id' | 'org_id' | 'created_at' | 'updated_at'>;

/** Changes a centre of the scope; false when there is none. */
export async function updateCentre(db: Db, scope: Scope, id: number, changes: CentreChanges): Promise<boolean> {
  const result = await tables(db)
    .updateTable('appeal_centres')
    .set({ ...changes, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('org_id', 'in', sql<number>`(SELECT id FROM orgs WHERE ${inScope('path', scope)})`)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
