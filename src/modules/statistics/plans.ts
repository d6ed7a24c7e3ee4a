import { readFileSync } from 'node:fs';
import { systemActor, type Actor } from '../../core/actor.ts';
import { appendAudit } from '../../core/audit/store.ts';
import type { Db } from '../../core/db/tables.ts';
import { inTransaction } from '../../core/db/transaction.ts';
import { forbidden, invalid, notFound, type FieldIssue } from '../../core/errors.ts';
import type { SeedContext } from '../../core/module.ts';
import { findIndicator } from '../../core/indicators/registry.ts';
import { reportFiguresFile } from '../../core/report-figures.ts';
import { holdsProvince, statisticsPolicy } from './policy.ts';
import { planFile, type BaselineView, type CreatePlanRequest, type LoadPlanRequest, type PlanFile, type PlanView, type TargetRequest, type TargetView, type UpdateTargetRequest } from './schema.ts';
import * as store from './store.ts';
import type { BaselineRow, PlanRow, TargetRow } from './tables.ts';

/**
 * Plans as data: the report's 2013–2018 plan is loaded on first start from data/report-figures.json (a copy of the
 * report's figures); the province's admins load another file, add a plan for another period, and edit targets.
 */

export const presentTarget = (row: TargetRow): TargetView => ({
  id: row.id,
  planId: row.plan_id,
  indicator: row.indicator,
  comparison: row.comparison,
  value: row.value,
  mode: row.mode,
  year: row.year,
  quote: row.quote,
});

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

function presentPlan(plan: PlanRow, targets: TargetRow[], baselines: BaselineRow[]): PlanView {
  return {
    id: plan.id,
    code: plan.code,
    name: plan.name,
    fromYear: plan.from_year,
    toYear: plan.to_year,
    targets: targets.filter((row) => row.plan_id === plan.id).map(presentTarget),
    baseline: baselines.filter((row) => row.plan_id === plan.id).map(presentBaseline),
  };
}

export async function listPlans(actor: Actor, db: Db): Promise<{ items: PlanView[] }> {
  statisticsPolicy.assert(actor, 'read');
  const { plans, targets, baselines } = await store.listPlans(db);
  return { items: plans.map((plan) => presentPlan(plan, targets, baselines)) };
}

async function getPlan(db: Db, planId: number): Promise<PlanView> {
  const { plans, targets, baselines } = await store.listPlans(db);
  const plan = plans.find((row) => row.id === planId);
  if (!plan) throw notFound();
  return presentPlan(plan, targets, baselines);
}

function assertEditor(actor: Actor): void {
  statisticsPolicy.assert(actor, 'editPlan');
  if (!holdsProvince(actor)) throw forbidden('statistics.plan_is_provincial');
}

export async function createPlan(actor: Actor, db: Db, input: CreatePlanRequest): Promise<PlanView> {
  assertEditor(actor);
  return inTransaction(db, async (tx) => {
    if (await store.findPlanByCode(tx, input.code)) throw invalid([{ path: 'code', code: 'taken', messageKey: 'statistics.plan_code_taken', params: { code: input.code } }]);
    const id = await store.insertPlan(tx, { code: input.code, name: input.name, from_year: input.fromYear, to_year: input.toYear, baseline_from_year: input.baselineFromYear ?? null, baseline_to_year: input.baselineToYear ?? null });
    const view = await getPlan(tx, id);
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
    return { indicator: target.code, comparison: target.op, value: target.value, mode, year, quote: target.quote ?? null };
  });
  file.targets.forEach((target, index) => {
    const issue = checkTargetValue(target.code, target.value, file.baseline.find((baseline) => baseline.code === target.code)?.kind, `file.targets.${index}.value`);
    if (issue) issues.push(issue);
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
    const view = await getPlan(tx, id);
    await appendAudit(tx, actor, { action: 'load', entity: 'plan', entityId: input.code, orgPath: actor.scope.path, after: { name: input.name, fromYear: input.fromYear, toYear: input.toYear, targets: targets.length, baseline: baselines.length } });
    return view;
  });
}

async function planOrNotFound(db: Db, planId: number): Promise<PlanRow> {
  const plan = await store.findPlan(db, planId);
  if (!plan) throw notFound();
  return plan;
}

/** The largest count target: every person of a province many times over. */
export const maxCountTarget = 1e9;

