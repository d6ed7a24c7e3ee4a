import { sql } from 'kysely';
import type { Db } from './tables.ts';

/** What a backup and a restore ask the database itself (src/core/db/backup.ts), all from the catalogue. */

/** Whether the schema holds any table: a database with none has nothing a restore could overwrite. */
export async function hasTables(db: Db): Promise<boolean> {
  const { rows } = await sql<{ found: boolean }>`
    SELECT EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE') AS found`.execute(db);
  return rows[0]!.found;
}

/** The migrations the database has, `module/version`, in order: what a backup's manifest records. */
export async function appliedMigrations(db: Db): Promise<string[]> {
  const { rows } = await sql<{ found: boolean }>`SELECT to_regclass('schema_migrations') IS NOT NULL AS found`.execute(db);
  if (!rows[0]!.found) return [];
  const applied = await db.selectFrom('schema_migrations').select(['module', 'version']).orderBy('applied_at').orderBy('module').orderBy('version').execute();
  return applied.map((row) => `${row.module}/${row.version}`);
}

/**
 * Up to `perColumn` stored values of every column that holds personal data as ciphertext — by the platform's naming,
 * a bytea column whose name ends in `_cipher` (the members module's id_number_cipher, phone_cipher, and any module's
 * to come) — for a restore to prove the key reads them.
 */
export async function cipherSamples(db: Db, perColumn: number): Promise<{ column: string; values: Buffer[] }[]> {
  const { rows: columns } = await sql<{ table: string; column: string }>`
    SELECT c.table_name AS table, c.column_name AS column
    FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
    WHERE c.table_schema = current_schema() AND c.data_type = 'bytea' AND c.column_name LIKE '%\\_cipher'
    ORDER BY c.table_name, c.column_name`.execute(db);
  const samples = [];
  for (const { table, column } of columns) {
    const { rows } = await sql<{ value: Buffer }>`SELECT ${sql.ref(column)} AS value FROM ${sql.table(table)} WHERE ${sql.ref(column)} IS NOT NULL LIMIT ${perColumn}`.execute(db);
    samples.push({ column: `${table}.${column}`, values: rows.map((row) => row.value) });
  }
  return samples;
}

export async function currentSchema(db: Db): Promise<string> {
  const { rows } = await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(db);
  return rows[0]!.schema;
}
