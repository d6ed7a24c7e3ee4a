import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Actor } from '../../core/actor.ts';
import { appendAudit } from '../../core/audit/store.ts';
import type { Db } from '../../core/db/tables.ts';
import { invalid, notFound } from '../../core/errors.ts';
import type { PlatformContext } from '../../core/http/context.ts';
import { translate, type Locale } from '../../core/i18n/catalogue.ts';
import { withCopyTransaction } from '../../core/import/copy.ts';
import { headerKey, type ColumnSpec } from '../../core/import/headers.ts';
import { normaliseText } from '../../core/import/normalise.ts';
import { estimateLines, formatOf } from '../../core/import/read.ts';
import { startSealer, type Sealed } from '../../core/import/seal.ts';
import { describeProblems, openSheet, RejectedRowsFile, validateRow, type RowProblem, type SheetRow } from '../../core/import/sheet.ts';
import { JobCancelled, type JobContext, type JobHandler, type JobRunner } from '../../core/jobs/runner.ts';
import { covers, inScope } from '../../core/scope.ts';
import { getOrg } from '../org/service.ts';
import { parseIdNumber, type ParsedIdNumber } from './id-number.ts';
import { mergeMembers, refreshStatistics, sumDeltas, type StagedMember } from './import-store.ts';
import { memberPolicy } from './policy.ts';
import { educations, knownRegion, phone } from './schema.ts';
import * as store from './store.ts';
import type { MemberTables } from './tables.ts';

/**
 * The roster import (job kind `members.import`): a sheet as users keep it, read and validated row by row in Node,
 * encrypted there, and loaded chunk by chunk with COPY and one set-based merge per chunk. Each chunk's rows, counts,
 * audit summary and checkpoint commit together, so a killed server resumes at the next chunk with nothing lost or
 * doubled; a cancel stops between chunks and keeps what is committed.
 */

export const importJobKind = 'members.import';

/** Headers users give each column, in Chinese and English; the export writes the first of each, so it re-imports. */
export const memberColumns = {
  union: { headers: ['所属工会', '工会名称', '工会编码', '基层工会', '工会', '单位工会', 'union', 'union code', 'grassroots union'], kind: 'id' },
  name: { headers: ['姓名', '名字', '会员姓名', '职工姓名', 'name', 'full name'], required: true },
  gender: { headers: ['性别', 'gender', 'sex'] },
  idNumber: { headers: ['身份证号', '身份证号码', '公民身份号码', '证件号码', '身份证', '居民身份证号码', 'id number', 'resident id number', 'id'], kind: 'id', required: true },
  phone: { headers: ['手机号', '手机', '手机号码', '联系电话', '电话', '联系方式', 'mobile', 'phone'], kind: 'id' },
  household: { headers: ['户籍类型', '户籍', '户口性质', '户籍性质', '户口类型', 'household', 'household registration'], required: true },
  dispatched: { headers: ['劳务派遣', '是否劳务派遣', '劳务派遣工', 'dispatched', 'dispatched worker'] },
  education: { headers: ['学历', '文化程度', 'education'] },
  job: { headers: ['岗位', '工作岗位', '职务', 'job', 'position'] },
  joinedOn: { headers: ['入会时间', '入会日期', 'joined on', 'join date', 'joined'], kind: 'date', required: true },
  cardNumber: { headers: ['会员证号', '会员证号码', '会员卡号', 'member card number', 'card number'], kind: 'id' },
} satisfies ColumnSpec;
export type MemberField = keyof typeof memberColumns;

/** A closed set of words for a value: the key is compared half-width, lower case, without spaces. */
function words<T extends string | boolean>(table: Record<string, T>, messageKey: string) {
  const lookup = new Map(Object.entries(table).map(([word, value]) => [headerKey(word), value]));
  return z.string().transform((text, context) => {
    const value = lookup.get(text) ?? lookup.get(headerKey(text));
    if (value === undefined) {
      context.addIssue({ code: 'custom', message: messageKey, params: { code: messageKey.split('.').pop(), value: text } });
      return z.NEVER;
    }
    return value;
  });
}

