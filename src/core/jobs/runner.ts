import { systemActor, type Actor } from '../actor.ts';
import { appendAudit } from '../audit/store.ts';
import { actorOf } from '../auth/service.ts';
import { findUser } from '../auth/store.ts';
import type { Db, Job } from '../db/tables.ts';
import { inTransaction } from '../db/transaction.ts';
import { AppError, notFound } from '../errors.ts';
import { wholeTree } from '../scope.ts';
import { testPause } from '../test-pause.ts';
import type { JobStatus } from './schema.ts';
import * as store from './store.ts';
import type { JobClaim, JobOutcome } from './store.ts';

/**
 * Runs long work (imports, generation, exports) outside the request that asked for it, one job at a time per
 * process: PGlite has a single connection, and one job that streams a file already keeps a server busy.
 * README.md in this folder gives the handler contract and how resume works.
 */

/** What a handler returns or throws to say it stopped because it was asked to; `result` is kept, if given. */
export class JobCancelled extends Error {
  constructor(readonly result: unknown = undefined) {
    super('job cancelled');
    this.name = 'JobCancelled';
  }
}

/** Thrown by saveCheckpoint when another runner has taken the job over: the handler's transaction must roll back. */
class JobLost extends Error {
  constructor(jobId: number) {
    super(`job ${jobId} was taken over by another runner`);
    this.name = 'JobLost';
  }
}

export interface JobContext<Params = unknown, Checkpoint = unknown> {
  params: Params;
  /** What the last run saved with saveCheckpoint; null on a first run. Resume from exactly here. */
  checkpoint: Checkpoint | null;
  /** The job's creator as they are now (the platform itself for jobs it queued): services take it first. */
  actor: Actor;
  db: Db;
  /** How far the job is. Kept in memory and written now and then, in the background: safe inside a transaction. */
  progress(done: number, total?: number): void;
  /**
   * Records the resume point with the handler's own transaction, so the work and the point commit together. Throws
   * when the job has been taken over by another runner; let it roll the transaction back.
   */
  saveCheckpoint(tx: Db, value: Checkpoint, done: number): Promise<void>;
  /**
   * True when someone asked the job to stop (or the server is stopping): throw or return a JobCancelled. It reads
   * the database, so call it between transactions — on PGlite a read waits for an open transaction to end.
   */
  cancelled(): Promise<boolean>;
}

export type JobHandler<Params = unknown, Checkpoint = unknown> = (job: Job, context: JobContext<Params, Checkpoint>) => Promise<unknown>;

/** What a kind may add to its handler: cleaning up after its jobs. Errors of either are logged, never thrown. */
export interface JobKindOptions {
  /**
   * Called once a job of the kind has ended — succeeded, failed, cancelled while running or while queued, or given up
   * after crashes — with the job as it ended: free what it held (an uploaded file). Not called for a job put back in
   * the queue or taken over by another runner: it has not ended.
   */
  ended?: (job: Job) => void | Promise<void>;
  /** Housekeeping of the kind's leftovers (files past their keeping time): when the runner starts, then every `sweepMs`. */
  sweep?: () => unknown;
}

export interface NewJobRequest {
  kind: string;
  params: unknown;
  /** The org the job works for; it must lie in the actor's scope. */
  orgPath: string;
  /** The amount of work, when known before the job starts (rows of a file, say). */
  total?: number;
}

export interface RunOutcome {
  jobId: number;
  /** `queued`: put back because the runner is stopping, or the disk is full; `lost`: another runner took the job over. */
  status: JobStatus | 'lost';
  /** Put back because the disk filled up: it goes on from its last checkpoint once the runner tries again. */
  diskFull?: boolean;
}

export interface JobRunner {
  register<Params, Checkpoint>(kind: string, handler: JobHandler<Params, Checkpoint>, options?: JobKindOptions): void;
  /** Queues a job, with the caller's transaction if `db` is one (the job exists only if the caller's work commits). */
  enqueue(actor: Actor, db: Db, job: NewJobRequest): Promise<number>;
  /** Polls for work until stop(). */
  start(): void;
  /** Takes no more work and waits for the running handler to finish or stop at its next look at cancelled(). */
  stop(): Promise<void>;
  /** Claims and runs one job, if one is waiting. */
  runOnce(): Promise<RunOutcome | undefined>;
  /** Tells the job's kind that it has ended (its `ended`): for jobs ended outside the runner, a queued job cancelled. */
  ended(job: Job): Promise<void>;
  /** Runs every kind's `sweep` now. */
  sweep(): Promise<void>;
}

export interface RunnerOptions {
  /** How long an idle runner waits before looking for work again. */
  pollMs?: number;
  /** A running job whose heartbeat is older than this is taken to have lost its server, and is resumed. */
  staleMs?: number;
  onError?: (message: string, error: unknown) => void;
  /** How often the polling loop runs the kinds' sweeps (an hour by default). */
  sweepMs?: number;
  /** How long the polling loop waits before trying again a job that the disk filling up stopped (a minute by default). */
  diskFullRetryMs?: number;
}

