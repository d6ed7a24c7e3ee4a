import { systemActor, type Actor } from '../actor.ts';
import { mayGrant } from '../roles.ts';
import { appendAudit } from '../audit/store.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/tables.ts';
import { inTransaction } from '../db/transaction.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../errors.ts';
import type { Locale } from '../i18n/catalogue.ts';
import { scopeOf, wholeTree } from '../scope.ts';
import { findOrgInScope, treeRoot } from '../tree.ts';
import { passwordIssue } from './common-passwords.ts';
import { decoyHash, generatePassword, hashPassword, verifyPassword } from './passwords.ts';
import { userPolicy } from './policy.ts';
import type { CreateUserRequest, ListUsersQuery, MeView, UpdateUserRequest, UserView } from './schema.ts';
import * as store from './store.ts';
import type { UserWithOrg } from './store.ts';
import { page, rowRange } from '../paging.ts';

export function actorOf(user: UserWithOrg, requestId?: string): Actor {
  return {
    userId: user.id,
    username: user.username,
    role: user.role,
    orgId: user.org_id,
    scope: scopeOf(user.org_id, user.org_path),
    locale: user.locale,
    ...(requestId ? { requestId } : {}),
  };
}

export interface LoginResult {
  token: string;
  actor: Actor;
}

/** The one answer to a login that fails before the password is known to be right: wrong, unknown or locked alike. */
const invalidCredentials = () => new AppError('unauthenticated', 'auth.invalid_credentials');

/**
 * Checks a password and opens a session. Repeated failures lock the account for a while: the count is kept on
 * the user row, so it holds across server restarts and across the addresses a guesser might use. The lock holds for
 * browsers the user has not logged in from (`knownDevice`, src/core/auth/devices.ts): a guesser is slowed, the user
 * at their own browser is not, and their login there clears it. A locked account answers as an unknown one does,
 * after the same work, so neither the lock nor the account's existence shows.
 */
export async function login(db: Db, config: Config, username: string, password: string, requestId?: string, knownDevice: (userId: number) => boolean = () => false): Promise<LoginResult> {
  const user = await store.findUserByUsername(db, wholeTree, username);
  if (!user) {
    await verifyPassword(await decoyHash(), password);
    throw invalidCredentials();
  }
  const locked = user.locked_until !== null && user.locked_until > new Date() && !knownDevice(user.id);
  const right = await verifyPassword(user.password_hash, password);
  if (locked) throw invalidCredentials();
  if (!right) {
    const failures = user.failed_logins + 1;
    const locks = failures >= config.lockoutAttempts;
    const lockedUntil = locks ? new Date(Date.now() + config.lockoutMinutes * 60_000) : null;
    await inTransaction(db, async (tx) => {
      await store.updateUser(tx, wholeTree, user.id, { failed_logins: locks ? 0 : failures, locked_until: lockedUntil });
      if (locks) {
        await appendAudit(tx, actorOf(user, requestId), { action: 'lock', entity: 'user', entityId: user.id, orgPath: user.org_path, after: { lockedUntil } });
      }
    });
    throw invalidCredentials();
  }
  if (user.disabled) throw new AppError('unauthenticated', 'auth.disabled');
  const actor = actorOf(user, requestId);
  // A password set before the policy (or by hand in the database) that the policy would refuse today: the right one
  // still logs in, but nothing else is allowed until it is changed (the server enforces mustChangePassword).
  const weak = !user.must_change_password ? passwordIssue(password, 'password', user.username) : undefined;
  const token = await inTransaction(db, async (tx) => {
    if (user.failed_logins > 0 || user.locked_until || weak) {
      await store.updateUser(tx, wholeTree, user.id, { failed_logins: 0, locked_until: null, ...(weak ? { must_change_password: true } : {}) });
    }
    await appendAudit(tx, actor, { action: 'login', entity: 'user', entityId: user.id, orgPath: user.org_path, ...(weak ? { after: { mustChange: true, policyBroken: weak.code } } : {}) });
    return store.createSession(tx, user.id, config.sessionIdleMinutes);
  });
  return { token, actor };
}

/**
 * What a user who must change their password (a new account, a reset one) may do until they have: see who they are,
 * change it, log out. Everything else is refused by the server, not only hidden by the pages.
 */
const openBeforePasswordChange = new Set(['GET /api/v1/me', 'POST /api/v1/me/password', 'DELETE /api/v1/session']);

/**
 * The actor behind a session token, for a request to `route` (`METHOD /api/v1/path`, as the router names it); expired
 * or unknown sessions are unauthenticated with a reason.
 */
