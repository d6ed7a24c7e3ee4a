import type { Db } from '../../core/db/tables.ts';
import type { BaselineRow, PlanRow, PlanTargetsTable, StatisticsTables, TargetRow } from './tables.ts';
import type { Insertable, Updateable } from 'kysely';

/**
 * The only code that touches the plans' tables. Plans are the province's, not an org's: everyone reads them (a
 * county compares itself with the province's targets), and the service lets only the province's admins write.
 */
const tables = (db: Db) => db.withTables<StatisticsTables>();

export async function listPlans(db: Db): Promise<{ plans: PlanRow[]; targets: TargetRow[]; baselines: BaselineRow[] }> {
  const [plans, targets, baselines] = await Promise.all([
    tables(db).selectFrom('plans').selectAll().orderBy('from_year').orderBy('id').execute(),
    tables(db).selectFrom('plan_targets').selectAll().orderBy('plan_id').orderBy('id').execute(),
    tables(db).selectFrom('plan_baselines').selectAll().orderBy('plan_id').orderBy('id').execute(),
  ]);
  return { plans, targets, baselines };
}

export async function findPlanByCode(db: Db, code: string): Promise<PlanRow | undefined> {
  return tables(db).selectFrom('plans').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function findPlan(db: Db, planId: number): Promise<PlanRow | undefined> {
  return tables(db).selectFrom('plans').selectAll().where('id', '=', planId).executeTakeFirst();
}

export async function insertPlan(db: Db, plan: { code: string; name: string; from_year: number; to_year: number; baseline_from_year: number | null; baseline_to_year: number | null }): Promise<number> {
  const row = await tables(db).insertInto('plans').values(plan).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updatePlan(db: Db, planId: number, changes: { name: string; from_year: number; to_year: number; baseline_from_year: number | null; baseline_to_year: number | null }): Promise<void> {
  await tables(db).updateTable('plans').set({ ...changes, updated_at: new Date() }).where('id', '=', planId).execute();
}

/** Replaces a plan's targets and baseline with a file's, in the caller's transaction. */
export async function replacePlanContents(db: Db, planId: number, targets: Omit<Insertable<PlanTargetsTable>, 'plan_id'>[], baselines: Omit<BaselineRow, 'id' | 'plan_id'>[]): Promise<void> {
  await tables(db).deleteFrom('plan_targets').where('plan_id', '=', planId).execute();
  await tables(db).deleteFrom('plan_baselines').where('plan_id', '=', planId).execute();
  if (targets.length) await tables(db).insertInto('plan_targets').values(targets.map((target) => ({ ...target, plan_id: planId }))).execute();
  if (baselines.length) await tables(db).insertInto('plan_baselines').values(baselines.map((baseline) => ({ ...baseline, plan_id: planId }))).execute();
}

export async function findTarget(db: Db, planId: number, targetId: number): Promise<TargetRow | undefined> {
  return tables(db).selectFrom('plan_targets').selectAll().where('plan_id', '=', planId).where('id', '=', targetId).executeTakeFirst();
}

export async function findTargetOf(db: Db, planId: number, indicator: string): Promise<TargetRow | undefined> {
  return tables(db).selectFrom('plan_targets').selectAll().where('plan_id', '=', planId).where('indicator', '=', indicator).executeTakeFirst();
}

export async function insertTarget(db: Db, target: Insertable<PlanTargetsTable>): Promise<number> {
  const row = await tables(db).insertInto('plan_targets').values(target).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateTarget(db: Db, targetId: number, changes: Updateable<PlanTargetsTable>): Promise<void> {
  await tables(db).updateTable('plan_targets').set(changes).where('id', '=', targetId).execute();
}

export async function deleteTarget(db: Db, planId: number, targetId: number): Promise<boolean> {
  const result = await tables(db).deleteFrom('plan_targets').where('plan_id', '=', planId).where('id', '=', targetId).executeTakeFirst();
  return result.numDeletedRows > 0n;
}
