import { meets } from '../targets.ts';
import type { Overview, OverviewRow } from '../schema.ts';

export type Status = 'met' | 'not_met' | 'on_track' | 'off_track' | 'pending' | 'no_target';
export const statusColor: Record<Status, string | undefined> = { met: 'green', not_met: 'red', on_track: 'blue', off_track: 'orange', pending: undefined, no_target: undefined };

/** A row as shown; `provinceTarget` is a count's or a sum's target of the whole province, shown below it for reference. */
export type ViewRow = OverviewRow & { provinceTarget?: OverviewRow['target'] };

/** Whether the projection to the target's year reaches it (the server's own rule: `meets` of targets.ts). */
export const projectionMeets = (row: Pick<ViewRow, 'projection' | 'target'>): boolean => !!row.projection && !!row.target && meets(row.target.comparison, row.projection.value, row.target.value) === true;

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
 * 90 % as the province's is), but a count's or a sum's is the province's total: below the province it is shown for
 * reference only, and nothing is judged or projected against it.
 */
export function viewRows(overview: Overview | undefined): ViewRow[] {
  if (!overview) return [];
  if (overview.org.level === 'province') return overview.rows;
  return overview.rows.map((row) => (row.kind !== 'rate' && row.target ? { ...row, target: null, targetValue: null, met: null, projection: null, provinceTarget: row.target } : row));
}
