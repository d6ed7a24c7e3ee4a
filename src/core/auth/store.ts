import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db, NewUser, User } from '../db/tables.ts';
import { inScope, type Scope } from '../scope.ts';
import { orgIdsIn, type TreeTables } from '../tree.ts';

/**
 * Accounts and sessions. A user's scope is their org's path, read from the tree (src/core/tree.ts) at every
 * request (not copied into the session), so that moving an org moves its users' scope with it at once.
 */

export interface UserWithOrg extends User {
  org_code: string;
  org_name: string;
  org_path: string;
}

function withOrgs(db: Db) {
  return db.withTables<TreeTables>();
}

function selectUsers(db: Db) {
  return withOrgs(db)
    .selectFrom('users')
    .innerJoin('orgs', 'orgs.id', 'users.org_id')
    .selectAll('users')
    .select(['orgs.code as org_code', 'orgs.name as org_name', sql<string>`orgs.path::text`.as('org_path')]);
}

export async function findUserByUsername(db: Db, scope: Scope, username: string): Promise<UserWithOrg | undefined> {
  return selectUsers(db)
    .where(sql<boolean>`lower(users.username) = lower(${username})`)
    .where(inScope('orgs.path', scope))
    .executeTakeFirst();
}

export async function findUser(db: Db, scope: Scope, id: number): Promise<UserWithOrg | undefined> {
  return selectUsers(db).where('users.id', '=', id).where(inScope('orgs.path', scope)).executeTakeFirst();
}

export interface UserQuery {
  q?: string | undefined;
  orgPath?: string | undefined;
  role?: User['role'] | undefined;
  offset: number;
  limit: number;
}

export async function listUsers(db: Db, scope: Scope, query: UserQuery): Promise<{ rows: UserWithOrg[]; total: number }> {
  let base = selectUsers(db).where(inScope('orgs.path', scope));
  if (query.q) {
    const pattern = `%${query.q.replace(/[\\%_]/g, '\\$&')}%`;
    base = base.where((eb) => eb.or([eb('users.username', 'ilike', pattern), eb('users.display_name', 'ilike', pattern)]));
  }
  if (query.orgPath) base = base.where(sql<boolean>`orgs.path <@ ${query.orgPath}::ltree`);
  if (query.role) base = base.where('users.role', '=', query.role);
  const [rows, count] = await Promise.all([
    base.orderBy('orgs.path').orderBy('users.username').offset(query.offset).limit(query.limit).execute(),
    base.clearSelect().select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
}

/** Inserts the user only if their org lies in the scope; undefined when it does not. */
export async function insertUser(db: Db, scope: Scope, user: NewUser): Promise<number | undefined> {
  const org = await withOrgs(db).selectFrom('orgs').select('id').where('id', '=', user.org_id).where(inScope('path', scope)).executeTakeFirst();
  if (!org) return undefined;
  const row = await db.insertInto('users').values(user).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateUser(db: Db, scope: Scope, id: number, changes: Partial<Omit<NewUser, 'id'>>): Promise<void> {
  await db
    .updateTable('users')
    .set({ ...changes, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('org_id', 'in', orgIdsIn(scope))
    .execute();
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}



// Sessions: the cookie holds 32 random bytes; the table holds their SHA-256.

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

export async function createSession(db: Db, userId: number, idleMinutes: number): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db
    .insertInto('sessions')
    .values({ token_hash: hashToken(token), user_id: userId, expires_at: new Date(Date.now() + idleMinutes * 60_000) })
    .execute();
  return token;
}

export interface SessionRow {
  user: UserWithOrg;
  expiresAt: Date;
  lastSeenAt: Date;
}

/** The session with its user, or undefined; an expired session is reported as such, so the page can say so. */
export async function findSession(db: Db, token: string): Promise<SessionRow | undefined> {
  const row = await selectUsers(db)
    .innerJoin('sessions', 'sessions.user_id', 'users.id')
    .select(['sessions.expires_at', 'sessions.last_seen_at'])
    .where('sessions.token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row) return undefined;
  const { expires_at, last_seen_at, ...user } = row;
  return { user, expiresAt: expires_at, lastSeenAt: last_seen_at as Date };
}

export async function touchSession(db: Db, token: string, idleMinutes: number): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: sql<Date>`now()`, expires_at: new Date(Date.now() + idleMinutes * 60_000) })
    .where('token_hash', '=', hashToken(token))
    .execute();
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', hashToken(token)).execute();
}

/** What a session is known by outside this file: its token's hash, never the token (it goes into the actor). */
export function sessionIdOf(token: string): string {
  return hashToken(token).toString('base64url');
}

/** Ends a user's sessions, all of them or all but one (`except`, a sessionIdOf); answers how many ended. */
export async function deleteSessionsOf(db: Db, userId: number, options: { except?: string | undefined } = {}): Promise<number> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (options.except) query = query.where('token_hash', '<>', Buffer.from(options.except, 'base64url'));
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function deleteExpiredSessions(db: Db): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<', sql<Date>`now()`).execute();
}
