import { sql } from 'kysely';
import type { Db } from '../../core/db/tables.ts';
import type { CalendarDay } from './calendar.ts';
import type { AppealSettingsTable, AppealTables } from './tables.ts';

/**
 * The province's settings and holiday calendar as an admin edits them (store.ts reads them for deadlines). Rows are
 * keyed by the province federation's id, which the service takes from the caller's own scope.
 */
const tables = (db: Db) => db.withTables<AppealTables>();

export type SettingsChanges = Partial<Record<Exclude<keyof AppealSettingsTable, 'province_org_id' | 'updated_at'>, number>>;

export async function updateSettings(db: Db, provinceOrgId: number, changes: SettingsChanges): Promise<void> {
  await tables(db)
    .updateTable('appeal_settings')
    .set({ ...changes, updated_at: sql<Date>`now()` })
    .where('province_org_id', '=', provinceOrgId)
    .execute();
}

/** The days listed in a year, in date order. */
export async function daysOf(db: Db, provinceOrgId: number, year: number): Promise<CalendarDay[]> {
  return tables(db)
    .selectFrom('appeal_holidays')
    .select(['day', 'kind', 'name'])
    .where('province_org_id', '=', provinceOrgId)
    .where('day', '>=', `${year}-01-01`)
    .where('day', '<=', `${year}-12-31`)
    .orderBy('day')
    .execute();
}

export async function findDay(db: Db, provinceOrgId: number, day: string): Promise<CalendarDay | undefined> {
  return tables(db).selectFrom('appeal_holidays').select(['day', 'kind', 'name']).where('province_org_id', '=', provinceOrgId).where('day', '=', day).executeTakeFirst();
}

/** The years with any day listed. */
export async function listedYears(db: Db, provinceOrgId: number): Promise<number[]> {
  const rows = await tables(db)
    .selectFrom('appeal_holidays')
    .select(sql<number>`extract(year FROM day)::int`.as('year'))
    .where('province_org_id', '=', provinceOrgId)
    .groupBy(sql`extract(year FROM day)`)
    .orderBy(sql`extract(year FROM day)`)
    .execute();
  return rows.map((row) => Number(row.year));
}

/** Lists a day; false when the day is listed already (the caller says so, or compares, as the import does). */
export async function insertDay(db: Db, provinceOrgId: number, day: CalendarDay): Promise<boolean> {
  const row = await tables(db)
    .insertInto('appeal_holidays')
    .values({ province_org_id: provinceOrgId, ...day })
    .onConflict((c) => c.columns(['province_org_id', 'day']).doNothing())
    .returning('day')
    .executeTakeFirst();
  return row !== undefined;
}

export async function replaceDay(db: Db, provinceOrgId: number, day: CalendarDay): Promise<void> {
  await tables(db).updateTable('appeal_holidays').set({ kind: day.kind, name: day.name }).where('province_org_id', '=', provinceOrgId).where('day', '=', day.day).execute();
}

export async function deleteDay(db: Db, provinceOrgId: number, day: string): Promise<boolean> {
  const result = await tables(db).deleteFrom('appeal_holidays').where('province_org_id', '=', provinceOrgId).where('day', '=', day).executeTakeFirst();
  return result.numDeletedRows > 0n;
}
