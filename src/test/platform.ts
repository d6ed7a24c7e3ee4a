import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Role } from '../core/actor.ts';
import { actorOf } from '../core/auth/service.ts';
import * as authStore from '../core/auth/store.ts';
import { loadConfig, type Config } from '../core/config.ts';
import type { Database } from '../core/db/database.ts';
import { currentRole, grantServing } from '../core/db/roles.ts';
import type { Db } from '../core/db/tables.ts';
import { buildApp, openPlatform, type Platform } from '../core/platform.ts';
import { wholeTree } from '../core/scope.ts';
import { findOrgInScope } from '../core/tree.ts';
import { modules } from '../modules/index.ts';
import { createTestDatabase } from './database.ts';

export const testKey = Buffer.alloc(32, 7).toString('base64');
export const testPassword = 'Test-password-2013';

export interface TestPlatform {
  platform: Platform;
  app: FastifyInstance;
  config: Config;
  /** Logs in over HTTP and returns a client that sends the session cookie. */
  login(username: string, password?: string): Promise<Client>;
  close(): Promise<void>;
}

export interface Client {
  username: string;
  /** `remoteAddress`: where the request comes from (127.0.0.1 unless given), for walks past the public rate limit. */
  request(method: string, url: string, body?: unknown, headers?: Record<string, string>, remoteAddress?: string): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
}

/** A whole platform on a database of its own, with the province loaded and `admin` at the root. */
export async function createTestPlatform(overrides: Partial<Config> = {}, options: { database?: Database } = {}): Promise<TestPlatform> {
  const dataDir = mkdtempSync(join(tmpdir(), 'qiaoliang-test-'));
  // Every test logs in from 127.0.0.1: the per-address login limit is for the tests that are about it to set.
  const config: Config = { ...loadConfig({}), dataDir, dataKey: testKey, adminPassword: testPassword, logLevel: 'silent', loginRatePerAddress: 100_000, ...overrides };
  // A script outside vitest (scripts/permissions.ts) brings its own; a test file gets one of its own.
  const database = options.database ?? (await createTestDatabase());
  const platform = await openPlatform(config, modules, { database });
  const app = await buildApp(platform);
  await app.ready();
  const login = async (username: string, password = testPassword): Promise<Client> => {
    const response = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { username, password } });
    if (response.statusCode !== 200) throw new Error(`login of ${username} failed: ${response.statusCode} ${response.body}`);
    const cookie = response.cookies.find((c) => c.name === 'qiaoliang_session')!;
    const request = (method: string, url: string, body?: unknown, headers: Record<string, string> = {}, remoteAddress?: string) =>
      app.inject({ method: method as 'GET', url, headers: { cookie: `qiaoliang_session=${cookie.value}`, ...headers }, ...(body !== undefined ? { payload: body as object } : {}), ...(remoteAddress ? { remoteAddress } : {}) });
    return { username, request, get: (url) => request('GET', url), post: (url, body) => request('POST', url, body ?? {}), patch: (url, body) => request('PATCH', url, body ?? {}) };
  };
  return {
    platform,
    app,
    config,
    login,
    close: async () => {
      await app.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

let userNumber = 0;

/** Creates an account directly in the store (no HTTP), at an org given by code. */
export async function makeUser(test: Pick<TestPlatform, 'platform'>, orgCode: string, role: Role, username = `user${++userNumber}_${role}`): Promise<{ id: number; username: string }> {
  const { db } = test.platform;
  const org = await findOrgInScope(db, wholeTree, orgCode);
  if (!org) throw new Error(`no org ${orgCode}`);
  const { hashPassword } = await import('../core/auth/passwords.ts');
  const id = await authStore.insertUser(db, wholeTree, { username, display_name: username, org_id: org.id, role, password_hash: await hashPassword(testPassword) });
  return { id: id!, username };
}

/**
 * Runs what a test needs done to the schema itself (a scratch table, a table renamed for a while) as the role that
 * owns it — on a server with two roles the serving one may not (README, "PostgreSQL roles") — then grants the serving
 * role its privileges again, the scratch table's included.
 */
export async function asOwner(test: Pick<TestPlatform, 'platform'>, run: (db: Db) => Promise<unknown>): Promise<void> {
  const owner = test.platform.database.migrationDatabase;
  await run(owner?.db ?? test.platform.db);
  if (owner) await grantServing(owner.db, await currentRole(test.platform.db));
}

/** The actor of an existing user, for calling services directly. */
export async function actorFor(test: Pick<TestPlatform, 'platform'>, username: string) {
  const user = await authStore.findUserByUsername(test.platform.db, wholeTree, username);
  if (!user) throw new Error(`no user ${username}`);
  return actorOf(user);
}
