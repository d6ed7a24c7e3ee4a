import { sql, type RawBuilder } from 'kysely';
import type { Db, Job } from '../db/tables.ts';
import { covers, inScope, type Scope } from '../scope.ts';
import type { JobStatus } from './schema.ts';
import type { FieldIssue } from '../errors.ts';

/** The only code that touches the jobs table. Every function takes a scope, except claimNext (see there). */

/**
 * A job as one runner holds it. `attempts` is bumped by every claim, so it tells this runner's hold from a later
 * one: a runner whose job was taken over (it looked dead) finds its writes matching nothing, instead of
 * overwriting the progress of the runner that resumed the job.
 */
export interface JobClaim {
  id: number;
  attempts: number;
}

/** The row is still running under this claim. */
function heldBy(claim: JobClaim): RawBuilder<boolean> {
  return sql<boolean>`id = ${claim.id} AND attempts = ${claim.attempts} AND status = 'running'`;
}

export interface NewJob {
  kind: string;
  /** The org the job works for: it is visible in that org's scope and above. */
  orgPath: string;
  createdBy: number | null;
  params: unknown;
  total: number | null;
}

/** Undefined when the job's org lies outside the scope: nobody queues work for an org they cannot see. */
export async function insertJob(db: Db, scope: Scope, job: NewJob): Promise<number | undefined> {
  if (!covers(scope, job.orgPath)) return undefined;
  const row = await db
    .insertInto('jobs')
    .values({
      kind: job.kind,
      org_path: job.orgPath,
      created_by: job.createdBy,
      params: JSON.stringify(job.params ?? {}),
      progress_total: job.total,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findJob(db: Db, scope: Scope, id: number): Promise<Job | undefined> {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).where(inScope('org_path', scope)).executeTakeFirst();
}

export interface JobFilter {
  kind?: string | undefined;
  status?: JobStatus | undefined;
  /** Jobs with an id below this one: the next page. */
  before?: number | undefined;
  limit: number;
}

export async function listJobs(db: Db, scope: Scope, filter: JobFilter): Promise<Job[]> {
  let query = db.selectFrom('jobs').selectAll().where(inScope('org_path', scope));
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.before !== undefined) query = query.where('id', '<', filter.before);
  return query.orderBy('id', 'desc').limit(filter.limit).execute();
}

/**
 * Asks a job to stop. A queued job has done nothing yet, so it is cancelled at once; a running one is only
 * flagged, and its handler stops at its next look at the flag, keeping what it has committed. Undefined when
 * the job is not in scope or has already ended.
 */
export async function requestCancel(db: Db, scope: Scope, id: number): Promise<Job | undefined> {
  return db
    .updateTable('jobs')
    .set({
      cancel_requested: true,
      status: sql<JobStatus>`CASE WHEN status = 'queued' THEN 'cancelled' ELSE status END`,
      finished_at: sql<Date | null>`CASE WHEN status = 'queued' THEN now() ELSE finished_at END`,
    })
    .where('id', '=', id)
    .where(inScope('org_path', scope))
    .where('status', 'in', ['queued', 'running'])
    .returningAll()
    .executeTakeFirst();
}

/**
 * Takes the oldest job of the given kinds that is waiting: queued, or running with a heartbeat older than
 * `staleMs` — a job whose server died under it, which is how work resumes after a crash. No scope on purpose:
 * the runner is the platform itself, working through everyone's queue; what a job may touch is bounded by the
 * handler, which acts as the job's creator. SKIP LOCKED lets several servers share one queue without taking the
 * same job twice, and skips a job whose running handler holds its row in an open transaction.
 */
export async function claimNext(db: Db, kinds: readonly string[], staleMs: number): Promise<Job | undefined> {
  if (kinds.length === 0) return undefined;
  const { rows } = await sql<Job>`
    UPDATE jobs SET
      status = 'running',
      attempts = attempts + 1,
      started_at = coalesce(started_at, now()),
      heartbeat_at = now()
    WHERE id = (
      SELECT id FROM jobs
      WHERE kind = ANY(${[...kinds]}::text[])
        AND (status = 'queued'
          OR (status = 'running' AND coalesce(heartbeat_at, '-infinity') < now() - make_interval(secs => ${staleMs / 1000})))
      ORDER BY id
      LIMIT 1
      FOR UPDATE SKIP LOCKED
    )
    RETURNING *`.execute(db);
  return rows[0];
}

// The rest is the runner's bookkeeping on a job it has claimed. The runner passes the whole tree (it acts as the
// platform); the scope is still required so that no caller elsewhere can write a job without saying whose it is.

/** Proves the runner alive and records how far the job is. False when the job is no longer held by this claim. */
export async function heartbeat(db: Db, scope: Scope, claim: JobClaim, progress: { done: number; total: number | null }): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    // Never backwards: a heartbeat queued before a checkpoint committed may land after it.
    .set({ heartbeat_at: sql<Date>`now()`, progress_done: sql<number>`greatest(progress_done, ${progress.done})`, progress_total: progress.total })
    .where(heldBy(claim))
    .where(inScope('org_path', scope))
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Records where a resumed run picks up. Called with the handler's own transaction, so the resume point and the
 * work it covers commit together or not at all. False when the job is no longer held by this claim.
 */
export async function saveCheckpoint(tx: Db, scope: Scope, claim: JobClaim, value: unknown, done: number): Promise<boolean> {
  const result = await tx
    .updateTable('jobs')
    .set({ checkpoint: JSON.stringify(value ?? null), progress_done: done, heartbeat_at: sql<Date>`now()` })
    .where(heldBy(claim))
    .where(inScope('org_path', scope))
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function isCancelRequested(db: Db, scope: Scope, id: number): Promise<boolean> {
  const row = await db.selectFrom('jobs').select('cancel_requested').where('id', '=', id).where(inScope('org_path', scope)).executeTakeFirst();
  return row?.cancel_requested ?? false;
}

export interface JobOutcome {
  status: 'succeeded' | 'failed' | 'cancelled';
  result?: unknown;
  error?: { code: string; messageKey: string; params: Record<string, string | number>; issues?: FieldIssue[] };
  progress?: { done: number; total: number | null };
}

/** Ends a job. False when it was no longer held by this claim (another runner took it over). */
export async function finishJob(db: Db, scope: Scope, claim: JobClaim, outcome: JobOutcome): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({
      status: outcome.status,
      result: outcome.result === undefined ? null : JSON.stringify(outcome.result),
      error: outcome.error ? JSON.stringify(outcome.error) : null,
      finished_at: sql<Date>`now()`,
      heartbeat_at: sql<Date>`now()`,
      ...(outcome.progress ? { progress_done: outcome.progress.done, progress_total: outcome.progress.total } : {}),
    })
    .where(heldBy(claim))
    .where(inScope('org_path', scope))
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Puts a job back in the queue when its server stops in good order, or the disk is full (`why`, shown with the job
 * until it ends); the checkpoint stays, so the next start resumes it at once instead of waiting for it to look stale.
 * The attempt is given back: a pause is not a crash.
 */
export async function releaseJob(db: Db, scope: Scope, claim: JobClaim, progress: { done: number; total: number | null }, why?: { code: string; messageKey: string; params: Record<string, string | number> }): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set((eb) => ({ status: 'queued', attempts: eb('attempts', '-', 1), heartbeat_at: null, progress_done: progress.done, progress_total: progress.total, ...(why ? { error: JSON.stringify(why) } : {}) }))
    .where(heldBy(claim))
    .where(inScope('org_path', scope))
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export interface JobCount {
  kind: string;
  status?: JobStatus | undefined;
  /** Only jobs that finished on or after this day. */
  finishedSince?: string | undefined;
  /** Only jobs whose result's number `field` is above zero (an import that left rows out). */
  resultPositive?: string | undefined;
}

/** How many jobs in scope match: a module's queue counts from here (members' imports with rejected rows). */
export async function countJobs(db: Db, scope: Scope, filter: JobCount): Promise<number> {
  let query = db.selectFrom('jobs').select((eb) => eb.fn.countAll<number>().as('n')).where(inScope('org_path', scope)).where('kind', '=', filter.kind);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.finishedSince) query = query.where('finished_at', '>=', new Date(`${filter.finishedSince}T00:00:00Z`));
  if (filter.resultPositive) query = query.where(sql<boolean>`coalesce((result->>${filter.resultPositive})::numeric, 0) > 0`);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The params of the jobs of a kind that have not ended (queued or running): what a kind's housekeeping must keep. */
export async function unfinishedJobParams(db: Db, scope: Scope, kind: string): Promise<unknown[]> {
  const rows = await db.selectFrom('jobs').select('params').where(inScope('org_path', scope)).where('kind', '=', kind).where('status', 'in', ['queued', 'running']).execute();
  return rows.map((row) => row.params);
}
