import type { Command } from 'commander';
import { bilingual, helpText, printJson, say, setExitCode } from '../core/cli/output.ts';
import { checkAggregates, rebuildAggregates } from '../core/indicators/aggregates.ts';
import { aggregateTables } from '../core/indicators/registry.ts';
import { withPlatform } from './platform.ts';

/** `aggregates check|rebuild`: every module's aggregate tables against (or from) their records. */
export function registerAggregateCommands(program: Command): void {
  const aggregates = program.command('aggregates').description(helpText('cli.help.aggregates'));
  aggregates.command('check').description(helpText('cli.help.aggregates.check')).option('--json', helpText('cli.option.json')).action(check);
  aggregates.command('rebuild').description(helpText('cli.help.aggregates.rebuild')).option('--json', helpText('cli.option.json')).action(rebuild);
}

async function check(options: { json?: boolean }): Promise<void> {
  const differences = await withPlatform(options.json, (platform) => checkAggregates(platform.db));
  if (differences.length) setExitCode(1);
  if (options.json) return printJson({ differences });
  if (differences.length === 0) return say(bilingual('cli.aggregates.clean'));
  say(bilingual('cli.aggregates.differences', { count: differences.length }));
  for (const d of differences) say(`${d.table}\t${d.orgId}\t${d.year}\t${d.column}: ${d.expected} / ${d.actual}`);
}

async function rebuild(options: { json?: boolean }): Promise<void> {
  const tables = await withPlatform(options.json, async (platform) => {
    await platform.db.transaction().execute((tx) => rebuildAggregates(tx));
    return aggregateTables().map((table) => table.table);
  });
  if (options.json) return printJson({ rebuilt: tables });
  say(bilingual('cli.aggregates.rebuilt', { tables: tables.join(', ') }));
}
