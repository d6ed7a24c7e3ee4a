import { sql, type RawBuilder } from 'kysely';
import { analyzeTables } from '../db/roles.ts';
import type { Db } from '../db/tables.ts';
import { aggregateTable, aggregateTables, type AggregateTable } from './registry.ts';

/**
 * Keeping the aggregate tables: every change of records adds its flows to the org it belongs to and to each of
 * that org's ancestors (an org's path is the list of its ancestors' ids), in the transaction of the change. A move
 * carries the moved subtree's totals from the old ancestors to the new ones. `rebuildAggregates` recomputes every
 * table from the records (after a bulk load), and `checkAggregates` compares them without changing anything.
 *
 * Rows are added in (org, year) order, so two transactions that touch the same ancestors lock them in the same order
 * and wait for each other instead of deadlocking.
 */

export interface AggregateDelta {
  orgId: number;
  year: number;
  /** Column → amount added (negative to take away); a missing column adds nothing. */
  values: Readonly<Record<string, number>>;
}

const columnList = (spec: AggregateTable, prefix?: string) => sql.join(spec.columns.map((column) => sql.ref(prefix ? `${prefix}.${column}` : column)));
const addOnConflict = (spec: AggregateTable) =>
  sql`ON CONFLICT (org_id, year) DO UPDATE SET ${sql.join(spec.columns.map((column) => sql`${sql.ref(column)} = ${sql.table(spec.table)}.${sql.ref(column)} + excluded.${sql.ref(column)}`))}`;
/** The ids of an org and of all its ancestors: the labels of its path. */
const selfAndAncestors = sql`unnest(string_to_array(o.path::text, '.')::bigint[])`;

export async function addToAggregate(db: Db, table: string, deltas: readonly AggregateDelta[]): Promise<void> {
  const spec = aggregateTable(table);
  const rows = deltas
    .filter((delta) => spec.columns.some((column) => (delta.values[column] ?? 0) !== 0))
    .map((delta) => ({ org_id: delta.orgId, year: delta.year, ...Object.fromEntries(spec.columns.map((column) => [column, delta.values[column] ?? 0])) }));
  if (rows.length === 0) return;
  await sql`
    INSERT INTO ${sql.table(spec.table)} (org_id, year, ${columnList(spec)})
    SELECT ancestor.id, d.year, ${sql.join(spec.columns.map((column) => sql`sum(d.${sql.ref(column)})`))}
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS d(org_id bigint, year integer, ${sql.raw(spec.columns.map((column) => `${column} bigint`).join(', '))})
    JOIN orgs o ON o.id = d.org_id
    CROSS JOIN LATERAL ${selfAndAncestors} AS ancestor(id)
    GROUP BY ancestor.id, d.year
    ORDER BY ancestor.id, d.year
    ${addOnConflict(spec)}`.execute(db);
}

/**
 * After an org moved from one parent to another (its own rows and its subtree's are unchanged: they are totals
 * of the subtree, which moved whole): its totals leave the ancestors it no longer has and join the new ones.
 */
export async function moveAggregates(db: Db, orgId: number, fromPath: string, toPath: string): Promise<void> {
  const before = fromPath.split('.').map(Number);
  const after = toPath.split('.').map(Number);
  const leaving = before.filter((id) => id !== orgId && !after.includes(id));
  const joining = after.filter((id) => id !== orgId && !before.includes(id));
  const ids = [...leaving, ...joining];
  const signs = [...leaving.map(() => -1), ...joining.map(() => 1)];
  if (ids.length === 0) return;
  for (const spec of aggregateTables()) {
    await sql`
      INSERT INTO ${sql.table(spec.table)} (org_id, year, ${columnList(spec)})
      SELECT target.id, s.year, ${sql.join(spec.columns.map((column) => sql`s.${sql.ref(column)} * target.sign`))}
      FROM ${sql.table(spec.table)} s CROSS JOIN unnest(${ids}::bigint[], ${signs}::int[]) AS target(id, sign)
      WHERE s.org_id = ${orgId}
      ORDER BY target.id, s.year
      ${addOnConflict(spec)}`.execute(db);
  }
}

/** The rows a table should hold, from the records: each org's own flows, added up the tree. */
function expected(spec: AggregateTable): RawBuilder<Record<string, unknown>> {
  return sql`
    SELECT ancestor.id AS org_id, r.year::int AS year, ${sql.join(spec.columns.map((column) => sql`sum(r.${sql.ref(column)})::bigint AS ${sql.ref(column)}`))}
    FROM (${spec.recompute()}) r
    JOIN orgs o ON o.id = r.org_id
    CROSS JOIN LATERAL ${selfAndAncestors} AS ancestor(id)
    GROUP BY ancestor.id, r.year`;
}

/** Recomputes every aggregate table (or the named ones) from the records; for bulk loads and repairs. */
export async function rebuildAggregates(db: Db, tables: readonly string[] = aggregateTables().map((spec) => spec.table)): Promise<void> {
  for (const table of tables) {
    const spec = aggregateTable(table);
    await sql`DELETE FROM ${sql.table(spec.table)}`.execute(db);
    await sql`INSERT INTO ${sql.table(spec.table)} (org_id, year, ${columnList(spec)}) SELECT * FROM (${expected(spec)}) e ORDER BY org_id, year`.execute(db);
    await analyzeTables(db, [spec.table]);
  }
}

export interface AggregateDifference {
  table: string;
  orgId: number;
  year: number;
  column: string;
  /** From the records. */
  expected: number;
  /** In the table. */
  actual: number;
}

/** Compares every aggregate table with what its records give; a row of zeros and a missing row are the same. */
export async function checkAggregates(db: Db, limit = 1000): Promise<AggregateDifference[]> {
  const differences: AggregateDifference[] = [];
  for (const spec of aggregateTables()) {
    const { rows } = await sql<Record<string, string | number | null>>`
      WITH e AS (${expected(spec)})
      SELECT coalesce(e.org_id, a.org_id) AS org_id, coalesce(e.year, a.year) AS year,
             ${sql.join(spec.columns.flatMap((column) => [sql`coalesce(e.${sql.ref(column)}, 0)::bigint AS ${sql.ref(`e_${column}`)}`, sql`coalesce(a.${sql.ref(column)}, 0)::bigint AS ${sql.ref(`a_${column}`)}`]))}
      FROM e FULL JOIN ${sql.table(spec.table)} a ON a.org_id = e.org_id AND a.year = e.year
      WHERE ${sql.join(spec.columns.map((column) => sql`coalesce(e.${sql.ref(column)}, 0) <> coalesce(a.${sql.ref(column)}, 0)`), sql` OR `)}
      ORDER BY 1, 2
      LIMIT ${limit}`.execute(db);
    for (const row of rows) {
      for (const column of spec.columns) {
        const want = Number(row[`e_${column}`]);
        const have = Number(row[`a_${column}`]);
        if (want !== have) differences.push({ table: spec.table, orgId: Number(row.org_id), year: Number(row.year), column, expected: want, actual: have });
      }
    }
  }
  return differences;
}
