import { readFileSync } from 'node:fs';
import { systemActor, type Actor } from '../../core/actor.ts';
import { appendAudit } from '../../core/audit/store.ts';
import type { Db } from '../../core/db/tables.ts';
import { inTransaction } from '../../core/db/transaction.ts';
import { forbidden, invalid, notFound, type FieldIssue } from '../../core/errors.ts';
import type { SeedContext } from '../../core/module.ts';
import { findIndicator, type IndicatorKind } from '../../core/indicators/registry.ts';
import { hasMessage, translate, type Locale } from '../../core/i18n/catalogue.ts';
import { reportFiguresFile } from '../../core/report-figures.ts';
import { holdsProvince, statisticsPolicy } from './policy.ts';
import { percent, planFile, type BaselineView, type PlanList, type PlannedIndicator, type CreatePlanRequest, type LoadPlanRequest, type PlanFile, type PlanView, type TargetRequest, type TargetView, type UpdateTargetRequest } from './schema.ts';
import * as store from './store.ts';
import type { BaselineRow, PlanRow, TargetRow } from './tables.ts';

/**
 * Plans as data: the report's 2013–2018 plan is loaded on first start from data/report-figures.json (a copy of the
 * report's figures); the province's admins load another file, add a plan for another period, and edit targets.
 */

/** 0.9 → 90 without binary noise (0.07 × 100 = 7.000000000000001). */
export const toPercent = (fraction: number) => Math.round(fraction * 100 * 1e6) / 1e6;

/**
 * What a target measures: the registry's word for a computed indicator; else a rate when the unit the target was kept
 * (or sent) with is per cent, or, without a unit, when its plan's baseline figure is a rate; else unknown.
 */
function kindOf(indicator: string, unit: string | null | undefined, baselineKind?: string): IndicatorKind | undefined {
  const known = findIndicator(indicator);
  if (known) return known.kind;
  if (unit) return unit === percent ? 'rate' : undefined;
  return baselineKind === 'rate' ? 'rate' : undefined;
}
const isRate = (indicator: string, unit: string | null | undefined, baselineKind?: string) => kindOf(indicator, unit, baselineKind) === 'rate';

/**
 * A target's title: the indicator's own in the reader's language; for an indicator no module computes yet, the plan
 * file's wording, else the report's (a catalogue entry per target of the report), else its sentence.
 */
export function targetTitle(locale: Locale, row: { indicator: string; title: string | null; quote: string | null }): string {
  if (findIndicator(row.indicator)) return translate(locale, `indicator.${row.indicator}.title`);
  if (row.title) return row.title;
  const key = `statistics.report.${row.indicator}`;
  return hasMessage(key) ? translate(locale, key) : (row.quote ?? row.indicator);
}

/** A target as the API gives it: a rate's value in per cent, with the unit that says so. */
export const presentTarget = (actor: Actor, row: TargetRow): TargetView => {
  const known = findIndicator(row.indicator);
  const rate = isRate(row.indicator, row.unit);
  return {
    id: row.id,
    planId: row.plan_id,
    indicator: row.indicator,
    title: targetTitle(actor.locale, row),
    measured: known !== undefined,
    comparison: row.comparison,
    value: rate ? toPercent(row.value) : row.value,
    unit: rate ? percent : (row.unit ?? known?.unit ?? ''),
    mode: row.mode,
    year: row.year,
    quote: row.quote,
  };
};

export const presentBaseline = (row: BaselineRow): BaselineView => ({
  id: row.id,
  planId: row.plan_id,
  indicator: row.indicator,
  kind: row.kind,
  value: row.value,
  unit: row.unit,
  fromYear: row.from_year,
  toYear: row.to_year,
  quote: row.quote,
});

function presentPlan(actor: Actor, plan: PlanRow, targets: TargetRow[], baselines: BaselineRow[]): PlanView {
  return {
    id: plan.id,
    code: plan.code,
    name: plan.name,
    fromYear: plan.from_year,
    toYear: plan.to_year,
    targets: targets.filter((row) => row.plan_id === plan.id).map((row) => presentTarget(actor, row)),
    baseline: baselines.filter((row) => row.plan_id === plan.id).map(presentBaseline),
    abilities: { update: mayEditPlans(actor) },
  };
}

