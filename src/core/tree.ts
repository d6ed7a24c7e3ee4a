import { sql, type RawBuilder } from 'kysely';
import type { Db } from './db/tables.ts';
import { notFound } from './errors.ts';
import { inScope, narrowTo, type Scope } from './scope.ts';

/**
 * The org tree's read side is the platform's: every record of every work line belongs to an org and is scoped by
 * that org's place in the tree, so every module (and core's auth, indicator engine and generator) reads `orgs`.
 * Only the org module creates, edits and moves orgs; nobody else writes the table, and nobody but the org module
 * reads its other tables (employers, moves): they go through the org module's service. docs/decisions.md.
 */
export interface OrgTreeTable {
  id: number;
  code: string;
  name: string;
  kind: 'federation' | 'township' | 'alliance' | 'grassroots';
  level: 'province' | 'city' | 'county' | 'township' | 'grassroots';
  parent_id: number | null;
  /** ltree of org ids, root first. */
  path: string;
}

// A type alias, not an interface: Kysely's withTables needs an index-signature-compatible type.
export type TreeTables = { orgs: OrgTreeTable };

const tree = (db: Db) => db.withTables<TreeTables>();

/** The ids of the orgs in a scope, as a subquery: `where('org_id', 'in', orgIdsIn(scope))`. */
export function orgIdsIn(scope: Scope): RawBuilder<number> {
  return sql<number>`(SELECT id FROM orgs WHERE ${inScope('path', scope)})`;
}

/** The ids of the grassroots unions at or below `path` (an ltree), inside a scope. */
export function unionIdsUnder(scope: Scope, path: string): RawBuilder<number> {
  return sql<number>`(SELECT id FROM orgs WHERE kind = 'grassroots' AND path <@ ${path}::ltree AND ${inScope('path', scope)})`;
}

export interface TreeOrg {
  id: number;
  code: string;
  name: string;
  kind: OrgTreeTable['kind'];
  level: OrgTreeTable['level'];
  path: string;
}

function selectOrgs(db: Db) {
  return tree(db).selectFrom('orgs').select(['id', 'code', 'name', 'kind', 'level', sql<string>`path::text`.as('path')]);
}

/** An org in the scope, by its code; undefined when there is none or it lies outside the scope. */
export async function findOrgInScope(db: Db, scope: Scope, code: string): Promise<TreeOrg | undefined> {
  return selectOrgs(db).where('code', '=', code).where(inScope('path', scope)).executeTakeFirst();
}

/**
 * A list's or an export's `orgCode`: the scope narrowed to that org's subtree, or the scope itself when no code is
 * given; an org outside the scope is a 404, as its records are.
 */
export async function subtreeScope(db: Db, scope: Scope, orgCode: string | undefined): Promise<Scope> {
  if (!orgCode) return scope;
  const org = await findOrgInScope(db, scope, orgCode);
  if (!org) throw notFound();
  return narrowTo(scope, org.id, org.path);
}

/** An org in the scope, by its id. */
export async function findOrgByIdInScope(db: Db, scope: Scope, id: number): Promise<TreeOrg | undefined> {
  return selectOrgs(db).where('id', '=', id).where(inScope('path', scope)).executeTakeFirst();
}

/**
 * An org anywhere in the province, by code, for the few acts that name a place outside the caller's scope (the
 * destination of a membership transfer). Callers show no more of it than its code and name.
 */
export async function findOrgAnywhere(db: Db, code: string): Promise<TreeOrg | undefined> {
  return selectOrgs(db).where('code', '=', code).executeTakeFirst();
}

/** The grassroots unions at or below an org (by its ltree path), inside a scope. */
export async function unionsUnder(db: Db, scope: Scope, path: string): Promise<TreeOrg[]> {
  return selectOrgs(db).where(sql<boolean>`path <@ ${path}::ltree`).where(inScope('path', scope)).where('kind', '=', 'grassroots').orderBy('code').execute();
}

/** The root of the tree (the province's federation); undefined on a database not yet seeded. */
export async function treeRoot(db: Db): Promise<TreeOrg | undefined> {
  return selectOrgs(db).where('parent_id', 'is', null).orderBy('id').executeTakeFirst();
}

/** How many grassroots unions the tree holds (generation refuses a database that has any). */
export async function countUnions(db: Db): Promise<number> {
  const row = await tree(db).selectFrom('orgs').select((eb) => eb.fn.countAll<number>().as('n')).where('kind', '=', 'grassroots').executeTakeFirstOrThrow();
  return Number(row.n);
}
