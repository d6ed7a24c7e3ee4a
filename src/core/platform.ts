import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { auditRoutes } from './audit/routes.ts';
import { authRoutes } from './auth/routes.ts';
import { ensureFirstAdmin } from './auth/service.ts';
import type { Config } from './config.ts';
import { openDatabase, type Database } from './db/database.ts';
import { migrate, type AppliedMigration } from './db/migrate.ts';
import { currentRole, grantServing, ownsAudit } from './db/roles.ts';
import type { PlatformContext } from './http/context.ts';
import { httpMessages } from './http/messages.ts';
import { buildServer } from './http/server.ts';
import { addMessages } from './i18n/catalogue.ts';
import { coreMessages } from './i18n/core-messages.ts';
import { importMessages } from './import/messages.ts';
import { registerStatistics } from './indicators/registry.ts';
import { jobMessages } from './jobs/messages.ts';
import { jobsRoutes } from './jobs/routes.ts';
import { createJobRunner } from './jobs/runner.ts';
import type { ModuleManifest } from './module.ts';
import { prepareDataDir } from './data-dir.ts';
import { createCipher, loadDataKey } from './personal-data.ts';
import { publicMessages } from './public/messages.ts';
import { publicRoutes } from './public/routes.ts';
import { queueRoutes } from './queues/routes.ts';

export const coreMigrations = new URL('./migrations/', import.meta.url);

export interface Platform extends PlatformContext {
  modules: ModuleManifest[];
  applied: AppliedMigration[];
  firstAdmin: { username: string; password: string | undefined } | undefined;
  keySource: string;
}

export function registerMessages(modules: ModuleManifest[]): void {
  addMessages(coreMessages);
  addMessages(httpMessages);
  addMessages(publicMessages);
  addMessages(jobMessages);
  addMessages(importMessages);
  for (const module of modules) for (const bundle of [module.messages].flat()) addMessages(bundle);
}

/**
 * Opens the database, brings its schema up to date (core first, then each module in registry order), loads the
 * modules' reference data and makes sure there is an admin. Every step is idempotent: a second start changes
 * nothing.
 */
export async function openPlatform(
  config: Config,
  modules: ModuleManifest[],
  /** `migrationDatabase`: the owner's connection to the same database (tests hand both in, as MIGRATION_DATABASE_URL names it). */
  options: { database?: Database; migrationDatabase?: Database; log?: (line: string) => void } = {},
): Promise<Platform> {
  const log = options.log ?? (() => {});
  registerMessages(modules);
  registerStatistics(modules);
  prepareDataDir(config.dataDir, { pglite: !options.database && !config.databaseUrl });
  const { key, source } = loadDataKey(config.dataKey, config.dataDir);
  const database = options.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  try {
    const applied = await migrateAsOwner(config, database, modules, options.migrationDatabase ?? database.migrationDatabase, log);
    const cipher = createCipher(key);
    for (const module of modules) await module.seed?.({ db: database.db, log, cipher });
    const firstAdmin = await ensureFirstAdmin(database.db, config);
    const jobs = createJobRunner(database.db, { staleMs: config.jobStaleSeconds * 1000 });
    const context: PlatformContext = { database, db: database.db, config, cipher, jobs };
    for (const module of modules) module.jobs?.(jobs, context);
    return { ...context, modules, applied, firstAdmin, keySource: source };
  } catch (error) {
    if (!options.database) await database.close();
    throw error;
  }
}

/**
 * Migrations run as the owner role when there is one (MIGRATION_DATABASE_URL, or the tests' second connection), which
 * then grants the serving role its privileges; else as the one role there is, which a server then says about.
 */
async function migrateAsOwner(config: Config, database: Database, modules: ModuleManifest[], given: Database | undefined, log: (line: string) => void): Promise<AppliedMigration[]> {
  const sources = [{ module: 'core', directory: coreMigrations }, ...modules.map((module) => ({ module: module.id, directory: module.migrations }))];
  const owner = given ?? (config.migrationDatabaseUrl && database.engine === 'postgres' ? await openDatabase({ databaseUrl: config.migrationDatabaseUrl }) : undefined);
  if (!owner) {
    const applied = await migrate(database.db, sources);
    if (database.engine === 'postgres' && (await ownsAudit(database.db, await currentRole(database.db)))) {
      log('The database role that serves requests owns the tables, the audit trail among them: set MIGRATION_DATABASE_URL to migrate as another role (README, "PostgreSQL roles")');
    }
    return applied;
  }
  try {
    const applied = await migrate(owner.db, sources);
    const serving = await currentRole(database.db);
    if (serving !== (await currentRole(owner.db))) await grantServing(owner.db, serving);
    return applied;
  } finally {
    if (!given) await owner.close();
  }
}

export async function buildApp(platform: Platform, logger?: FastifyServerOptions['logger']): Promise<FastifyInstance> {
  return buildServer(platform, {
    logger,
    routes: async (api) => {
      authRoutes(api);
      auditRoutes(api);
      jobsRoutes(api);
      publicRoutes(api);
      queueRoutes(api, platform.modules);
      for (const module of platform.modules) await module.routes?.(api);
    },
  });
}
