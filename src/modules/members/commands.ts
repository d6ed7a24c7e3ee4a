import { copyFileSync, createWriteStream, existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { basename, extname, join, resolve } from 'node:path';
import { finished } from 'node:stream/promises';
import type { Command } from 'commander';
import type { CommandKit } from '../../core/module.ts';
import { z } from 'zod';
import { systemActor } from '../../core/actor.ts';
import { invalid } from '../../core/errors.ts';
import type { MessageBundle } from '../../core/i18n/catalogue.ts';
import { runJobHere } from '../../core/jobs/service.ts';
import { parseInput } from '../../core/validation.ts';
import { prepareExport } from './export.ts';
import { importsDir, queueImport, type ImportResult } from './import.ts';
import { bilingual, helpText, printJson, say } from '../../core/cli/output.ts';

const zh = {
  'members.cli.help': '会员名册：从 .xlsx/.csv 导入、导出为 .xlsx',
  'members.cli.help.import': '导入会员名册文件（.xlsx 或 .csv），与网页导入相同：逐行校验，未导入的行写入一个 .xlsx 并注明原因',
  'members.cli.help.export': '把一个组织及其下级的在册会员导出为 .xlsx',
  'members.cli.option.into': '导入到的组织编码：基层工会；或表格有“所属工会”列时，其上级组织',
  'members.cli.option.locale': '未导入原因使用的语言：zh-CN（默认）或 en',
  'members.cli.option.org': '要导出的组织编码',
  'members.cli.option.out': '输出文件（.xlsx）',
  'members.cli.option.full': '身份证号和手机号不打码（记入审计）',
  'members.cli.imported': '导入完成：新增 {imported}，更新 {updated}，未变 {unchanged}，未导入 {rejected}',
  'members.cli.rejected_file': '未导入的行及原因：{file}',
  'members.cli.progress': '已处理 {done} 行',
  'members.cli.exported': '已导出 {count} 名会员到 {file}',
  'members.cli.file_not_found': '找不到文件 {file}',
} as const;

const en: Record<keyof typeof zh, string> = {
  'members.cli.help': 'The member roster: import from .xlsx/.csv, export to .xlsx',
  'members.cli.help.import': 'Import a roster file (.xlsx or .csv) as the web import does: every row validated, rows not imported written to an .xlsx with the reason',
  'members.cli.help.export': 'Export the current members of an org and everything below it to .xlsx',
  'members.cli.option.into': 'code of the org to import into: a grassroots union, or, when the sheet has a union column, an org above them',
  'members.cli.option.locale': 'language of the reasons for rejected rows: zh-CN (default) or en',
  'members.cli.option.org': 'code of the org to export',
  'members.cli.option.out': 'the file to write (.xlsx)',
  'members.cli.option.full': 'ID numbers and phones in full, not masked (audited)',
  'members.cli.imported': 'Import done: {imported} new, {updated} updated, {unchanged} unchanged, {rejected} not imported',
  'members.cli.rejected_file': 'Rows not imported, with the reasons: {file}',
  'members.cli.progress': '{done} rows done',
  'members.cli.exported': 'Exported {count} members to {file}',
  'members.cli.file_not_found': 'No file {file}',
};

/** Joined to the module's messages (messages.ts), so the help texts are known before the commands are described. */
export const memberCommandMessages: MessageBundle = { 'zh-CN': zh, en };

const importOptions = z.object({
  into: z.string().trim().min(1).max(40),
  locale: z.enum(['zh-CN', 'en']).default('zh-CN'),
});
const exportOptions = z.object({
  org: z.string().trim().min(1).max(40),
  out: z.string().trim().min(1).refine((path) => extname(path).toLowerCase() === '.xlsx', { message: 'validation.invalid_format' }),
});

export function memberCommands(program: Command, kit: CommandKit): void {
  const members = program.command('members').description(helpText('members.cli.help'));
  members
    .command('import')
    .description(helpText('members.cli.help.import'))
    .argument('<file>')
    .requiredOption('--into <code>', helpText('members.cli.option.into'))
    .option('--locale <locale>', helpText('members.cli.option.locale'))
    .option('--json', helpText('cli.option.json'))
    .action((file: string, options: ImportCommandOptions) => importCommand(kit, file, options));
  members
    .command('export')
    .description(helpText('members.cli.help.export'))
    .requiredOption('--org <code>', helpText('members.cli.option.org'))
    .requiredOption('--out <file>', helpText('members.cli.option.out'))
    .option('--full', helpText('members.cli.option.full'))
    .option('--json', helpText('cli.option.json'))
    .action((options: ExportCommandOptions) => exportCommand(kit, options));
}

/** Runs the import job in this process, with the same handler the server runs, and prints its summary. */
type ImportCommandOptions = { into?: string; locale?: string; json?: boolean };
type ExportCommandOptions = { org?: string; out?: string; full?: boolean; json?: boolean };

async function importCommand(kit: CommandKit, file: string, options: ImportCommandOptions): Promise<void> {
  const { into, locale } = parseInput(importOptions, options);
  const source = resolve(file);
  if (!existsSync(source)) throw invalid([{ path: 'file', code: 'not_found', messageKey: 'members.cli.file_not_found', params: { file } }]);
  const summary = await kit.withPlatform(options.json, async (platform) => {
    const actor = systemActor('cli');
    const dir = importsDir(platform.config.dataDir);
    const stored = `${randomUUID()}${extname(source).toLowerCase()}`;
    copyFileSync(source, join(dir, stored));
    const jobId = await queueImport(actor, platform.db, platform.jobs, { file: stored, fileName: basename(source), intoOrgCode: into, locale });
    const onProgress = process.stderr.isTTY && !options.json ? (done: number) => process.stderr.write(`\r${bilingual('members.cli.progress', { done }).replace('\n', ' / ')}`) : undefined;
    try {
      return { result: await runJobHere<ImportResult>(actor, platform.db, platform.jobs, jobId, onProgress), dir };
    } finally {
      if (onProgress) process.stderr.write('\n');
    }
  });
  const { result, dir } = summary;
  const rejectedFile = result.rejectedFile ? join(dir, result.rejectedFile) : null;
  const counts = { imported: result.imported, updated: result.updated, unchanged: result.unchanged, rejected: result.rejected };
  if (options.json) return printJson({ ...counts, rejectedFile });
  say(bilingual('members.cli.imported', counts));
  if (rejectedFile) say(bilingual('members.cli.rejected_file', { file: rejectedFile }));
}

async function exportCommand(kit: CommandKit, options: ExportCommandOptions): Promise<void> {
  const { org, out } = parseInput(exportOptions, options);
  const target = resolve(out);
  const count = await kit.withPlatform(options.json, async (platform) => {
    const prepared = await prepareExport(systemActor('cli'), platform.db, platform.cipher, { orgCode: org, full: options.full === true, locale: 'zh-CN' });
    const stream = createWriteStream(target);
    const written = await prepared.write(stream);
    await finished(stream);
    return written;
  });
  if (options.json) return printJson({ count, file: target });
  say(bilingual('members.cli.exported', { count, file: target }));
}