export async function authenticate(db: Db, config: Config, token: string, requestId: string | undefined, route: string): Promise<Actor> {
  const session = await store.findSession(db, token);
  if (!session) throw new AppError('unauthenticated');
  if (session.expiresAt <= new Date()) {
    await store.deleteSession(db, token);
    throw new AppError('unauthenticated', 'auth.session_expired');
  }
  if (session.user.disabled) {
    await store.deleteSessionsOf(db, session.user.id);
    throw new AppError('unauthenticated', 'auth.disabled');
  }
  // Extending the session on every request would write on every read; once a minute is enough.
  if (Date.now() - session.lastSeenAt.getTime() > 60_000) await store.touchSession(db, token, config.sessionIdleMinutes);
  if (session.user.must_change_password && !openBeforePasswordChange.has(route)) throw forbidden('auth.must_change_password');
  return { ...actorOf(session.user, requestId), session: store.sessionIdOf(token) };
}

export async function logout(db: Db, token: string): Promise<void> {
  await store.deleteSession(db, token);
}

export async function me(actor: Actor, db: Db): Promise<MeView> {
  if (actor.userId === null) throw new AppError('unauthenticated');
  const user = await store.findUser(db, actor.scope, actor.userId);
  if (!user) throw new AppError('unauthenticated');
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    role: user.role,
    locale: user.locale,
    org: { id: user.org_id, code: user.org_code, name: user.org_name, path: user.org_path },
    mustChangePassword: user.must_change_password,
  };
}

/**
 * Changes one's own password. Every other session of the account ends with it (a password is changed because it
 * may be known to someone else, who may be logged in); the session that changed it goes on.
 */
export async function changeOwnPassword(actor: Actor, db: Db, currentPassword: string, newPassword: string): Promise<void> {
  if (actor.userId === null) throw new AppError('unauthenticated');
  const user = await store.findUser(db, actor.scope, actor.userId);
  if (!user) throw new AppError('unauthenticated');
  if (!(await verifyPassword(user.password_hash, currentPassword))) {
    throw invalid([{ path: 'currentPassword', code: 'wrong_password', messageKey: 'auth.wrong_current_password' }]);
  }
  const issue = passwordIssue(newPassword, 'newPassword', user.username);
  if (issue) throw invalid([issue]);
  const passwordHash = await hashPassword(newPassword);
  await inTransaction(db, async (tx) => {
    await store.updateUser(tx, actor.scope, user.id, { password_hash: passwordHash, password_changed_at: new Date(), must_change_password: false });
    const ended = await store.deleteSessionsOf(tx, user.id, { except: actor.session });
    await appendAudit(tx, actor, { action: 'change_password', entity: 'user', entityId: user.id, orgPath: user.org_path, after: { otherSessionsEnded: ended } });
  });
}

export async function setLocale(actor: Actor, db: Db, locale: Locale): Promise<void> {
  if (actor.userId === null) return;
  await store.updateUser(db, actor.scope, actor.userId, { locale });
}

// Account administration.

function present(actor: Actor, user: UserWithOrg): UserView {
  const self = user.id === actor.userId;
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    orgCode: user.org_code,
    orgName: user.org_name,
    role: user.role,
    locale: user.locale,
    disabled: user.disabled,
    lockedUntil: user.locked_until && user.locked_until > new Date() ? user.locked_until.toISOString() : null,
    createdAt: (user.created_at as Date).toISOString(),
    abilities: {
      update: userPolicy.can(actor, 'update'),
      resetPassword: userPolicy.can(actor, 'resetPassword'),
      disable: userPolicy.can(actor, 'disable') && !self,
    },
  };
}

export async function listUsers(actor: Actor, db: Db, query: ListUsersQuery) {
  userPolicy.assert(actor, 'list');
  let orgPath: string | undefined;
  if (query.orgCode) {
    const org = await findOrgInScope(db, actor.scope, query.orgCode);
    if (!org) return page(query, [], 0);
    orgPath = org.path;
  }
  const { rows, total } = await store.listUsers(db, actor.scope, {
    q: query.q,
    orgPath,
    role: query.role,
    ...rowRange(query),
  });
  return page(query, rows.map((row) => present(actor, row)), total);
}

export async function getUser(actor: Actor, db: Db, id: number): Promise<UserView> {
  userPolicy.assert(actor, 'list');
  const user = await store.findUser(db, actor.scope, id);
  if (!user) throw notFound();
  return present(actor, user);
}

export async function createUser(actor: Actor, db: Db, input: CreateUserRequest): Promise<UserView> {
  userPolicy.assert(actor, 'create');
  if (!mayGrant(actor.role, input.role)) throw forbidden('auth.cannot_grant_role');
  const org = await findOrgInScope(db, actor.scope, input.orgCode);
  if (!org) throw invalid([{ path: 'orgCode', code: 'unknown_org', messageKey: 'org.unknown_code', params: { code: input.orgCode } }]);
  const issue = passwordIssue(input.password, 'password', input.username);
  if (issue) throw invalid([issue]);
  const passwordHash = await hashPassword(input.password);
  return inTransaction(db, async (tx) => {
    if (await store.findUserByUsername(tx, wholeTree, input.username)) {
      throw conflict('auth.username_taken', { username: input.username });
    }
    const id = await store.insertUser(tx, actor.scope, {
      username: input.username,
      display_name: input.displayName,
      org_id: org.id,
      role: input.role,
      password_hash: passwordHash,
      locale: input.locale ?? 'zh-CN',
      must_change_password: true,
    });
    if (id === undefined) throw notFound();
    const user = (await store.findUser(tx, actor.scope, id))!;
    const view = present(actor, user);
    await appendAudit(tx, actor, { action: 'create', entity: 'user', entityId: id, orgPath: org.path, after: auditable(view) });
    return view;
  });
}