/** The report's targets whose indicators no module computes yet, with their titles: the add-target list offers them. */
function notMeasured(actor: Actor): PlannedIndicator[] {
  return reportTargets()
    .filter((target) => !findIndicator(target.code))
    .map((target) => ({ code: target.code, title: targetTitle(actor.locale, { indicator: target.code, title: target.title ?? null, quote: target.quote ?? null }), unit: target.unit ?? percent, quote: target.quote ?? null }));
}

let reportFile: PlanFile | undefined;
/** The report's plan file (data/report-figures.json), read once. */
function reportPlanFile(): PlanFile {
  reportFile ??= planFile.parse(JSON.parse(readFileSync(reportFiguresFile, 'utf8')));
  return reportFile;
}
export const reportTargets = () => reportPlanFile().targets;

export async function listPlans(actor: Actor, db: Db): Promise<PlanList> {
  statisticsPolicy.assert(actor, 'read');
  const { plans, targets, baselines } = await store.listPlans(db);
  return { items: plans.map((plan) => presentPlan(actor, plan, targets, baselines)), abilities: { create: mayEditPlans(actor) }, notMeasured: notMeasured(actor) };
}

async function getPlan(actor: Actor, db: Db, planId: number): Promise<PlanView> {
  const { plans, targets, baselines } = await store.listPlans(db);
  const plan = plans.find((row) => row.id === planId);
  if (!plan) throw notFound();
  return presentPlan(actor, plan, targets, baselines);
}

/** The plan is the province's: its admins change it, and nobody below (the abilities say so before the 403 does). */
const mayEditPlans = (actor: Actor) => statisticsPolicy.can(actor, 'editPlan') && holdsProvince(actor);

function assertEditor(actor: Actor): void {
  statisticsPolicy.assert(actor, 'editPlan');
  if (!holdsProvince(actor)) throw forbidden('statistics.plan_is_provincial');
}

export async function createPlan(actor: Actor, db: Db, input: CreatePlanRequest): Promise<PlanView> {
  assertEditor(actor);
  return inTransaction(db, async (tx) => {
    if (await store.findPlanByCode(tx, input.code)) throw invalid([{ path: 'code', code: 'taken', messageKey: 'statistics.plan_code_taken', params: { code: input.code } }]);
    const id = await store.insertPlan(tx, { code: input.code, name: input.name, from_year: input.fromYear, to_year: input.toYear, baseline_from_year: input.baselineFromYear ?? null, baseline_to_year: input.baselineToYear ?? null });
    const view = await getPlan(actor, tx, id);
    await appendAudit(tx, actor, { action: 'create', entity: 'plan', entityId: input.code, orgPath: actor.scope.path, after: { ...view, targets: view.targets.length, baseline: view.baseline.length } });
    return view;
  });
}

/** The rows of a plan file, checked: one target and one baseline figure per indicator, years inside the plan. */
function rowsOfFile(file: PlanFile, plan: { from_year: number; to_year: number; baseline_from_year: number; baseline_to_year: number }) {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  const targets = file.targets.map((target, index) => {
    if (seen.has(target.code)) issues.push({ path: `file.targets.${index}.code`, code: 'duplicate', messageKey: 'statistics.duplicate_target', params: { code: target.code } });
    seen.add(target.code);
    const mode = target.per_year ? ('per_year' as const) : target.cumulative || target.cumulative_2013_2018 ? ('cumulative' as const) : ('by' as const);
    const year = target.by ?? plan.to_year;
    if (year < plan.from_year || year > plan.to_year) issues.push({ path: `file.targets.${index}.by`, code: 'outside_plan', messageKey: 'statistics.year_outside_plan', params: { year } });
    // In the file's form a rate names no unit and is a fraction; the registry's word comes first.
    const kind = kindOf(target.code, target.unit ?? percent);
    const rate = kind === 'rate';
    const issue = checkTargetValue(kind, target.value, `file.targets.${index}.value`, 1);
    if (issue) issues.push(issue);
    return { indicator: target.code, comparison: target.op, value: target.value, unit: rate ? percent : (target.unit ?? null), title: target.title ?? null, mode, year, quote: target.quote ?? null };
  });
  const seenBaseline = new Set<string>();
  const baselines = file.baseline.map((baseline, index) => {
    if (seenBaseline.has(baseline.code)) issues.push({ path: `file.baseline.${index}.code`, code: 'duplicate', messageKey: 'statistics.duplicate_baseline', params: { code: baseline.code } });
    seenBaseline.add(baseline.code);
    return { indicator: baseline.code, kind: baseline.kind, value: baseline.value, unit: baseline.unit ?? null, from_year: plan.baseline_from_year, to_year: plan.baseline_to_year, quote: baseline.quote ?? null };
  });
  if (issues.length) throw invalid(issues);
  return { targets, baselines };
}