const householdWords = { 城镇: 'urban', 城市: 'urban', 非农: 'urban', 非农业: 'urban', 非农业户口: 'urban', 城镇户口: 'urban', 居民: 'urban', urban: 'urban', 农村: 'rural', 农业: 'rural', 农业户口: 'rural', 农村户口: 'rural', 农民工: 'rural', '农村（农民工）': 'rural', rural: 'rural', 'rural (migrant worker)': 'rural' } as const;
const yesNo = { 是: true, 否: false, 有: true, 无: false, y: true, n: false, yes: true, no: false, true: true, false: false, '1': true, '0': false, '√': true, '×': false, 派遣: true, 劳务派遣: true, 非派遣: false } as const;
const genderWords = { 男: 'male', 女: 'female', m: 'male', f: 'female', male: 'male', female: 'female' } as const;
const educationWords: Record<string, (typeof educations)[number]> = {
  小学: 'primary', 初中: 'junior', 高中: 'senior', 中专: 'vocational', 技校: 'vocational', 职高: 'vocational', '中专/技校': 'vocational', 中技: 'vocational',
  大专: 'college', 专科: 'college', 大学专科: 'college', 本科: 'bachelor', 大学本科: 'bachelor', 大学: 'bachelor', 硕士: 'master', 研究生: 'master', 硕士研究生: 'master', 博士: 'doctor', 博士研究生: 'doctor',
  'primary school': 'primary', 'junior secondary': 'junior', 'senior secondary': 'senior', 'vocational school': 'vocational', doctorate: 'doctor',
  ...Object.fromEntries(educations.map((key) => [key, key])),
};

const notFuture = (date: string) => date <= new Date().toISOString().slice(0, 10);

/**
 * One roster row as the sheet gives it (text cells), validated and turned into values. The ID number is only
 * checked for length here: prepareRow parses it once (GB 11643) and checks the gender and joining date against it.
 */
export const importRow = z.object({
  union: z.string().max(100).optional(),
  name: z.string().trim().min(1).max(50),
  gender: words(genderWords, 'members.import.invalid_gender').optional(),
  idNumber: z.string().max(40),
  phone: phone.optional(),
  household: words(householdWords, 'members.import.invalid_household'),
  dispatched: words(yesNo, 'members.import.invalid_flag').optional(),
  education: words(educationWords, 'members.import.invalid_education').optional(),
  job: z.string().trim().max(50).optional(),
  joinedOn: z.iso.date().refine(notFuture, { message: 'members.future_date', params: { code: 'future_date' } }),
  cardNumber: z.string().trim().max(30).optional(),
});

const fieldOrder = new Map(Object.keys(memberColumns).map((field, index) => [field, index]));

/** Validates a row's fields: the schema, then the ID number parsed once, with what it implies. Problems in column order. */
export function checkRow(record: Partial<Record<MemberField, string>>): { value: z.output<typeof importRow>; id: ParsedIdNumber } | { problems: RowProblem[] } {
  const checked = validateRow(importRow, record);
  const problems = checked.ok ? [] : [...checked.problems];
  const text = record.idNumber;
  let id: ParsedIdNumber | undefined;
  if (text !== undefined && text.length <= 40) {
    const parsed = parseIdNumber(text, knownRegion);
    if (typeof parsed === 'string') problems.push({ field: 'idNumber', messageKey: `members.id_number.${parsed}` });
    else id = parsed;
  }
  if (checked.ok && id) {
    if (checked.value.gender && checked.value.gender !== id.gender) problems.push({ field: 'gender', messageKey: 'members.import.gender_mismatch' });
    if (checked.value.joinedOn < id.birthDate) problems.push({ field: 'joinedOn', messageKey: 'members.import.joined_before_birth' });
  }
  if (!checked.ok || !id || problems.length) return { problems: problems.sort((a, b) => (fieldOrder.get(a.field ?? '') ?? 99) - (fieldOrder.get(b.field ?? '') ?? 99)) };
  return { value: checked.value, id };
}

export interface ImportParams {
  /** The uploaded file's name in DATA_DIR/imports. */
  file: string;
  /** The name the user gave it (its extension says how to read it). */
  fileName: string;
  intoOrgCode: string;
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
}

export interface RejectedRow {
  row: number;
  reason: string;
}

/** How many rejected rows the result names; the rejected-rows file has them all. */
export const rejectedSampleSize = 20;

export const defaultChunkSize = 10_000;

export function importsDir(dataDir: string): string {
  const dir = join(dataDir, 'imports');
  mkdirSync(dir, { recursive: true });
  return dir;
}

export const rejectedFileName = (jobId: number) => `rejected-${jobId}.xlsx`;

export function registerImportJob(runner: JobRunner, platform: PlatformContext): void {
  runner.register<ImportParams, ImportCheckpoint>(importJobKind, importMembersHandler(platform));
}

