import { sql } from 'kysely';
import { analyzeTables } from '../../core/db/roles.ts';
import type { Db, Tx } from '../../core/db/tables.ts';
import { csvLine, type CopyIn } from '../../core/import/copy.ts';
import type { Scope } from '../../core/scope.ts';
import { deltasOf } from './counts.ts';
import type { CountDelta } from './store.ts';

/**
 * The set-based half of the roster import: a chunk of validated, encrypted rows is copied into a staging table and
 * merged into workers and memberships with a few statements, whatever the chunk's size. Everything runs in the
 * caller's transaction; the staging table is temporary and dropped at commit.
 */

export interface StagedMember {
  rowNumber: number;
  name: string;
  idHash: Buffer;
  /** idNumberTailHash of the ID number. */
  idTailHash: Buffer;
  idCipher: Buffer;
  gender: 'male' | 'female';
  birthDate: string;
  phoneHash: Buffer | null;
  phoneCipher: Buffer | null;
  /** Null: the file does not say (no column, or an empty cell); a new person is stored as unknown, a known one keeps theirs. */
  household: 'urban' | 'rural' | null;
  dispatched: boolean | null;
  education: string | null;
  job: string | null;
  cardNumber: string | null;
  joinedOn: string;
  orgId: number;
}

export interface MergeOutcome {
  imported: number[];
  updated: number[];
  unchanged: number[];
  /** Rows the database refused: the person is a member elsewhere, or known under another name. */
  rejected: { rowNumber: number; messageKey: string; params?: Record<string, string> }[];
  deltas: CountDelta[];
  /** Memberships outside the importer's scope of people whose own fields the chunk changed: each gets the change in its trail. */
  shownElsewhere?: { id: number; org_path: string }[];
}

const stage = 'member_import_stage';
const columns = ['row_no', 'name', 'id_hash', 'id_tail_hash', 'id_cipher', 'gender', 'birth_date', 'phone_hash', 'phone_cipher', 'household', 'dispatched', 'education', 'job', 'card_number', 'joined_on', 'org_id'] as const;

export interface MergeOptions {
  /**
   * Called once before the careful path's statements, when the chunk holds someone the database knows: the place to
   * refresh the planner's statistics (the path new people take does not plan from them).
   */
  beforeCareful?: (tx: Tx) => Promise<void>;
}

