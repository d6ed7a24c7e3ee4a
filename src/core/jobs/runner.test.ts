import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../actor.ts';
import { AppError } from '../errors.ts';
import { actorFor, asOwner, createTestPlatform, makeUser, type TestPlatform } from '../../test/platform.ts';
import { createJobRunner, JobCancelled, maxCrashes, type JobHandler, type JobRunner } from './runner.ts';
import { cancelJob, getJob } from './service.ts';
import { findJob } from './store.ts';

let test: TestPlatform;
let operator: Actor;
let errors: unknown[];

beforeAll(async () => {
  test = await createTestPlatform();
  operator = await actorFor(test, (await makeUser(test, '220102', 'operator')).username);
  // What the test jobs write: no key, so a row written twice would show up as a duplicate instead of an error.
  await asOwner(test, (db) => sql`CREATE TABLE scratch_rows (job_id bigint NOT NULL, n integer NOT NULL)`.execute(db));
});
afterAll(() => test?.close());

let kindNumber = 0;
/** A kind of its own per test, so that no runner picks up a job another test left behind. */
const newKind = () => `test.copy${++kindNumber}`;

function newRunner(): JobRunner {
  errors = [];
  return createJobRunner(test.platform.db, { onError: (_message, error) => errors.push(error) });
}

/** A promise with its resolve and reject at hand: tests wait on events, never on the clock. */
function gate<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

interface CopyParams {
  total: number;
  batch: number;
}
interface CopyCheckpoint {
  next: number;
}

/**
 * Writes rows 0 … total-1 in batches; each batch and its checkpoint commit in one transaction. `afterBatch` runs
 * between batches (outside any transaction) and `inBatch` inside one, before its checkpoint.
 */
function copyRows(hooks: { afterBatch?: (next: number) => Promise<void>; inBatch?: (n: number) => void; resumedFrom?: (checkpoint: CopyCheckpoint | null) => void } = {}): JobHandler<CopyParams, CopyCheckpoint> {
  return async (job, context) => {
    hooks.resumedFrom?.(context.checkpoint);
    let next = context.checkpoint?.next ?? 0;
    context.progress(next, context.params.total);
    while (next < context.params.total) {
      if (await context.cancelled()) throw new JobCancelled({ copied: next });
      const end = Math.min(next + context.params.batch, context.params.total);
      await context.db.transaction().execute(async (tx) => {
        for (let n = next; n < end; n++) {
          await sql`INSERT INTO scratch_rows (job_id, n) VALUES (${job.id}, ${n})`.execute(tx);
          hooks.inBatch?.(n);
        }
        await context.saveCheckpoint(tx, { next: end }, end);
      });
      next = end;
      context.progress(next);
      await hooks.afterBatch?.(next);
    }
    return { copied: next };
  };
}

async function rowsOf(jobId: number): Promise<{ count: number; distinct: number; max: number | null }> {
  const { rows } = await sql<{ count: number; distinct: number; max: number | null }>`
    SELECT count(*)::int AS count, count(DISTINCT n)::int AS distinct, max(n) AS max FROM scratch_rows WHERE job_id = ${jobId}`.execute(test.platform.db);
  return rows[0]!;
}

const enqueueCopy = (runner: JobRunner, kind: string, total: number, batch: number) =>
  runner.enqueue(operator, test.platform.db, { kind, params: { total, batch }, orgPath: operator.scope.path, total });