/**
 * A disk that is full: the server's own (ENOSPC, or a quota) or the database server's (SQLSTATE 53100), however deep
 * in a library's error it lies.
 */
export function isDiskFull(error: unknown): boolean {
  for (let cause = error, depth = 0; cause && typeof cause === 'object' && depth < 5; cause = (cause as { cause?: unknown }).cause, depth++) {
    const code = (cause as { code?: unknown }).code;
    if (code === 'ENOSPC' || code === 'EDQUOT' || code === '53100') return true;
  }
  return false;
}

/** A job that has been started this many times without finishing is failed rather than started again. */
export const maxCrashes = 3;

/** At most one progress write per this many milliseconds. */
const progressEveryMs = 1000;

export function createJobRunner(db: Db, options: RunnerOptions = {}): JobRunner {
  const pollMs = options.pollMs ?? 1000;
  const staleMs = options.staleMs ?? 120_000;
  const onError = options.onError ?? ((message: string, error: unknown) => console.error(message, error));
  const sweepMs = options.sweepMs ?? 3_600_000;
  const diskFullRetryMs = options.diskFullRetryMs ?? 60_000;
  const handlers = new Map<string, JobHandler>();
  const kindOptions = new Map<string, JobKindOptions>();
  let lastSweep = 0;
  let stopping = false;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  // Every run goes through this chain, so a test's runOnce and the polling loop never run two jobs at once.
  let chain: Promise<unknown> = Promise.resolve();

  function runOnce(): Promise<RunOutcome | undefined> {
    const run = chain.then(() => (stopping ? undefined : claimAndRun()));
    chain = run.catch(() => undefined);
    return run;
  }

  async function claimAndRun(): Promise<RunOutcome | undefined> {
    const job = await store.claimNext(db, [...handlers.keys()], staleMs);
    if (!job) return undefined;
    const claim: JobClaim = { id: job.id, attempts: job.attempts };
    // Every earlier start of this job that did not finish ended with its server (a graceful stop gives its attempt back).
    const crashes = job.attempts - 1;
    if (job.cancel_requested) return finish(job, claim, { status: 'cancelled' });
    if (crashes > maxCrashes) {
      return finish(job, claim, { status: 'failed', error: { code: 'internal', messageKey: 'job.crashed_too_often', params: { crashes } } });
    }
    return execute(job, claim, handlers.get(job.kind)!);
  }

  async function finish(job: Job, claim: JobClaim, outcome: JobOutcome): Promise<RunOutcome> {
    const held = await store.finishJob(db, wholeTree, claim, outcome);
    if (held) await ended({ ...job, status: outcome.status, result: outcome.result ?? null, error: outcome.error ?? null });
    return { jobId: claim.id, status: held ? outcome.status : 'lost' };
  }

  async function ended(job: Job): Promise<void> {
    try {
      await kindOptions.get(job.kind)?.ended?.(job);
    } catch (error) {
      onError(`job ${job.id} (${job.kind}) ended, but what it held was not freed`, error);
    }
  }

  async function sweep(): Promise<void> {
    lastSweep = Date.now();
    for (const [kind, { sweep: sweepKind }] of kindOptions) {
      try {
        await sweepKind?.();
      } catch (error) {
        onError(`the housekeeping of ${kind} jobs failed`, error);
      }
    }
  }

  async function execute(job: Job, claim: JobClaim, handler: JobHandler): Promise<RunOutcome> {
    const progress = trackProgress(db, claim, job, staleMs, onError);
    let outcome: JobOutcome | 'release';
    try {
      const context: JobContext = {
        params: job.params,
        checkpoint: job.checkpoint,
        actor: await actorOfJob(db, job),
        db,
        progress: progress.report,
        saveCheckpoint: async (tx, value, done) => {
          if (!(await store.saveCheckpoint(tx, wholeTree, claim, value, done))) throw new JobLost(job.id);
          progress.report(done);
          await testPause('job-checkpoint'); // a kill test's stopping point; nothing outside tests (src/core/test-pause.ts)
        },
        cancelled: async () => stopping || progress.lost() || (await store.isCancelRequested(db, wholeTree, job.id)),
      };
      const value = await handler(job, context);
      outcome = value instanceof JobCancelled ? await whenStopped(job, value) : { status: 'succeeded', result: value };
    } catch (error) {
      if (error instanceof JobLost) {
        await progress.stop();
        onError(`job ${job.id} (${job.kind}) was taken over by another runner; this run's uncommitted work is dropped`, error);
        return { jobId: job.id, status: 'lost' };
      }
      if (isDiskFull(error)) {
        // Not the job's fault, and not its end: what committed stays, the job goes back to the queue with its
        // checkpoint and its files (an upload is kept: the job has not ended), saying why, and goes on once there is room.
        await progress.stop();
        onError(`job ${job.id} (${job.kind}) paused: the disk is full`, error);
        const held = await store.releaseJob(db, wholeTree, claim, progress.latest(), { code: 'disk_full', messageKey: 'job.disk_full', params: {} });
        return { jobId: job.id, status: held ? 'queued' : 'lost', diskFull: true };
      }
      outcome = error instanceof JobCancelled ? await whenStopped(job, error) : failure(job, error);
    }
    await progress.stop();
    if (outcome === 'release') {
      const held = await store.releaseJob(db, wholeTree, claim, progress.latest());
      return { jobId: job.id, status: held ? 'queued' : 'lost' };
    }
    return finish(job, claim, { ...outcome, progress: progress.latest() });
  }

  /** A handler that stopped because the server is stopping, not because anyone asked, goes back to the queue. */
  async function whenStopped(job: Job, stopped: JobCancelled): Promise<JobOutcome | 'release'> {
    if (stopping && !(await store.isCancelRequested(db, wholeTree, job.id))) return 'release';
    return { status: 'cancelled', result: stopped.result };
  }

  function failure(job: Job, error: unknown): JobOutcome {
    if (error instanceof AppError) {
      if (error.code === 'internal') onError(`job ${job.id} (${job.kind}) failed`, error);
      // Field issues too: a job that failed validation says which field, not only how many.
      return { status: 'failed', error: { code: error.code, messageKey: error.messageKey, params: error.params, issues: error.issues } };
    }
    // As over HTTP: an unknown error is logged in full and shown as a generic one.
    onError(`job ${job.id} (${job.kind}) failed`, error);
    return { status: 'failed', error: { code: 'internal', messageKey: 'error.internal', params: {} } };
  }

  async function pollLoop(): Promise<void> {
    while (!stopping) {
      if (Date.now() - lastSweep >= sweepMs) await sweep();
      let outcome: RunOutcome | undefined;
      try {
        outcome = await runOnce();
      } catch (error) {
        onError('the job runner could not take work', error);
      }
      if ((!outcome || outcome.diskFull) && !stopping) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, outcome?.diskFull ? diskFullRetryMs : pollMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = undefined;
      }
    }
  }

  return {
    register(kind, handler, kindOption) {
      if (handlers.has(kind)) throw new Error(`a handler for jobs of kind ${kind} is registered already`);
      handlers.set(kind, handler as JobHandler);
      if (kindOption) kindOptions.set(kind, kindOption);
    },

    async enqueue(actor, callerDb, job) {
      // A kind nobody handles would wait in the queue for ever: that is a mistake in the code, not in the input.
      if (!handlers.has(job.kind)) throw new Error(`no handler is registered for jobs of kind ${job.kind}`);
      const id = await inTransaction(callerDb, async (tx) => {
        const id = await store.insertJob(tx, actor.scope, { kind: job.kind, orgPath: job.orgPath, createdBy: actor.userId, params: job.params, total: job.total ?? null });
        if (id === undefined) throw notFound();
        const params = job.params && typeof job.params === 'object' && !Array.isArray(job.params) ? (job.params as Record<string, unknown>) : {};
        await appendAudit(tx, actor, { action: 'create', entity: 'job', entityId: id, orgPath: job.orgPath, after: { kind: job.kind, params } });
        return id;
      });
      wake?.();
      return id;
    },

    start() {
      if (loop) return;
      stopping = false;
      loop = pollLoop();
    },

    async stop() {
      stopping = true;
      wake?.();
      await loop;
      loop = undefined;
      await chain;
    },

    runOnce,
    ended,
    sweep,
  };
}

