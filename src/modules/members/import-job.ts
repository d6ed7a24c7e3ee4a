import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { appendAudit } from '../../core/audit/store.ts';
import { AppError, invalid, notFound } from '../../core/errors.ts';
import type { PlatformContext } from '../../core/http/context.ts';
import { withCopyTransaction } from '../../core/import/copy.ts';
import { estimateLines, formatOf } from '../../core/import/read.ts';
import { startSealer, type Sealed } from '../../core/import/seal.ts';
import { withMappedHeaders } from '../../core/import/headers.ts';
import { describeProblems, openSheet, type SheetRow } from '../../core/import/sheet.ts';
import { translate } from '../../core/i18n/catalogue.ts';
import { JobCancelled, type JobContext, type JobHandler } from '../../core/jobs/runner.ts';
import { unionsUnder } from '../../core/tree.ts';
import type { ImportCheckpoint, ImportCounts, ImportParams, ImportResult } from './import.ts';
import { RejectedRows, rejectedSampleSize } from './import-rejected.ts';
import { memberColumns, type MemberField } from './import-columns.ts';
import { resolveInto, rowPreparer, type PreparedRow } from './import-rows.ts';
import { mergeMembers, refreshStatistics, sumDeltas, type StagedMember } from './import-store.ts';
import { idNumberTailHash } from './id-number.ts';
import { memberPolicy } from './policy.ts';
import { auditRefusals, refusalsThisHour } from './service.ts';
import * as store from './store.ts';

/**
 * The roster import's job (kind `members.import`): a sheet as users keep it, read and validated row by row in Node,
 * encrypted there, and loaded chunk by chunk with COPY and one set-based merge per chunk. Each chunk's rows, counts,
 * audit summary and checkpoint commit together, so a killed server resumes at the next chunk with nothing lost or
 * doubled; a cancel stops between chunks and keeps what is committed.
 */

export const defaultChunkSize = 10_000;

/** The handler, reading uploads from and writing rejected rows to `dir` (DATA_DIR/imports). */
export function importMembersHandler(platform: PlatformContext, dir: string): JobHandler<ImportParams, ImportCheckpoint> {
  // The upload is deleted when the job ends, however it ends (importEnded in import.ts, the kind's `ended`).
  return (job, context) => runImport(platform, dir, job.id, context);
}