interface Union {
  id: number;
  code: string;
  name: string;
  kind: string;
  path: string;
}

/** The grassroots unions at or below an org, in the actor's scope. */
async function unionsUnder(db: Db, actor: Actor, path: string): Promise<Union[]> {
  return db
    .withTables<MemberTables>()
    .selectFrom('orgs')
    .select(['id', 'code', 'name', 'kind', sql<string>`path::text`.as('path')])
    .where(sql<boolean>`path <@ ${path}::ltree`)
    .where(inScope('path', actor.scope))
    .where('kind', '=', 'grassroots')
    .execute();
}

const unionKey = (text: string) => normaliseText(text).replace(/\s+/g, '');

type Prepared = { row: SheetRow<MemberField>; problems: RowProblem[] } | { row: SheetRow<MemberField>; problems?: undefined; value: z.output<typeof importRow>; union: Union; id: ParsedIdNumber };

export function importMembersHandler(platform: PlatformContext): JobHandler<ImportParams, ImportCheckpoint> {
  return async (job, context) => {
    const result = await runImport(platform, job.id, context);
    // The uploaded file holds personal data in clear: once every row is in (or rejected), it goes. Until then it
    // stays, so that a server killed mid-import can resume from it.
    rmSync(join(importsDir(platform.config.dataDir), basename(context.params.file)), { force: true });
    return result;
  };
}

