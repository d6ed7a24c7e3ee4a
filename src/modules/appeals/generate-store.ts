import { sql } from 'kysely';
import type { Db } from '../../core/db/tables.ts';

/** What the appeals module's generator reads of the generated tree (generate.ts), in code order. */

export interface UnionForAppeals {
  id: number;
  code: string;
  founded_on: string;
  employees: number;
  employer_id: number;
  employer_name: string;
  /** The township or county federation the union lies under: where its workers' appeals go without a centre. */
  place_id: number;
}

/**
 * The unions with their place, from the org tree alone (the employers' table is the org module's: the headcount
 * comes through its service, and the employer's name is the union's without its last word, 工会).
 */
export async function unionsWithPlaces(db: Db): Promise<Omit<UnionForAppeals, 'employees'>[]> {
  // The place is the deepest of the union's ancestors (the labels of its path) that is a township or county
  // federation: read by id, not by ltree containment, which would scan the tree once per union.
  const { rows } = await sql<Omit<UnionForAppeals, 'employees'>>`
    SELECT DISTINCT ON (u.code) u.id, u.code, coalesce(u.founded_on, u.created_at::date)::text AS founded_on,
           u.employer_id, regexp_replace(u.name, '工会$', '') AS employer_name, a.id AS place_id
    FROM orgs u
    CROSS JOIN LATERAL unnest(string_to_array(u.path::text, '.')::bigint[]) AS ancestor(id)
    JOIN orgs a ON a.id = ancestor.id AND a.level IN ('county', 'township') AND a.kind IN ('federation', 'township')
    WHERE u.kind = 'grassroots' AND u.employer_id IS NOT NULL
    ORDER BY u.code, nlevel(a.path) DESC`.execute(db);
  return rows.map((row) => ({ ...row, id: Number(row.id), employer_id: Number(row.employer_id), place_id: Number(row.place_id) }));
}

export async function townships(db: Db): Promise<{ id: number; name: string }[]> {
  const { rows } = await sql<{ id: number; name: string }>`SELECT id, name FROM orgs WHERE kind = 'township' ORDER BY code`.execute(db);
  return rows.map((row) => ({ id: Number(row.id), name: row.name }));
}

/** The province, city and county federations (where legal-aid institutions are set up), in code order. */
export async function federations(db: Db): Promise<{ id: number; name: string; founded_on: string | null }[]> {
  const { rows } = await sql<{ id: number; name: string; founded_on: string | null }>`
    SELECT id, name, founded_on::text AS founded_on FROM orgs WHERE kind = 'federation' AND level IN ('province', 'city', 'county') ORDER BY code`.execute(db);
  return rows.map((row) => ({ ...row, id: Number(row.id) }));
}

/**
 * Each county and township federation's federations, nearest first (itself when it is one): where a case handled
 * there looks for a legal-aid institution. The path's labels are the ancestors' ids.
 */
export async function federationChains(db: Db): Promise<Map<number, number[]>> {
  const { rows } = await sql<{ id: string; chain: string[] }>`
    SELECT o.id, array(SELECT a.id::text FROM unnest(string_to_array(o.path::text, '.')::bigint[]) WITH ORDINALITY AS ancestor(id, depth)
                       JOIN orgs a ON a.id = ancestor.id AND a.kind = 'federation' AND a.level IN ('province', 'city', 'county')
                       ORDER BY ancestor.depth DESC) AS chain
    FROM orgs o WHERE o.kind IN ('federation', 'township') AND o.level IN ('county', 'township')`.execute(db);
  return new Map(rows.map((row) => [Number(row.id), row.chain.map(Number)]));
}
