import type { PlanRow, TargetRow } from './tables.ts';

/**
 * What a plan asks of a year, and whether a figure meets it. Pure functions: the service feeds them rows and
 * figures, the tests feed them numbers.
 */

/** The plan in force in a year: the one whose period holds it, else the next to come, else the last one past. */
export function planFor<P extends Pick<PlanRow, 'from_year' | 'to_year'>>(plans: readonly P[], year: number): P | undefined {
  const sorted = [...plans].sort((a, b) => a.from_year - b.from_year);
  return sorted.find((plan) => plan.from_year <= year && year <= plan.to_year) ?? sorted.find((plan) => plan.from_year > year) ?? sorted.at(-1);
}

/**
 * The target's value for a year. A per-year target applies to the years of its plan only; a target to reach by a
 * year, and a cumulative one, are shown against every year (met or not yet met).
 */
export function targetValueFor(target: Pick<TargetRow, 'mode' | 'value'>, plan: Pick<PlanRow, 'from_year' | 'to_year'>, year: number): number | null {
  if (target.mode === 'per_year') return plan.from_year <= year && year <= plan.to_year ? target.value : null;
  return target.value;
}

export function meets(comparison: TargetRow['comparison'], value: number | null, target: number | null): boolean | null {
  if (value === null || target === null) return null;
  // Rates are compared after rounding to 4 places (0.01 %), so 0.9 computed as 8999.99…/10000 counts as 90 %.
  const round = (x: number) => Math.round(x * 1e4) / 1e4;
  return comparison === '>=' ? round(value) >= round(target) : round(value) <= round(target);
}

/**
 * A straight line through the last points of a trend (least squares over at most five years with a value), carried
 * to a later year. Null when fewer than two points have a value.
 */
export function projectLine(trend: readonly { year: number; value: number | null }[], toYear: number): number | null {
  const points = trend.filter((point): point is { year: number; value: number } => point.value !== null).slice(-5);
  if (points.length < 2) return null;
  const meanYear = points.reduce((sum, point) => sum + point.year, 0) / points.length;
  const meanValue = points.reduce((sum, point) => sum + point.value, 0) / points.length;
  const spread = points.reduce((sum, point) => sum + (point.year - meanYear) ** 2, 0);
  const slope = points.reduce((sum, point) => sum + (point.year - meanYear) * (point.value - meanValue), 0) / spread;
  return meanValue + slope * (toYear - meanYear);
}
