import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { z } from 'zod';
import { systemActor } from '../core/actor.ts';
import { invalid } from '../core/errors.ts';
import { checkAggregates, rebuildAggregates } from '../core/indicators/aggregates.ts';
import { aggregateTables, findIndicator } from '../core/indicators/registry.ts';
import { parseInput } from '../core/validation.ts';
import { verifyBaseline } from '../modules/statistics/baseline.ts';
import { loadPlan } from '../modules/statistics/plans.ts';
import { indicatorCode, planFile } from '../modules/statistics/schema.ts';
import { indicatorValue } from '../modules/statistics/service.ts';
import { bilingual, helpText, printJson, say } from './output.ts';
import { withPlatform } from './platform.ts';

// Named after the options, so that a validation message points at the option to correct.
const year = z.coerce.number().int().min(1949).max(2100);
const indicatorOptions = z.object({ code: indicatorCode, org: z.string().trim().min(1).max(40).optional(), year: year.optional() });
const baselineOptions = z.object({ scale: z.coerce.number().positive().max(10).default(1), org: z.string().trim().min(1).max(40).optional() });
const period = z.string().regex(/^\d{4}-\d{4}$/).transform((text) => text.split('-').map(Number) as [number, number]);
const planOptions = z.object({ code: z.string().trim().min(1).max(40), name: z.string().trim().min(1).max(100), period, baselinePeriod: period });

export function registerStatisticsCommands(program: Command): void {
  program
    .command('indicator')
    .description(helpText('cli.help.indicator'))
    .argument('<code>')
    .option('--org <code>', helpText('cli.option.org'))
    .option('--year <year>', helpText('cli.option.year'))
    .option('--json', helpText('cli.option.json'))
    .action(indicator);
  program
    .command('verify-baseline')
    .description(helpText('cli.help.verify_baseline'))
    .option('--scale <scale>', helpText('cli.option.scale'))
    .option('--org <code>', helpText('cli.option.org'))
    .option('--json', helpText('cli.option.json'))
    .action(baseline);
  const aggregates = program.command('aggregates').description(helpText('cli.help.aggregates'));
  aggregates.command('check').description(helpText('cli.help.aggregates.check')).option('--json', helpText('cli.option.json')).action(check);
  aggregates.command('rebuild').description(helpText('cli.help.aggregates.rebuild')).option('--json', helpText('cli.option.json')).action(rebuild);
  const plan = program.command('plan').description(helpText('cli.help.plan'));
  plan
    .command('load')
    .description(helpText('cli.help.plan.load'))
    .argument('<file>')
    .requiredOption('--code <code>', helpText('cli.option.plan_code'))
    .requiredOption('--name <name>', helpText('cli.option.plan_name'))
    .requiredOption('--period <years>', helpText('cli.option.period'))
    .requiredOption('--baseline-period <years>', helpText('cli.option.baseline_period'))
    .option('--json', helpText('cli.option.json'))
    .action(load);
}

const actor = () => systemActor('cli');
const formatValue = (value: number | null, unit: string) => (value === null ? '—' : unit === 'rate' ? `${(value * 100).toFixed(1)}%` : value.toLocaleString('en'));

async function indicator(code: string, options: { org?: string; year?: string; json?: boolean }): Promise<void> {
  const input = parseInput(indicatorOptions, { code, org: options.org, year: options.year });
  const result = await withPlatform(options.json, (platform) => indicatorValue(actor(), platform.db, input.code, { org: input.org, year: input.year }));
  if (options.json) return printJson(result);
  const definition = findIndicator(result.code)!;
  say(bilingual('cli.indicator.line', { title: { term: `indicator.${result.code}.title` }, code: result.code, org: result.org, year: result.year, value: formatValue(result.value, definition.unit) }));
  if (result.denominator !== null) say(bilingual('cli.indicator.parts', { numerator: result.numerator, denominator: result.denominator }));
  if (result.target !== null) say(bilingual('cli.indicator.target', { target: formatValue(result.target, definition.unit), met: { term: result.met ? 'cli.indicator.met' : 'cli.indicator.not_met' } }));
}

async function baseline(options: { scale?: string; org?: string; json?: boolean }): Promise<void> {
  const input = parseInput(baselineOptions, options);
  const result = await withPlatform(options.json, (platform) => verifyBaseline(actor(), platform.db, { scale: input.scale, org: input.org }));
  const ok = result.checks.filter((check) => check.withinTolerance).length;
  if (ok < result.checks.length) process.exitCode = 1;
  if (options.json) return printJson({ scale: input.scale, ...result });
  say(bilingual('cli.baseline.header', { plan: result.plan, org: result.org, from: result.fromYear, to: result.toYear, scale: input.scale }));
  for (const check of result.checks) {
    const unit = check.kind === 'rate' ? 'rate' : 'count';
    say(`${check.withinTolerance ? '✓' : '✗'} ${check.indicator.padEnd(28)} ${check.kind.padEnd(10)} ${formatValue(check.report, unit).padStart(12)} → ${formatValue(unit === 'rate' ? check.expected : Math.round(check.expected), unit).padStart(12)}  ${formatValue(check.computed, unit).padStart(12)}`);
  }
  say(bilingual('cli.baseline.summary', { ok, total: result.checks.length }));
}

async function check(options: { json?: boolean }): Promise<void> {
  const differences = await withPlatform(options.json, (platform) => checkAggregates(platform.db));
  if (differences.length) process.exitCode = 1;
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

async function load(file: string, options: { code: string; name: string; period: string; baselinePeriod: string; json?: boolean }): Promise<void> {
  const input = parseInput(planOptions, options);
  let content: unknown;
  try {
    content = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw invalid([{ path: 'file', code: 'unreadable', messageKey: 'import.file_not_found', params: { name: file } }]);
  }
  const parsed = parseInput(planFile, content);
  const [fromYear, toYear] = input.period;
  const [baselineFromYear, baselineToYear] = input.baselinePeriod;
  const view = await withPlatform(options.json, (platform) => loadPlan(actor(), platform.db, { code: input.code, name: input.name, fromYear, toYear, baselineFromYear, baselineToYear, file: parsed }));
  if (options.json) return printJson(view);
  say(bilingual('cli.plan.loaded', { code: view.code, targets: view.targets.length, baseline: view.baseline.length }));
}
