import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modules } from '../../modules/index.ts';
import { createServerDatabase, type ServerDatabase } from '../../test/server-database.ts';
import { testKey, testPassword } from '../../test/platform.ts';
import { loadConfig, type Config } from '../config.ts';
import { buildApp, openPlatform, type Platform } from '../platform.ts';
import { analyzeTables, currentRole } from './roles.ts';

/**
 * The audit is append-only against its owner too (issue 12, item 5): on PostgreSQL the migrations run as an owner
 * role (MIGRATION_DATABASE_URL) and requests are served as a role that owns nothing, so it cannot disable the audit's
 * trigger, and may only INSERT and SELECT the audit. These run only on a server, with the serving role CI creates
 * (TEST_SERVING_URL); PGlite has one role (README, "PostgreSQL roles").
 */

const server = process.env.DATABASE_URL;
const servingRole = process.env.TEST_SERVING_URL;
const why = !server ? 'PGlite has a single role: there is no second one to serve with' : !servingRole ? 'TEST_SERVING_URL is not set: no serving role on this server (.ci/run makes one)' : undefined;

let database: ServerDatabase | undefined;
let platform: Platform | undefined;
let dataDir: string;

function configFor(overrides: Partial<Config>): Config {
  return { ...loadConfig({}), dataDir, dataKey: testKey, adminPassword: testPassword, logLevel: 'silent', loginRatePerAddress: 100_000, ...overrides };
}

/** The serving role's URL for a database of the server. */
function servingUrl(of: string): string {
  const url = new URL(servingRole!);
  url.pathname = new URL(of).pathname;
  return url.toString();
}

beforeAll(async () => {
  if (why) return;
  dataDir = mkdtempSync(join(tmpdir(), 'qiaoliang-roles-'));
  database = await createServerDatabase();
  // As a deployment does it: DATABASE_URL serves, MIGRATION_DATABASE_URL owns and migrates.
  platform = await openPlatform(configFor({ databaseUrl: servingUrl(database!.url), migrationDatabaseUrl: database!.url }), modules);
});
afterAll(async () => {
  await platform?.database.close();
  await database?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('two roles on PostgreSQL', () => {
  it('serves as a role that owns nothing, and cannot disable the audit’s trigger', async (context) => {
    if (why) return context.skip(why);
    const db = platform!.db;
    const { rows } = await sql<{ owner: string }>`SELECT tableowner AS owner FROM pg_tables WHERE tablename = 'audit_events'`.execute(db);
    expect(rows[0]!.owner).not.toBe(await currentRole(db));
    await expect(sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update`.execute(db)).rejects.toThrow(/must be owner/);
    await expect(sql`ALTER TABLE audit_events DISABLE TRIGGER ALL`.execute(db)).rejects.toThrow(/must be owner/);
    for (const statement of [sql`UPDATE audit_events SET action = 'forged'`, sql`DELETE FROM audit_events`, sql`TRUNCATE audit_events`]) {
      await expect(statement.execute(db)).rejects.toThrow(/permission denied/);
    }
    await expect(sql`DROP TABLE audit_events`.execute(db)).rejects.toThrow(/must be owner/);
    await expect(sql`CREATE TABLE intruder (id int)`.execute(db)).rejects.toThrow(/permission denied/);
    await expect(sql`INSERT INTO schema_migrations (module, version, name) VALUES ('core', '9999', 'forged')`.execute(db)).rejects.toThrow(/permission denied/);
    await expect(sql`SELECT setval(pg_get_serial_sequence('audit_events', 'id'), 1)`.execute(db)).rejects.toThrow(/permission denied/);
  });

  it('does its work all the same: a login and a change, each audited, the planner’s statistics refreshed', async (context) => {
    if (why) return context.skip(why);
    const app = await buildApp(platform!);
    try {
      const count = async () => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_events`.execute(platform!.db)).rows[0]!.n);
      const before = await count();
      const login = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'admin', password: testPassword } });
      expect(login.statusCode).toBe(200);
      const cookie = `qiaoliang_session=${login.cookies.find((c) => c.name === 'qiaoliang_session')!.value}`;
      const added = await app.inject({ method: 'POST', url: '/api/v1/orgs', headers: { cookie }, payload: { parentCode: '220102', kind: 'township', name: '角色检验街道工会' } });
      expect(added.statusCode).toBe(201);
      expect(await count()).toBe(before + 2);
    } finally {
      await app.close();
    }
    // ANALYZE needs ownership; the owner's qiaoliang_analyze does it for the serving role.
    const tuples = async () => Number((await sql<{ n: number }>`SELECT reltuples::int AS n FROM pg_class WHERE oid = 'orgs'::regclass`.execute(platform!.db)).rows[0]!.n);
    await analyzeTables(platform!.db, ['orgs']);
    const orgs = Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM orgs`.execute(platform!.db)).rows[0]!.n);
    expect(await tuples()).toBe(orgs);
  });

  it('is granted again at the next start, a table a later migration added included', async (context) => {
    if (why) return context.skip(why);
    const owner = new URL(database!.url);
    const { Client } = (await import('pg')).default;
    const client = new Client({ connectionString: owner.toString() });
    await client.connect();
    try {
      // A table a later migration might add, made by the owner behind the platform's back: not granted yet…
      await client.query('CREATE TABLE later_table (id int)');
      await expect(sql`SELECT * FROM later_table`.execute(platform!.db)).rejects.toThrow(/permission denied/);
    } finally {
      await client.end();
    }
    // …and granted by the next start, which migrates (nothing) as the owner.
    const again = await openPlatform(configFor({ databaseUrl: servingUrl(database!.url), migrationDatabaseUrl: database!.url }), modules);
    try {
      expect(again.applied).toEqual([]);
      expect((await sql`SELECT * FROM later_table`.execute(platform!.db)).rows).toEqual([]);
    } finally {
      await again.database.close();
    }
  });
});

describe('one role on PostgreSQL', () => {
  it('works as before, and the server says the audit is then only as safe as that role', async (context) => {
    if (!server) return context.skip('PGlite has a single role, by design (README, "PostgreSQL roles")');
    const single = await createServerDatabase();
    const lines: string[] = [];
    const alone = await openPlatform(configFor({ databaseUrl: single!.url, migrationDatabaseUrl: undefined }), modules, { log: (line) => lines.push(line) });
    try {
      expect(lines.join('\n')).toMatch(/MIGRATION_DATABASE_URL/);
    } finally {
      await alone.database.close();
      await single!.drop();
    }
  });
});
