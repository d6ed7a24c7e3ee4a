import { createReadStream, createWriteStream, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import type { Actor } from '../../core/actor.ts';
import { appendAudit } from '../../core/audit/store.ts';
import { inTransaction } from '../../core/db/transaction.ts';
import { conflict, forbidden, notFound } from '../../core/errors.ts';
import { xlsxContentType, type Download } from '../../core/files.ts';
import type { PlatformContext } from '../../core/http/context.ts';
import type { Locale } from '../../core/i18n/catalogue.ts';
import type { JobRunner } from '../../core/jobs/runner.ts';
import { getJob } from '../../core/jobs/service.ts';
import { getOrg } from '../org/service.ts';
import { prepareExport } from './export.ts';
import { memberPolicy } from './policy.ts';

/**
 * The roster export as a job (issue 13: a province's roster took 23 s with nothing shown): asked for with POST, watched
 * through GET /jobs/:id like an import (rows written of the total), written to DATA_DIR/exports, then downloaded by
 * the user who asked for it, and only by them, and removable. The workbook is export.ts's, as the command line writes it.
 */

export const exportJobKind = 'members.export';

export interface ExportParams {
  orgCode: string | null;
  full: boolean;
  /** The workbook's language: the asker's, when they asked. */
  locale: Locale;
}

export interface ExportResult {
  rows: number;
  /** The name the download is given. */
  fileName: string;
  /** Who asked for it: the only one who may download or remove it. */
  ownerId: number | null;
}

/** A full export holds ID numbers in clear: kept a day at most, then the housekeeping removes it. */
const keepMs = 24 * 3_600_000;

export function exportsDir(dataDir: string): string {
  const dir = join(dataDir, 'exports');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

export const exportFileOf = (jobId: number) => `export-${jobId}.xlsx`;
const partFileOf = (jobId: number) => `export-${jobId}.xlsx.part`;

export function registerExportJob(runner: JobRunner, platform: PlatformContext): void {
  const dir = exportsDir(platform.config.dataDir);
  runner.register<ExportParams, null>(
    exportJobKind,
    async (job, context) => {
      // Written beside its final name and renamed once whole: a file under the final name is always complete.
      const part = join(dir, partFileOf(job.id));
      const prepared = await prepareExport(context.actor, context.db, platform.cipher, { orgCode: context.params.orgCode ?? undefined, full: context.params.full, locale: context.params.locale }, { audited: true });
      const out = createWriteStream(part, { mode: 0o600 });
      try {
        const rows = await prepared.write(out, (done, total) => context.progress(done, total));
        await finished(out);
        renameSync(part, join(dir, exportFileOf(job.id)));
        return { rows, fileName: prepared.fileName, ownerId: context.actor.userId } satisfies ExportResult;
      } finally {
        out.destroy();
        rmSync(part, { force: true });
      }
    },
    {
      // A failed or cancelled export leaves nothing behind.
      ended: (job) => {
        if (job.status !== 'succeeded') rmSync(join(dir, exportFileOf(job.id)), { force: true });
      },
      sweep: () => sweepExports(platform.config.dataDir),
    },
  );
}

/** Export files past their day go, and parts a stopped server left. */
export function sweepExports(dataDir: string, now = Date.now()): string[] {
  const dir = exportsDir(dataDir);
  const removed: string[] = [];
  for (const name of readdirSync(dir)) {
    const stat = statSync(join(dir, name), { throwIfNoEntry: false });
    if (!stat?.isFile() || stat.mtimeMs >= now - keepMs) continue;
    rmSync(join(dir, name), { force: true });
    removed.push(name);
  }
  return removed;
}

/**
 * Queues an export of the org's subtree (the caller's scope without one), masked or in full as the caller may, and
 * audits it as the streamed export did: who, which subtree, whether in full.
 */
export async function startExport(actor: Actor, platform: PlatformContext, request: { orgCode?: string | undefined; full: boolean }): Promise<{ jobId: number }> {
  memberPolicy.assert(actor, 'read');
  if (request.full && !memberPolicy.can(actor, 'reveal')) throw forbidden();
  const org = request.orgCode ? await getOrg(actor, platform.db, request.orgCode) : undefined;
  const path = org?.path ?? actor.scope.path;
  const params: ExportParams = { orgCode: org?.code ?? null, full: request.full, locale: actor.locale };
  const jobId = await inTransaction(platform.db, async (tx) => {
    await appendAudit(tx, actor, { action: 'export', entity: 'member', entityId: org?.code ?? 'scope', orgPath: path, after: { orgCode: org?.code ?? null, full: request.full } });
    return platform.jobs.enqueue(actor, tx, { kind: exportJobKind, params, orgPath: path });
  });
  return { jobId };
}

/** The export's job, of the caller's scope and their own: anyone else is refused, whatever their role. */
async function ownExport(actor: Actor, platform: PlatformContext, jobId: number) {
  const job = await getJob(actor, platform.db, jobId);
  if (job.kind !== exportJobKind) throw notFound();
  const result = job.result as ExportResult | null;
  if (result && (actor.userId === null || result.ownerId !== actor.userId)) throw forbidden('members.export.not_owner');
  return { job, result };
}

export async function exportFile(actor: Actor, platform: PlatformContext, jobId: number): Promise<Download> {
  const { job, result } = await ownExport(actor, platform, jobId);
  if (job.status !== 'succeeded' || !result) throw conflict('members.export.not_ready');
  const path = join(exportsDir(platform.config.dataDir), exportFileOf(jobId));
  if (!statSync(path, { throwIfNoEntry: false })) throw notFound('members.export.gone');
  return { fileName: result.fileName, contentType: xlsxContentType, body: createReadStream(path) };
}

export async function removeExport(actor: Actor, platform: PlatformContext, jobId: number): Promise<{ ok: true }> {
  const { job } = await ownExport(actor, platform, jobId);
  if (job.status !== 'succeeded') throw conflict('members.export.not_ready');
  rmSync(join(exportsDir(platform.config.dataDir), exportFileOf(jobId)), { force: true });
  return { ok: true };
}