export async function mergeMembers(tx: Tx, copy: CopyIn, scope: Scope, rows: readonly StagedMember[], options: MergeOptions = {}): Promise<MergeOutcome> {
  const outcome: MergeOutcome = { imported: [], updated: [], unchanged: [], rejected: [], deltas: [] };
  if (rows.length === 0) return outcome;

  // The common case, a roster of people the database does not know yet, goes straight into the tables by COPY.
  if (await copyNewPeople(tx, copy, rows)) {
    outcome.imported = rows.map((row) => row.rowNumber);
    for (const row of rows) outcome.deltas.push(...deltasOf({ orgId: row.orgId, joinedOn: row.joinedOn, endedOn: null, gender: row.gender, household: row.household, dispatched: row.dispatched }));
    return outcome;
  }
  await options.beforeCareful?.(tx);
  await stageRows(tx, copy, rows);

  // 0. Who each staged row is, and what of theirs the file would change: looked up once per row through the unique
  //    indexes (see resolveKnown). Every later statement works from these columns of the staging table, reaching
  //    into workers and memberships only for the rows that change, by id and row by row, so that a chunk costs the
  //    same however large the province has grown. The statistics tell the planner how few those rows are.
  //    JIT compiling is off for the rest of the chunk's transaction: the per-row subqueries make the planner's cost
  //    estimates large enough to trigger it, and it took longer (about 50 ms a statement) than running them.
  await sql`SET LOCAL jit = off`.execute(tx);
  await resolveKnown(tx);
  await sql`ANALYZE member_import_stage`.execute(tx);

  // 1. Refused by what the database knows: a known ID number under another name, or a person with an open
  //    membership of another union and none of this one (a transfer, or a second job: not for an import to decide).
  //    The other union is named only when it lies in the importer's scope.
  //    A person the importer's scope has never had (no membership of theirs, open or ended, lies in it) is refused
  //    with one reason, whatever is wrong: the reason must not confirm a name, nor where the person is.
  const refused = await sql<{ row_no: number; name_mismatch: boolean; elsewhere: string | null; known_here: boolean }>`
    WITH verdict AS (
      SELECT s.row_no, s.name_differs AS name_mismatch,
             EXISTS (SELECT 1 FROM memberships m JOIN orgs o ON o.id = m.org_id WHERE m.worker_id = s.worker_id AND o.path <@ ${scope.path}::ltree) AS known_here,
             CASE WHEN s.membership_id IS NULL THEN
               (SELECT CASE WHEN count(*) = 0 THEN NULL ELSE coalesce(min(o.name) FILTER (WHERE o.path <@ ${scope.path}::ltree), '') END
                  FROM memberships m JOIN orgs o ON o.id = m.org_id
                 WHERE m.worker_id = s.worker_id AND m.ended_on IS NULL AND m.org_id <> s.org_id)
             END AS elsewhere
      FROM member_import_stage s
      WHERE s.worker_id IS NOT NULL AND (s.name_differs OR s.membership_id IS NULL)
    )
    DELETE FROM member_import_stage s USING verdict v
    WHERE v.row_no = s.row_no AND (v.name_mismatch OR v.elsewhere IS NOT NULL)
    RETURNING s.row_no, v.name_mismatch, v.elsewhere, v.known_here`.execute(tx);
  for (const row of refused.rows) {
    const rowNumber = row.row_no;
    if (!row.known_here) outcome.rejected.push({ rowNumber, messageKey: 'members.import.known_elsewhere' });
    else if (row.name_mismatch) outcome.rejected.push({ rowNumber, messageKey: 'members.import.name_mismatch' });
    else if (row.elsewhere) outcome.rejected.push({ rowNumber, messageKey: 'members.import.member_of', params: { union: row.elsewhere } });
    else outcome.rejected.push({ rowNumber, messageKey: 'members.import.member_elsewhere' });
  }

  // 1b. A person kept outside the importer's scope (their principal membership's union, see keptInScope in store.ts)
  //     is only read: the file's phone, household, dispatched flag and education leave them as they are; the row still
  //     changes this union's own membership.
  await sql`
    UPDATE member_import_stage s SET kind_changes = false, worker_changes = false
    WHERE s.worker_id IS NOT NULL AND (s.kind_changes OR s.worker_changes)
      AND NOT coalesce((SELECT o.path <@ ${scope.path}::ltree FROM memberships m JOIN orgs o ON o.id = m.org_id WHERE m.worker_id = s.worker_id
                        ORDER BY (m.joined_on <= current_date AND (m.ended_on IS NULL OR m.ended_on > current_date)) DESC, m.second_job,
                                 m.ended_on DESC NULLS FIRST, m.joined_on, m.id LIMIT 1), false)`.execute(tx);

  // 2. Known people whose household or dispatched flag changes: every membership's contribution to the counts
  //    moves from the old kind to the new one. (A LATERAL subquery with OFFSET 0 is not merged into the outer
  //    query: the planner must run it once per staged row, an index look-up, and cannot scan the table instead.)
  const recounted = await sql<{ org_id: number; joined_on: string; ended_on: string | null; gender: 'male' | 'female'; old_household: 'urban' | 'rural' | null; old_dispatched: boolean | null; household: 'urban' | 'rural' | null; dispatched: boolean | null }>`
    SELECT k.org_id, k.joined_on::text AS joined_on, k.ended_on::text AS ended_on, k.gender, k.household AS old_household, k.dispatched AS old_dispatched,
           coalesce(s.household, k.household) AS household, coalesce(s.dispatched, k.dispatched) AS dispatched
    FROM member_import_stage s CROSS JOIN LATERAL (
      SELECT m.org_id, m.joined_on, m.ended_on, w.gender, w.household, w.dispatched
      FROM workers w JOIN memberships m ON m.worker_id = w.id WHERE w.id = s.worker_id OFFSET 0) k
    WHERE s.kind_changes`.execute(tx);
  for (const m of recounted.rows) {
    const base = { orgId: Number(m.org_id), joinedOn: m.joined_on, endedOn: m.ended_on, gender: m.gender };
    outcome.deltas.push(...deltasOf({ ...base, household: m.old_household, dispatched: m.old_dispatched }, -1), ...deltasOf({ ...base, household: m.household, dispatched: m.dispatched }));
  }

  // 3. Known people: the file's phone, household, dispatched flag and education win; an empty cell (or no column)
  //    keeps what is known.
  const changedWorkers = await sql<{ row_no: number; worker_id: number }>`
    UPDATE workers w SET
      phone_cipher = CASE WHEN s.phone_hash IS NOT NULL AND s.phone_hash IS DISTINCT FROM w.phone_hash THEN s.phone_cipher ELSE w.phone_cipher END,
      phone_hash = coalesce(s.phone_hash, w.phone_hash),
      household = coalesce(s.household, w.household), dispatched = coalesce(s.dispatched, w.dispatched), education = coalesce(s.education, w.education), updated_at = now()
    FROM member_import_stage s
    WHERE w.id = s.worker_id AND s.worker_changes
    RETURNING s.row_no, s.worker_id`.execute(tx);
  // A person changed here shows in their other memberships as well: those outside the importer's scope (second jobs
  // elsewhere) are named, for the change to go into their own unions' trails too.
  if (changedWorkers.rows.length > 0) {
    const { rows } = await sql<{ id: number; org_path: string }>`
      SELECT m.id, o.path::text AS org_path FROM memberships m JOIN orgs o ON o.id = m.org_id
      WHERE m.worker_id IN (${sql.join(changedWorkers.rows.map((row) => row.worker_id))}) AND NOT (o.path <@ ${scope.path}::ltree)`.execute(tx);
    outcome.shownElsewhere = rows.map((row) => ({ id: Number(row.id), org_path: row.org_path }));
  }

  // 4. New people; then who they are (and anyone another transaction added meanwhile, whom the insert left alone).
  await sql`
    INSERT INTO workers (name, id_number_cipher, id_number_hash, id_number_tail_hash, gender, birth_date, phone_cipher, phone_hash, household, dispatched, education)
    SELECT s.name, s.id_cipher, s.id_hash, s.id_tail_hash, s.gender, s.birth_date, s.phone_cipher, s.phone_hash, s.household, s.dispatched, s.education
    FROM member_import_stage s
    WHERE s.worker_id IS NULL
    ON CONFLICT (id_number_hash) DO NOTHING`.execute(tx);
  await resolveKnown(tx, 'unresolved');

  // 5. The same membership, with a changed joining date, job or card number (an empty cell keeps what is known).
  const moved = await sql<{ row_no: number; org_id: number; old_joined: string; joined_on: string; gender: 'male' | 'female'; household: 'urban' | 'rural' | null; dispatched: boolean | null }>`
    SELECT s.row_no, s.org_id, s.old_joined_on::text AS old_joined, s.joined_on::text AS joined_on, w.gender, w.household, w.dispatched
    FROM member_import_stage s CROSS JOIN LATERAL (SELECT gender, household, dispatched FROM workers WHERE id = s.worker_id OFFSET 0) w
    WHERE s.membership_changes AND s.old_joined_on <> s.joined_on`.execute(tx);
  for (const m of moved.rows) {
    const person = { orgId: Number(m.org_id), endedOn: null, gender: m.gender, household: m.household, dispatched: m.dispatched };
    outcome.deltas.push(...deltasOf({ ...person, joinedOn: m.old_joined }, -1), ...deltasOf({ ...person, joinedOn: m.joined_on }));
  }
  const changedMemberships = await sql<{ row_no: number }>`
    UPDATE memberships m SET joined_on = s.joined_on, job = coalesce(s.job, m.job), card_number = coalesce(s.card_number, m.card_number), updated_at = now()
    FROM member_import_stage s
    WHERE m.id = s.membership_id AND s.membership_changes
    RETURNING s.row_no`.execute(tx);

  // 6. New memberships: new people, and known people with no open membership of this union.
  const joined = await sql<{ row_no: number; org_id: number; joined_on: string; gender: 'male' | 'female'; household: 'urban' | 'rural' | null; dispatched: boolean | null }>`
    WITH inserted AS (
      INSERT INTO memberships (worker_id, org_id, joined_on, card_number, job)
      SELECT s.worker_id, s.org_id, s.joined_on, s.card_number, s.job
      FROM member_import_stage s
      WHERE s.worker_id IS NOT NULL AND s.membership_id IS NULL
      ON CONFLICT (worker_id, org_id) WHERE ended_on IS NULL DO NOTHING
      RETURNING worker_id, org_id, joined_on
    )
    SELECT s.row_no, i.org_id, i.joined_on::text AS joined_on, w.gender, w.household, w.dispatched
    FROM inserted i JOIN member_import_stage s ON s.worker_id = i.worker_id AND s.org_id = i.org_id
    CROSS JOIN LATERAL (SELECT gender, household, dispatched FROM workers WHERE id = i.worker_id OFFSET 0) w`.execute(tx);
  for (const m of joined.rows) {
    outcome.deltas.push(...deltasOf({ orgId: Number(m.org_id), joinedOn: m.joined_on, endedOn: null, gender: m.gender, household: m.household, dispatched: m.dispatched }));
  }

  const imported = new Set(joined.rows.map((row) => row.row_no));
  const updated = new Set([...changedWorkers.rows, ...changedMemberships.rows].map((row) => row.row_no).filter((rowNumber) => !imported.has(rowNumber)));
  const refusedRows = new Set(refused.rows.map((row) => row.row_no));
  outcome.imported = [...imported];
  outcome.updated = [...updated];
  outcome.unchanged = rows.map((row) => row.rowNumber).filter((rowNumber) => !imported.has(rowNumber) && !updated.has(rowNumber) && !refusedRows.has(rowNumber));
  await sql`DROP TABLE member_import_stage`.execute(tx);
  return outcome;
}

