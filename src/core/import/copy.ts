import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database } from '../db/database.ts';
import type { CoreTables, Tx } from '../db/tables.ts';

/**
 * Bulk loading: rows go into a staging table by COPY, in the same transaction as the set-based merge that follows,
 * so a chunk of an import is staged, merged, counted and checkpointed together or not at all.
 *
 * On PostgreSQL the transaction runs on one client taken from the pool, with a Kysely bound to that client: COPY
 * (pg-copy-streams) and the merge's queries then share the session. On PGlite there is only one session, and COPY
 * reads the rows from a blob (`COPY … FROM '/dev/blob'`).
 */
/** Copies CSV lines (see csvLine) into the named columns of a table. */
export type CopyIn = (table: string, columns: readonly string[], data: string) => Promise<void>;

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
const target = (table: string, columns: readonly string[]) => `${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')})`;

export async function withCopyTransaction<T>(database: Database, work: (tx: Tx, copy: CopyIn) => Promise<T>): Promise<T> {
  if (database.pglite) {
    const pglite = database.pglite;
    return database.db.transaction().execute((tx) => work(tx, async (table, columns, data) => {
      await pglite.query(`COPY ${target(table, columns)} FROM '/dev/blob' WITH (FORMAT csv)`, [], { blob: new Blob([data]) });
    }));
  }
  if (!database.pool) throw new Error('a server database without a pool');
  const client = await database.pool.connect();
  let broken: unknown;
  try {
    const db = new Kysely<CoreTables>({ dialect: new PostgresDialect({ pool: singleClientPool(client) }) });
    return await db.transaction().execute((tx) => work(tx, async (table, columns, data) => {
      await pipeline(Readable.from([data]), client.query(copyFrom(`COPY ${target(table, columns)} FROM STDIN WITH (FORMAT csv)`)));
    }));
  } catch (error) {
    broken = error;
    throw error;
  } finally {
    // A client whose work failed (a COPY cut half-way, say) is closed rather than handed back to the pool.
    client.release(broken === undefined ? undefined : broken instanceof Error ? broken : new Error(String(broken)));
  }
}

/** A "pool" that always hands out the same client and never releases it: the caller owns the client. */
function singleClientPool(client: pg.PoolClient) {
  return {
    connect: async () => ({ query: client.query.bind(client), release: () => {} }),
    end: async () => {},
  } as unknown as pg.Pool;
}

/** One value as a field of COPY's CSV format: null is an unquoted empty field; text is always quoted. */
export function csvField(value: string | number | boolean | Buffer | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (Buffer.isBuffer(value)) return `\\x${value.toString('hex')}`;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 't' : 'f';
  return `"${value.replace(/"/g, '""')}"`;
}

export function csvLine(values: readonly (string | number | boolean | Buffer | null | undefined)[]): string {
  return values.map(csvField).join(',') + '\n';
}
