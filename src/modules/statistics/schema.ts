import { z } from 'zod';
import { endpoint } from '../../core/contract.ts';

/**
 * The statistics contracts: indicators computed from the modules' aggregates for any org subtree and year, the
 * plan (2013–2018) with its targets and the report's baseline, the dashboard's overview, the children ranked (the
 * table and the map), and the statistical return. Figures (value, numerator ÷ denominator, targetValue, progress,
 * projection) give a rate as a fraction 0..1; a target's own `value` (targetView, targetRequest) is in the unit its
 * `unit` names: `percent` for a rate (90 for 90 %), as people write targets. Counts and sums are whole numbers
 * (money in yuan as the report gives it). README: "Units".
 */

const orgCode = z.string().trim().min(1).max(40);
/** A year in a query string (text, coerced). */
const year = z.coerce.number().int().min(1949).max(2100);
/** A year in a JSON body: a number, no coercion (a missing year is missing, not NaN). */
const bodyYear = z.number().int().min(1949).max(2100);
export const indicatorCode = z.string().trim().regex(/^[a-z_]+\.[a-z_0-9]+$/).max(80);

export const indicatorKinds = ['count', 'sum', 'rate', 'median'] as const;
export const comparisons = ['>=', '<='] as const;
/** by: the state to reach by a year; per_year: every year of the period; cumulative: summed over the period. */
export const targetModes = ['by', 'per_year', 'cumulative'] as const;
export const baselineKinds = ['stock', 'cumulative', 'rate', 'per_year'] as const;

export const indicatorInfo = z.object({
  code: z.string(),
  module: z.string(),
  /** In the caller's language. */
  title: z.string(),
  /** What is counted, the numerator and denominator, as of when: in plain words, in the caller's language. */
  definition: z.string(),
  unit: z.string(),
  kind: z.enum(indicatorKinds),
});
export const indicatorList = z.object({ items: z.array(indicatorInfo) });

export const indicatorParams = z.object({ code: indicatorCode });
export const indicatorQuery = z.object({
  /** The subtree's root; the caller's own org when not given. */
  org: orgCode.optional(),
  /** The calendar year; this year when not given. */
  year: year.optional(),
});

export const indicatorValue = z.object({
  code: z.string(),
  org: z.string(),
  year: z.number(),
  /** numerator ÷ denominator for a rate (null when the denominator is 0); the numerator otherwise. */
  value: z.number().nullable(),
  numerator: z.number(),
  denominator: z.number().nullable(),
  /** The value the plan in force asks of this year, if any (a count or a sum only of the province). */
  target: z.number().nullable(),
  /** Whether the value meets it; null without a target (or without a value). */
  met: z.boolean().nullable(),
});

/** The unit of a rate target's value: per cent, 0–100. */
export const percent = 'percent';

export const targetView = z.object({
  id: z.number(),
  planId: z.number(),
  indicator: z.string(),
  /** The indicator's title in the caller's language; for one no module computes yet, the plan's own wording. */
  title: z.string(),
  /** Whether a module computes the indicator: false for a target of a work line still to come ("not yet measured"). */
  measured: z.boolean(),
  comparison: z.enum(comparisons),
  /** In the unit `unit` names: a rate in per cent (90 means 90 %), a count or a sum as a number. */
  value: z.number(),
  /** `percent` for a rate; else what is counted (`person`, `yuan` …), empty when unknown. */
  unit: z.string(),
  mode: z.enum(targetModes),
  /** The year the target is to be reached by (mode `by`), or the last year of the period. */
  year: z.number(),
  quote: z.string().nullable(),
});

export const baselineView = z.object({
  id: z.number(),
  planId: z.number(),
  indicator: z.string(),
  kind: z.enum(baselineKinds),
  value: z.number(),
  unit: z.string().nullable(),
  fromYear: z.number(),
  toYear: z.number(),
  /** The sentence of the report the figure comes from. */
  quote: z.string().nullable(),
});

export const planView = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  fromYear: z.number(),
  toYear: z.number(),
  targets: z.array(targetView),
  baseline: z.array(baselineView),
  /** What the caller may do with the plan: change its targets (the province's admins only). */
  abilities: z.object({ update: z.boolean() }),
});
/** A target the report's plan names whose indicator no module computes yet: offered when adding a target. */
export const plannedIndicator = z.object({ code: z.string(), title: z.string(), unit: z.string(), quote: z.string().nullable() });
export const planList = z.object({
  items: z.array(planView),
  /** What the caller may do with plans: add one or load a file (the province's admins only). */
  abilities: z.object({ create: z.boolean() }),
  /** The report's targets whose indicators no module computes yet (the add-target list offers them too). */
  notMeasured: z.array(plannedIndicator),
});