/** Copies the rows into the staging table, temporary and dropped at commit if not before. */
export async function stageRows(tx: Tx, copy: CopyIn, rows: readonly StagedMember[]): Promise<void> {
  await sql`CREATE TEMP TABLE IF NOT EXISTS member_import_stage (
      row_no integer NOT NULL, name text NOT NULL, id_hash bytea NOT NULL, id_tail_hash bytea NOT NULL, id_cipher bytea NOT NULL, gender text NOT NULL,
      birth_date date NOT NULL, phone_hash bytea, phone_cipher bytea, household text, dispatched boolean,
      education text, job text, card_number text, joined_on date NOT NULL, org_id bigint NOT NULL,
      -- Filled in by resolveKnown.
      worker_id bigint, name_differs boolean, kind_changes boolean, worker_changes boolean,
      membership_id bigint, old_joined_on date, membership_changes boolean
    ) ON COMMIT DROP`.execute(tx);
  const lines = rows.map((row) =>
    csvLine([row.rowNumber, row.name, row.idHash, row.idTailHash, row.idCipher, row.gender, row.birthDate, row.phoneHash, row.phoneCipher, row.household, row.dispatched, row.education, row.job, row.cardNumber, row.joinedOn, row.orgId]),
  );
  await copy(stage, columns, lines.join(''));
}

