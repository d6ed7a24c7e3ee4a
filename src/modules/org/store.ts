import { sql, type RawBuilder } from 'kysely';
import { beyond, descending, orderedBy } from '../../core/db/keyset.ts';
import { cappedTotal, countCap, uncounted, type ListTotal, type ListWindow } from '../../core/paging.ts';
import type { Db } from '../../core/db/tables.ts';
import { addToAggregate } from '../../core/indicators/aggregates.ts';
import { covers, inScope, type Scope } from '../../core/scope.ts';
import { nameInitials } from './initials.ts';
import { employerRegisteringKinds } from './rules.ts';
import type { EmployerChanges, NewEmployer, NewOrg, OrgChanges, OrgTables } from './tables.ts';

/** The only code that touches the org module's tables. Every function takes the caller's scope. */
const tables = (db: Db) => db.withTables<OrgTables>();

/**
 * The parent's name is shown wherever it stands (the names of the chain above are no secret: a county's staff know
 * their city), its code only when it lies in the scope too, since the code is what links and requests name.
 */
function selectOrgs(db: Db, scope: Scope) {
  return tables(db)
    .selectFrom('orgs as o')
    .leftJoin('orgs as p', 'p.id', 'o.parent_id')
    .leftJoin('employers as e', 'e.id', 'o.employer_id')
    .selectAll('o')
    .select((eb) => [
      sql<string>`o.path::text`.as('path'),
      sql<number>`nlevel(o.path)`.as('depth'),
      sql<string | null>`CASE WHEN ${inScope('p.path', scope)} THEN p.code END`.as('parent_code'),
      'p.name as parent_name',
      eb.selectFrom('orgs as c').select((c) => c.fn.countAll<number>().as('n')).whereRef('c.parent_id', '=', 'o.id').as('child_count'),
    ])
    .select('e.name as employer_name')
    .where(inScope('o.path', scope));
}

export type OrgRecord = Awaited<ReturnType<ReturnType<typeof selectOrgs>['executeTakeFirstOrThrow']>>;

export async function findOrgByCode(db: Db, scope: Scope, code: string): Promise<OrgRecord | undefined> {
  return selectOrgs(db, scope).where('o.code', '=', code).executeTakeFirst();
}

/** The root of the tree (the province federation), if it lies in the scope. */
export async function findRoot(db: Db, scope: Scope): Promise<OrgRecord | undefined> {
  return selectOrgs(db, scope).where('o.parent_id', 'is', null).executeTakeFirst();
}

export async function findOrgById(db: Db, scope: Scope, id: number): Promise<OrgRecord | undefined> {
  return selectOrgs(db, scope).where('o.id', '=', id).executeTakeFirst();
}

export interface OrgQuery {
  /** The org whose children or subtree are listed; the store reads only its subtree (one scope predicate). */
  parentId: number | undefined;
  depth: 'children' | 'subtree';
  kind?: string | undefined;
  /** Only federations and township unions, the orgs employers are registered under (rules.ts). */
  registersEmployers?: boolean | undefined;
  industry?: string | undefined;
  q?: string | undefined;
  sort: OrgSort;
  order: 'asc' | 'desc';
}

export type OrgSort = 'code' | 'name' | 'kind';
/** Each sort is an index: orgs (code) unique, orgs (name, code), orgs (kind, code) (migration 0003). */
const orgSortColumns: Record<OrgSort, RawBuilder<unknown>[]> = {
  code: [sql`o.code`],
  name: [sql`o.name`, sql`o.code`],
  kind: [sql`o.kind`, sql`o.code`],
};
export function orgKeyOf(sort: OrgSort, row: OrgRecord): unknown[] {
  return sort === 'code' ? [row.code] : [sort === 'name' ? row.name : row.kind, row.code];
}

/**
 * Orgs below a parent, a window of the list at a time. `scope` is the parent's subtree: children are its rows one
 * level down (orgs_parent_id_idx), the subtree all its rows but the parent.
 */
