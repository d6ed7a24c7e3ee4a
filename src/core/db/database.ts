import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { ltree } from '@electric-sql/pglite/contrib/ltree';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { CoreTables, Db } from './tables.ts';
import { lockDataDir } from './lock.ts';
import { scopedPool } from './request-scope.ts';

export type Engine = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  engine: Engine;
  /** The embedded engine, for what only it can do (COPY from a blob); undefined on a server. */
  pglite: PGlite | undefined;
  /** The server pool, for COPY streams; undefined on PGlite. */
  pool: pg.Pool | undefined;
  /** The owner role's connection to the same database, when another role serves it (the tests' pair of roles). */
  migrationDatabase?: Database;
  close(): Promise<void>;
}

// Dates stay 'YYYY-MM-DD' strings: a JS Date would shift them by the time zone. int8 counts and ids fit in a
// double at any scale this platform reaches, so they come back as numbers rather than strings.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** PGlite's data directory; 'memory://' for a throw-away database. */
  dataDir?: string;
  /** A dumped PGlite data directory to start from instead of a new one (the tests' template: src/test/database.ts). */
  loadDataDir?: Blob;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    // An idle client can be ended by the server (a restart, an administrator, DROP DATABASE … WITH (FORCE)); without
    // a listener that 'error' event would end the whole process. The pool drops the client and makes a new one.
    pool.on('error', (error) => console.error(`database: an idle connection was closed by the server (${error.message})`));
    // Each request's connections run with its statement timeout and are cancelled when its client goes (request-scope.ts).
    const db = new Kysely<CoreTables>({ dialect: new PostgresDialect({ pool: scopedPool(pool, true) }) });
    return {
      db,
      engine: 'postgres',
      pglite: undefined,
      pool,
      close: () => db.destroy(),
    };
  }
  const dataDir = options.dataDir ?? 'memory://';
  const inMemory = dataDir.startsWith('memory://');
  const release = inMemory ? () => {} : lockDataDir(dataDir);
  try {
    const database = await openPGliteAt(inMemory ? dataDir : join(dataDir, 'pg'), options.loadDataDir);
    return {
      ...database,
      close: async () => {
        await database.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/**
 * PGlite in a directory of its own choosing, without DATA_DIR's lock: for whoever already holds it (a restore, which
 * loads a backup beside DATA_DIR/pg before putting it in its place).
 */
export async function openPGliteAt(directory: string, loadDataDir?: Blob): Promise<Database> {
  const pglite = await PGlite.create(directory, { extensions: { ltree, pg_trgm, pgcrypto }, ...(loadDataDir ? { loadDataDir } : {}) });
  const pool = new pg.Pool(createPgConfig(pglite) as pg.PoolConfig);
  const db = new Kysely<CoreTables>({ dialect: new PostgresDialect({ pool: scopedPool(pool, false) }) });
  return {
    db,
    engine: 'pglite',
    pglite,
    pool: undefined,
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
}
