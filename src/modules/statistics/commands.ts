import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { CommandKit } from '../../core/module.ts';
import { z } from 'zod';
import { systemActor } from '../../core/actor.ts';
import { invalid } from '../../core/errors.ts';
import { findIndicator } from '../../core/indicators/registry.ts';
import { parseInput } from '../../core/validation.ts';
import { verifyBaseline } from './baseline.ts';
import { loadPlan } from './plans.ts';
import { indicatorCode, planFile } from './schema.ts';
import { indicatorValue } from './service.ts';
import { bilingual, helpText, label, printJson, say, setExitCode } from '../../core/cli/output.ts';

// Named after the options, so that a validation message points at the option to correct.
const year = z.coerce.number().int().min(1949).max(2100);
const indicatorOptions = z.object({ code: indicatorCode, org: z.string().trim().min(1).max(40).optional(), year: year.optional() });
const baselineOptions = z.object({ scale: z.coerce.number().positive().max(10).default(1), org: z.string().trim().min(1).max(40).optional() });
const period = z.string().regex(/^\d{4}-\d{4}$/).transform((text) => text.split('-').map(Number) as [number, number]);
const planOptions = z.object({ code: z.string().trim().min(1).max(40), name: z.string().trim().min(1).max(100), period, baselinePeriod: period });

export function statisticsCommands(program: Command, kit: CommandKit): void {
  program
    .command('indicator')
    .description(helpText('statistics.cli.help.indicator'))
    .argument('<code>')
    .option('--org <code>', helpText('statistics.cli.option.org'))
    .option('--year <year>', helpText('statistics.cli.option.year'))
    .option('--json', helpText('cli.option.json'))
    .action((code: string, options: IndicatorOptions) => indicator(kit, code, options));
  program
    .command('verify-baseline')
    .description(helpText('statistics.cli.help.verify_baseline'))
    .option('--scale <scale>', helpText('statistics.cli.option.scale'))
    .option('--org <code>', helpText('statistics.cli.option.org'))
    .option('--json', helpText('cli.option.json'))
    .action((options: BaselineOptions) => baseline(kit, options));
  const plan = program.command('plan').description(helpText('statistics.cli.help.plan'));
  plan
    .command('load')
    .description(helpText('statistics.cli.help.plan.load'))
    .argument('<file>')
    .requiredOption('--code <code>', helpText('statistics.cli.option.plan_code'))
    .requiredOption('--name <name>', helpText('statistics.cli.option.plan_name'))
    .requiredOption('--period <years>', helpText('statistics.cli.option.period'))
    .requiredOption('--baseline-period <years>', helpText('statistics.cli.option.baseline_period'))
    .option('--json', helpText('cli.option.json'))
    .action((file: string, options: LoadOptions) => load(kit, file, options));
}

const actor = () => systemActor('cli');
const formatValue = (value: number | null, unit: string) => (value === null ? '—' : unit === 'rate' ? `${(value * 100).toFixed(1)}%` : value.toLocaleString('en'));

type IndicatorOptions = { org?: string; year?: string; json?: boolean };
type BaselineOptions = { scale?: string; org?: string; json?: boolean };
type LoadOptions = { code: string; name: string; period: string; baselinePeriod: string; json?: boolean };

async function indicator(kit: CommandKit, code: string, options: IndicatorOptions): Promise<void> {
  const input = parseInput(indicatorOptions, { code, org: options.org, year: options.year });
  const result = await kit.withPlatform(options.json, (platform) => indicatorValue(actor(), platform.db, input.code, { org: input.org, year: input.year }));
  if (options.json) return printJson(result);
  const definition = findIndicator(result.code)!;
  say(bilingual('statistics.cli.indicator.line', { title: { term: `indicator.${result.code}.title` }, code: result.code, org: result.org, year: result.year, value: formatValue(result.value, definition.unit) }));
  if (result.denominator !== null) say(bilingual('statistics.cli.indicator.parts', { numerator: result.numerator, denominator: result.denominator }));
  if (result.target !== null) say(bilingual('statistics.cli.indicator.target', { target: formatValue(result.target, definition.unit), met: { term: result.met ? 'statistics.cli.indicator.met' : 'statistics.cli.indicator.not_met' } }));
}

async function baseline(kit: CommandKit, options: BaselineOptions): Promise<void> {
  const input = parseInput(baselineOptions, options);
  const result = await kit.withPlatform(options.json, (platform) => verifyBaseline(actor(), platform.db, { scale: input.scale, org: input.org }));
  const ok = result.checks.filter((check) => check.withinTolerance === true).length;
  const outside = result.checks.filter((check) => check.withinTolerance === false).length;
  const missing = result.checks.length - ok - outside;
  // Only a computed figure outside its tolerance fails the check; one no module computes yet is listed as such.
  if (outside > 0) setExitCode(1);
  if (options.json) return printJson({ scale: input.scale, ...result, summary: { ok, outside, notComputed: missing, total: result.checks.length } });
  say(bilingual('statistics.cli.baseline.header', { plan: result.plan, org: result.org, from: result.fromYear, to: result.toYear, scale: input.scale }));
  for (const check of result.checks) {
    const unit = check.kind === 'rate' ? 'rate' : 'count';
    const mark = check.withinTolerance === null ? '·' : check.withinTolerance ? '✓' : '✗';
    const computed = check.withinTolerance === null ? label('statistics.cli.baseline.not_computed') : formatValue(check.computed, unit).padStart(12);
    say(`${mark} ${check.indicator.padEnd(40)} ${check.kind.padEnd(10)} ${formatValue(check.report, unit).padStart(12)} → ${formatValue(unit === 'rate' ? check.expected : Math.round(check.expected), unit).padStart(12)}  ${computed}`);
  }
  say(bilingual('statistics.cli.baseline.summary', { ok, outside, missing, total: result.checks.length }));
}



async function load(kit: CommandKit, file: string, options: LoadOptions): Promise<void> {
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
  const view = await kit.withPlatform(options.json, (platform) => loadPlan(actor(), platform.db, { code: input.code, name: input.name, fromYear, toYear, baselineFromYear, baselineToYear, file: parsed }));
  if (options.json) return printJson(view);
  say(bilingual('statistics.cli.plan.loaded', { code: view.code, targets: view.targets.length, baseline: view.baseline.length }));
}
