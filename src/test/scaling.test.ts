import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../core/db/tables.ts';
import { asOwner, createTestPlatform, type TestPlatform } from './platform.ts';

/**
 * Keeps the schema ready for the plan past one machine (docs/scaling.md): read from the catalogue, so a module's new
 * table is checked the day it is created. The rule, as scaling.md states it:
 *   1. every table has a primary key;
 *   2. every table is a province table (an org column — org_id, *_org_id, org_path, or the org tree's own path — whose
 *      path's first label is the province), a child of one (a foreign key to a province table), or named below with
 *      its reason: a national table (replicated to every node), a node's own table, or a person table (a province
 *      table by the rows that refer to it);
 *   3. no national table refers to a table that is not national (Citus: a reference table cannot refer to a
 *      distributed one); a person table is referred to by a province table.
 */

/** Reference data, the same for every province: a Citus reference table, copied to every node. */
const national: Record<string, string> = {
  schema_migrations: 'the schema is one for the whole instance',
  plans: 'a plan period and its targets are the federation’s, set above the provinces',
  plan_targets: 'part of a plan',
  plan_baselines: 'part of a plan',
};
/** Kept by the node that made it, never distributed. */
const nodeLocal: Record<string, string> = {
  public_challenges_used: 'a public proof of work used once, remembered by the node that checked it until it expires',
};
/** A person: kept by each province holding one of their memberships, so a province table by the rows that refer to it. */
const person: Record<string, string> = {
  workers: 'a worker is kept (once) by each province where they hold a membership; memberships refer to it',
};

interface Schema {
  tables: Map<string, { columns: Map<string, string>; primaryKey: boolean }>;
  foreignKeys: { from: string; to: string }[];
}

async function readSchema(db: Db): Promise<Schema> {
  const { rows: columns } = await sql<{ table: string; column: string; type: string }>`
    SELECT c.table_name AS table, c.column_name AS column, c.udt_name AS type
    FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
    WHERE c.table_schema = current_schema()`.execute(db);
  // pg_constraint, not information_schema.table_constraints: that view hides tables the serving role may only read.
  const { rows: keys } = await sql<{ table: string }>`
    SELECT conrelid::regclass::text AS table FROM pg_constraint WHERE contype = 'p' AND connamespace = current_schema()::regnamespace`.execute(db);
  const { rows: foreignKeys } = await sql<{ from: string; to: string }>`
    SELECT DISTINCT conrelid::regclass::text AS from, confrelid::regclass::text AS to
    FROM pg_constraint WHERE contype = 'f' AND connamespace = current_schema()::regnamespace`.execute(db);
  const tables: Schema['tables'] = new Map();
  for (const { table, column, type } of columns) {
    if (!tables.has(table)) tables.set(table, { columns: new Map(), primaryKey: false });
    tables.get(table)!.columns.set(column, type);
  }
  for (const { table } of keys) if (tables.has(table)) tables.get(table)!.primaryKey = true;
  return { tables, foreignKeys };
}

type Kind = 'province' | 'child' | 'national' | 'local' | 'person' | undefined;

/** Each table's kind under rule 2; undefined: the rule is broken. */
function classify(schema: Schema): Map<string, Kind> {
  const kinds = new Map<string, Kind>();
  for (const [table, { columns }] of schema.tables) {
    const hasOrg = [...columns].some(([column, type]) => column === 'org_id' || column.endsWith('_org_id') || (type === 'ltree' && (column === 'org_path' || (table === 'orgs' && column === 'path'))));
    kinds.set(table, national[table] ? 'national' : nodeLocal[table] ? 'local' : person[table] ? 'person' : hasOrg ? 'province' : undefined);
  }
  // Children, as far as foreign keys lead to a province table.
  for (let changed = true; changed; ) {
    changed = false;
    for (const { from, to } of schema.foreignKeys) {
      if (kinds.get(from) === undefined && (kinds.get(to) === 'province' || kinds.get(to) === 'child')) {
        kinds.set(from, 'child');
        changed = true;
      }
    }
  }
  return kinds;
}

/** Every breach of the rule, as a sentence naming the table. */
function breaches(schema: Schema): string[] {
  const kinds = classify(schema);
  const found: string[] = [];
  for (const [table, { primaryKey }] of schema.tables) {
    if (!primaryKey) found.push(`${table}: no primary key`);
    if (kinds.get(table) === undefined) found.push(`${table}: no org column, no foreign key to a province table, and not named in docs/scaling.md`);
  }
  for (const { from, to } of schema.foreignKeys) {
    if (kinds.get(from) === 'national' && kinds.get(to) !== 'national') found.push(`${from}: a national table refers to ${to}, which is not`);
  }
  for (const table of Object.keys(person)) {
    if (schema.tables.has(table) && !schema.foreignKeys.some(({ from, to }) => to === table && kinds.get(from) === 'province')) found.push(`${table}: a person table no province table refers to`);
  }
  return found;
}

let test: TestPlatform;
beforeAll(async () => {
  test = await createTestPlatform();
});
afterAll(() => test?.close());

describe('the schema and the plan past one machine (docs/scaling.md)', () => {
  it('gives every table a primary key and a province, by an org column, a parent, or a named reason', async () => {
    const schema = await readSchema(test.platform.db);
    expect(schema.tables.size).toBeGreaterThan(10);
    expect(breaches(schema)).toEqual([]);
    // Every named table still exists: a list that outlives its tables would excuse the next one of the same name.
    for (const table of [...Object.keys(national), ...Object.keys(nodeLocal), ...Object.keys(person)]) expect(schema.tables.has(table), table).toBe(true);
  });

  it('catches a table that carries no province, and a national table that refers to a province table', async () => {
    await asOwner(test, async (db) => {
      await sql`CREATE TABLE scaling_scratch_orphan (id bigint PRIMARY KEY, note text)`.execute(db);
      await sql`CREATE TABLE scaling_scratch_nokey (org_id bigint)`.execute(db);
    });
    try {
      const schema = await readSchema(test.platform.db);
      national.scaling_scratch_orphan = 'pretended national, to refer to a province table';
      await asOwner(test, (db) => sql`ALTER TABLE scaling_scratch_orphan ADD COLUMN user_id bigint REFERENCES users (id)`.execute(db));
      const withReference = await readSchema(test.platform.db);
      delete national.scaling_scratch_orphan;
      expect(breaches(schema)).toEqual(expect.arrayContaining([expect.stringMatching(/^scaling_scratch_orphan: no org column/), 'scaling_scratch_nokey: no primary key']));
      national.scaling_scratch_orphan = 'pretended';
      expect(breaches(withReference)).toEqual(expect.arrayContaining(['scaling_scratch_orphan: a national table refers to users, which is not']));
    } finally {
      delete national.scaling_scratch_orphan;
      await asOwner(test, async (db) => {
        await sql`DROP TABLE scaling_scratch_orphan`.execute(db);
        await sql`DROP TABLE scaling_scratch_nokey`.execute(db);
      });
    }
  });
});
