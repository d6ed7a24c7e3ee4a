import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Db } from './tables.ts';

export interface MigrationSource {
  /** 'core' or a module's id: versions are numbered per module. */
  module: string;
  directory: URL;
}

export interface AppliedMigration {
  module: string;
  version: string;
  name: string;
}

const fileName = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/**
 * Applies every migration not yet recorded, source by source in the order given, each file in its own
 * transaction together with its record, so that a failing file leaves neither its changes nor its record.
 * Migrations are forward-only and never edited once landed; an applied version whose file is gone is an error.
 */
export async function migrate(db: Db, sources: MigrationSource[]): Promise<AppliedMigration[]> {
  // Looked for first: a serving role that may not create tables (README, "PostgreSQL roles") still reads what is applied.
  const { rows } = await sql<{ found: boolean }>`SELECT to_regclass('schema_migrations') IS NOT NULL AS found`.execute(db);
  if (!rows[0]!.found) await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
    module text NOT NULL,
    version text NOT NULL,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (module, version)
  )`.execute(db);
  const done = new Set(
    (await db.selectFrom('schema_migrations').select(['module', 'version']).execute()).map(
      (row) => `${row.module}/${row.version}`,
    ),
  );
  const applied: AppliedMigration[] = [];
  for (const source of sources) {
    const directory = fileURLToPath(source.directory);
    const files = (await readdir(directory).catch(() => [] as string[])).filter((file) => fileName.test(file)).sort();
    for (const file of files) {
      const [, version, name] = fileName.exec(file)!;
      if (done.has(`${source.module}/${version}`)) continue;
      const text = await readFile(`${directory}/${file}`, 'utf8');
      await db.transaction().execute(async (tx) => {
        await sql.raw(text).execute(tx);
        await tx.insertInto('schema_migrations').values({ module: source.module, version: version!, name: name! }).execute();
      });
      applied.push({ module: source.module, version: version!, name: name! });
    }
  }
  return applied;
}
