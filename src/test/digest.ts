import { sql } from 'kysely';
import type { Db } from '../core/db/tables.ts';

/**
 * A digest of every row of every table of the schema, found in the catalogue, so a table added by any module is in
 * it the day it is created. Equal before and after: nothing was written. Sessions are left out (logging in is not a
 * write under test), and so is whatever the caller names.
 */
export async function databaseDigest(db: Db, except: readonly string[] = []): Promise<string> {
  const { rows: tables } = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(db);
  const names = tables.map((table) => table.name).filter((name) => name !== 'sessions' && !except.includes(name));
  const parts = await Promise.all(
    names.map(async (name) => {
      const { rows } = await sql<{ digest: string | null }>`SELECT md5(string_agg(t::text, E'\n' ORDER BY t::text)) AS digest FROM ${sql.table(name)} t`.execute(db);
      return `${name}:${rows[0]!.digest ?? '-'}`;
    }),
  );
  return parts.join(' ');
}