export async function listOrgs(
  db: Db,
  scope: Scope,
  query: OrgQuery,
  window: ListWindow,
  /** `count: false`: the caller reads every row and wants no total (childrenOf): no second query. */
  options: { count: boolean } = { count: true },
): Promise<{ rows: OrgRecord[]; total: ListTotal }> {
  let base = selectOrgs(db, scope);
  if (query.depth === 'children' && query.parentId !== undefined) base = base.where('o.parent_id', '=', query.parentId);
  else if (query.parentId !== undefined) base = base.where('o.id', '<>', query.parentId);
  if (query.kind) base = base.where('o.kind', '=', query.kind as OrgTables['orgs']['kind']);
  if (query.registersEmployers) base = base.where('o.kind', 'in', employerRegisteringKinds);
  if (query.industry) base = base.where('o.industry', '=', query.industry);
  if (query.q) {
    const q = escapeLike(query.q);
    // One index each: the name and its pinyin initials by trigram (orgs_name_trgm, orgs_name_initials_trgm: three
    // characters or more), the codes by prefix (text_pattern_ops). Initials are asked only of Latin letters typed.
    const initials = /^[a-z][a-z0-9]*$/i.test(query.q) ? query.q.toUpperCase() : undefined;
    base = base.where((eb) =>
      eb.or([
        eb('o.name', 'ilike', `%${q}%`),
        eb('o.code', 'like', `${q}%`),
        eb('o.region_code', 'like', `${q}%`),
        ...(initials ? [eb('o.name_initials', 'like', `%${initials}%`)] : []),
      ]),
    );
  }
  const columns = orgSortColumns[query.sort];
  const desc = descending(query.order, window);
  const [rows, counted] = await Promise.all([
    base.where(beyond(columns, window, desc)).orderBy(orderedBy(columns, desc)).offset(window.offset).limit(window.limit).execute(),
    // At most countCap + 1 rows of one table: cheap enough to count on every page.
    options.count
      ? tables(db).selectFrom(base.clearSelect().select(sql`1`.as('one')).limit(countCap + 1).as('counted')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
      : undefined,
  ]);
  return { rows, total: counted ? cappedTotal(Number(counted.n)) : uncounted };
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

/** The org and its ancestors within the scope, root first. */
export async function trailOf(db: Db, scope: Scope, path: string) {
  return tables(db)
    .selectFrom('orgs')
    .select(['id', 'code', 'name', 'kind', 'level', sql<string>`path::text`.as('path')])
    .where(sql<boolean>`path @> ${path}::ltree`)
    .where(inScope('path', scope))
    .orderBy(sql`nlevel(path)`)
    .execute();
}

/**
 * Takes the next number for a child's code under a parent in scope. The row lock held until commit makes
 * concurrent creations under one parent take different numbers.
 */
export async function nextChildNumber(db: Db, scope: Scope, parentId: number): Promise<number | undefined> {
  const row = await tables(db)
    .updateTable('orgs')
    .set((eb) => ({ child_sequence: eb('child_sequence', '+', 1) }))
    .where('id', '=', parentId)
    .where(inScope('path', scope))
    .returning('child_sequence')
    .executeTakeFirst();
  return row?.child_sequence;
}

/**
 * Inserts an org below a parent in scope (or the root, for the whole-tree scope only). Its path is the parent's
 * path and its own id, so the id is drawn from the identity sequence first. Undefined if the parent is not in scope.
 */
export async function insertOrg(db: Db, scope: Scope, parentId: number | null, org: Omit<NewOrg, 'id' | 'path' | 'parent_id'>): Promise<number | undefined> {
  const t = tables(db);
  let parentPath = '';
  if (parentId === null) {
    if (scope.path !== '') return undefined;
  } else {
    const parent = await t.selectFrom('orgs').select(sql<string>`path::text`.as('path')).where('id', '=', parentId).where(inScope('path', scope)).executeTakeFirst();
    if (!parent) return undefined;
    parentPath = `${parent.path}.`;
  }
  const { rows } = await sql<{ id: number }>`SELECT nextval(pg_get_serial_sequence('orgs', 'id'))::bigint AS id`.execute(db);
  const id = rows[0]!.id;
  await t.insertInto('orgs').values({ ...org, name_initials: nameInitials(org.name), id, parent_id: parentId, path: `${parentPath}${id}` }).execute();
  return id;
}

export async function updateOrg(db: Db, scope: Scope, id: number, changes: OrgChanges): Promise<boolean> {
  const result = await tables(db)
    .updateTable('orgs')
    .set({ ...changes, ...(changes.name !== undefined ? { name_initials: nameInitials(changes.name) } : {}), updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where(inScope('path', scope))
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Fills the pinyin initials of orgs that have none (the rows there before migration 0004 added the column); run at
 * every start, so it reads nothing once they are filled. Whole tree: it is the start's, not a user's.
 */
export async function fillNameInitials(db: Db): Promise<number> {
  const missing = await tables(db).selectFrom('orgs').select(['id', 'name']).where('name_initials', 'is', null).execute();
  if (missing.length === 0) return 0;
  await sql`UPDATE orgs SET name_initials = s.initials FROM unnest(${missing.map((row) => row.id)}::bigint[], ${missing.map((row) => nameInitials(row.name))}::text[]) AS s(id, initials) WHERE orgs.id = s.id`.execute(db);
  return missing.length;
}

/**
 * Moves an org and its whole subtree under a new parent: every path that began with the old one begins with the
 * new parent's path instead. One statement, so the tree is never seen half-moved. Both ends must be in scope.
 */
export async function moveSubtree(db: Db, scope: Scope, orgId: number, newParentId: number): Promise<{ fromPath: string; toPath: string } | undefined> {
  const rows = await sql<{ from_path: string; to_path: string }>`
    WITH moving AS (
      SELECT o.path AS old_path, p.path || text2ltree(o.id::text) AS new_path
      FROM orgs o, orgs p
      WHERE o.id = ${orgId} AND p.id = ${newParentId}
        AND o.path <@ ${scope.path}::ltree AND p.path <@ ${scope.path}::ltree
        AND NOT p.path <@ o.path
    ), moved AS (
      UPDATE orgs SET
        path = CASE WHEN orgs.path = moving.old_path THEN moving.new_path
                    ELSE moving.new_path || subpath(orgs.path, nlevel(moving.old_path)) END,
        parent_id = CASE WHEN orgs.id = ${orgId} THEN ${newParentId}::bigint ELSE orgs.parent_id END,
        updated_at = CASE WHEN orgs.id = ${orgId} THEN now() ELSE orgs.updated_at END
      FROM moving
      WHERE orgs.path <@ moving.old_path
      RETURNING orgs.id
    )
    SELECT old_path::text AS from_path, new_path::text AS to_path FROM moving, (SELECT count(*) FROM moved) AS n
  `.execute(db);
  const row = rows.rows[0];
  return row ? { fromPath: row.from_path, toPath: row.to_path } : undefined;
}

export async function insertMove(db: Db, scope: Scope, move: { orgId: number; movedOn: string; fromParentId: number; toParentId: number; fromPath: string; toPath: string; movedBy: number | null }) {
  await tables(db)
    .insertInto('org_moves')
    .columns(['org_id', 'moved_on', 'from_parent_id', 'to_parent_id', 'from_path', 'to_path', 'moved_by'])
    .expression(
      sql`SELECT ${move.orgId}::bigint, ${move.movedOn}::date, ${move.fromParentId}::bigint, ${move.toParentId}::bigint, ${move.fromPath}::ltree, ${move.toPath}::ltree, ${move.movedBy}::bigint
          WHERE EXISTS (SELECT 1 FROM orgs WHERE id = ${move.orgId} AND path <@ ${scope.path}::ltree)`,
    )
    .execute();
}

export async function listMoves(db: Db, scope: Scope, orgId: number) {
  return tables(db)
    .selectFrom('org_moves as m')
    .innerJoin('orgs as o', 'o.id', 'm.org_id')
    .innerJoin('orgs as f', 'f.id', 'm.from_parent_id')
    .innerJoin('orgs as t', 't.id', 'm.to_parent_id')
    .select(['m.moved_on', 'm.created_at', 'f.code as from_code', 'f.name as from_name', 't.code as to_code', 't.name as to_name'])
    .where('m.org_id', '=', orgId)
    .where(inScope('o.path', scope))
    .orderBy('m.moved_on', 'desc')
    .orderBy('m.id', 'desc')
    .execute();
}

// Employers: scoped by the org they are registered under.

/**
 * Employers registered in `registeredIn` (the scope, or a subtree of it), and with `registeredAbove` (a path in it)
 * also those registered directly with an org of the scope above that path; their unions shown where in the scope.
 */
function registeredWhere(scope: Scope, registeredIn: Scope, registeredAbove?: string): RawBuilder<boolean> {
  if (registeredAbove === undefined) return inScope('r.path', registeredIn);
  return sql<boolean>`(${inScope('r.path', registeredIn)} OR (r.path @> ${registeredAbove}::ltree AND ${inScope('r.path', scope)}))`;
}

function selectEmployers(db: Db, scope: Scope, registeredIn: Scope = scope, registeredAbove?: string) {
  return tables(db)
    .selectFrom('employers as e')
    .innerJoin('orgs as r', 'r.id', 'e.org_id')
    .leftJoin('orgs as u', (join) => join.onRef('u.employer_id', '=', 'e.id').on(inScope('u.path', scope)))
    .selectAll('e')
    .select(['r.code as org_code', 'r.name as org_name', sql<string>`r.path::text`.as('org_path'), 'u.code as union_code', 'u.name as union_name'])
    .where(registeredWhere(scope, registeredIn, registeredAbove));
}

export type EmployerRecord = Awaited<ReturnType<ReturnType<typeof selectEmployers>['executeTakeFirstOrThrow']>>;

export async function findEmployer(db: Db, scope: Scope, id: number): Promise<EmployerRecord | undefined> {
  return selectEmployers(db, scope).where('e.id', '=', id).executeTakeFirst();
}

export interface EmployerQuery {
  q?: string | undefined;
  ownership?: string | undefined;
  sizeClass?: string | undefined;
  unionised?: boolean | undefined;
  /** Also the employers registered directly with the orgs above this path (in the scope). */
  registeredAbove?: string | undefined;
  sort: EmployerSort;
  order: 'asc' | 'desc';
}

export type EmployerSort = 'name' | 'employeeCount';
/** Each sort is an index: employers (name, id), employers (employee_count, id) (migration 0003). */
const employerSortColumns: Record<EmployerSort, RawBuilder<unknown>[]> = {
  name: [sql`e.name`, sql`e.id`],
  employeeCount: [sql`e.employee_count`, sql`e.id`],
};
export function employerKeyOf(sort: EmployerSort, row: EmployerRecord): unknown[] {
  return [sort === 'name' ? row.name : row.employee_count, row.id];
}

/**
 * Employers registered in `registeredIn` (the subtree of the org in view, inside the scope: one predicate on where
 * they are registered), a window of the list at a time.
 */
export async function listEmployers(db: Db, scope: Scope, registeredIn: Scope, query: EmployerQuery, window: ListWindow): Promise<{ rows: EmployerRecord[]; total: ListTotal }> {
  const conditions: RawBuilder<boolean>[] = [];
  if (query.q) {
    const q = escapeLike(query.q);
    // The name by trigram (employers_name_trgm), the credit code by prefix (employers_credit_code_pattern).
    conditions.push(sql<boolean>`(e.name ILIKE ${`%${q}%`} OR e.credit_code LIKE ${`${q.toUpperCase()}%`})`);
  }
  if (query.ownership) conditions.push(sql<boolean>`e.ownership = ${query.ownership}`);
  if (query.sizeClass) conditions.push(sql<boolean>`e.size_class = ${query.sizeClass}`);
  if (query.unionised !== undefined) {
    const unionIn = sql<boolean>`EXISTS (SELECT 1 FROM orgs u WHERE u.employer_id = e.id AND ${inScope('u.path', scope)})`;
    conditions.push(query.unionised ? unionIn : sql<boolean>`NOT ${unionIn}`);
  }
  const where = conditions.length ? sql<boolean>`${sql.join(conditions, sql` AND `)}` : sql<boolean>`true`;
  const columns = employerSortColumns[query.sort];
  const desc = descending(query.order, window);
  const [rows, counted] = await Promise.all([
    selectEmployers(db, scope, registeredIn, query.registeredAbove).where(where).where(beyond(columns, window, desc)).orderBy(orderedBy(columns, desc)).offset(window.offset).limit(window.limit).execute(),
    // Counted without the union's columns (their join could not be dropped: the unique index on employer_id is partial).
    tables(db)
      .selectFrom((eb) => eb.selectFrom('employers as e').innerJoin('orgs as r', 'r.id', 'e.org_id').select(sql`1`.as('one')).where(registeredWhere(scope, registeredIn, query.registeredAbove)).where(where).limit(countCap + 1).as('counted'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: cappedTotal(Number(counted.n)) };
}

/** Inserts an employer registered under an org in scope; undefined if that org is not in scope. */
export async function insertEmployer(db: Db, scope: Scope, employer: NewEmployer): Promise<number | undefined> {
  const registeredUnder = await tables(db).selectFrom('orgs').select('id').where('id', '=', employer.org_id).where(inScope('path', scope)).executeTakeFirst();
  if (!registeredUnder) return undefined;
  const row = await tables(db).insertInto('employers').values(employer).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateEmployer(db: Db, scope: Scope, id: number, changes: EmployerChanges): Promise<boolean> {
  const result = await tables(db)
    .updateTable('employers')
    .set({ ...changes, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('org_id', 'in', (eb) => eb.selectFrom('orgs').select('orgs.id').where(inScope('orgs.path', scope)))
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The names and credit codes of employers by id, registered in the scope. */
export async function employerNamesOf(db: Db, scope: Scope, ids: readonly number[]): Promise<{ id: number; name: string; credit_code: string | null }[]> {
  if (ids.length === 0) return [];
  return tables(db).selectFrom('employers as e').innerJoin('orgs as r', 'r.id', 'e.org_id').select(['e.id', 'e.name', 'e.credit_code']).where('e.id', 'in', [...ids]).where(inScope('r.path', scope)).execute();
}

/** Whether an employer already has a grassroots union (anywhere: one employer, one union). */
export async function unionOfEmployer(db: Db, scope: Scope, employerId: number): Promise<{ code: string } | undefined> {
  const row = await tables(db).selectFrom('orgs').select(['code', sql<string>`path::text`.as('path')]).where('employer_id', '=', employerId).executeTakeFirst();
  if (!row) return undefined;
  // A global check on purpose (one employer, one union), but the union's code is told only within the scope.
  return { code: covers(scope, row.path) ? row.code : '' };
}

// The per-org, per-year counts of grassroots unions (org_counts), for the indicator engine.

export const orgCountColumns = ['grassroots_unions', 'women_committees', 'professional_chairs'] as const;

/** The year a union counts from: its founding date, else the day it was entered. */
const countedFrom = sql<number>`extract(year FROM coalesce(founded_on, created_at::date))::int`;

/** Each grassroots union's own row of org_counts, from the orgs themselves. */
export function orgCountsFromRecords() {
  return sql<Record<string, unknown>>`
    SELECT id AS org_id, ${countedFrom} AS year, 1 AS grassroots_unions, has_women_committee::int AS women_committees,
           has_professional_chair::int AS professional_chairs
    FROM orgs WHERE kind = 'grassroots'`;
}

/**
 * Adds a grassroots union as it is now to the counts (sign 1), or takes it away (−1): an edit is the union taken
 * away before the change and added after it. Other kinds of org count nothing.
 */
export async function addUnionCounts(db: Db, scope: Scope, orgId: number, sign: 1 | -1): Promise<void> {
  const union = await tables(db)
    .selectFrom('orgs')
    .select([countedFrom.as('year'), 'has_women_committee', 'has_professional_chair'])
    .where('id', '=', orgId)
    .where('kind', '=', 'grassroots')
    .where(inScope('path', scope))
    .executeTakeFirst();
  if (!union) return;
  const values = { grassroots_unions: sign, women_committees: union.has_women_committee ? sign : 0, professional_chairs: union.has_professional_chair ? sign : 0 };
  await addToAggregate(db, 'org_counts', [{ orgId, year: Number(union.year), values }]);
}

/** The grassroots unions in scope with their employer's headcount, ownership and industry, in code order. */
export async function unionsWithEmployers(db: Db, scope: Scope) {
  const { rows } = await sql<{ id: number; code: string; founded_on: string; employees: number; ownership: string; industry: string }>`
    SELECT o.id, o.code, o.founded_on, e.employee_count AS employees, e.ownership, e.industry
    FROM orgs o JOIN employers e ON e.id = o.employer_id
    WHERE o.kind = 'grassroots' AND ${inScope('o.path', scope)}
    ORDER BY o.code`.execute(db);
  return rows;
}

/**
 * Employers whose name holds `name` (by trigram, employers_name_trgm), with the county federation above the org they
 * are registered with: only what a stranger may know of them, for the public appeal page. Shortest names first.
 */
export async function employersNamed(db: Db, scope: Scope, name: string, limit: number) {
  return tables(db)
    .selectFrom('employers as e')
    .innerJoin('orgs as r', 'r.id', 'e.org_id')
    .leftJoin('orgs as c', (join) => join.on(sql<boolean>`c.path @> r.path`).on('c.level', '=', 'county'))
    .select(['e.id', 'e.name', 'c.code as county_code', 'c.name as county_name'])
    .where(inScope('r.path', scope))
    .where(sql<boolean>`e.name ILIKE ${`%${escapeLike(name)}%`}`)
    .orderBy(sql`length(e.name)`)
    .orderBy('e.id')
    .limit(limit)
    .execute();
}
