import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import type { Db } from '../db/tables.ts';
import { conflict, invalid } from '../errors.ts';
import type { PlatformContext } from '../http/context.ts';
import { withCopyTransaction } from '../import/copy.ts';
import { rebuildAggregates } from '../indicators/aggregates.ts';
import { runJobHere } from '../jobs/service.ts';
import { JobCancelled, type JobContext, type JobRunner } from '../jobs/runner.ts';
import type { ModuleManifest } from '../module.ts';
import { wholeTree } from '../scope.ts';
import { countUnions, treeRoot } from '../tree.ts';
import type { GenerateContext, GenerateParams } from './context.ts';
import { createRandom } from './random.ts';

/**
 * The `generate` job: builds the synthetic province by running each module's generator in registry order. Every
 * batch commits with the job's checkpoint (the number of batches done and the id blocks reserved), so a job stopped
 * or crashed half-way resumes where it was: the generators run again from the start, deterministic, and only the
 * batches not yet committed are written.
 */
export const generateKind = 'generate';

/** The last year the data may reach: the year before the current one, so no date lies in the future. */
export const lastUntil = () => new Date().getUTCFullYear() - 1;

export const generateParams = z.object({
  scale: z.coerce.number().min(0.0001, { message: 'generate.invalid_scale' }).max(10, { message: 'generate.invalid_scale' }),
  seed: z.coerce.number().int().min(0).max(2 ** 31 - 1),
  until: z.coerce.number().int().min(2012).default(2012),
});

interface Checkpoint {
  batches: number;
  ids: Record<string, number>;
}

export interface GenerateResult {
  scale: number;
  seed: number;
  until: number;
  /** SHA-256 over every generated record in order, without ciphertext: equal for equal seeds. */
  digest: string;
  counts: Record<string, number>;
}

/** The province is generated only into a database without grassroots unions: it would not add up otherwise. */
export async function assertNoGrassroots(db: Db): Promise<void> {
  const count = await countUnions(db);
  if (count > 0) throw conflict('generate.not_empty', { count });
}

export function checkUntil(until: number): void {
  const max = lastUntil();
  if (until > max) throw invalid([{ path: 'until', code: 'too_late', messageKey: 'generate.invalid_until', params: { max } }]);
}

export function registerGenerateJob(runner: JobRunner, platform: PlatformContext, modules: readonly ModuleManifest[]): void {
  runner.register<GenerateParams, Checkpoint>(generateKind, (_job, context) => runGeneration(platform, modules, context));
}

async function runGeneration(platform: PlatformContext, modules: readonly ModuleManifest[], job: JobContext<GenerateParams, Checkpoint>): Promise<GenerateResult> {
  const params = generateParams.parse(job.params);
  if (!job.checkpoint) await assertNoGrassroots(platform.db);
  const done = job.checkpoint ?? { batches: 0, ids: {} };
  const ids = { ...done.ids };
  const generators = modules.flatMap((module) => (module.generate ? [module.generate] : []));
  const total = generators.reduce((sum, generator) => sum + generator.units(params), 0);
  const digest = createHash('sha256');
  let batch = 0;
  let reservation = 0;
  let inFlight: Promise<void> = Promise.resolve();
  let units = 0;
  job.progress(0, total);
  const context: GenerateContext = {
    params,
    db: platform.db,
    cipher: platform.cipher,
    random: (stream) => createRandom(`${params.seed}/${stream}`),
    digest(...fields) {
      digest.update(`${fields.map((field) => (field === null || field === undefined ? '\\N' : Buffer.isBuffer(field) ? field.toString('hex') : String(field))).join('\x1f')}\n`);
    },
    resuming: () => batch < done.batches,
    async reserveIds(table, count) {
      const key = `${table}#${reservation++}`;
      if (ids[key] === undefined) {
        // Past both the highest id in the table and the sequence's last value: the block is nobody else's.
        const { rows } = await sql<{ last: number }>`
          SELECT setval(pg_get_serial_sequence(${table}, 'id'),
            greatest((SELECT coalesce(max(id), 0) FROM ${sql.table(table)}), coalesce(pg_sequence_last_value(pg_get_serial_sequence(${table}, 'id')::regclass), 0)) + ${Math.max(1, count)})::bigint AS last`.execute(platform.db);
        ids[key] = Number(rows[0]!.last) - Math.max(1, count) + 1;
      }
      return ids[key];
    },
    async write(batchUnits, work) {
      batch++;
      units += batchUnits;
      if (batch <= done.batches) return;
      // One batch in flight at a time: while the database takes it in, the generator makes the next one.
      await inFlight;
      if (await job.cancelled()) throw new JobCancelled();
      const [reached, checkpoint] = [units, { batches: batch, ids: { ...ids } }];
      inFlight = withCopyTransaction(platform.database, async (tx, copy) => {
        await work(tx, copy);
        await job.saveCheckpoint(tx, checkpoint, Math.min(reached, total));
      });
      // Its failure is met by the next write's await (or the end's); until then it must not count as unhandled.
      inFlight.catch(() => {});
    },
  };
  const counts: Record<string, number> = {};
  try {
    for (const generator of generators) {
      Object.assign(counts, await generator.run(context));
      // The next module reads what this one wrote.
      await inFlight;
    }
    // The aggregate tables are kept by each change's transaction; rows COPYed in bulk are added up once, at the end.
    await context.write(0, (tx) => rebuildAggregates(tx));
    await inFlight;
  } catch (error) {
    // A batch still in flight ends (commits or rolls back) before the job is reported stopped.
    await inFlight.catch(() => {});
    throw error;
  }
  job.progress(total, total);
  return { ...params, digest: digest.digest('hex'), counts };
}

/**
 * Queues a generation and runs it in this process (the command line, or the server before it listens), with the
 * same handler a server's runner would use. `onProgress` hears how far it is, about once a second.
 */
export async function generateProvince(
  actor: Actor,
  platform: PlatformContext,
  params: GenerateParams,
  onProgress?: (done: number, total: number | null) => void,
): Promise<GenerateResult> {
  checkUntil(params.until);
  await assertNoGrassroots(platform.db);
  const root = await treeRoot(platform.db);
  const jobId = await platform.jobs.enqueue(actor, platform.db, { kind: generateKind, params, orgPath: root?.path ?? wholeTree.path });
  return runJobHere<GenerateResult>(actor, platform.db, platform.jobs, jobId, onProgress);
}
