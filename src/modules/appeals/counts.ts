import type { Db } from '../../core/db/tables.ts';
import { addToAggregate, type AggregateDelta } from '../../core/indicators/aggregates.ts';
import { appealCountColumns, caseFlows, centreFlows, readFlows, type CountRow } from './counts-store.ts';

/**
 * Keeping `appeal_counts` in step with the records, in the transaction of each change. Every change of cases or of
 * the registry of centres and stations goes through one of these two helpers: the records' flows are read before the
 * change and after it (with the very queries the table is recomputed from) and the difference is added up the
 * tree, so the table stays equal to its recompute through any change — a new record, an edit, a closing, a move to
 * another org.
 *
 *   await keepingCaseCounts(tx, [caseId], () => store.updateAppeal(tx, …));   // a new case: addCaseCounts(tx, [id])
 *   await keepingCentreCounts(tx, [orgId, formerOrgIdIfMoved], () => insert / update the appeal_centres row);
 *
 * `tx` must be the change's own transaction.
 */

export const appealCountsTable = 'appeal_counts';

function deltasBetween(before: readonly CountRow[], after: readonly CountRow[]): AggregateDelta[] {
  const sums = new Map<string, { orgId: number; year: number; values: Record<string, number> }>();
  const add = (rows: readonly CountRow[], sign: 1 | -1) => {
    for (const row of rows) {
      const orgId = Number(row.org_id);
      const year = Number(row.year);
      const key = `${orgId}|${year}`;
      const entry = sums.get(key) ?? { orgId, year, values: {} };
      for (const column of appealCountColumns) entry.values[column] = (entry.values[column] ?? 0) + sign * Number(row[column] ?? 0);
      sums.set(key, entry);
    }
  };
  add(before, -1);
  add(after, 1);
  return [...sums.values()].sort((a, b) => a.orgId - b.orgId || a.year - b.year);
}

async function keeping<T>(tx: Db, flows: () => ReturnType<typeof caseFlows>, change: () => Promise<T>): Promise<T> {
  const before = await readFlows(tx, flows());
  const result = await change();
  const after = await readFlows(tx, flows());
  await addToAggregate(tx, appealCountsTable, deltasBetween(before, after));
  return result;
}

/** Runs a change of the existing cases `ids` and keeps the counts (a new case: `addCaseCounts` once it is inserted). */
export const keepingCaseCounts = <T>(tx: Db, ids: readonly number[], change: () => Promise<T>) => keeping(tx, () => caseFlows(ids), change);

/** After inserting cases: what they add (nothing was there before). */
export async function addCaseCounts(tx: Db, ids: readonly number[]): Promise<void> {
  await addToAggregate(tx, appealCountsTable, deltasBetween([], await readFlows(tx, caseFlows(ids))));
}

/**
 * Runs a change of the centres and stations run by the orgs `orgIds` — every org whose centres the change touches:
 * for a centre given to another org, both — and keeps the counts.
 */
export const keepingCentreCounts = <T>(tx: Db, orgIds: readonly number[], change: () => Promise<T>) => keeping(tx, () => centreFlows(orgIds), change);