/** Without a year: the latest year in which the org's subtree has records (service.latestYearWithData). */
export const overviewQuery = indicatorQuery;
export const overviewRow = indicatorInfo.extend({
  value: z.number().nullable(),
  numerator: z.number(),
  denominator: z.number().nullable(),
  target: targetView.nullable(),
  /**
   * The target's value held against this year: a per-year target in the years of its plan; a target by a year, and a
   * cumulative one, in every year (not yet met is not met). Null below the province for a count or a sum: the
   * plan's totals are the province's, and `target` is then there for reference only.
   */
  targetValue: z.number().nullable(),
  /** The figure held against the target: the plan period's sum so far for a cumulative target, else the value. */
  progress: z.number().nullable(),
  met: z.boolean().nullable(),
  /** The value in each year from the first year with records (at most 12 back) up to the chosen year. */
  trend: z.array(z.object({ year: z.number(), value: z.number().nullable() })),
  /** A straight line through the trend's last years, carried to the target's year. */
  projection: z.object({ year: z.number(), value: z.number() }).nullable(),
  baseline: baselineView.nullable(),
});
export const overview = z.object({
  org: z.object({ code: z.string(), name: z.string(), level: z.string(), regionCode: z.string().nullable() }),
  year: z.number(),
  plan: z.object({ id: z.number(), code: z.string(), name: z.string(), fromYear: z.number(), toYear: z.number() }).nullable(),
  rows: z.array(overviewRow),
});

export const childrenQuery = indicatorQuery.extend({ indicator: indicatorCode });
export const childValue = z.object({
  code: z.string(),
  name: z.string(),
  level: z.string(),
  kind: z.string(),
  /** GB/T 2260 code of a federation: the map joins its regions by it. */
  regionCode: z.string().nullable(),
  value: z.number().nullable(),
  numerator: z.number(),
  denominator: z.number().nullable(),
  met: z.boolean().nullable(),
  /** Whether the child has children of its own to drill into. */
  hasChildren: z.boolean(),
});
export const childrenList = z.object({
  indicator: indicatorInfo,
  org: z.string(),
  year: z.number(),
  targetValue: z.number().nullable(),
  /** Ranked: the best value first. */
  items: z.array(childValue),
});

export const returnQuery = indicatorQuery;
/** The body of a workbook download (not JSON): described for the OpenAPI document only. */
export const workbook = z.unknown();

/**
 * The largest target value taken for any indicator: more people, unions or yuan than a country holds is a slip of
 * the keyboard. Rates are bounded tighter by the service (0..100 in per cent; 0..1 in a JSON plan file), counts to
 * whole numbers (plans.ts, checkTargetValue).
 */
export const maxTargetValue = 1e12;
const targetValue = z.number().finite().min(0).max(maxTargetValue);

/**
 * A plan in the form of report-figures.json: baseline figures and targets, each with the sentence it comes from. In
 * this form a rate is a fraction (0.9) and names no unit; counts and sums name theirs. A file with neither targets
 * nor baseline is no plan (`{"not":"a plan"}` would otherwise read as an empty one).
 */
export const planFile = z.object({
  source: z.string().max(2000).optional(),
  notes: z.array(z.string().max(2000)).max(50).optional(),
  baseline: z
    .array(
      z.object({
        code: indicatorCode,
        kind: z.enum(baselineKinds),
        value: z.number().finite(),
        unit: z.string().max(40).optional(),
        quote: z.string().max(1000).optional(),
      }),
    )
    .max(1000)
    .default([]),
  targets: z
    .array(
      z.object({
        code: indicatorCode,
        op: z.enum(comparisons),
        value: targetValue,
        by: z.number().int().min(1949).max(2100).optional(),
        per_year: z.boolean().optional(),
        cumulative_2013_2018: z.boolean().optional(),
        cumulative: z.boolean().optional(),
        unit: z.string().max(40).optional(),
        /** The plan's own wording of the target (劳动竞赛覆盖面), shown while no module computes it. */
        title: z.string().trim().max(200).optional(),
        quote: z.string().max(1000).optional(),
      }),
    )
    .max(1000)
    .default([]),
}).refine((file) => file.targets.length + file.baseline.length > 0, { message: 'statistics.plan_file_empty', params: { code: 'empty_plan' } });

const planCode = z.string().trim().regex(/^[A-Za-z0-9_-]+$/).min(1).max(40);
const planName = z.string().trim().min(1).max(100);
export const createPlanRequest = z
  .object({ code: planCode, name: planName, fromYear: bodyYear, toYear: bodyYear, baselineFromYear: bodyYear.optional(), baselineToYear: bodyYear.optional() })
  .refine((plan) => plan.toYear >= plan.fromYear, { path: ['toYear'], message: 'statistics.to_before_from', params: { code: 'to_before_from' } });