/**
 * Fills in, for each staged row, who the person is and what the row would change: the worker with its ID number
 * (null for someone new), whether the name differs, whether the household or dispatched flag changes
 * (`kind_changes`), whether anything of the worker changes (`worker_changes`: a new phone, household, dispatched flag
 * or education; an empty cell, or a column the file lacks, changes nothing); their open membership of the row's union, its joining date and
 * whether the joining date, job or card number change. `unresolved`: only rows without a worker yet.
 *
 * One correlated subquery per row, a look-up in the unique index of the ID number's hash and then in the one of
 * open memberships: the planner cannot turn it into a join that reads and hashes the whole of workers, as it did
 * when every statement of the merge joined the staging table to workers by the hash.
 */
export async function resolveKnown(tx: Tx, rows: 'all' | 'unresolved' = 'all'): Promise<void> {
  await sql`
    UPDATE member_import_stage s SET (worker_id, name_differs, kind_changes, worker_changes, membership_id, old_joined_on, membership_changes) = (
      SELECT w.id, w.name <> s.name,
             (s.household IS NOT NULL AND s.household IS DISTINCT FROM w.household) OR (s.dispatched IS NOT NULL AND s.dispatched IS DISTINCT FROM w.dispatched),
             (s.phone_hash IS NOT NULL AND s.phone_hash IS DISTINCT FROM w.phone_hash)
               OR (s.household IS NOT NULL AND s.household IS DISTINCT FROM w.household) OR (s.dispatched IS NOT NULL AND s.dispatched IS DISTINCT FROM w.dispatched)
               OR (s.education IS NOT NULL AND s.education IS DISTINCT FROM w.education),
             m.id, m.joined_on,
             m.id IS NOT NULL AND (m.joined_on <> s.joined_on OR (s.job IS NOT NULL AND s.job IS DISTINCT FROM m.job)
               OR (s.card_number IS NOT NULL AND s.card_number IS DISTINCT FROM m.card_number))
      FROM workers w LEFT JOIN memberships m ON m.worker_id = w.id AND m.org_id = s.org_id AND m.ended_on IS NULL
      WHERE w.id_number_hash = s.id_hash)
    ${rows === 'unresolved' ? sql`WHERE s.worker_id IS NULL` : sql``}`.execute(tx);
}

