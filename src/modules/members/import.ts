import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { createReadStream, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { systemActor, type Actor } from '../../core/actor.ts';
import { appendAudit } from '../../core/audit/store.ts';
import type { Db, Job } from '../../core/db/tables.ts';
import { inTransaction } from '../../core/db/transaction.ts';
import { AppError, invalid, notFound } from '../../core/errors.ts';
import { xlsxContentType, type Download, type Upload, type UploadSpec } from '../../core/files.ts';
import type { PlatformContext } from '../../core/http/context.ts';
import { translate, type Locale } from '../../core/i18n/catalogue.ts';
import { formatOf } from '../../core/import/read.ts';
import { previewSheet } from '../../core/import/sheet.ts';
import type { JobRunner } from '../../core/jobs/runner.ts';
import { getJob, unfinishedJobParams } from '../../core/jobs/service.ts';
import { importJobKind, memberColumns, type MemberField } from './import-columns.ts';
import { importMembersHandler } from './import-job.ts';
import { rejectedFileName } from './import-rejected.ts';
import { resolveInto } from './import-rows.ts';
import { memberPolicy } from './policy.ts';
import type { ImportPreview } from './schema.ts';
import { assertRefusalsLeft } from './service.ts';

/**
 * The roster import as the rest of the platform sees it: a file uploaded (or named at the command line) and queued
 * as a job, what the job answers, and its rejected rows as a download. The work itself is import-job.ts; the columns
 * import-columns.ts (the page shows them too); a row and its checks import-rows.ts; the rejected rows
 * import-rejected.ts; the database half import-store.ts.
 */

export interface ImportParams {
  /** The uploaded file's name in DATA_DIR/imports. */
  file: string;
  /** The name the user gave it (its extension says how to read it). */
  fileName: string;
  intoOrgCode: string;
  /** Columns the user mapped by hand: field → the header as written in the file. */
  columns?: Partial<Record<MemberField, string>>;
  /** The language of the rejected rows' reasons: the importer's, when they queued it. */
  locale: Locale;
  /** Rows per transaction; tests make it small. */
  chunkSize?: number;
}

export interface ImportCounts {
  imported: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export interface ImportCheckpoint {
  /** Non-empty data rows done, in file order. */
  rowsDone: number;
  counts: ImportCounts;
  /** Rows the database refused, by sheet row number: they cannot be told again from the file alone on resume. */
  refused: [number, string, Record<string, string>?][];
}

export interface ImportResult extends ImportCounts {
  rows: number;
  /** The rejected-rows workbook in DATA_DIR/imports, when any row was rejected. */
  rejectedFile: string | null;
  /**
   * The first rejected rows by sheet row number, with the reason in the import's language, for the result page:
   * the reasons name fields and rows, never what was in them, so anyone who sees the job may read them.
   */
  rejectedSample: RejectedRow[];
  /** Rows imported with a warning (a gender the ID number contradicts: the ID number's is kept), and the first of them. */
  warnings?: number;
  warningSample?: RejectedRow[];
}

export interface RejectedRow {
  row: number;
  reason: string;
}

/** Uploads and rejected-rows files: in DATA_DIR/imports, written readable by the server's user only. */
export function importsDir(dataDir: string): string {
  const dir = join(dataDir, 'imports');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

export function registerImportJob(runner: JobRunner, platform: PlatformContext): void {
  const dir = importsDir(platform.config.dataDir);
  runner.register<ImportParams, ImportCheckpoint>(importJobKind, importMembersHandler(platform, dir), {
    ended: (job) => importEnded(dir, job),
    sweep: () => sweepImportFiles(platform),
  });
}

/**
 * An import has ended, however it ended (imported, failed, cancelled running or queued, given up after crashes): its
 * upload holds ID numbers in clear and goes now. So does a rejected-rows file its result does not name (a failed
 * run's, or an empty one). Until the end the upload stays, so that a server killed mid-import resumes from it.
 */
export function importEnded(dir: string, job: Pick<Job, 'id' | 'params' | 'result'>): void {
  const { file } = (job.params ?? {}) as Partial<ImportParams>;
  if (file) rmSync(join(dir, basename(file)), { force: true });
  if (!(job.result as Partial<ImportResult> | null)?.rejectedFile) rmSync(join(dir, rejectedFileName(job.id)), { force: true });
}

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;
const isRejectedFile = (name: string) => /^rejected-\d+\.xlsx$/.test(name);

/** Whether a rejected-rows file last written at `mtimeMs` is past its keeping time (REJECTED_ROWS_DAYS). */
const expired = (platform: Pick<PlatformContext, 'config'>, mtimeMs: number, now: number) => mtimeMs < now - platform.config.rejectedRowsDays * dayMs;

/**
 * The imports folder's housekeeping (the job runner runs it when it starts and every hour): rejected-rows files older
 * than REJECTED_ROWS_DAYS go, and so does an upload that no unfinished import names once it is an hour old (a server
 * that died between saving an upload and queueing it).
 */
export async function sweepImportFiles(platform: Pick<PlatformContext, 'config' | 'db'>, now = Date.now()): Promise<string[]> {
  const dir = importsDir(platform.config.dataDir);
  const inUse = new Set((await unfinishedJobParams(systemActor('members.import'), platform.db, importJobKind)).map((params) => basename(String((params as Partial<ImportParams>).file ?? ''))));
  const removed: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat?.isFile()) continue;
    const stale = isRejectedFile(name) ? expired(platform, stat.mtimeMs, now) : !inUse.has(name) && stat.mtimeMs < now - hourMs;
    if (!stale) continue;
    rmSync(path, { force: true });
    removed.push(name);
  }
  return removed;
}

/** The roster files taken: a county sends a few hundred thousand rows, well under the limit. */
export const rosterUpload: UploadSpec = {
  types: { '.xlsx': 'zip', '.csv': 'text', '.txt': 'text' },
  maxBytes: 512 * 1024 * 1024,
};

export function isImportable(fileName: string): boolean {
  return formatOf(fileName) !== undefined;
}

/**
 * Queues an import of a file already saved in DATA_DIR/imports, for an org in the actor's scope; the answer is the
 * job's id. Who may add members may import them.
 */
export async function queueImport(actor: Actor, db: Db, runner: JobRunner, params: ImportParams): Promise<number> {
  memberPolicy.assert(actor, 'create');
  if (!isImportable(params.fileName)) throw invalid([{ path: 'file', code: 'unsupported_format', messageKey: 'import.unsupported_format', params: { name: params.fileName } }]);
  const into = await resolveInto(actor, db, params.intoOrgCode);
  return runner.enqueue(actor, db, { kind: importJobKind, params, orgPath: into.path });
}

/**
 * An uploaded roster: the caller and the org are checked before a byte is stored (nothing is kept for an org they
 * cannot reach), then the file is saved and queued. The upload is deleted by the job once imported, or here if it
 * cannot be queued.
 */
export async function importUpload(actor: Actor, platform: PlatformContext, intoOrgCode: string, upload: Upload, mappedColumns?: string): Promise<{ jobId: number }> {
  memberPolicy.assert(actor, 'create');
  const columns = parseMappedColumns(mappedColumns);
  await assertRefusalsLeft(actor, platform.db, platform.config);
  await resolveInto(actor, platform.db, intoOrgCode);
  const stored = `${randomUUID()}${upload.extension}`;
  const path = join(importsDir(platform.config.dataDir), stored);
  await upload.saveTo(path);
  try {
    return { jobId: await queueImport(actor, platform.db, platform.jobs, { file: stored, fileName: upload.fileName, intoOrgCode, locale: actor.locale, ...(columns ? { columns } : {}) }) };
  } catch (error) {
    rmSync(path, { force: true });
    throw error;
  }
}

const mappedColumns = z.partialRecord(z.enum(Object.keys(memberColumns) as [MemberField, ...MemberField[]]), z.string().trim().min(1).max(100)).optional();

/**
 * The `columns` of an upload: a JSON object, field → the header of the file's column the user mapped to it (the
 * wizard offers it for each column it does not recognise). A field or header it cannot take is a refused field.
 */
export function parseMappedColumns(text: string | undefined): Partial<Record<MemberField, string>> | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = null;
  }
  const parsed = mappedColumns.safeParse(value);
  if (!parsed.success) throw invalid([{ path: 'columns', code: 'invalid_mapping', messageKey: 'import.invalid_mapping' }]);
  return parsed.data as Partial<Record<MemberField, string>> | undefined;
}

