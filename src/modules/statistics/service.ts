import type { Actor } from '../../core/actor.ts';
import type { Db } from '../../core/db/tables.ts';
import { invalid } from '../../core/errors.ts';
import { translate } from '../../core/i18n/catalogue.ts';
import { computeFigures, type Figure } from '../../core/indicators/engine.ts';
import { allIndicators, findIndicator, type IndicatorDefinition } from '../../core/indicators/registry.ts';
import { childrenOf, orgOrOwn } from '../org/service.ts';
import { presentBaseline, presentTarget } from './plans.ts';
import { statisticsPolicy } from './policy.ts';
import type { ChildrenList, IndicatorInfo, IndicatorValue, Overview, OverviewRow } from './schema.ts';
import * as store from './store.ts';
import type { PlanRow, TargetRow } from './tables.ts';
import { meets, planFor, projectLine, targetValueFor } from './targets.ts';

/**
 * The figures of an org subtree and a year against the plan in force: one indicator (API and command line), all of
 * them with their trend and projection (the dashboard), and an indicator over the children (the ranking and map).
 */

export const thisYear = () => new Date().getFullYear();
/** How far back a trend reaches at most. */
const trendYears = 12;
/** The earliest year a page looks for records in when it opens on the latest year that has some. */
const firstRecordYear = 2000;

/**
 * The latest year, up to this one, in which the org's subtree has records (a flow indicator other than 0): the year
 * the statistics open on when none is asked, so a demo generated for 2008–2012 does not open on a flat, empty 2026.
 * Computed from the aggregates, one query per table; this year when there are no records at all.
 */
export async function latestYearWithData(actor: Actor, db: Db, orgId: number): Promise<number> {
  const last = thisYear();
  const flows = allIndicators().filter((definition) => definition.numerator.over === 'flow');
  if (!flows.length) return last;
  const years = Array.from({ length: last - firstRecordYear + 1 }, (_, index) => firstRecordYear + index);
  const figures = await computeFigures(db, actor.scope, { codes: flows.map((definition) => definition.code), orgIds: [orgId], years });
  for (let year = last; year >= firstRecordYear; year -= 1) {
    if (flows.some((definition) => figures(definition.code, orgId, year).numerator !== 0)) return year;
  }
  return last;
}

export function describeIndicator(actor: Actor, definition: IndicatorDefinition): IndicatorInfo {
  return {
    code: definition.code,
    module: definition.module,
    title: translate(actor.locale, `indicator.${definition.code}.title`),
    definition: translate(actor.locale, `indicator.${definition.code}.definition`),
    unit: definition.unit,
    kind: definition.kind,
  };
}

export function listIndicators(actor: Actor): { items: IndicatorInfo[] } {
  statisticsPolicy.assert(actor, 'read');
  return { items: allIndicators().map((definition) => describeIndicator(actor, definition)) };
}

function indicatorOf(code: string): IndicatorDefinition {
  const definition = findIndicator(code);
  if (!definition) throw invalid([{ path: 'code', code: 'unknown_indicator', messageKey: 'statistics.unknown_indicator', params: { code } }]);
  return definition;
}

/**
 * A plan's targets are the province's. A rate is held against its target at every level (a county's women's
 * committee rate should reach 97 % too), but a count or a sum is a province total: below the province it is shown
 * for reference and not judged.
 */
const judgedAt = (definition: IndicatorDefinition, org: { path: string }) => definition.kind === 'rate' || !org.path.includes('.');

/** The plan in force in a year, with its targets by indicator. */
async function planInForce(db: Db, year: number) {
  const { plans, targets, baselines } = await store.listPlans(db);
  const plan = planFor(plans, year);
  const ofPlan = <T extends { plan_id: number; indicator: string }>(rows: T[]) => new Map(rows.filter((row) => row.plan_id === plan?.id).map((row) => [row.indicator, row]));
  return { plan, targets: ofPlan(targets), baselines: ofPlan(baselines) };
}

/** Cumulative targets are held against the plan period's sum up to the year (nothing yet before the period). */
async function progressOf(db: Db, actor: Actor, plan: PlanRow | undefined, targets: Map<string, TargetRow>, orgIds: number[], year: number) {
  const cumulative = [...targets.values()].filter((target) => target.mode === 'cumulative' && findIndicator(target.indicator)).map((target) => target.indicator);
  if (!plan || cumulative.length === 0 || year < plan.from_year) return () => undefined;
  const sums = await computeFigures(db, actor.scope, { codes: cumulative, orgIds, years: [year], flowsFrom: plan.from_year });
  return (code: string, orgId: number): Figure | undefined => (cumulative.includes(code) ? sums(code, orgId, year) : undefined);
}

