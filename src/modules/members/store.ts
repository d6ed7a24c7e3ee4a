import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../core/db/tables.ts';
import { beyond, descending, orderedBy } from '../../core/db/keyset.ts';
import { addToAggregate } from '../../core/indicators/aggregates.ts';
import { cappedTotal, countCap, uncounted, type ListTotal, type ListWindow } from '../../core/paging.ts';
import { inScope, type Scope } from '../../core/scope.ts';
import { findOrgByIdInScope, orgIdsIn } from '../../core/tree.ts';
import type { MemberTables, NewMembership, NewWorker, WorkerRow } from './tables.ts';

/** The only code that touches the member module's tables. Memberships are scoped by their union's place in the tree. */
const tables = (db: Db) => db.withTables<MemberTables>();

function selectMembers(db: Db, scope: Scope) {
  return tables(db)
    .selectFrom('memberships as m')
    .innerJoin('workers as w', 'w.id', 'm.worker_id')
    .innerJoin('orgs as o', 'o.id', 'm.org_id')
    .select([
      'm.id', 'm.worker_id', 'm.org_id', 'm.joined_on', 'm.ended_on', 'm.end_reason', 'm.card_number', 'm.job', 'm.second_job',
      'w.name', 'w.gender', 'w.birth_date', 'w.id_number_cipher', 'w.phone_cipher', 'w.household', 'w.dispatched', 'w.education',
      'o.code as org_code', 'o.name as org_name', sql<string>`o.path::text`.as('org_path'),
    ])
    .where(inScope('o.path', scope));
}

export type MemberRecord = Awaited<ReturnType<ReturnType<typeof selectMembers>['executeTakeFirstOrThrow']>>;

export async function findMember(db: Db, scope: Scope, membershipId: number): Promise<MemberRecord | undefined> {
  return selectMembers(db, scope).where('m.id', '=', membershipId).executeTakeFirst();
}

/** Active on a date: joined on or before it, not ended by it. */
const activeOn = (date: string) => sql<boolean>`m.joined_on <= ${date}::date AND (m.ended_on IS NULL OR m.ended_on > ${date}::date)`;

// The roster as a list (src/core/paging.ts). Its one order: by union (the orgs' code), then the date joined, then the
// membership's id, which the index memberships (org_id, joined_on, id) gives under orgs (code). Plans are kept in
// plans/ (npm run bench -- explain) and the strategy below is in the README's "Lists and search".

export type MemberKey = readonly [orgCode: string, joinedOn: string, id: number];
export const memberKeyOf = (row: MemberRecord): MemberKey => [row.org_code, row.joined_on, row.id];

export interface MemberFilters {
  status: 'active' | 'ended' | 'all';
  /** Status is computed as of this date from the membership's dates. */
  onDate: string;
  /** A name or part of one (namePatterns). */
  name?: string | undefined;
  idNumberHash?: Buffer | undefined;
  /** The keyed hash of an ID number's last six characters: asked only with the scope narrowed to one union (the service). */
  idNumberTailHash?: Buffer | undefined;
  phoneHash?: Buffer | undefined;
  cardNumber?: string | undefined;
  joinedYear?: number | undefined;
  household?: 'urban' | 'rural' | undefined;
  dispatched?: boolean | undefined;
  /** Count the rows (up to countCap) even where that costs more than the page. */
  count?: boolean | undefined;
  /** The roster's order read forwards (default) or backwards. */
  order?: 'asc' | 'desc' | undefined;
}

/**
 * How many people a name may match for the list to start from them (their memberships looked up by worker and
 * sorted); a commoner name is matched while walking the roster in its order, where it is dense enough to fill a page
 * soon. About √(page × province) at scale 1 would balance the two; this is measured in docs/benchmarks.md.
 */
export const nameCandidates = 2000;

/**
 * How many of the roster's next memberships a surname is looked for among before it is looked up instead: enough
 * for a page of a surname one person in a hundred has, bounded so that a rarer one costs a few milliseconds more.
 */
const surnameWalkFor = (window: ListWindow<MemberKey>) => Math.min(20_000, Math.max(2_000, 100 * (window.offset + window.limit)));

