import type { Actor } from '../../core/actor.ts';
import type { Db } from '../../core/db/tables.ts';
import { computeFigure } from '../../core/indicators/engine.ts';
import { findIndicator } from '../../core/indicators/registry.ts';
import { orgOrOwn } from '../org/service.ts';
import { statisticsPolicy } from './policy.ts';
import * as store from './store.ts';
import { planFor } from './targets.ts';

/**
 * The report's baseline figures against what the indicator engine computes from the records, for a synthetic
 * province of a given scale: counts and sums scale with it, rates do not. A stock is read at the end of the
 * baseline period, a cumulative figure summed over its years, a per-year figure averaged over them.
 */

export interface BaselineCheck {
  indicator: string;
  kind: string;
  /** The report's figure. */
  report: number;
  /** The report's figure at the scale asked (rates as they are). */
  expected: number;
  computed: number | null;
  /**
   * Rates within one percentage point; counts within 1 % (and the rounding of a small scale). Null when no module
   * computes the indicator yet: the figure is listed, marked so, and neither passes nor fails.
   */
  withinTolerance: boolean | null;
}

export async function verifyBaseline(actor: Actor, db: Db, options: { scale: number; org?: string | undefined; year?: number | undefined }): Promise<{ plan: string; org: string; fromYear: number; toYear: number; checks: BaselineCheck[] }> {
  statisticsPolicy.assert(actor, 'read');
  const org = await orgOrOwn(actor, db, options.org);
  const { plans, baselines } = await store.listPlans(db);
  const plan = planFor(plans, options.year ?? new Date().getFullYear());
  if (!plan) return { plan: '', org: org.code, fromYear: 0, toYear: 0, checks: [] };
  const checks: BaselineCheck[] = [];
  for (const baseline of baselines.filter((row) => row.plan_id === plan.id)) {
    const definition = findIndicator(baseline.indicator);
    const expected = baseline.kind === 'rate' ? baseline.value : baseline.value * options.scale;
    if (!definition) {
      checks.push({ indicator: baseline.indicator, kind: baseline.kind, report: baseline.value, expected, computed: null, withinTolerance: null });
      continue;
    }
    const years = baseline.to_year - baseline.from_year + 1;
    const over = baseline.kind === 'cumulative' || baseline.kind === 'per_year' ? baseline.from_year : undefined;
    const figure = await computeFigure(db, actor.scope, definition.code, org.id, baseline.to_year, over);
    const computed = figure.value === null ? null : baseline.kind === 'per_year' ? figure.value / years : figure.value;
    const withinTolerance =
      computed !== null && (baseline.kind === 'rate' ? Math.abs(computed - expected) <= 0.01 : Math.abs(computed - expected) <= Math.max(expected * 0.01, 1));
    checks.push({ indicator: baseline.indicator, kind: baseline.kind, report: baseline.value, expected, computed, withinTolerance });
  }
  return { plan: plan.code, org: org.code, fromYear: plan.baseline_from_year ?? 0, toYear: plan.baseline_to_year ?? 0, checks };
}