export async function indicatorValue(actor: Actor, db: Db, code: string, query: { org?: string | undefined; year?: number | undefined }): Promise<IndicatorValue> {
  statisticsPolicy.assert(actor, 'read');
  const definition = indicatorOf(code);
  const org = await orgOrOwn(actor, db, query.org);
  const year = query.year ?? thisYear();
  const figure = (await computeFigures(db, actor.scope, { codes: [code], orgIds: [org.id], years: [year] }))(code, org.id, year);
  const { plan, targets } = await planInForce(db, year);
  const target = judgedAt(definition, org) ? targets.get(definition.code) : undefined;
  const targetValue = target && plan ? targetValueFor(target, plan, year) : null;
  const progress = (await progressOf(db, actor, plan, targets, [org.id], year))(code, org.id);
  return {
    code,
    org: org.code,
    year,
    value: figure.value,
    numerator: figure.numerator,
    denominator: figure.denominator,
    target: targetValue,
    met: target ? meets(target.comparison, progress ? progress.value : figure.value, targetValue) : null,
  };
}

export async function overview(actor: Actor, db: Db, query: { org?: string | undefined; year?: number | undefined }): Promise<Overview> {
  statisticsPolicy.assert(actor, 'read');
  const org = await orgOrOwn(actor, db, query.org);
  const year = query.year ?? (await latestYearWithData(actor, db, org.id));
  const { plan, targets, baselines } = await planInForce(db, year);
  const firstYear = Math.max(year - trendYears + 1, Math.min(plan?.baseline_from_year ?? year - 4, year - 4));
  const years = Array.from({ length: year - firstYear + 1 }, (_, index) => firstYear + index);
  const definitions = allIndicators();
  const figures = await computeFigures(db, actor.scope, { codes: definitions.map((definition) => definition.code), orgIds: [org.id], years });
  const progress = await progressOf(db, actor, plan, targets, [org.id], year);
  const rows = definitions.map((definition): OverviewRow => {
    const figure = figures(definition.code, org.id, year);
    const trend = years.map((y) => ({ year: y, value: figures(definition.code, org.id, y).value }));
    const target = targets.get(definition.code);
    const judged = target && judgedAt(definition, org) ? target : undefined;
    const targetValue = judged && plan ? targetValueFor(judged, plan, year) : null;
    const sum = progress(definition.code, org.id);
    const progressValue = sum ? sum.value : figure.value;
    let projection: OverviewRow['projection'] = null;
    if (judged && judged.year > year) {
      // A cumulative target: the sum so far and, for each year left, the average flow of the last three years.
      const carried = sum
        ? (sum.value ?? 0) + (trend.slice(-3).reduce((total, point) => total + (point.value ?? 0), 0) / Math.min(3, trend.length)) * (judged.year - year)
        : projectLine(trend, judged.year);
      if (carried !== null) projection = { year: judged.year, value: definition.kind === 'rate' ? Math.min(1, Math.max(0, carried)) : Math.max(0, Math.round(carried)) };
    }
    const baseline = baselines.get(definition.code);
    return {
      ...describeIndicator(actor, definition),
      value: figure.value,
      numerator: figure.numerator,
      denominator: figure.denominator,
      target: target ? presentTarget(actor, target) : null,
      targetValue,
      progress: progressValue,
      met: judged ? meets(judged.comparison, progressValue, targetValue) : null,
      trend,
      projection,
      baseline: baseline ? presentBaseline(baseline) : null,
    };
  });
  return {
    org: { code: org.code, name: org.name, level: org.level, regionCode: org.regionCode },
    year,
    plan: plan ? { id: plan.id, code: plan.code, name: plan.name, fromYear: plan.from_year, toYear: plan.to_year } : null,
    rows,
  };
}

export async function childrenRanked(actor: Actor, db: Db, query: { org?: string | undefined; year?: number | undefined; indicator: string }): Promise<ChildrenList> {
  statisticsPolicy.assert(actor, 'read');
  const definition = indicatorOf(query.indicator);
  const org = await orgOrOwn(actor, db, query.org);
  const year = query.year ?? (await latestYearWithData(actor, db, org.id));
  const children = await childrenOf(actor, db, org);
  const orgIds = children.map((child) => child.id);
  const figures = await computeFigures(db, actor.scope, { codes: [definition.code], orgIds, years: [year] });
  const { plan, targets } = await planInForce(db, year);
  // Children are never the province: only rates are judged there.
  const target = definition.kind === 'rate' ? targets.get(definition.code) : undefined;
  const targetValue = target && plan ? targetValueFor(target, plan, year) : null;
  const progress = await progressOf(db, actor, plan, targets, orgIds, year);
  const items = children.map((child) => {
    const figure = figures(definition.code, child.id, year);
    const sum = progress(definition.code, child.id);
    return {
      code: child.code,
      name: child.name,
      level: child.level,
      kind: child.kind,
      regionCode: child.regionCode,
      value: figure.value,
      numerator: figure.numerator,
      denominator: figure.denominator,
      met: target ? meets(target.comparison, sum ? sum.value : figure.value, targetValue) : null,
      hasChildren: child.childCount > 0,
    };
  });
  // The best first: the highest value, or the lowest where the target is a ceiling; no value last.
  const direction = targets.get(definition.code)?.comparison === '<=' ? 1 : -1;
  items.sort((a, b) => (a.value === null ? 1 : b.value === null ? -1 : direction * (a.value - b.value)) || a.code.localeCompare(b.code));
  return { indicator: describeIndicator(actor, definition), org: org.code, year, targetValue, items };
}