/**
 * What a name search matches, as ILIKE patterns that pg_trgm can serve from workers_name_trgm. It finds a fragment
 * inside a name only from three characters on (it needs a whole trigram); one character is a surname, which begins
 * the name (the padded trigram "  王"), and two are a full name, a surname and the first of the given name, or the
 * given name, which begin or end the name ("  李", " 李建"; "建国 ").
 */
export function namePatterns(name: string): string[] {
  const escaped = name.replace(/[\\%_]/g, '\\$&');
  const length = [...name].length;
  if (length >= 3) return [`%${escaped}%`];
  return length === 1 ? [`${escaped}%`] : [`${escaped}%`, `%${escaped}`];
}

const nameMatches = (column: RawBuilder<unknown>, name: string) => sql<boolean>`(${sql.join(namePatterns(name).map((pattern) => sql`${column} ILIKE ${pattern}`), sql` OR `)})`;

/** Names that look like it, for a typing mistake: pg_trgm's % through the same index, then a closer similarity. */
const similarTo = (column: RawBuilder<unknown>, name: string) => sql<boolean>`(${column} % ${name} AND similarity(${column}, ${name}) > 0.4)`;

/**
 * The people a name search matches, up to `limit` of them, found by the trigram index (workers_name_trgm), and the
 * condition that matches them: the name's patterns, or, when nobody has such a name, names like it.
 */
async function workersNamed(db: Db, name: string, limit: number): Promise<{ ids: number[]; matches: (column: RawBuilder<unknown>) => RawBuilder<boolean> }> {
  const named = (await sql<{ id: number }>`SELECT id FROM workers WHERE ${nameMatches(sql`name`, name)} LIMIT ${limit}`.execute(db)).rows;
  if (named.length > 0 || [...name].length < 2) return { ids: named.map((row) => row.id), matches: (column) => nameMatches(column, name) };
  const similar = (await sql<{ id: number }>`SELECT id FROM workers WHERE ${similarTo(sql`name`, name)} LIMIT ${limit}`.execute(db)).rows;
  return { ids: similar.map((row) => row.id), matches: (column) => similarTo(column, name) };
}

/** The conditions on a membership (m) and on its worker (w) that every way of listing applies. */
function memberConditions(filters: MemberFilters): { membership: RawBuilder<boolean>[]; worker: RawBuilder<boolean>[] } {
  const membership: RawBuilder<boolean>[] = [];
  const worker: RawBuilder<boolean>[] = [];
  if (filters.status === 'active') membership.push(activeOn(filters.onDate));
  if (filters.status === 'ended') membership.push(sql<boolean>`m.ended_on <= ${filters.onDate}::date`);
  // A range, not extract(year …): it is the second column of the index the roster is read by.
  if (filters.joinedYear) membership.push(sql<boolean>`m.joined_on >= ${`${filters.joinedYear}-01-01`}::date AND m.joined_on < ${`${filters.joinedYear + 1}-01-01`}::date`);
  if (filters.cardNumber) membership.push(sql<boolean>`m.card_number = ${filters.cardNumber}`);
  if (filters.household) worker.push(sql<boolean>`w.household = ${filters.household}`);
  if (filters.dispatched !== undefined) worker.push(sql<boolean>`w.dispatched = ${filters.dispatched}`);
  if (filters.idNumberHash) worker.push(sql<boolean>`w.id_number_hash = ${filters.idNumberHash}`);
  if (filters.idNumberTailHash) worker.push(sql<boolean>`w.id_number_tail_hash = ${filters.idNumberTailHash}`);
  if (filters.phoneHash) worker.push(sql<boolean>`w.phone_hash = ${filters.phoneHash}`);
  return { membership, worker };
}

const and = (conditions: RawBuilder<boolean>[]) => (conditions.length ? sql<boolean>`${sql.join(conditions, sql` AND `)}` : sql<boolean>`true`);

const membershipOnlyColumns = sql`m.id, m.worker_id, m.org_id, m.joined_on, m.ended_on, m.end_reason, m.card_number, m.job, m.second_job`;
const workerColumns = sql`w.name, w.gender, w.birth_date, w.id_number_cipher, w.phone_cipher, w.household, w.dispatched, w.education`;
const membershipColumns = sql`${membershipOnlyColumns}, ${workerColumns}`;
const orgColumns = sql`o.code AS org_code, o.name AS org_name, o.path::text AS org_path`;

