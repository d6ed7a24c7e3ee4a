import type { Actor } from '../actor.ts';
import { appendAudit } from '../audit/store.ts';
import { inTransaction } from '../db/transaction.ts';
import type { Db, Job } from '../db/tables.ts';
import { AppError, conflict, forbidden, notFound, type ErrorCode, type FieldIssue, type MessageParams } from '../errors.ts';
import { translate } from '../i18n/catalogue.ts';
import type { JobRunner } from './runner.ts';
import { finishedStatuses, type JobView, type ListJobsQuery } from './schema.ts';
import * as store from './store.ts';

/** Jobs as their readers see them: everyone reads the jobs in their scope; a job is stopped by whoever started it, or an admin. */

function mayCancel(actor: Actor, job: Job): boolean {
  return actor.role === 'admin' || (actor.userId !== null && job.created_by === actor.userId);
}

function percentOf(done: number, total: number | null): number | null {
  if (total === null) return null;
  // Nothing to do is all done.
  if (total <= 0) return 100;
  return Math.max(0, Math.min(100, Math.floor((done * 100) / total)));
}

interface StoredError {
  code: string;
  messageKey: string;
  params?: MessageParams;
  issues?: FieldIssue[];
}

export function presentJob(actor: Actor, job: Job): JobView {
  const { locale } = actor;
  const error = job.error as StoredError | null;
  const params = error?.params ?? {};
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    cancelRequested: job.cancel_requested,
    progressDone: job.progress_done,
    progressTotal: job.progress_total,
    percent: percentOf(job.progress_done, job.progress_total),
    result: job.result,
    error: error
      ? {
          code: error.code,
          messageKey: error.messageKey,
          params,
          message: [translate(locale, error.messageKey, params), ...(error.issues ?? []).map((issue) => translate(locale, issue.messageKey, issue.params))].join(locale === 'en' ? '; ' : '；'),
          errors: (error.issues ?? []).map((issue) => ({ path: issue.path, code: issue.code, message: translate(locale, issue.messageKey, issue.params) })),
        }
      : null,
    createdAt: job.created_at.toISOString(),
    startedAt: job.started_at?.toISOString() ?? null,
    finishedAt: job.finished_at?.toISOString() ?? null,
    abilities: { cancel: mayCancel(actor, job) && !finishedStatuses.includes(job.status) && !job.cancel_requested },
  };
}

/** Jobs are told in the actor's language (for a request, the reply's: src/core/http/locale.ts). */
export async function getJob(actor: Actor, db: Db, id: number): Promise<JobView> {
  const job = await store.findJob(db, actor.scope, id);
  if (!job) throw notFound();
  return presentJob(actor, job);
}

export async function listJobs(actor: Actor, db: Db, query: ListJobsQuery): Promise<{ items: JobView[] }> {
  const rows = await store.listJobs(db, actor.scope, query);
  return { items: rows.map((job) => presentJob(actor, job)) };
}

/** Cancels a job; a queued one ends at once, and `runner` (the platform's) is told, so its kind frees what it held. */
export async function cancelJob(actor: Actor, db: Db, id: number, runner?: Pick<JobRunner, 'ended'>): Promise<JobView> {
  const view = await inTransaction(db, async (tx) => {
    const job = await store.findJob(tx, actor.scope, id);
    if (!job) throw notFound();
    if (!mayCancel(actor, job)) throw forbidden();
    if (finishedStatuses.includes(job.status)) throw conflict('job.not_cancellable');
    // The job may have ended between the read and the write: the store's update then matches nothing.
    const after = await store.requestCancel(tx, actor.scope, id);
    if (!after) throw conflict('job.not_cancellable');
    await appendAudit(tx, actor, { action: 'cancel', entity: 'job', entityId: id, orgPath: job.org_path, before: { status: job.status }, after: { status: after.status, kind: job.kind } });
    return { after, view: presentJob(actor, after) };
  });
  if (view.after.status === 'cancelled') await runner?.ended(view.after);
  return view.view;
}

/**
 * Runs a queued job to its end in this process (the command line, or the server before it listens), with the
 * handlers a server's runner would use, and answers its result; a failed or cancelled job throws its error.
 * `onProgress` hears how far it is, about once a second.
 */
export async function runJobHere<Result>(actor: Actor, db: Db, jobs: JobRunner, jobId: number, onProgress?: (done: number, total: number | null) => void): Promise<Result> {
  let watching = false;
  const timer = onProgress
    ? setInterval(() => {
        if (watching) return;
        watching = true;
        void getJob(actor, db, jobId)
          .then((job) => onProgress(job.progressDone, job.progressTotal))
          .catch(() => {})
          .finally(() => (watching = false));
      }, 1000)
    : undefined;
  try {
    for (;;) {
      const job = await getJob(actor, db, jobId);
      if (job.status === 'succeeded') return job.result as Result;
      if (job.status === 'failed' || job.status === 'cancelled') {
        const error = job.error ?? { code: 'internal', messageKey: 'error.internal', params: {} };
        throw new AppError(error.code as ErrorCode, error.messageKey, error.params as MessageParams);
      }
      // Another job may be first in the queue; runOnce takes them in order until ours is done. Nothing to take:
      // ours is held by another process (a server on the same database), so wait for it.
      const outcome = await jobs.runOnce();
      // A full disk puts the job back in the queue, checkpoint and files kept: a server resumes it once there is room.
      if (outcome?.diskFull && outcome.jobId === jobId) throw new AppError('disk_full', 'job.disk_full');
      if (!outcome) await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    if (timer) clearInterval(timer);
  }
}

/** How many of the caller's scope's jobs match (for a module's work queue). */
export async function countJobs(actor: Actor, db: Db, filter: store.JobCount): Promise<number> {
  return store.countJobs(db, actor.scope, filter);
}

/** The params of the jobs of a kind that have not ended, in the actor's scope: for the kind's housekeeping (the platform's own actor). */
export async function unfinishedJobParams(actor: Actor, db: Db, kind: string): Promise<unknown[]> {
  return store.unfinishedJobParams(db, actor.scope, kind);
}