/** Loads a plan file into a plan, creating the plan when its code is new; targets and baseline of the file replace the plan's. */
export const loadPlanRequest = z.object({ code: planCode, name: planName, fromYear: bodyYear, toYear: bodyYear, baselineFromYear: bodyYear, baselineToYear: bodyYear, file: planFile });
export const planParams = z.object({ planId: z.coerce.number().int().positive().max(2 ** 31) });
export const targetParams = planParams.extend({ targetId: z.coerce.number().int().positive().max(2 ** 31) });
export const targetRequest = z.object({
  indicator: indicatorCode,
  comparison: z.enum(comparisons),
  /** In the unit `unit` names: a rate in per cent, 0–100 (95 for 95 %). */
  value: targetValue,
  /** `percent` for a rate's target, and then required with a value, so that 0.95 is never read as 95 %. */
  unit: z.string().trim().max(40).optional(),
  mode: z.enum(targetModes),
  year: bodyYear,
  /** The wording of a target whose indicator no module computes yet. */
  title: z.string().trim().max(200).nullable().optional(),
  quote: z.string().trim().max(1000).nullable().optional(),
});
export const updateTargetRequest = targetRequest
  .omit({ indicator: true, title: true })
  .partial()
  .refine((body) => Object.values(body).some((value) => value !== undefined), { message: 'statistics.nothing_to_change', params: { code: 'nothing_to_change' } });

/** A plan workbook read into the plan file's form: what the page then loads like a JSON file. */
export const readPlanResponse = z.object({ file: planFile, rows: z.number() });

const tags = ['statistics'];
export const statisticsEndpoints = {
  indicators: endpoint({ method: 'GET', path: '/indicators', tags, summary: 'Every indicator the modules define, with its definition', response: indicatorList }),
  indicator: endpoint({ method: 'GET', path: '/indicators/:code', tags, summary: 'One indicator for an org subtree and a year, against the target in force', params: indicatorParams, query: indicatorQuery, response: indicatorValue }),
  overview: endpoint({ method: 'GET', path: '/statistics/overview', tags, summary: 'Every indicator for an org and a year: value, target, trend and projection', query: overviewQuery, response: overview }),
  children: endpoint({ method: 'GET', path: '/statistics/children', tags, summary: "An indicator for each of an org's children, ranked (the table and the map)", query: childrenQuery, response: childrenList }),
  statisticalReturn: endpoint({ method: 'GET', path: '/statistics/return', tags, summary: 'The statistical return of an org and a year as .xlsx: indicators against targets, and the children', query: returnQuery, response: workbook }),
  plans: endpoint({ method: 'GET', path: '/plans', tags, summary: 'The plans with their targets and baseline', response: planList }),
  createPlan: endpoint({ method: 'POST', path: '/plans', tags, summary: 'Add a plan for another period (admins of the province)', body: createPlanRequest, response: planView, status: 201 }),
  loadPlan: endpoint({ method: 'POST', path: '/plans/load', tags, summary: 'Load a plan file (the form of report-figures.json) into a plan (admins of the province)', body: loadPlanRequest, response: planView }),
  readPlanWorkbook: endpoint({ method: 'POST', path: '/plans/read', tags, summary: 'Read a plan workbook (.xlsx, one row per target) into the plan file form, every row checked (admins of the province)', response: readPlanResponse }),
  planWorkbook: endpoint({ method: 'GET', path: '/plans/:planId/workbook', tags, summary: 'A plan as .xlsx, one row per target, in the form the import reads', params: planParams, response: workbook }),
  planTemplate: endpoint({ method: 'GET', path: '/plans/template', tags, summary: 'The plan workbook template: its headers, example rows and a sheet of notes', response: workbook }),
  addTarget: endpoint({ method: 'POST', path: '/plans/:planId/targets', tags, summary: 'Add a target to a plan', params: planParams, body: targetRequest, response: targetView, status: 201 }),
  updateTarget: endpoint({ method: 'PATCH', path: '/plans/:planId/targets/:targetId', tags, summary: "Edit a target's comparison, value, mode or year", params: targetParams, body: updateTargetRequest, response: targetView }),
  deleteTarget: endpoint({ method: 'DELETE', path: '/plans/:planId/targets/:targetId', tags, summary: 'Remove a target', params: targetParams, response: z.object({ deleted: z.boolean() }) }),
};

export type IndicatorInfo = z.infer<typeof indicatorInfo>;
export type IndicatorValue = z.infer<typeof indicatorValue>;
export type TargetView = z.infer<typeof targetView>;
export type BaselineView = z.infer<typeof baselineView>;
export type PlanView = z.infer<typeof planView>;
export type Overview = z.infer<typeof overview>;
export type OverviewRow = z.infer<typeof overviewRow>;
export type ChildrenList = z.infer<typeof childrenList>;
export type PlanFile = z.infer<typeof planFile>;
export type PlanList = z.infer<typeof planList>;
export type PlannedIndicator = z.infer<typeof plannedIndicator>;
export type LoadPlanRequest = z.infer<typeof loadPlanRequest>;
export type CreatePlanRequest = z.infer<typeof createPlanRequest>;
export type TargetRequest = z.infer<typeof targetRequest>;
export type UpdateTargetRequest = z.infer<typeof updateTargetRequest>;