/** The members of the scope's roster for a window of the list, nearest first, and the list's total where it is cheap. */
export async function listMembers(
  db: Db,
  scope: Scope,
  filters: MemberFilters,
  window: ListWindow<MemberKey>,
  /** Tests lower it to walk the roster with a name that few people have. */
  candidates = nameCandidates,
  /** Tests lower it so that a surname's look among the next memberships stops short of a page. */
  surnameWalk = surnameWalkFor(window),
): Promise<{ rows: MemberRecord[]; total: ListTotal }> {
  const split = memberConditions(filters);
  const conditions = [...split.membership, ...split.worker];
  const direction = filters.order ?? 'asc';
  const selective = filters.idNumberHash !== undefined || filters.idNumberTailHash !== undefined || filters.phoneHash !== undefined || filters.cardNumber !== undefined;
  // A surname alone (王: one person in ten) is first looked for among the roster's next memberships, where it fills a
  // page within a few hundred rows; only when they do not fill it is it looked up as any name is below.
  if (filters.name && [...filters.name].length === 1 && !selective) {
    const named = [...split.worker, nameMatches(sql`w.name`, filters.name)];
    const rows = await surnameAmongNext(db, scope, and(split.membership), and(named), window, direction, surnameWalk);
    if (rows) return { rows, total: filters.count ? await countMembers(db, scope, and([...split.membership, ...named])) : uncounted };
  }
  let people: number[] | undefined;
  if (filters.name) {
    const named = await workersNamed(db, filters.name, candidates + 1);
    if (named.ids.length <= candidates) people = named.ids;
    else conditions.push(named.matches(sql`w.name`));
  }
  if (people?.length === 0) return { rows: [], total: { total: 0, capped: false } };
  if (people) conditions.push(sql<boolean>`m.worker_id = ANY(${people}::bigint[])`);
  // Few rows to sort: one person (ID number, phone), one card, or the few people a name matched.
  const few = people !== undefined || selective;
  const rows = few ? await fewMembers(db, scope, and(conditions), window, direction) : await walkRoster(db, scope, and(conditions), window, direction);
  let total: ListTotal = uncounted;
  const unfiltered = !filters.name && !few && !filters.joinedYear && !filters.household && filters.dispatched === undefined;
  if (unfiltered) total = await rosterTotal(db, scope, filters.status, Number(filters.onDate.slice(0, 4)));
  else if (few || filters.count) total = await countMembers(db, scope, and(conditions));
  return { rows, total };
}

/**
 * The window of a surname's members among the roster's next `walk` memberships (walkRoster's walk over the
 * memberships alone, `memberships`; their workers are read one by one for the name, `workers`, only until the page
 * is full), or undefined when those memberships do not fill it. A page they fill is the list's: they are the
 * roster's next rows, in its order.
 */
async function surnameAmongNext(
  db: Db,
  scope: Scope,
  memberships: RawBuilder<boolean>,
  workers: RawBuilder<boolean>,
  window: ListWindow<MemberKey>,
  order: 'asc' | 'desc',
  walk: number,
): Promise<MemberRecord[] | undefined> {
  const direction = descending(order, window) ? sql`DESC` : sql`ASC`;
  // The walk from the window's place; the page's offset is counted among the surname's rows, not the walk's.
  const next = walkSql(scope, memberships, { ...window, offset: 0 }, order, walk, 'memberships');
  const { rows } = await sql<MemberRecord>`
    SELECT next.*, ${workerColumns}
    FROM (${next}) next JOIN workers w ON w.id = next.worker_id
    WHERE ${workers}
    ORDER BY next.org_code ${direction}, next.joined_on ${direction}, next.id ${direction}
    OFFSET ${window.offset} LIMIT ${window.limit}`.execute(db);
  return rows.length === window.limit ? rows : undefined;
}

/**
 * The rows matching selective conditions, all found by their own indexes and gathered first (MATERIALIZED: the
 * planner cannot then walk the scope's unions in the list's order to find a few people), then sorted: a small set.
 */