/** The handler acts as whoever queued the job, so its writes are scoped and audited as theirs. */
async function actorOfJob(db: Db, job: Job): Promise<Actor> {
  const requestId = `job-${job.id}`;
  const user = job.created_by === null ? undefined : await findUser(db, wholeTree, job.created_by);
  return user ? actorOf(user, requestId) : { ...systemActor(`job:${job.kind}`), requestId };
}

/**
 * Progress lives in memory and reaches the table at most once a second, plus a heartbeat a few times per stale
 * period so a long step is not mistaken for a dead server. Writes run in the background, never awaited by the
 * handler: awaiting one inside the handler's transaction would wait on that very transaction (PGlite's one
 * connection, or on PostgreSQL the job row its checkpoint has locked).
 */
function trackProgress(db: Db, claim: JobClaim, job: Job, staleMs: number, onError: (message: string, error: unknown) => void) {
  let done = job.progress_done;
  let total = job.progress_total;
  let lastWrite = 0;
  let held = true;
  let writing: Promise<void> | undefined;

  const write = () => {
    // One write at a time; the figures a skipped write would have carried go with the next one or with the finish.
    if (writing) return;
    lastWrite = Date.now();
    writing = store
      .heartbeat(db, wholeTree, claim, { done, total })
      .then(
        (stillHeld) => {
          held &&= stillHeld;
        },
        (error: unknown) => onError(`job ${claim.id}: progress not recorded`, error),
      )
      .finally(() => {
        writing = undefined;
      });
  };
  const timer = setInterval(write, Math.max(10, Math.floor(staleMs / 4)));

  return {
    report(newDone: number, newTotal?: number) {
      done = newDone;
      if (newTotal !== undefined) total = newTotal;
      if (Date.now() - lastWrite >= progressEveryMs) write();
    },
    latest: () => ({ done, total }),
    lost: () => !held,
    async stop() {
      clearInterval(timer);
      await writing;
    },
  };
}