export async function updateUser(actor: Actor, db: Db, id: number, input: UpdateUserRequest): Promise<UserView> {
  userPolicy.assert(actor, input.disabled !== undefined ? 'disable' : 'update');
  if (input.role && !mayGrant(actor.role, input.role)) throw forbidden('auth.cannot_grant_role');
  if (input.disabled && id === actor.userId) throw forbidden('auth.cannot_disable_self');
  return inTransaction(db, async (tx) => {
    const before = await store.findUser(tx, actor.scope, id);
    if (!before) throw notFound();
    let orgId: number | undefined;
    if (input.orgCode) {
      const org = await findOrgInScope(tx, actor.scope, input.orgCode);
      if (!org) throw invalid([{ path: 'orgCode', code: 'unknown_org', messageKey: 'org.unknown_code', params: { code: input.orgCode } }]);
      orgId = org.id;
    }
    await store.updateUser(tx, actor.scope, id, {
      ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
      ...(input.role !== undefined ? { role: input.role } : {}),
      ...(input.disabled !== undefined ? { disabled: input.disabled } : {}),
      ...(input.locale !== undefined ? { locale: input.locale } : {}),
      ...(orgId !== undefined ? { org_id: orgId } : {}),
    });
    if (input.disabled) await store.deleteSessionsOf(tx, id);
    const after = (await store.findUser(tx, actor.scope, id))!;
    const action = input.disabled === true ? 'disable' : input.disabled === false ? 'enable' : 'update';
    await appendAudit(tx, actor, {
      action,
      entity: 'user',
      entityId: id,
      orgPath: after.org_path,
      before: auditable(present(actor, before)),
      after: auditable(present(actor, after)),
    });
    return present(actor, after);
  });
}

export async function resetPassword(actor: Actor, db: Db, id: number, password: string): Promise<void> {
  userPolicy.assert(actor, 'resetPassword');
  const target = await store.findUser(db, actor.scope, id);
  if (!target) throw notFound();
  const issue = passwordIssue(password, 'password', target.username);
  if (issue) throw invalid([issue]);
  const passwordHash = await hashPassword(password);
  await inTransaction(db, async (tx) => {
    const user = await store.findUser(tx, actor.scope, id);
    if (!user) throw notFound();
    await store.updateUser(tx, actor.scope, id, {
      password_hash: passwordHash,
      password_changed_at: new Date(),
      must_change_password: true,
      failed_logins: 0,
      locked_until: null,
    });
    await store.deleteSessionsOf(tx, id);
    await appendAudit(tx, actor, { action: 'reset_password', entity: 'user', entityId: id, orgPath: user.org_path });
  });
}

function auditable(view: UserView): Record<string, unknown> {
  const { abilities: _abilities, ...rest } = view;
  return rest;
}

/**
 * On an empty database: the first admin, at the root of the tree, with the configured password or a generated
 * one that the caller prints once.
 */
export async function ensureFirstAdmin(db: Db, config: Config): Promise<{ username: string; password: string | undefined } | undefined> {
  if ((await store.countUsers(db)) > 0) return undefined;
  assertAdminPassword(config);
  const root = await treeRoot(db);
  if (!root) throw new Error('the org tree is empty: the org module must load the province first');
  const password = config.adminPassword ?? generatePassword();
  await inTransaction(db, async (tx) => {
    const id = await store.insertUser(tx, wholeTree, {
      username: 'admin',
      display_name: '系统管理员',
      org_id: root.id,
      role: 'admin',
      password_hash: await hashPassword(password),
    });
    const org = await findOrgInScope(tx, wholeTree, root.code);
    await appendAudit(tx, systemActor(), {
      action: 'create',
      entity: 'user',
      entityId: id!,
      orgPath: org!.path,
      after: { username: 'admin', role: 'admin' },
    });
  });
  return { username: 'admin', password: config.adminPassword ? undefined : password };
}

/**
 * QIAOLIANG_ADMIN_PASSWORD, when set, must meet the password policy like any other: the server refuses to start
 * (and a command to run) with a weak one rather than create an admin anyone could guess.
 */
export function assertAdminPassword(config: Pick<Config, 'adminPassword'>): void {
  if (config.adminPassword === undefined) return;
  const issue = passwordIssue(config.adminPassword, 'QIAOLIANG_ADMIN_PASSWORD', 'admin');
  if (issue) throw new AppError('validation_failed', 'auth.admin_password_weak', {}, [issue]);
}