async function fewMembers(db: Db, scope: Scope, where: RawBuilder<boolean>, window: ListWindow<MemberKey>, direction: 'asc' | 'desc'): Promise<MemberRecord[]> {
  const desc = descending(direction, window);
  const order = [sql`o.code`, sql`m.joined_on`, sql`m.id`];
  const { rows } = await sql<MemberRecord>`
    WITH m AS MATERIALIZED (
      SELECT ${membershipColumns}
      FROM memberships m JOIN workers w ON w.id = m.worker_id
      WHERE ${where}
    )
    SELECT m.*, ${orgColumns}
    FROM m JOIN orgs o ON o.id = m.org_id
    WHERE ${inScope('o.path', scope)} AND ${beyond(order, window, desc)}
    ORDER BY ${orderedBy(order, desc)}
    OFFSET ${window.offset} LIMIT ${window.limit}`.execute(db);
  return rows;
}

/**
 * The roster in its order: the scope's orgs by code and, for each (LATERAL, so always a nested loop), its
 * memberships along memberships (org_id, joined_on, id) from the cursor's place, until the page is full. The work is
 * the page's rows and the rows the conditions pass over, whatever the depth of the page and the size of the scope.
 */
async function walkRoster(db: Db, scope: Scope, where: RawBuilder<boolean>, window: ListWindow<MemberKey>, order: 'asc' | 'desc'): Promise<MemberRecord[]> {
  const { rows } = await sql<MemberRecord>`${walkSql(scope, where, window, order, window.limit, 'members')}`.execute(db);
  return rows;
}

/**
 * walkRoster's SQL, for `limit` rows after the window's offset: of `members` (each membership with its worker, whom
 * `where` may name as w) or of `memberships` alone (`where` names only m; the rows have no worker's columns).
 */
function walkSql(scope: Scope, where: RawBuilder<boolean>, window: ListWindow<MemberKey>, order: 'asc' | 'desc', limit: number, of: 'members' | 'memberships'): RawBuilder<MemberRecord> {
  const desc = descending(order, window);
  const key = window.key;
  const direction = desc ? sql`DESC` : sql`ASC`;
  const orgFrom = key === undefined ? sql`true` : desc ? sql`o.code <= ${key[0]}` : sql`o.code >= ${key[0]}`;
  // In the cursor's union the walk starts after the cursor's row; in the unions after it, at their first row. One
  // row comparison either way, so the index scan starts there instead of filtering its way to it.
  const within =
    key === undefined
      ? sql`true`
      : sql`(m.joined_on, m.id) ${desc ? sql`<` : sql`>`} (CASE WHEN o.code = ${key[0]} THEN ${key[1]}::date ELSE ${desc ? sql`'infinity'` : sql`'-infinity'`}::date END,
                                  CASE WHEN o.code = ${key[0]} THEN ${key[2]}::bigint ELSE ${desc ? sql`9223372036854775807` : sql`0`}::bigint END)`;
  return sql<MemberRecord>`
    SELECT x.*, ${orgColumns}
    FROM orgs o
    CROSS JOIN LATERAL (
      SELECT ${of === 'members' ? sql`${membershipColumns} FROM memberships m JOIN workers w ON w.id = m.worker_id` : sql`${membershipOnlyColumns} FROM memberships m`}
      WHERE m.org_id = o.id AND ${where} AND ${within}
      ORDER BY m.joined_on ${direction}, m.id ${direction}
      LIMIT ${window.offset + limit}
    ) x
    WHERE ${inScope('o.path', scope)} AND ${orgFrom}
    ORDER BY o.code ${direction}, x.joined_on ${direction}, x.id ${direction}
    OFFSET ${window.offset} LIMIT ${limit}`;
}

