import { randomUUID } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { Command } from 'commander';
import { z } from 'zod';
import { systemActor } from '../../core/actor.ts';
import { bilingual, helpText, printJson, say } from '../../core/cli/output.ts';
import { invalid } from '../../core/errors.ts';
import type { CommandKit } from '../../core/module.ts';
import type { Platform } from '../../core/platform.ts';
import { parseInput } from '../../core/validation.ts';
import { prepareAppealExport } from './export.ts';
import { importCalendar } from './import-calendar.ts';
import { importCentres } from './import-centres.ts';
import { prepareCentreExport } from './registry-export.ts';
import { exportCentresQuery } from './registry-schema.ts';
import type { ImportSummary } from './import-sheet.ts';

const importOptions = z.object({
  into: z.string().trim().min(1).max(40),
  locale: z.enum(['zh-CN', 'en']).default('zh-CN'),
});
const calendarOptions = importOptions.omit({ into: true });
const exportOptions = z.object({
  org: z.string().trim().min(1).max(40).optional(),
  out: z.string().trim().min(1),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

type ImportCommandOptions = { into?: string; locale?: string; json?: boolean };
type ExportCommandOptions = { org?: string; out?: string; year?: string; full?: boolean; json?: boolean };

export function appealCommands(program: Command, kit: CommandKit): void {
  const appeals = program.command('appeals').description(helpText('appeals.cli.help'));
  appeals
    .command('import-centres')
    .description(helpText('appeals.cli.help.import_centres'))
    .argument('<file>')
    .requiredOption('--into <code>', helpText('appeals.cli.option.into'))
    .option('--locale <locale>', helpText('appeals.cli.option.locale'))
    .option('--json', helpText('cli.option.json'))
    .action((file: string, options: ImportCommandOptions) => {
      const { into, locale } = parseInput(importOptions, options);
      return runImport(kit, file, options.json, (platform, paths) => importCentres(systemActor('cli'), platform.db, { ...paths, intoOrgCode: into, locale }));
    });
  appeals
    .command('import-calendar')
    .description(helpText('appeals.cli.help.import_calendar'))
    .argument('<file>')
    .option('--locale <locale>', helpText('appeals.cli.option.locale'))
    .option('--json', helpText('cli.option.json'))
    .action((file: string, options: ImportCommandOptions) => {
      const { locale } = parseInput(calendarOptions, options);
      return runImport(kit, file, options.json, (platform, paths) => importCalendar(systemActor('cli'), platform.db, { ...paths, locale }));
    });
  appeals
    .command('export')
    .description(helpText('appeals.cli.help.export'))
    .requiredOption('--out <file>', helpText('appeals.cli.option.out'))
    .option('--org <code>', helpText('appeals.cli.option.org'))
    .option('--year <year>', helpText('appeals.cli.option.year'))
    .option('--full', helpText('appeals.cli.option.full'))
    .option('--json', helpText('cli.option.json'))
    .action((options: ExportCommandOptions) => {
      const { org, out, year } = parseInput(exportOptions, options);
      const query = { orgCode: org, year, full: options.full ? '1' : '0' } as const;
      return writeExport(kit, out, options.json, 'appeals.cli.exported', (platform) => prepareAppealExport(systemActor('cli'), platform.db, platform.cipher, query, 'zh-CN'));
    });
  appeals
    .command('export-centres')
    .description(helpText('appeals.cli.help.export_centres'))
    .requiredOption('--out <file>', helpText('appeals.cli.option.out'))
    .option('--org <code>', helpText('appeals.cli.option.org_centres'))
    .option('--json', helpText('cli.option.json'))
    .action((options: ExportCommandOptions) => {
      const { org, out } = parseInput(exportOptions.omit({ year: true }), options);
      return writeExport(kit, out, options.json, 'appeals.cli.exported_centres', (platform) => prepareCentreExport(systemActor('cli'), platform.db, exportCentresQuery.parse({ orgCode: org }), 'zh-CN'));
    });
}

/** Writes an export to `out` (readable by its owner only: it may hold what the platform keeps sealed). */
async function writeExport(kit: CommandKit, out: string, json: boolean | undefined, doneKey: string, prepare: (platform: Platform) => Promise<{ write(out: Writable): Promise<number> }>): Promise<void> {
  const target = resolve(out);
  const count = await kit.withPlatform(json, async (platform) => {
    const prepared = await prepare(platform);
    const stream = createWriteStream(target, { mode: 0o600 });
    const written = await prepared.write(stream);
    await finished(stream);
    return written;
  });
  if (json) return printJson({ count, file: target });
  say(bilingual(doneKey, { count, file: target }));
}

/** Reads the file where it lies; the rejected rows go to the data directory's imports folder, as the roster's do. */
async function runImport(kit: CommandKit, file: string, json: boolean | undefined, work: (platform: Platform, paths: { file: string; fileName: string; rejectedPath: string }) => Promise<ImportSummary>): Promise<void> {
  const source = resolve(file);
  if (!existsSync(source)) throw invalid([{ path: 'file', code: 'not_found', messageKey: 'appeals.cli.file_not_found', params: { file } }]);
  const summary = await kit.withPlatform(json, async (platform) => {
    const dir = join(platform.config.dataDir, 'imports');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    return work(platform, { file: source, fileName: basename(source), rejectedPath: join(dir, `appeals-${randomUUID()}-rejected.xlsx`) });
  });
  if (json) return printJson(summary);
  say(bilingual('appeals.cli.imported', { imported: summary.imported, updated: summary.updated, unchanged: summary.unchanged, rejected: summary.rejected }));
  if (summary.rejectedFile) say(bilingual('appeals.cli.rejected_file', { file: summary.rejectedFile }));
}
