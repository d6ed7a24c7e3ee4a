import type { FastifyInstance } from 'fastify';
import type { Db } from './db/tables.ts';
import type { ModuleGenerator } from './generate/context.ts';
import type { PlatformContext } from './http/context.ts';
import type { MessageBundle } from './i18n/catalogue.ts';
import type { StatisticsDeclarations } from './indicators/registry.ts';
import type { JobRunner } from './jobs/runner.ts';

/**
 * What a module tells the platform about itself. The registry (src/modules/index.ts) lists the manifests in
 * order; the platform applies their migrations in that order, mounts their routes and adds their messages.
 */
export interface ModuleManifest extends StatisticsDeclarations {
  id: string;
  /** The folder of the module's NNNN_name.sql migrations, as a file URL. */
  migrations: URL;
  messages: MessageBundle;
  /** Registers the module's routes; called inside the /api/v1 prefix. */
  routes?: (app: FastifyInstance) => void | Promise<void>;
  /** Run once after migrations at every start; must be idempotent (loads reference data). */
  seed?: (context: SeedContext) => Promise<void>;
  /** Registers the module's job kinds on the platform's runner (the server's, or a command's). */
  jobs?: (runner: JobRunner, platform: PlatformContext) => void;
  /** The module's part of the synthetic province (`qiaoliang generate`, src/core/generate), run in registry order. */
  generate?: ModuleGenerator;
}

export interface SeedContext {
  db: Db;
  log: (message: string) => void;
}