async function runImport(platform: PlatformContext, jobId: number, context: JobContext<ImportParams, ImportCheckpoint>): Promise<ImportResult> {
  const { params, actor, checkpoint } = context;
  const { db, cipher, config } = platform;
  memberPolicy.assert(actor, 'create');
  const locale = params.locale;
  const into = await resolveInto(actor, db, params.intoOrgCode);
  const dir = importsDir(config.dataDir);
  const file = join(dir, basename(params.file));
  if (!existsSync(file)) throw notFound('import.file_not_found');
  const sheet = await openSheet(file, params.fileName, memberColumns);
  try {
    const unionColumn = sheet.mapping.columns.union !== undefined;
    if (!unionColumn && into.kind !== 'grassroots') throw invalid([{ path: 'intoOrgCode', code: 'not_grassroots', messageKey: 'members.import.into_not_grassroots' }]);

    const lines = await estimateLines(file, formatOf(params.fileName)!);
    // The bar's total: lines below the header, never less than what is done (empty lines are not rows).
    const total = lines === undefined ? undefined : Math.max(0, lines - sheet.mapping.headerRow - 1);
    const unions = await unionsUnder(db, actor, into.path);
    const byKey = new Map<string, Union>();
    for (const union of unions) byKey.set(unionKey(union.name), union);
    for (const union of unions) byKey.set(unionKey(union.code), union);
    const intoUnion = into.kind === 'grassroots' ? unions.find((union) => union.id === into.id) : undefined;

    const chunkSize = Math.max(1, Math.min(params.chunkSize ?? defaultChunkSize, 50_000));
    const rejectedPath = join(dir, rejectedFileName(jobId));
    const rejected = new RejectedRowsFile(rejectedPath, sheet.mapping.headers, locale);
    const label = (field: string) => translate(locale, field === 'union' ? 'members.field.union' : `members.field.${field}`);
    const sample: RejectedRow[] = [];
    const reject = (row: SheetRow<MemberField>, problems: RowProblem[]) => {
      const reason = describeProblems(problems, locale, label);
      if (sample.length < rejectedSampleSize) sample.push({ row: row.rowNumber, reason });
      return rejected.add(row, reason);
    };
    const outcome = (): ImportResult => ({ ...counts, rows: rowsDone, rejectedFile: rejected.count ? rejectedFileName(jobId) : null, rejectedSample: sample });

    // ID numbers already taken by an earlier row of the file: the first row keeps it, later ones are refused.
    const seen = new Map<string, number>();
    const prepare = (row: SheetRow<MemberField>): Prepared => {
      const checked = checkRow(row.record);
      const problems = 'problems' in checked ? [...checked.problems] : [];
      let union: Union | undefined;
      const unionText = row.record.union;
      if (unionText !== undefined) {
        union = byKey.get(unionKey(unionText));
        if (!union || !covers(actor.scope, union.path)) {
          union = undefined;
          problems.push({ field: 'union', messageKey: 'members.import.unknown_union', params: { union: unionText } });
        }
      } else if (intoUnion) union = intoUnion;
      else problems.push({ field: 'union', messageKey: 'validation.required' });
      if ('problems' in checked || problems.length || !union) return { row, problems };
      const first = seen.get(checked.id.value);
      if (first !== undefined) return { row, problems: [{ field: 'idNumber', messageKey: 'import.duplicate_in_file', params: { row: first } }] };
      seen.set(checked.id.value, row.rowNumber);
      return { row, value: checked.value, union, id: checked.id };
    };

    const refused = new Map<number, { messageKey: string; params?: Record<string, string> }>((checkpoint?.refused ?? []).map(([rowNumber, messageKey, p]) => [rowNumber, { messageKey, ...(p ? { params: p } : {}) }]));
    const refusedList: ImportCheckpoint['refused'] = [...(checkpoint?.refused ?? [])];
    let counts: ImportCounts = checkpoint?.counts ?? { imported: 0, updated: 0, unchanged: 0, rejected: 0 };
    const resumeAt = checkpoint?.rowsDone ?? 0;
    let rowsDone = 0;
    let chunk: SheetRow<MemberField>[] = [];
    let chunksRun = 0;

    interface ReadyChunk {
      prepared: Prepared[];
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
      const prepared: Prepared[] = [];
      const valid: Extract<Prepared, { value: unknown }>[] = [];
      for (let index = 0; index < rows.length; index++) {
        const item = prepare(rows[index]!);
        prepared.push(item);
        if (!item.problems) valid.push(item);
        if (index % 500 === 499) await new Promise((resolve) => setImmediate(resolve));
      }
      const first = rowsQueued + 1;
      rowsQueued += rows.length;
      const sealed = sealer.seal(valid.flatMap((item) => [item.id.value, item.value.phone ?? null]));
      return sealed.then((values) => ({ prepared, staged: valid.map((item, index) => stageRow(item, values[2 * index]!, values[2 * index + 1]!)), invalid: prepared.length - valid.length, first, done: rowsQueued }));
    };

    /** The database half of a chunk: staged, merged, counted, audited and checkpointed in one transaction. */
    const commitChunk = async (ready: ReadyChunk): Promise<void> => {
      if (await context.cancelled()) throw new JobCancelled(outcome());
      const chunkNumber = ++chunksRun;
      const { done } = ready;
      const next = await withCopyTransaction(platform.database, async (tx, copy) => {
        // Chunks 1, 2, 4, 8 …: the tables have doubled at most since the planner last looked.
        if ((chunkNumber & (chunkNumber - 1)) === 0) await refreshStatistics(tx);
        const outcome = await mergeMembers(tx, copy, actor.scope, ready.staged);
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
        if (item.problems) reject(item.row, item.problems);
        else {
          const why = refusedNow.get(item.row.rowNumber);
          if (why) reject(item.row, [{ field: 'idNumber', messageKey: why.messageKey, ...(why.params ? { params: why.params } : {}) }]);
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
          if (item.problems) reject(row, item.problems);
          else {
            const why = refused.get(row.rowNumber);
            if (why) reject(row, [{ field: 'idNumber', ...why }]);
          }
          rowsDone++;
          continue;
        }
        chunk.push(row);
        if (chunk.length >= chunkSize) await flush();
      }
      if (chunk.length) await flush();
      await committing;
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

function stageRow(item: Extract<Prepared, { value: unknown }>, idNumber: Sealed, phone: Sealed | null): StagedMember {
  const { value, union, row, id: parsed } = item;
  return {
    rowNumber: row.rowNumber,
    name: value.name,
    idHash: idNumber.hash,
    idCipher: idNumber.sealed,
    gender: parsed.gender,
    birthDate: parsed.birthDate,
    phoneHash: phone?.hash ?? null,
    phoneCipher: phone?.sealed ?? null,
    household: value.household,
    dispatched: value.dispatched ?? false,
    education: value.education ?? null,
    job: value.job ?? null,
    cardNumber: value.cardNumber ?? null,
    joinedOn: value.joinedOn,
    orgId: union.id,
  };
}

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

/** The org an import goes into, in the actor's scope; an unknown one is a refused field, as on the member form. */
export async function resolveInto(actor: Actor, db: Db, code: string) {
  const into = await getOrg(actor, db, code).catch(() => undefined);
  if (!into) throw invalid([{ path: 'intoOrgCode', code: 'unknown_org', messageKey: 'org.unknown_code', params: { code } }]);
  return into;
}
