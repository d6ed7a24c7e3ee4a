import { meets } from '../targets.ts';
import type { Overview, OverviewRow } from '../schema.ts';
import { targetFraction } from './format.ts';

export type Status = 'met' | 'not_met' | 'on_track' | 'off_track' | 'pending' | 'no_target';
export const statusColor: Record<Status, string | undefined> = { met: 'green', not_met: 'red', on_track: 'blue', off_track: 'orange', pending: undefined, no_target: undefined };

/** A row as shown (below the province, without a count's or a sum's target: viewRows). */
export type ViewRow = OverviewRow;

/** Whether the projection to the target's year reaches it (the server's own rule: `meets` of targets.ts). */
export const projectionMeets = (row: Pick<ViewRow, 'projection' | 'target'>): boolean => !!row.projection && !!row.target && meets(row.target.comparison, row.projection.value, targetFraction(row.target)) === true;

/**
 * Met or not this year. Before the year of a target to reach by a year (or of a period's sum), not having reached
 * it yet is no failure: what counts is whether the server's projection reaches it.
 */
export function statusOf(row: ViewRow, year: number): Status {
  if (!row.target) return 'no_target';
  const early = row.target.mode !== 'per_year' && year < row.target.year;
  if (row.met !== null && (row.met || !early)) return row.met ? 'met' : 'not_met';
  if (early && row.projection) return projectionMeets(row) ? 'on_track' : 'off_track';
  return 'pending';
}

/**
 * The plan's targets are the province's. A rate's target holds for every part of it (each city's coverage is to reach
 * 90 % as the province's is), but a count's or a sum's is the province's total, which the plan does not share out:
 * below the province it is not shown at all (a county's 26 against the province's 47,518 only misleads), and the
 * page says so (statistics.ui.targets.below_province).
 */
export function viewRows(overview: Overview | undefined): ViewRow[] {
  if (!overview) return [];
  if (overview.org.level === 'province') return overview.rows;
  return overview.rows.map((row) => (row.kind !== 'rate' && row.target ? { ...row, target: null, targetValue: null, met: null, projection: null } : row));
}
