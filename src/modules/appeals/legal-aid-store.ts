import { sql, type RawBuilder } from 'kysely';
import { beyond, descending, orderedBy } from '../../core/db/keyset.ts';
import type { Db } from '../../core/db/tables.ts';
import { cappedTotal, countCap, type ListTotal, type ListWindow } from '../../core/paging.ts';
import { inScope, type Scope } from '../../core/scope.ts';
import type { LegalAidOutcome } from './legal-aid-schema.ts';
import type { AppealCategory, AppealKind, AppealStatus } from './schema.ts';
import type { LegalAidCaseStatus, LegalAidStaffKind, WarningTables } from './warning-tables.ts';

/**
 * The only code that touches legal aid's tables (migration 0007; README.md, "Legal aid"). An institution, its staff
 * and its cases are in a scope when the institution's federation is.
 */
const tables = (db: Db) => db.withTables<WarningTables>();

const escapeLike = (text: string) => text.replace(/[\\%_]/g, '\\$&');
const where = (conditions: RawBuilder<boolean>[]) => (conditions.length ? sql<boolean>`${sql.join(conditions, sql` AND `)}` : sql<boolean>`true`);

// Institutions.

export interface InstitutionRecord {
  id: number;
  org_id: number;
  org_code: string;
  org_name: string;
  org_level: string;
  org_path: string;
  name: string;
  established_on: string;
  lawyers: number;
  volunteers: number;
  open_cases: number;
}

const institutionColumns = sql`
  i.id::int AS id, i.org_id::int AS org_id, o.code AS org_code, o.name AS org_name, o.level AS org_level, o.path::text AS org_path,
  i.name, i.established_on,
  (SELECT count(*) FROM legal_aid_staff s WHERE s.institution_id = i.id AND s.kind = 'lawyer')::int AS lawyers,
  (SELECT count(*) FROM legal_aid_staff s WHERE s.institution_id = i.id AND s.kind = 'volunteer')::int AS volunteers,
  (SELECT count(*) FROM legal_aid_cases c WHERE c.institution_id = i.id AND c.status = 'accepted')::int AS open_cases`;

export async function findInstitution(db: Db, scope: Scope, id: number): Promise<InstitutionRecord | undefined> {
  const { rows } = await sql<InstitutionRecord>`
    SELECT ${institutionColumns} FROM legal_aid_institutions i JOIN orgs o ON o.id = i.org_id
    WHERE i.id = ${id} AND ${inScope('o.path', scope)}`.execute(db);
  return rows[0];
}

/** The institution a federation has, whatever the caller's scope (there is at most one: a unique index). */
export async function institutionOfOrg(db: Db, orgId: number): Promise<{ id: number } | undefined> {
  const row = await tables(db).selectFrom('legal_aid_institutions').select('id').where('org_id', '=', orgId).executeTakeFirst();
  return row && { id: Number(row.id) };
}

export async function listInstitutions(db: Db, scope: Scope, q: string | undefined, window: ListWindow): Promise<{ rows: InstitutionRecord[]; total: ListTotal }> {
  const filter = where([inScope('o.path', scope), ...(q ? [sql<boolean>`i.name ILIKE ${`%${escapeLike(q)}%`}`] : [])]);
  const columns = [sql`i.id`];
  const desc = descending('asc', window);
  const [{ rows }, counted] = await Promise.all([
    sql<InstitutionRecord>`
      SELECT ${institutionColumns} FROM legal_aid_institutions i JOIN orgs o ON o.id = i.org_id
      WHERE ${filter} AND ${beyond(columns, window, desc)} ORDER BY ${orderedBy(columns, desc)} OFFSET ${window.offset} LIMIT ${window.limit}`.execute(db),
    sql<{ n: number }>`SELECT count(*)::int AS n FROM (SELECT 1 FROM legal_aid_institutions i JOIN orgs o ON o.id = i.org_id WHERE ${filter} LIMIT ${countCap + 1}) counted`.execute(db),
  ]);
  return { rows, total: cappedTotal(counted.rows[0]!.n) };
}