/**
 * A target's value against what its indicator measures: a rate from 0 to 1, a count a whole number. The kind is the
 * registry's; for an indicator no module defines yet (the report's plan names work lines still to come), the plan's
 * baseline for it says whether it is a rate. Unknown either way, the contract's bounds (0..maxTargetValue) hold.
 */
function checkTargetValue(indicator: string, value: number, baselineKind: string | undefined, path = 'value'): FieldIssue | undefined {
  const kind = findIndicator(indicator)?.kind ?? (baselineKind === 'rate' ? 'rate' : undefined);
  if (kind === 'rate' && value > 1) return { path, code: 'rate_range', messageKey: 'statistics.rate_range' };
  if (kind === 'count' && (!Number.isInteger(value) || value > maxCountTarget)) return { path, code: 'count_range', messageKey: 'statistics.count_range', params: { max: maxCountTarget } };
  return undefined;
}

async function assertTargetValue(db: Db, planId: number, indicator: string, value: number): Promise<void> {
  const { baselines } = await store.listPlans(db);
  const baseline = baselines.find((row) => row.plan_id === planId && row.indicator === indicator);
  const issue = checkTargetValue(indicator, value, baseline?.kind);
  if (issue) throw invalid([issue]);
}

function checkYear(plan: PlanRow, year: number): void {
  if (year < plan.from_year || year > plan.to_year) throw invalid([{ path: 'year', code: 'outside_plan', messageKey: 'statistics.year_outside_plan', params: { year } }]);
}

export async function addTarget(actor: Actor, db: Db, planId: number, input: TargetRequest): Promise<TargetView> {
  assertEditor(actor);
  return inTransaction(db, async (tx) => {
    const plan = await planOrNotFound(tx, planId);
    checkYear(plan, input.year);
    await assertTargetValue(tx, planId, input.indicator, input.value);
    if (await store.findTargetOf(tx, planId, input.indicator)) throw invalid([{ path: 'indicator', code: 'duplicate', messageKey: 'statistics.duplicate_target', params: { code: input.indicator } }]);
    const id = await store.insertTarget(tx, { plan_id: planId, indicator: input.indicator, comparison: input.comparison, value: input.value, mode: input.mode, year: input.year, quote: input.quote ?? null });
    const view = presentTarget((await store.findTarget(tx, planId, id))!);
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
    if (input.value !== undefined) await assertTargetValue(tx, planId, before.indicator, input.value);
    await store.updateTarget(tx, targetId, {
      ...(input.comparison !== undefined ? { comparison: input.comparison } : {}),
      ...(input.value !== undefined ? { value: input.value } : {}),
      ...(input.mode !== undefined ? { mode: input.mode } : {}),
      ...(input.year !== undefined ? { year: input.year } : {}),
      ...(input.quote !== undefined ? { quote: input.quote } : {}),
    });
    const after = presentTarget((await store.findTarget(tx, planId, targetId))!);
    await appendAudit(tx, actor, { action: 'update', entity: 'plan_target', entityId: targetId, orgPath: actor.scope.path, before: presentTarget(before), after });
    return after;
  });
}

export async function deleteTarget(actor: Actor, db: Db, planId: number, targetId: number): Promise<{ deleted: boolean }> {
  assertEditor(actor);
  return inTransaction(db, async (tx) => {
    const before = await store.findTarget(tx, planId, targetId);
    if (!before || !(await store.deleteTarget(tx, planId, targetId))) throw notFound();
    await appendAudit(tx, actor, { action: 'delete', entity: 'plan_target', entityId: targetId, orgPath: actor.scope.path, before: presentTarget(before) });
    return { deleted: true };
  });
}

/** The report's own plan: 2013–2018, its baseline the five years 2008–2012. */
export const reportPlan = { code: '2013-2018', name: '吉林省总工会十三大规划（2013—2018）', fromYear: 2013, toYear: 2018, baselineFromYear: 2008, baselineToYear: 2012 } as const;

/** On first start (no plan yet), the report's plan and baseline are loaded. */
export async function seedReportPlan(context: SeedContext): Promise<void> {
  const { plans } = await store.listPlans(context.db);
  if (plans.length) return;
  const file = planFile.parse(JSON.parse(readFileSync(reportFiguresFile, 'utf8')));
  const view = await loadPlan(systemActor('seed'), context.db, { ...reportPlan, file });
  context.log(`Plan ${view.code} loaded: ${view.targets.length} targets, ${view.baseline.length} baseline figures`);
}
