import { sql } from 'kysely';
import type { Db } from './tables.ts';

/**
 * On a PostgreSQL server the platform uses two roles (README.md, "PostgreSQL roles"): an owner, which runs the
 * migrations (MIGRATION_DATABASE_URL) and so owns every table, and a serving role (DATABASE_URL), which answers
 * requests with what is granted here — and owns nothing, so it can neither ALTER a table nor disable the audit's
 * append-only trigger. With one role, the one that migrated is the one that serves, and the audit is append-only
 * only as long as that role does not disable its own trigger; PGlite has a single role, the process holding DATA_DIR.
 */

/** The tables the serving role may read but not write. */
const readOnly = ['schema_migrations'];
/** The tables it may add to and read, never change: the audit trail. */
const appendOnly = ['audit_events'];

/** The role a connection acts as. */
export async function currentRole(db: Db): Promise<string> {
  const { rows } = await sql<{ role: string }>`SELECT current_user AS role`.execute(db);
  return rows[0]!.role;
}

/**
 * Grants the serving role what it needs on every table of the schema, run by the owner after each migration (so a
 * table a later migration adds is granted on the next start): reads and writes, except that the audit takes only
 * INSERT and SELECT and the migrations' record only SELECT. Idempotent.
 */
export async function grantServing(owner: Db, role: string): Promise<void> {
  const who = sql.id(role);
  const schema = sql.id((await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(owner)).rows[0]!.schema);
  await owner.transaction().execute(async (tx) => {
    await sql`GRANT USAGE ON SCHEMA ${schema} TO ${who}`.execute(tx);
    await sql`REVOKE ALL ON ALL TABLES IN SCHEMA ${schema} FROM ${who}`.execute(tx);
    await sql`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO ${who}`.execute(tx);
    for (const table of appendOnly) await sql`REVOKE UPDATE, DELETE ON ${sql.table(table)} FROM ${who}`.execute(tx);
    for (const table of readOnly) await sql`REVOKE INSERT, UPDATE, DELETE ON ${sql.table(table)} FROM ${who}`.execute(tx);
    // UPDATE for setval (the generator reserves blocks of ids), except on the audit's: its ids only ever go up.
    await sql`REVOKE ALL ON ALL SEQUENCES IN SCHEMA ${schema} FROM ${who}`.execute(tx);
    await sql`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA ${schema} TO ${who}`.execute(tx);
    for (const table of appendOnly) {
      const { rows } = await sql<{ sequence: string | null }>`SELECT pg_get_serial_sequence(${table}, 'id') AS sequence`.execute(tx);
      if (rows[0]?.sequence) await sql`REVOKE UPDATE ON SEQUENCE ${sql.raw(rows[0].sequence)} FROM ${who}`.execute(tx);
    }
    await sql`GRANT EXECUTE ON FUNCTION qiaoliang_analyze(regclass) TO ${who}`.execute(tx);
  });
}

/** Whether a role owns the audit table (and so could disable its trigger): one role doing both jobs. */
export async function ownsAudit(db: Db, role: string): Promise<boolean> {
  const { rows } = await sql<{ owner: string }>`SELECT tableowner AS owner FROM pg_tables WHERE tablename = 'audit_events' AND schemaname = current_schema()`.execute(db);
  return rows[0]?.owner === role;
}

/**
 * Refreshes the planner's statistics of tables after a bulk load, through the owner's qiaoliang_analyze: ANALYZE
 * itself needs ownership, which the serving role lacks. Inside a transaction it sees that transaction's rows.
 */
export async function analyzeTables(db: Db, tables: readonly string[]): Promise<void> {
  for (const table of tables) await sql`SELECT qiaoliang_analyze(${table}::regclass)`.execute(db);
}