/**
 * An uploaded roster's header as the import would read it, for the wizard to show before importing: the file's
 * headers, the column of each recognised field, the required fields it lacks and the columns it does not recognise
 * (which the user may map by hand). The file is read only as far as its header and deleted at once.
 */
export async function previewUpload(actor: Actor, platform: PlatformContext, upload: Upload): Promise<ImportPreview> {
  memberPolicy.assert(actor, 'create');
  const path = join(importsDir(platform.config.dataDir), `preview-${randomUUID()}${upload.extension}`);
  try {
    await upload.saveTo(path);
    const mapping = await previewSheet(path, upload.fileName, memberColumns);
    if (!mapping) throw new AppError('validation_failed', 'import.no_header', { rows: 30 });
    return { headers: mapping.headers, columns: mapping.columns, missing: mapping.missing, unrecognised: mapping.unrecognised };
  } finally {
    rmSync(path, { force: true });
  }
}

/**
 * The rejected rows of an import as a workbook. They hold ID numbers as typed: for those who may reveal them, of
 * jobs in their scope, and each download is audited.
 */
export async function rejectedRowsFile(actor: Actor, platform: PlatformContext, jobId: number): Promise<Download> {
  memberPolicy.assert(actor, 'reveal');
  const { db, config } = platform;
  const job = await getJob(actor, db, jobId);
  const file = job.kind === importJobKind ? (job.result as ImportResult | null)?.rejectedFile : undefined;
  if (!file) throw notFound();
  const path = join(importsDir(config.dataDir), basename(file));
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) throw notFound('members.import.rejected_expired', { days: config.rejectedRowsDays });
  // Past its keeping time it goes now, whether or not the hourly housekeeping has come by yet.
  if (expired(platform, stat.mtimeMs, Date.now())) {
    rmSync(path, { force: true });
    throw notFound('members.import.rejected_expired', { days: config.rejectedRowsDays });
  }
  await inTransaction(db, (tx) => appendAudit(tx, actor, { action: 'export', entity: 'member_import', entityId: jobId, orgPath: actor.scope.path, after: { rejectedRows: true } }));
  return { fileName: translate(actor.locale, 'members.import.rejected_file', { jobId }), contentType: xlsxContentType, body: createReadStream(path) };
}
