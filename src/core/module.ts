import type { Command } from 'commander';
import type { ModuleChecks } from './checks.ts';
import type { FastifyInstance } from 'fastify';
import type { Db } from './db/tables.ts';
import type { ModuleGenerator } from './generate/context.ts';
import type { PlatformContext } from './http/context.ts';
import type { MessageBundle } from './i18n/catalogue.ts';
import type { PersonalDataCipher } from './personal-data.ts';
import type { StatisticsDeclarations } from './indicators/registry.ts';
import type { JobRunner } from './jobs/runner.ts';
import type { Platform } from './platform.ts';
import type { QueueDeclaration } from './queues/queues.ts';

/**
 * What a module tells the platform about itself. The registry (src/modules/index.ts) lists the manifests in
 * order; the platform applies their migrations in that order, mounts their routes and adds their messages.
 */
export interface ModuleManifest extends StatisticsDeclarations {
  id: string;
  /** The folder of the module's NNNN_name.sql migrations, as a file URL. */
  migrations: URL;
  /** Its message bundles (pages' bundles come with its ui/index.ts). */
  messages: MessageBundle | readonly MessageBundle[];
  /** Registers the module's routes; called inside the /api/v1 prefix. */
  routes?: (app: FastifyInstance) => void | Promise<void>;
  /** Run once after migrations at every start; must be idempotent (loads reference data). */
  seed?: (context: SeedContext) => Promise<void>;
  /** Registers the module's job kinds on the platform's runner (the server's, or a command's). */
  jobs?: (runner: JobRunner, platform: PlatformContext) => void;
  /** The module's part of the synthetic province (`qiaoliang generate`, src/core/generate), run in registry order. */
  generate?: ModuleGenerator;
  /** Adds the module's commands to `qiaoliang` (listed under the module's name in --help). */
  commands?: (program: Command, kit: CommandKit) => void;
  /** Its work queues: what waits for someone today, counted in their scope (the home page, GET /queues). */
  queues?: readonly QueueDeclaration[];
  /** What the platform's own tests need of the module (src/core/checks.ts); loaded only by tests. */
  checks?: () => Promise<ModuleChecks>;
}

/** What the command line lends a module's commands. */
export interface CommandKit {
  /**
   * Opens the platform for one command and closes it afterwards, whatever happens (PGlite keeps its data directory
   * locked while open). With `json`, notices go to stderr so stdout carries one JSON document.
   */
  withPlatform<T>(json: boolean | undefined, work: (platform: Platform) => Promise<T>): Promise<T>;
}

export interface SeedContext {
  db: Db;
  log: (message: string) => void;
  /**
   * The personal-data key, for a module that fills a keyed hash in for rows stored before it existed. The start always
   * gives it; a test that seeds by hand may leave it out, and such a fill waits for the next start.
   */
  cipher?: PersonalDataCipher;
}