export async function insertInstitution(tx: Db, row: { org_id: number; name: string; established_on: string }): Promise<number> {
  const { id } = await tables(tx).insertInto('legal_aid_institutions').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(id);
}

export async function updateInstitution(tx: Db, id: number, changes: { name: string; established_on: string }): Promise<void> {
  await tables(tx).updateTable('legal_aid_institutions').set({ ...changes, updated_at: sql<Date>`now()` }).where('id', '=', id).execute();
}

// Lawyers and volunteers.

export interface StaffRecord {
  id: number;
  institution_id: number;
  kind: LegalAidStaffKind;
  name_cipher: Buffer;
  phone_cipher: Buffer | null;
}

const staffColumns = sql`id::int AS id, institution_id::int AS institution_id, kind, name_cipher, phone_cipher`;

export async function findStaff(db: Db, institutionId: number, id: number): Promise<StaffRecord | undefined> {
  const { rows } = await sql<StaffRecord>`SELECT ${staffColumns} FROM legal_aid_staff WHERE id = ${id} AND institution_id = ${institutionId}`.execute(db);
  return rows[0];
}

export async function listStaff(db: Db, institutionId: number, window: ListWindow): Promise<{ rows: StaffRecord[]; total: ListTotal }> {
  const columns = [sql`id`];
  const desc = descending('asc', window);
  const [{ rows }, counted] = await Promise.all([
    sql<StaffRecord>`
      SELECT ${staffColumns} FROM legal_aid_staff WHERE institution_id = ${institutionId} AND ${beyond(columns, window, desc)}
      ORDER BY ${orderedBy(columns, desc)} OFFSET ${window.offset} LIMIT ${window.limit}`.execute(db),
    sql<{ n: number }>`SELECT count(*)::int AS n FROM (SELECT 1 FROM legal_aid_staff WHERE institution_id = ${institutionId} LIMIT ${countCap + 1}) counted`.execute(db),
  ]);
  return { rows, total: cappedTotal(counted.rows[0]!.n) };
}

export async function insertStaff(tx: Db, row: { institution_id: number; kind: LegalAidStaffKind; name_cipher: Buffer; phone_cipher: Buffer | null }): Promise<number> {
  const { id } = await tables(tx).insertInto('legal_aid_staff').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(id);
}

// Cases.

export interface LegalAidCaseRecord {
  id: number;
  institution_id: number;
  institution_name: string;
  org_id: number;
  org_code: string;
  org_name: string;
  org_path: string;
  appeal_id: number;
  appeal_kind: AppealKind;
  appeal_category: AppealCategory;
  appeal_status: AppealStatus;
  staff_id: number | null;
  staff_kind: LegalAidStaffKind | null;
  staff_name_cipher: Buffer | null;
  accepted_on: string;
  status: LegalAidCaseStatus;
  outcome: LegalAidOutcome | null;
  recovered_fen: string;
  closed_on: string | null;
}

const selectCases = (scope: Scope, conditions: RawBuilder<boolean>[]) => sql`
  SELECT c.id::int AS id, c.institution_id::int AS institution_id, i.name AS institution_name, i.org_id::int AS org_id, o.code AS org_code,
         o.name AS org_name, o.path::text AS org_path, c.appeal_id::int AS appeal_id, a.kind AS appeal_kind, a.category AS appeal_category,
         a.status AS appeal_status, c.staff_id::int AS staff_id, s.kind AS staff_kind, s.name_cipher AS staff_name_cipher, c.accepted_on,
         c.status, c.outcome, c.recovered_fen::text AS recovered_fen, c.closed_on
  FROM legal_aid_cases c
  JOIN legal_aid_institutions i ON i.id = c.institution_id
  JOIN orgs o ON o.id = i.org_id
  JOIN appeals a ON a.id = c.appeal_id
  LEFT JOIN legal_aid_staff s ON s.id = c.staff_id
  WHERE ${where([inScope('o.path', scope), ...conditions])}`;