const workerColumns = ['id', 'name', 'id_number_cipher', 'id_number_hash', 'id_number_tail_hash', 'gender', 'birth_date', 'phone_cipher', 'phone_hash', 'household', 'dispatched', 'education'] as const;
const membershipColumns = ['worker_id', 'org_id', 'joined_on', 'card_number', 'job'] as const;

/**
 * Stores every row as a new person with a new membership: COPY straight into workers and memberships, the ids of the
 * new workers taken from their identity's sequence first (COPY writes the values it is given to an identity
 * column), so the memberships can name them. That is the database's own cheapest way to store these rows, with no
 * staging table and no INSERT … SELECT. False, with nothing stored, when one of them is known already (a unique
 * violation on the ID number's hash): then the chunk takes the careful path, which compares every row with what is
 * stored. Trying is cheaper than looking first: a first import never fails it, and a re-import fails at its first
 * row. (The ids taken for a chunk that fails are not used: a gap in the ids, as any rolled-back insert leaves.)
 */
export async function copyNewPeople(tx: Tx, copy: CopyIn, rows: readonly StagedMember[]): Promise<boolean> {
  // The sequence is named once: pg_get_serial_sequence per row cost as much as the COPY of the memberships.
  const { rows: ids } = await sql<{ id: string }>`
    SELECT nextval(s.sequence) AS id FROM (SELECT pg_get_serial_sequence('workers', 'id')::regclass AS sequence) s, generate_series(1, ${rows.length})`.execute(tx);
  let workers = '';
  let memberships = '';
  rows.forEach((row, index) => {
    const id = Number(ids[index]!.id);
    workers += csvLine([id, row.name, row.idCipher, row.idHash, row.idTailHash, row.gender, row.birthDate, row.phoneCipher, row.phoneHash, row.household, row.dispatched, row.education]);
    memberships += csvLine([id, row.orgId, row.joinedOn, row.cardNumber, row.job]);
  });
  await sql`SAVEPOINT member_import_new`.execute(tx);
  try {
    await copy('workers', workerColumns, workers);
    await copy('memberships', membershipColumns, memberships);
  } catch (error) {
    if ((error as { code?: string }).code !== '23505') throw error;
    await sql`ROLLBACK TO SAVEPOINT member_import_new`.execute(tx);
    return false;
  }
  await sql`RELEASE SAVEPOINT member_import_new`.execute(tx);
  return true;
}

/**
 * Refreshes the planner's statistics of the tables an import grows. Without them (PGlite has no autovacuum, and a
 * server's may lag behind a bulk load) the planner takes a table that has grown from nothing to be empty, joins it
 * by scanning it whole for every staged row, and each chunk takes longer than the one before. Called when the rows
 * loaded by a run have doubled, so the statistics are never more than a factor of two behind, at little cost.
 */
export async function refreshStatistics(db: Db): Promise<void> {
  await analyzeTables(db, ['workers', 'memberships']);
}

/** Sums deltas per union and year, so a chunk of 10,000 rows makes one row per union-year of counts. */
export function sumDeltas(deltas: readonly CountDelta[]): CountDelta[] {
  const sums = new Map<string, CountDelta & Record<string, number>>();
  for (const delta of deltas) {
    const key = `${delta.orgId}:${delta.year}`;
    let sum = sums.get(key);
    if (!sum) {
      sum = { orgId: delta.orgId, year: delta.year };
      sums.set(key, sum);
    }
    for (const [name, value] of Object.entries(delta)) if (name !== 'orgId' && name !== 'year') sum[name] = (sum[name] ?? 0) + (value as number);
  }
  return [...sums.values()].filter((sum) => Object.entries(sum).some(([key, value]) => key !== 'orgId' && key !== 'year' && value !== 0));
}