/** Loads a plan file into the plan of that code (made when new): the file's targets and baseline replace the plan's. */
export async function loadPlan(actor: Actor, db: Db, input: LoadPlanRequest): Promise<PlanView> {
  assertEditor(actor);
  const issues: FieldIssue[] = [];
  if (input.toYear < input.fromYear) issues.push({ path: 'toYear', code: 'to_before_from', messageKey: 'statistics.to_before_from' });
  if (input.baselineToYear < input.baselineFromYear) issues.push({ path: 'baselineToYear', code: 'to_before_from', messageKey: 'statistics.to_before_from' });
  if (issues.length) throw invalid(issues);
  const period = { from_year: input.fromYear, to_year: input.toYear, baseline_from_year: input.baselineFromYear, baseline_to_year: input.baselineToYear };
  const { targets, baselines } = rowsOfFile(input.file, period);
  return inTransaction(db, async (tx) => {
    const existing = await store.findPlanByCode(tx, input.code);
    const id = existing?.id ?? (await store.insertPlan(tx, { code: input.code, name: input.name, ...period }));
    if (existing) await store.updatePlan(tx, id, { name: input.name, ...period });
    await store.replacePlanContents(tx, id, targets, baselines);
    const view = await getPlan(actor, tx, id);
    await appendAudit(tx, actor, { action: 'load', entity: 'plan', entityId: input.code, orgPath: actor.scope.path, after: { name: input.name, fromYear: input.fromYear, toYear: input.toYear, targets: targets.length, baseline: baselines.length } });
    return view;
  });
}

/** One plan as the caller reads it (its workbook). */
export async function readPlan(actor: Actor, db: Db, planId: number): Promise<PlanView> {
  statisticsPolicy.assert(actor, 'read');
  return getPlan(actor, db, planId);
}

/** Only the province's admins read a plan file in: they are the ones who load it. */
export function assertPlanEditor(actor: Actor): void {
  assertEditor(actor);
}

async function planOrNotFound(db: Db, planId: number): Promise<PlanRow> {
  const plan = await store.findPlan(db, planId);
  if (!plan) throw notFound();
  return plan;
}

/** The largest count target: every person of a province many times over. */
export const maxCountTarget = 1e9;

/**
 * A target's value against what its indicator measures: a rate from 0 to `whole` (100 in per cent, as the API takes
 * it; 1 in a plan file's fractions), a count a whole number. Unknown, the contract's bounds (0..maxTargetValue) hold.
 */
function checkTargetValue(kind: IndicatorKind | undefined, value: number, path = 'value', whole = 100): FieldIssue | undefined {
  if (kind === 'rate' && value > whole) return { path, code: 'rate_range', messageKey: whole === 100 ? 'statistics.rate_range' : 'statistics.file_rate_range' };
  if (kind === 'count' && (!Number.isInteger(value) || value > maxCountTarget)) return { path, code: 'count_range', messageKey: 'statistics.count_range', params: { max: maxCountTarget } };
  return undefined;
}

/**
 * The value to keep for a target sent in the unit it names: a rate's per cent as the fraction the engine compares,
 * refused when the unit does not say per cent (0.95 must never be taken for 95 %) or says it of a count.
 */
function keptValue(indicator: string, kind: IndicatorKind | undefined, value: number, unit: string | undefined): number {
  if (kind === 'rate' && unit !== percent) throw invalid([{ path: 'unit', code: 'rate_in_percent', messageKey: 'statistics.rate_in_percent', params: { code: indicator } }]);
  if (kind !== 'rate' && unit === percent) throw invalid([{ path: 'unit', code: 'not_a_rate', messageKey: 'statistics.not_a_rate', params: { code: indicator } }]);
  const issue = checkTargetValue(kind, value);
  if (issue) throw invalid([issue]);
  return kind === 'rate' ? value / 100 : value;
}