export async function findCase(db: Db, scope: Scope, id: number): Promise<LegalAidCaseRecord | undefined> {
  const { rows } = await sql<LegalAidCaseRecord>`${selectCases(scope, [sql<boolean>`c.id = ${id}`])}`.execute(db);
  return rows[0];
}

export interface CaseFilters {
  institutionId?: number | undefined;
  appealId?: number | undefined;
  status?: LegalAidCaseStatus | undefined;
}

export async function listCases(db: Db, scope: Scope, filters: CaseFilters, window: ListWindow): Promise<{ rows: LegalAidCaseRecord[]; total: ListTotal }> {
  const conditions: RawBuilder<boolean>[] = [];
  if (filters.institutionId !== undefined) conditions.push(sql<boolean>`c.institution_id = ${filters.institutionId}`);
  if (filters.appealId !== undefined) conditions.push(sql<boolean>`c.appeal_id = ${filters.appealId}`);
  if (filters.status) conditions.push(sql<boolean>`c.status = ${filters.status}`);
  const columns = [sql`c.id`];
  const desc = descending('desc', window);
  const [{ rows }, counted] = await Promise.all([
    sql<LegalAidCaseRecord>`${selectCases(scope, [...conditions, beyond(columns, window, desc)])} ORDER BY ${orderedBy(columns, desc)} OFFSET ${window.offset} LIMIT ${window.limit}`.execute(db),
    sql<{ n: number }>`SELECT count(*)::int AS n FROM (${selectCases(scope, conditions)} LIMIT ${countCap + 1}) counted`.execute(db),
  ]);
  return { rows, total: cappedTotal(counted.rows[0]!.n) };
}

/** Whether the appeal was referred to legal aid: a legal-aid request, or a referral on its timeline (`actions`). */
export async function referredToLegalAid(db: Db, appealId: number): Promise<boolean> {
  const { rows } = await sql<{ referred: boolean }>`
    SELECT (EXISTS (SELECT 1 FROM appeals WHERE id = ${appealId} AND kind = 'legal_aid')
         OR EXISTS (SELECT 1 FROM appeal_events WHERE appeal_id = ${appealId} AND step = 'legal_aid')) AS referred`.execute(db);
  return rows[0]!.referred;
}

/** The appeal's legal-aid case still open, anywhere: one at a time per appeal. */
export async function openCaseOfAppeal(db: Db, appealId: number): Promise<{ id: number } | undefined> {
  const row = await tables(db).selectFrom('legal_aid_cases').select('id').where('appeal_id', '=', appealId).where('status', '=', 'accepted').executeTakeFirst();
  return row && { id: Number(row.id) };
}

/**
 * Waits for any other transaction holding the same key to end (a lock held to the end of this one): two officers
 * setting up the same federation's institution, or taking on the same appeal, at once — the second then sees the first.
 */
export async function lock(tx: Db, key: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(tx);
}

export async function insertCase(tx: Db, row: { institution_id: number; appeal_id: number; staff_id: number | null; accepted_on: string }): Promise<number> {
  const { id } = await tables(tx).insertInto('legal_aid_cases').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(id);
}

/** Changes a case only from the status it was read in; false when another transaction changed it first. */
export async function updateCase(
  tx: Db,
  id: number,
  expected: LegalAidCaseStatus,
  changes: { staff_id?: number; status?: LegalAidCaseStatus; outcome?: LegalAidOutcome; recovered_fen?: number; closed_on?: string },
): Promise<boolean> {
  const result = await tables(tx).updateTable('legal_aid_cases').set({ ...changes, updated_at: sql<Date>`now()` }).where('id', '=', id).where('status', '=', expected).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