describe('the job runner', () => {
  it('runs a job to the end: progress reaches the total, the result is kept', async () => {
    const runner = newRunner();
    const kind = newKind();
    runner.register(kind, copyRows());
    const id = await enqueueCopy(runner, kind, 10, 3);
    expect((await findJob(test.platform.db, operator.scope, id))!.status).toBe('queued');

    expect(await runner.runOnce()).toEqual({ jobId: id, status: 'succeeded' });
    const job = (await findJob(test.platform.db, operator.scope, id))!;
    expect(job).toMatchObject({ status: 'succeeded', progress_done: 10, progress_total: 10, result: { copied: 10 }, error: null, attempts: 1, checkpoint: { next: 10 } });
    expect(job.started_at).toBeInstanceOf(Date);
    expect(job.finished_at).toBeInstanceOf(Date);
    expect(await rowsOf(id)).toEqual({ count: 10, distinct: 10, max: 9 });
    expect((await getJob(operator, test.platform.db, id)).percent).toBe(100);
    expect(await runner.runOnce()).toBeUndefined();
  });

  it('stops a running job that is cancelled, keeping exactly the work of its last checkpoint', async () => {
    const runner = newRunner();
    const kind = newKind();
    const reached = gate();
    const cancelSent = gate();
    runner.register(kind, copyRows({
      afterBatch: async (next) => {
        if (next !== 6) return;
        reached.resolve();
        await cancelSent.promise;
      },
    }));
    const id = await enqueueCopy(runner, kind, 12, 3);
    const running = runner.runOnce();
    await reached.promise;
    const asked = await cancelJob(operator, test.platform.db, id);
    expect(asked).toMatchObject({ status: 'running', cancelRequested: true, abilities: { cancel: false } });
    cancelSent.resolve();

    expect(await running).toEqual({ jobId: id, status: 'cancelled' });
    const job = (await findJob(test.platform.db, operator.scope, id))!;
    expect(job).toMatchObject({ status: 'cancelled', checkpoint: { next: 6 }, progress_done: 6, result: { copied: 6 } });
    expect(await rowsOf(id)).toEqual({ count: 6, distinct: 6, max: 5 });
  });

  it('resumes the job of a server that died, from its checkpoint: no row lost, none written twice', async () => {
    const kind = newKind();
    // The first server commits three batches, then stalls long enough to be taken for dead.
    const first = newRunner();
    const stalled = gate();
    const wakes = gate();
    first.register(kind, copyRows({
      afterBatch: async (next) => {
        if (next !== 6) return;
        stalled.resolve();
        await wakes.promise;
      },
    }));
    const id = await enqueueCopy(first, kind, 10, 2);
    const firstRun = first.runOnce();
    await stalled.promise;
    expect(await rowsOf(id)).toEqual({ count: 6, distinct: 6, max: 5 });
    await sql`UPDATE jobs SET heartbeat_at = now() - interval '1 hour' WHERE id = ${id}`.execute(test.platform.db);

    // A second server takes the job over and resumes it where the checkpoint says.
    const second = createJobRunner(test.platform.db, { onError: (_message, error) => errors.push(error) });
    const midway = gate();
    const goOn = gate();
    let resumedFrom: CopyCheckpoint | null | undefined;
    second.register(kind, copyRows({
      resumedFrom: (checkpoint) => (resumedFrom = checkpoint),
      afterBatch: async (next) => {
        if (next !== 8) return;
        midway.resolve();
        await goOn.promise;
      },
    }));
    const secondRun = second.runOnce();
    await midway.promise;
    expect(resumedFrom).toEqual({ next: 6 });

    // The first server wakes up and writes its next batch: its checkpoint no longer matches, so the batch rolls back.
    wakes.resolve();
    expect(await firstRun).toEqual({ jobId: id, status: 'lost' });
    expect(await rowsOf(id)).toEqual({ count: 8, distinct: 8, max: 7 });

    goOn.resolve();
    expect(await secondRun).toEqual({ jobId: id, status: 'succeeded' });
    expect(await rowsOf(id)).toEqual({ count: 10, distinct: 10, max: 9 });
    expect((await findJob(test.platform.db, operator.scope, id))!).toMatchObject({ status: 'succeeded', attempts: 2, progress_done: 10, result: { copied: 10 }, error: null });
  });

  it('fails a job that has crashed more than a few times instead of starting it again', async () => {
    const runner = newRunner();
    const kind = newKind();
    const started: number[] = [];
    runner.register(kind, async (job) => {
      started.push(job.id);
      return 'done';
    });
    const lastChance = await enqueueCopy(runner, kind, 1, 1);
    const tooMany = await enqueueCopy(runner, kind, 1, 1);
    await sql`UPDATE jobs SET status = 'running', attempts = ${maxCrashes}, heartbeat_at = now() - interval '1 hour' WHERE id = ${lastChance}`.execute(test.platform.db);
    await sql`UPDATE jobs SET status = 'running', attempts = ${maxCrashes + 1}, heartbeat_at = now() - interval '1 hour' WHERE id = ${tooMany}`.execute(test.platform.db);

    expect(await runner.runOnce()).toEqual({ jobId: lastChance, status: 'succeeded' });
    expect(await runner.runOnce()).toEqual({ jobId: tooMany, status: 'failed' });
    expect(started).toEqual([lastChance]);
    const failed = (await findJob(test.platform.db, operator.scope, tooMany))!;
    expect(failed.error).toEqual({ code: 'internal', messageKey: 'job.crashed_too_often', params: { crashes: maxCrashes + 1 } });
  });

  it('records the code of an AppError, and a generic one (logged) for anything else; a failed batch leaves nothing', async () => {
    const runner = newRunner();
    const kind = newKind();
    const boom = newKind();
    runner.register(kind, copyRows({
      inBatch: (n) => {
        if (n === 4) throw new AppError('validation_failed', 'error.validation_failed', { count: 1 });
      },
    }));
    runner.register(boom, async () => {
      throw new Error('disk on fire');
    });
    const invalid = await enqueueCopy(runner, kind, 9, 3);
    expect(await runner.runOnce()).toEqual({ jobId: invalid, status: 'failed' });
    expect((await findJob(test.platform.db, operator.scope, invalid))!).toMatchObject({
      status: 'failed',
      error: { code: 'validation_failed', messageKey: 'error.validation_failed', params: { count: 1 } },
      checkpoint: { next: 3 },
    });
    // The batch that threw (rows 3, 4) rolled back with its checkpoint; the batch before it stays.
    expect(await rowsOf(invalid)).toEqual({ count: 3, distinct: 3, max: 2 });
    expect((await getJob({ ...operator, locale: 'en' }, test.platform.db, invalid)).error?.message).toBe('1 field(s) need correcting');
    expect(errors).toEqual([]);

    const crashed = await runner.enqueue(operator, test.platform.db, { kind: boom, params: {}, orgPath: operator.scope.path });
    expect(await runner.runOnce()).toEqual({ jobId: crashed, status: 'failed' });
    expect((await findJob(test.platform.db, operator.scope, crashed))!.error).toEqual({ code: 'internal', messageKey: 'error.internal', params: {} });
    expect(errors).toEqual([expect.objectContaining({ message: 'disk on fire' })]);
  });

  it('puts a running job back in the queue when the server stops, and the next start finishes it', async () => {
    const runner = newRunner();
    const kind = newKind();
    const reached = gate();
    const stopAsked = gate();
    runner.register(kind, copyRows({
      afterBatch: async (next) => {
        if (next !== 4) return;
        reached.resolve();
        await stopAsked.promise;
      },
    }));
    const id = await enqueueCopy(runner, kind, 8, 2);
    runner.start();
    await reached.promise;
    const stopped = runner.stop();
    stopAsked.resolve();
    await stopped;
    expect((await findJob(test.platform.db, operator.scope, id))!).toMatchObject({ status: 'queued', checkpoint: { next: 4 }, attempts: 0, cancel_requested: false });
    expect(await rowsOf(id)).toEqual({ count: 4, distinct: 4, max: 3 });

    const next = newRunner();
    next.register(kind, copyRows());
    expect(await next.runOnce()).toEqual({ jobId: id, status: 'succeeded' });
    expect(await rowsOf(id)).toEqual({ count: 8, distinct: 8, max: 7 });
  });

  it('queues only for an org in the actor’s scope, and only kinds it knows', async () => {
    const runner = newRunner();
    const kind = newKind();
    runner.register(kind, copyRows());
    const { rows } = await sql<{ path: string }>`SELECT path::text AS path FROM orgs WHERE code = '220103'`.execute(test.platform.db);
    await expect(runner.enqueue(operator, test.platform.db, { kind, params: {}, orgPath: rows[0]!.path })).rejects.toMatchObject({ code: 'not_found' });
    await expect(runner.enqueue(operator, test.platform.db, { kind: 'test.nobody', params: {}, orgPath: operator.scope.path })).rejects.toThrow(/no handler/);
    const { rows: jobs } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM jobs WHERE kind = ${kind}`.execute(test.platform.db);
    expect(jobs[0]!.n).toBe(0);
    // The queued jobs are audited as their creator's.
    const audit = await test.platform.db.selectFrom('audit_events').select(['actor_name', 'entity']).where('entity', '=', 'job').where('action', '=', 'create').execute();
    expect(audit.length).toBeGreaterThan(0);
    expect(audit.every((event) => event.actor_name === operator.username)).toBe(true);
  });
});