async function runImport(platform: PlatformContext, dir: string, jobId: number, context: JobContext<ImportParams, ImportCheckpoint>): Promise<ImportResult> {
  const { params, actor, checkpoint } = context;
  const { db, cipher } = platform;
  memberPolicy.assert(actor, 'create');
  const into = await resolveInto(actor, db, params.intoOrgCode);
  const file = join(dir, basename(params.file));
  if (!existsSync(file)) throw notFound('import.file_not_found');
  const sheet = await openSheet(file, params.fileName, withMappedHeaders(memberColumns, params.columns));
  try {
    const unionColumn = sheet.mapping.columns.union !== undefined;
    if (!unionColumn && into.kind !== 'grassroots') throw invalid([{ path: 'intoOrgCode', code: 'not_grassroots', messageKey: 'members.import.into_not_grassroots' }]);

    const lines = await estimateLines(file, formatOf(params.fileName)!);
    // The bar's total: lines below the header, never less than what is done (empty lines are not rows).
    const total = lines === undefined ? undefined : Math.max(0, lines - sheet.mapping.headerRow - 1);
    const unions = await unionsUnder(db, actor.scope, into.path);
    const prepare = rowPreparer(actor.scope, unions, into.kind === 'grassroots' ? unions.find((union) => union.id === into.id) : undefined);

    const chunkSize = Math.max(1, Math.min(params.chunkSize ?? defaultChunkSize, 50_000));
    const rejected = new RejectedRows(dir, jobId, sheet.mapping.headers, params.locale);
    // Warnings are counted from the rows prepared in this run (a resumed run prepares the earlier rows again too).
    let warnings = 0;
    const warningSample: ImportResult['rejectedSample'] = [];
    const fieldLabel = (field: string) => translate(params.locale, `members.field.${field}`);
    const warn = (item: PreparedRow) => {
      if (item.problems || !item.warnings.length) return;
      warnings++;
      if (warningSample.length < rejectedSampleSize) warningSample.push({ row: item.row.rowNumber, reason: describeProblems(item.warnings, params.locale, fieldLabel) });
    };
    const outcome = (): ImportResult => ({ ...counts, rows: rowsDone, rejectedFile: rejected.count ? rejected.fileName : null, rejectedSample: rejected.sample, warnings, warningSample });

    const refused = new Map<number, { messageKey: string; params?: Record<string, string> }>((checkpoint?.refused ?? []).map(([rowNumber, messageKey, p]) => [rowNumber, { messageKey, ...(p ? { params: p } : {}) }]));
    const refusedList: ImportCheckpoint['refused'] = [...(checkpoint?.refused ?? [])];
    let counts: ImportCounts = checkpoint?.counts ?? { imported: 0, updated: 0, unchanged: 0, rejected: 0 };
    const resumeAt = checkpoint?.rowsDone ?? 0;
    let rowsDone = 0;
    let chunk: SheetRow<MemberField>[] = [];
    let chunksRun = 0;
    /** The chunk before which the careful path last refreshed the statistics (0: not yet in this run). */
    let analyzedAtChunk = 0;

    interface ReadyChunk {
      prepared: PreparedRow[];
      staged: StagedMember[];
      invalid: number;
      first: number;
      done: number;
    }
    let rowsQueued = resumeAt;
    /**
     * Validates a chunk on this thread, yielding now and then (on PostgreSQL the previous chunk's merge runs in the
     * server meanwhile, and its statements need the event loop to be sent), then has its ID numbers and phones
     * hashed and encrypted in the sealing thread: the promise is of the chunk ready to commit.
     */
    const prepareChunk = async (rows: SheetRow<MemberField>[]): Promise<Promise<ReadyChunk>> => {
      const prepared: PreparedRow[] = [];
      const valid: Extract<PreparedRow, { value: unknown }>[] = [];
      for (let index = 0; index < rows.length; index++) {
        const item = prepare(rows[index]!);
        prepared.push(item);
        warn(item);
        if (!item.problems) valid.push(item);
        if (index % 500 === 499) await new Promise((resolve) => setImmediate(resolve));
      }
      const first = rowsQueued + 1;
      rowsQueued += rows.length;
      const sealed = sealer.seal(valid.flatMap((item) => [item.id.value, item.value.phone ?? null]));
      return sealed.then((values) => ({ prepared, staged: valid.map((item, index) => stageRow(item, values[2 * index]!, idNumberTailHash(cipher, item.id.value), values[2 * index + 1]!)), invalid: prepared.length - valid.length, first, done: rowsQueued }));
    };

    /** The database half of a chunk: staged, merged, counted, audited and checkpointed in one transaction. */
    const commitChunk = async (ready: ReadyChunk): Promise<void> => {
      if (await context.cancelled()) throw new JobCancelled(outcome());
      const chunkNumber = ++chunksRun;
      const { done } = ready;
      const next = await withCopyTransaction(platform.database, async (tx, copy) => {
        // The careful path (a chunk with someone known) plans from the statistics: they are refreshed before its first
        // chunk of the run, then whenever the chunks run have doubled since, so the planner is never more than a
        // factor of two behind. New people go in by COPY, which plans nothing: a first load never stops to ANALYZE.
        const beforeCareful = async (inner: typeof tx) => {
          if (analyzedAtChunk > 0 && chunkNumber < 2 * analyzedAtChunk) return;
          await refreshStatistics(inner);
          analyzedAtChunk = chunkNumber;
        };
        const outcome = await mergeMembers(tx, copy, actor.scope, ready.staged, { beforeCareful });
        // Rows naming people kept outside the importer's scope count against the hourly limit of such refusals, and
        // each is audited; a chunk that would pass the limit rolls back and the job stops (service.ts, README).
        const elsewhere = outcome.rejected.filter((r) => r.messageKey === 'members.import.known_elsewhere').map((r) => r.rowNumber);
        if (elsewhere.length > 0) {
          if ((await refusalsThisHour(actor, tx)) + elsewhere.length > platform.config.knownElsewherePerHour) throw new AppError('rate_limited', 'members.import.too_many_known_elsewhere');
          await auditRefusals(actor, tx, { orgPath: into.path, entity: 'member_import', entityId: jobId }, elsewhere);
        }
        for (const other of outcome.shownElsewhere ?? []) {
          await appendAudit(tx, actor, { action: 'update_person', entity: 'member', entityId: other.id, orgPath: other.org_path, after: { via: 'import', jobId } });
        }
        await store.addCounts(tx, sumDeltas(outcome.deltas));
        const chunkCounts = { imported: outcome.imported.length, updated: outcome.updated.length, unchanged: outcome.unchanged.length, rejected: ready.invalid + outcome.rejected.length };
        const total = { imported: counts.imported + chunkCounts.imported, updated: counts.updated + chunkCounts.updated, unchanged: counts.unchanged + chunkCounts.unchanged, rejected: counts.rejected + chunkCounts.rejected };
        await appendAudit(tx, actor, { action: 'import', entity: 'member_import', entityId: jobId, orgPath: into.path, after: { file: params.fileName, rows: `${ready.first}-${done}`, ...chunkCounts } });
        const nextRefused = [...refusedList, ...outcome.rejected.map((r): ImportCheckpoint['refused'][number] => (r.params ? [r.rowNumber, r.messageKey, r.params] : [r.rowNumber, r.messageKey]))];
        await context.saveCheckpoint(tx, { rowsDone: done, counts: total, refused: nextRefused }, done);
        return { outcome, total, nextRefused };
      });
      counts = next.total;
      refusedList.splice(0, refusedList.length, ...next.nextRefused);
      const refusedNow = new Map(next.outcome.rejected.map((r) => [r.rowNumber, r]));
      for (const item of ready.prepared) {
        if (item.problems) rejected.add(item.row, item.problems);
        else {
          const why = refusedNow.get(item.row.rowNumber);
          if (why) rejected.add(item.row, [{ field: 'idNumber', messageKey: why.messageKey, ...(why.params ? { params: why.params } : {}) }]);
        }
      }
      rowsDone = done;
      context.progress(rowsDone, total === undefined ? undefined : Math.max(total, rowsDone));
    };

    // One chunk is committed while the next is prepared; commits stay in file order, one at a time.
    let committing: Promise<void> = Promise.resolve();
    const flush = async () => {
      const ready = await prepareChunk(chunk);
      chunk = [];
      const previous = committing;
      committing = Promise.all([previous, ready]).then(([, chunkReady]) => commitChunk(chunkReady));
      // Awaited at the next flush or at the end; until then a failure must not count as unhandled.
      committing.catch(() => {});
      await previous;
    };

    const sealer = startSealer(cipher);
    try {
      for await (const row of sheet.rows) {
        if (rowsDone < resumeAt) {
          // Done by an earlier run: only what the rejected-rows file and the duplicate check need is redone.
          const item = prepare(row);
          warn(item);
          if (item.problems) rejected.add(row, item.problems);
          else {
            const why = refused.get(row.rowNumber);
            if (why) rejected.add(row, [{ field: 'idNumber', ...why }]);
          }
          rowsDone++;
          continue;
        }
        chunk.push(row);
        if (chunk.length >= chunkSize) await flush();
      }
      if (chunk.length) await flush();
      await committing;
      // Statistics as loaded: the doubling rule above last looked before the final chunks; the roster's lists and
      // searches are planned from them (the member module's README, "Lists and search").
      if (chunksRun > 0) await refreshStatistics(db);
    } finally {
      // A failed run may leave a commit in flight: it ends (or fails) before the file is closed.
      await committing.catch(() => {});
      await Promise.all([sealer.close(), rejected.close()]);
    }
    context.progress(rowsDone, rowsDone);
    return outcome();
  } finally {
    await sheet.close();
  }
}

function stageRow(item: Extract<PreparedRow, { value: unknown }>, idNumber: Sealed, idTailHash: Buffer, phone: Sealed | null): StagedMember {
  const { value, union, row, id: parsed } = item;
  return {
    rowNumber: row.rowNumber,
    name: value.name,
    idHash: idNumber.hash,
    idTailHash,
    idCipher: idNumber.sealed,
    gender: parsed.gender,
    birthDate: parsed.birthDate,
    phoneHash: phone?.hash ?? null,
    phoneCipher: phone?.sealed ?? null,
    household: value.household ?? null,
    dispatched: value.dispatched ?? null,
    education: value.education ?? null,
    job: value.job ?? null,
    cardNumber: value.cardNumber ?? null,
    joinedOn: value.joinedOn,
    orgId: union.id,
  };
}