async function baselineKindOf(db: Db, planId: number, indicator: string): Promise<string | undefined> {
  const { baselines } = await store.listPlans(db);
  return baselines.find((row) => row.plan_id === planId && row.indicator === indicator)?.kind;
}

function checkYear(plan: PlanRow, year: number): void {
  if (year < plan.from_year || year > plan.to_year) throw invalid([{ path: 'year', code: 'outside_plan', messageKey: 'statistics.year_outside_plan', params: { year } }]);
}

export async function addTarget(actor: Actor, db: Db, planId: number, input: TargetRequest): Promise<TargetView> {
  assertEditor(actor);
  return inTransaction(db, async (tx) => {
    const plan = await planOrNotFound(tx, planId);
    checkYear(plan, input.year);
    const kind = kindOf(input.indicator, input.unit, await baselineKindOf(tx, planId, input.indicator));
    const value = keptValue(input.indicator, kind, input.value, input.unit);
    if (await store.findTargetOf(tx, planId, input.indicator)) throw invalid([{ path: 'indicator', code: 'duplicate', messageKey: 'statistics.duplicate_target', params: { code: input.indicator } }]);
    const unit = kind === 'rate' ? percent : (input.unit ?? findIndicator(input.indicator)?.unit ?? null);
    const id = await store.insertTarget(tx, { plan_id: planId, indicator: input.indicator, comparison: input.comparison, value, unit, title: input.title ?? null, mode: input.mode, year: input.year, quote: input.quote ?? null });
    const view = presentTarget(actor, (await store.findTarget(tx, planId, id))!);
    await appendAudit(tx, actor, { action: 'create', entity: 'plan_target', entityId: id, orgPath: actor.scope.path, after: view });
    return view;
  });
}

export async function updateTarget(actor: Actor, db: Db, planId: number, targetId: number, input: UpdateTargetRequest): Promise<TargetView> {
  assertEditor(actor);
  return inTransaction(db, async (tx) => {
    const plan = await planOrNotFound(tx, planId);
    const before = await store.findTarget(tx, planId, targetId);
    if (!before) throw notFound();
    if (input.year !== undefined) checkYear(plan, input.year);
    // What the target measures was settled when it was made: the value comes in that unit.
    const kind = kindOf(before.indicator, before.unit, await baselineKindOf(tx, planId, before.indicator));
    const value = input.value === undefined ? undefined : keptValue(before.indicator, kind, input.value, input.unit);
    await store.updateTarget(tx, targetId, {
      ...(input.comparison !== undefined ? { comparison: input.comparison } : {}),
      ...(value !== undefined ? { value } : {}),
      ...(input.mode !== undefined ? { mode: input.mode } : {}),
      ...(input.year !== undefined ? { year: input.year } : {}),
      ...(input.quote !== undefined ? { quote: input.quote } : {}),
    });
    const after = presentTarget(actor, (await store.findTarget(tx, planId, targetId))!);
    await appendAudit(tx, actor, { action: 'update', entity: 'plan_target', entityId: targetId, orgPath: actor.scope.path, before: presentTarget(actor, before), after });
    return after;
  });
}

export async function deleteTarget(actor: Actor, db: Db, planId: number, targetId: number): Promise<{ deleted: boolean }> {
  assertEditor(actor);
  return inTransaction(db, async (tx) => {
    const before = await store.findTarget(tx, planId, targetId);
    if (!before || !(await store.deleteTarget(tx, planId, targetId))) throw notFound();
    await appendAudit(tx, actor, { action: 'delete', entity: 'plan_target', entityId: targetId, orgPath: actor.scope.path, before: presentTarget(actor, before) });
    return { deleted: true };
  });
}

/** The report's own plan: 2013–2018, its baseline the five years 2008–2012. */
export const reportPlan = { code: '2013-2018', name: '吉林省总工会十三大规划（2013—2018）', fromYear: 2013, toYear: 2018, baselineFromYear: 2008, baselineToYear: 2012 } as const;

/** On first start (no plan yet), the report's plan and baseline are loaded. */
export async function seedReportPlan(context: SeedContext): Promise<void> {
  const { plans } = await store.listPlans(context.db);
  if (plans.length) return;
  const view = await loadPlan(systemActor('seed'), context.db, { ...reportPlan, file: reportPlanFile() });
  context.log(`Plan ${view.code} loaded: ${view.targets.length} targets, ${view.baseline.length} baseline figures`);
}