/** The rows matching the conditions in the scope, counted up to countCap. */
async function countMembers(db: Db, scope: Scope, where: RawBuilder<boolean>): Promise<ListTotal> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM (
      SELECT 1 FROM memberships m JOIN workers w ON w.id = m.worker_id JOIN orgs o ON o.id = m.org_id
      WHERE ${inScope('o.path', scope)} AND ${where}
      LIMIT ${countCap + 1}
    ) matching`.execute(db);
  return cappedTotal(rows[0]!.n);
}

/**
 * The roster's size from member_counts, whose row of an org holds its subtree's joins and ends by year: as of a
 * date in year Y, the memberships joined (Σ joined), ended (Σ ended) and active (the difference) over the years up
 * to Y. Dates are never in the future (the forms and the import refuse them), so the year's sums are the date's.
 */
export async function rosterTotal(db: Db, scope: Scope, status: MemberFilters['status'], year: number): Promise<ListTotal> {
  const org = scope.path === '' ? sql`(SELECT id FROM orgs WHERE parent_id IS NULL)` : sql`${scope.orgId}::bigint`;
  const { rows } = await sql<{ joined: number; ended: number }>`
    SELECT coalesce(sum(joined), 0)::bigint AS joined, coalesce(sum(ended), 0)::bigint AS ended
    FROM member_counts WHERE org_id = ${org} AND year <= ${year}`.execute(db);
  const { joined, ended } = rows[0]!;
  return { total: status === 'active' ? joined - ended : status === 'ended' ? ended : joined, capped: false };
}

/**
 * The person with this ID number, wherever they are: a person is one row in the province, so this look-up is
 * deliberately not scoped. Callers tell the user only what lies in their scope.
 */
export async function findWorkerByIdNumberHash(db: Db, idNumberHash: Buffer): Promise<WorkerRow | undefined> {
  return tables(db).selectFrom('workers').selectAll().where('id_number_hash', '=', idNumberHash).executeTakeFirst();
}

/** A person's open memberships anywhere, with whether each lies in the scope (the union is named only then). */
export async function openMembershipsOf(db: Db, scope: Scope, workerId: number, onDate: string) {
  return tables(db)
    .selectFrom('memberships as m')
    .innerJoin('orgs as o', 'o.id', 'm.org_id')
    .select(['m.id', 'm.org_id', 'o.code', 'o.name', sql<boolean>`o.path <@ ${scope.path}::ltree`.as('in_scope')])
    .where('m.worker_id', '=', workerId)
    .where(activeOn(onDate))
    .execute();
}

/**
 * Workers stored before the tail hash existed (members migration 0006), a batch at a time by id, with their sealed
 * ID numbers: the start decrypts them and fills the hash in (fillIdNumberTails). Not scoped: it is the start's work.
 */
export async function workersWithoutTail(db: Db, afterId: number, limit: number): Promise<{ id: number; id_number_cipher: Buffer }[]> {
  return tables(db).selectFrom('workers').select(['id', 'id_number_cipher']).where('id_number_tail_hash', 'is', null).where('id', '>', afterId).orderBy('id').limit(limit).execute();
}

export async function setIdNumberTails(db: Db, ids: number[], hashes: Buffer[]): Promise<void> {
  const hex = hashes.map((hash) => hash.toString('hex'));
  await sql`UPDATE workers SET id_number_tail_hash = decode(s.hash, 'hex') FROM unnest(${ids}::bigint[], ${hex}::text[]) AS s(id, hash) WHERE workers.id = s.id`.execute(db);
}

export async function insertWorker(db: Db, worker: NewWorker): Promise<number> {
  const row = await tables(db).insertInto('workers').values(worker).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Edits a person whose principal membership lies in the scope (see keptInScope): another membership, a second job in
 * another county say, only reads the person. False when nothing was changed for that reason.
 */
export async function updateWorker(db: Db, scope: Scope, workerId: number, changes: Partial<Omit<NewWorker, 'id'>>, onDate: string): Promise<boolean> {
  const result = await tables(db)
    .updateTable('workers')
    .set({ ...changes, updated_at: sql<Date>`now()` })
    .where('id', '=', workerId)
    .where(sql<boolean>`(SELECT o.path FROM memberships m JOIN orgs o ON o.id = m.org_id WHERE m.worker_id = workers.id ORDER BY ${principalFirst(onDate)} LIMIT 1) <@ ${scope.path}::ltree`)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Inserts a membership of a union in scope; undefined when the union is not in scope. */
export async function insertMembership(db: Db, scope: Scope, membership: NewMembership): Promise<number | undefined> {
  if (!(await findOrgByIdInScope(db, scope, membership.org_id))) return undefined;
  const row = await tables(db).insertInto('memberships').values(membership).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateMembership(db: Db, scope: Scope, membershipId: number, changes: Partial<Omit<NewMembership, 'id' | 'worker_id'>>): Promise<void> {
  await tables(db)
    .updateTable('memberships')
    .set({ ...changes, updated_at: sql<Date>`now()` })
    .where('id', '=', membershipId)
    .where('org_id', 'in', orgIdsIn(scope))
    .execute();
}

/** Every membership of a person, for recounting when the person's own fields change. Not scoped: see above. */
export async function membershipsOfWorker(db: Db, workerId: number) {
  return tables(db).selectFrom('memberships').select(['id', 'org_id', 'joined_on', 'ended_on']).where('worker_id', '=', workerId).execute();
}

// The per-union, per-year counts.

export interface CountDelta {
  orgId: number;
  year: number;
  joined?: number;
  ended?: number;
  joinedWomen?: number;
  endedWomen?: number;
  joinedMigrant?: number;
  endedMigrant?: number;
  joinedDispatched?: number;
  endedDispatched?: number;
  joinedHouseholdUnknown?: number;
  endedHouseholdUnknown?: number;
  joinedDispatchedUnknown?: number;
  endedDispatchedUnknown?: number;
}

/** The flow columns of `member_counts`, in the order of the table. */
export const countColumns = [
  'joined', 'ended', 'joined_women', 'ended_women', 'joined_migrant', 'ended_migrant', 'joined_dispatched', 'ended_dispatched',
  'joined_household_unknown', 'ended_household_unknown', 'joined_dispatched_unknown', 'ended_dispatched_unknown',
] as const;

/**
 * Adds deltas to the counts of the union and of every org above it, in one statement; called in the transaction
 * of the change they describe.
 */
export async function addCounts(db: Db, deltas: CountDelta[]): Promise<void> {
  await addToAggregate(
    db,
    'member_counts',
    deltas.map((delta) => ({
      orgId: delta.orgId,
      year: delta.year,
      values: {
        joined: delta.joined ?? 0,
        ended: delta.ended ?? 0,
        joined_women: delta.joinedWomen ?? 0,
        ended_women: delta.endedWomen ?? 0,
        joined_migrant: delta.joinedMigrant ?? 0,
        ended_migrant: delta.endedMigrant ?? 0,
        joined_dispatched: delta.joinedDispatched ?? 0,
        ended_dispatched: delta.endedDispatched ?? 0,
        joined_household_unknown: delta.joinedHouseholdUnknown ?? 0,
        ended_household_unknown: delta.endedHouseholdUnknown ?? 0,
        joined_dispatched_unknown: delta.joinedDispatchedUnknown ?? 0,
        ended_dispatched_unknown: delta.endedDispatchedUnknown ?? 0,
      },
    })),
  );
}

/**
 * Each union's flows from the memberships themselves: +1 in the year of joining, +1 ended in the year of ending.
 * An unknown household or dispatched flag (null) counts as neither migrant nor dispatched, but as unknown.
 */
export function countsFromRecords() {
  return sql<Record<string, unknown>>`
    SELECT m.org_id, extract(year FROM m.joined_on)::int AS year, 1 AS joined, 0 AS ended,
           (w.gender = 'female')::int AS joined_women, 0 AS ended_women, coalesce(w.household = 'rural', false)::int AS joined_migrant, 0 AS ended_migrant,
           coalesce(w.dispatched, false)::int AS joined_dispatched, 0 AS ended_dispatched,
           (w.household IS NULL)::int AS joined_household_unknown, 0 AS ended_household_unknown,
           (w.dispatched IS NULL)::int AS joined_dispatched_unknown, 0 AS ended_dispatched_unknown
    FROM memberships m JOIN workers w ON w.id = m.worker_id
    UNION ALL
    SELECT m.org_id, extract(year FROM m.ended_on)::int, 0, 1, 0, (w.gender = 'female')::int, 0, coalesce(w.household = 'rural', false)::int, 0, coalesce(w.dispatched, false)::int,
           0, (w.household IS NULL)::int, 0, (w.dispatched IS NULL)::int
    FROM memberships m JOIN workers w ON w.id = m.worker_id
    WHERE m.ended_on IS NOT NULL`;
}

// Transfers.

function selectTransfers(db: Db, scope: Scope) {
  return tables(db)
    .selectFrom('member_transfers as t')
    .innerJoin('memberships as m', 'm.id', 't.membership_id')
    .innerJoin('workers as w', 'w.id', 'm.worker_id')
    .innerJoin('orgs as f', 'f.id', 't.from_org_id')
    .innerJoin('orgs as d', 'd.id', 't.to_org_id')
    .select([
      't.id', 't.membership_id', 't.from_org_id', 't.to_org_id', 't.requested_on', 't.status', 't.decided_on', 't.new_membership_id',
      'w.name', 'w.id_number_cipher', 'w.gender', 'w.household', 'w.dispatched',
      'm.worker_id', 'm.joined_on', 'm.ended_on', 'm.card_number', 'm.job',
      'f.code as from_code', 'f.name as from_name', 'd.code as to_code', 'd.name as to_name',
      sql<string>`f.path::text`.as('from_path'),
      sql<string>`d.path::text`.as('to_path'),
      sql<boolean>`f.path <@ ${scope.path}::ltree`.as('from_in_scope'),
      sql<boolean>`d.path <@ ${scope.path}::ltree`.as('to_in_scope'),
    ])
    // Both sides see a transfer, and so does every level above either side.
    .where((eb) => eb.or([inScope('f.path', scope), inScope('d.path', scope)]));
}

export type TransferRecord = Awaited<ReturnType<ReturnType<typeof selectTransfers>['executeTakeFirstOrThrow']>>;

export async function findTransfer(db: Db, scope: Scope, transferId: number): Promise<TransferRecord | undefined> {
  return selectTransfers(db, scope).where('t.id', '=', transferId).executeTakeFirst();
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, '\\$&');

/** Transfers in scope, those waiting for a decision first, then the newest. */
export async function listTransfers(db: Db, scope: Scope, query: { direction: 'incoming' | 'outgoing' | 'all'; status?: string | undefined; q?: string | undefined; limit: number }) {
  let base = selectTransfers(db, scope);
  if (query.direction === 'incoming') base = base.where(inScope('d.path', scope));
  if (query.direction === 'outgoing') base = base.where(inScope('f.path', scope));
  if (query.status) base = base.where('t.status', '=', query.status as 'pending');
  if (query.q) {
    const part = `%${escapeLike(query.q)}%`;
    base = base.where(sql<boolean>`(w.name ILIKE ${part} OR f.name ILIKE ${part} OR d.name ILIKE ${part} OR f.code = ${query.q} OR d.code = ${query.q})`);
  }
  return base.orderBy(sql`t.status = 'pending'`, 'desc').orderBy('t.id', 'desc').limit(query.limit).execute();
}

/**
 * Grassroots unions a member may move to: within `near` (the caller's county, or their scope when wider) by any part
 * of the name or the start of the code; anywhere else by the full name or code only, so that a search does not list
 * another county's unions. Exact matches first.
 */
export async function findDestinations(db: Db, near: string, q: string, limit: number): Promise<{ code: string; name: string; parent_name: string | null }[]> {
  const part = `%${escapeLike(q)}%`;
  const start = `${escapeLike(q)}%`;
  // Pinyin initials (org migration 0004) are asked only of Latin letters typed, and only near, like a part of a name.
  const initials = /^[a-z][a-z0-9]*$/i.test(q) ? `%${q.toUpperCase()}%` : null;
  const { rows } = await sql<{ code: string; name: string; parent_name: string | null }>`
    SELECT o.code, o.name, p.name AS parent_name
    FROM orgs o LEFT JOIN orgs p ON p.id = o.parent_id
    WHERE o.kind = 'grassroots'
      AND (o.name = ${q} OR o.code = ${q} OR (o.path <@ ${near}::ltree AND (o.name ILIKE ${part} OR o.code LIKE ${start} OR o.name_initials LIKE ${initials})))
    ORDER BY (o.name = ${q} OR o.code = ${q}) DESC, o.name, o.code
    LIMIT ${limit}`.execute(db);
  return rows;
}

/** The caller's county (the scope's ancestor three levels down: province, city, county), or the scope itself when wider. */
export function countyOf(scope: Scope): string {
  return scope.path.split('.').slice(0, 3).join('.');
}

export async function insertTransfer(db: Db, scope: Scope, transfer: { membershipId: number; fromOrgId: number; toOrgId: number; requestedOn: string; requestedBy: number | null }): Promise<number | undefined> {
  if (!(await findOrgByIdInScope(db, scope, transfer.fromOrgId))) return undefined;
  const row = await tables(db)
    .insertInto('member_transfers')
    .values({ membership_id: transfer.membershipId, from_org_id: transfer.fromOrgId, to_org_id: transfer.toOrgId, requested_on: transfer.requestedOn, requested_by: transfer.requestedBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function decideTransfer(db: Db, scope: Scope, transferId: number, decision: { status: 'accepted' | 'rejected' | 'cancelled'; decidedOn: string; decidedBy: number | null; newMembershipId?: number }): Promise<boolean> {
  const result = await tables(db)
    .updateTable('member_transfers')
    .set({ status: decision.status, decided_on: decision.decidedOn, decided_by: decision.decidedBy, new_membership_id: decision.newMembershipId ?? null })
    .where('id', '=', transferId)
    .where('status', '=', 'pending')
    .where((eb) => eb.or([eb('to_org_id', 'in', orgIdsIn(scope)), eb('from_org_id', 'in', orgIdsIn(scope))]))
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Ends the membership a pending transfer moves, on the destination's acceptance: the destination may not see the
 * source union, so the transfer (which it does see) is what grants the write.
 */
export async function endTransferredMembership(db: Db, scope: Scope, transferId: number, endedOn: string): Promise<boolean> {
  const result = await tables(db)
    .updateTable('memberships')
    .set({ ended_on: endedOn, end_reason: 'transferred', updated_at: sql<Date>`now()` })
    .where('ended_on', 'is', null)
    .where('id', '=', (eb) =>
      eb
        .selectFrom('member_transfers as t')
        .innerJoin('orgs as d', 'd.id', 't.to_org_id')
        .select('t.membership_id')
        .where('t.id', '=', transferId)
        .where('t.status', '=', 'pending')
        .where(inScope('d.path', scope)),
    )
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}


/** Pending transfers into the scope: what its unions (or the levels above them) have to accept or reject. */
export async function countPendingIncoming(db: Db, scope: Scope): Promise<number> {
  const row = await tables(db)
    .selectFrom('member_transfers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'pending')
    .where('to_org_id', 'in', orgIdsIn(scope))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// Who keeps a person.

/**
 * The order that names a person's principal membership, whose union keeps the person's own fields (name, phone,
 * household, dispatched flag, education): an active membership before an ended one, a membership before a declared
 * second job, then the most recently ended, the longest-standing, the first entered.
 */
const principalFirst = (onDate: string) =>
  sql`(m.joined_on <= ${onDate}::date AND (m.ended_on IS NULL OR m.ended_on > ${onDate}::date)) DESC, m.second_job, m.ended_on DESC NULLS FIRST, m.joined_on, m.id`;

/**
 * For each person, whether the scope covers their principal membership's union — whether it may change the person;
 * every other membership only reads them. It names no union: only yes or no for the scope.
 */
export async function keptInScope(db: Db, scope: Scope, workerIds: readonly number[], onDate: string): Promise<Map<number, boolean>> {
  const ids = [...new Set(workerIds)];
  if (ids.length === 0) return new Map();
  const { rows } = await sql<{ worker_id: number; kept: boolean }>`
    SELECT DISTINCT ON (m.worker_id) m.worker_id, o.path <@ ${scope.path}::ltree AS kept
    FROM memberships m JOIN orgs o ON o.id = m.org_id
    WHERE m.worker_id IN (${sql.join(ids)})
    ORDER BY m.worker_id, ${principalFirst(onDate)}`.execute(db);
  return new Map(rows.map((row) => [Number(row.worker_id), row.kept]));
}

/** Whether the person has any membership, open or ended, in the scope: whether the scope knows them already. */
export async function knownInScope(db: Db, scope: Scope, workerId: number): Promise<boolean> {
  const row = await tables(db).selectFrom('memberships as m').innerJoin('orgs as o', 'o.id', 'm.org_id').select('m.id').where('m.worker_id', '=', workerId).where(inScope('o.path', scope)).limit(1).executeTakeFirst();
  return row !== undefined;
}

/**
 * Every membership of a person with its union's path: each shows the person's fields, so a change of them is audited
 * on each (visible in each union's scope). Not scoped: the audit goes where the memberships are.
 */
export async function membershipsShowing(db: Db, workerId: number): Promise<{ id: number; org_path: string }[]> {
  return tables(db).selectFrom('memberships as m').innerJoin('orgs as o', 'o.id', 'm.org_id').select(['m.id', sql<string>`o.path::text`.as('org_path')]).where('m.worker_id', '=', workerId).orderBy('m.id').execute();
}
