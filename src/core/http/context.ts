import type { FastifyRequest } from 'fastify';
import type { Actor } from '../actor.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import type { Db } from '../db/tables.ts';
import { AppError } from '../errors.ts';
import type { Locale } from '../i18n/catalogue.ts';
import type { JobRunner } from '../jobs/runner.ts';
import type { PersonalDataCipher } from '../personal-data.ts';

/** What a running platform hands its routes and job handlers: the database, configuration, the personal-data cipher and the job runner. */
export interface PlatformContext {
  database: Database;
  db: Db;
  config: Config;
  cipher: PersonalDataCipher;
  /** Created by openPlatform, started by the server once it listens (src/start.ts); routes queue work on it. */
  jobs: JobRunner;
}

declare module 'fastify' {
  interface FastifyInstance {
    platform: PlatformContext;
  }
  interface FastifyRequest {
    actor: Actor | undefined;
    /** The reply's language, by the one rule of replyLocale (src/core/http/locale.ts); the actor's is the same. */
    locale: Locale;
  }
  interface FastifyContextConfig {
    /** Reachable without a session (login, health, public pages). */
    public?: boolean;
  }
}

/** The signed-in actor of a request; routes that are not public always have one by the time they run. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('unauthenticated');
  return request.actor;
}
