import type { Db } from '../../core/db/tables.ts';
import { calendarOf, type Calendar } from './working-days.ts';
import type { CalendarDay } from './calendar.ts';
import type { AppealTables, SettingsRow } from './tables.ts';

/** The only code that touches the appeals module's tables. */
const tables = (db: Db) => db.withTables<AppealTables>();

/**
 * Makes a province's settings with the defaults, and, only then, loads the shipped calendar: a day an admin later
 * removes is not put back at the next start. True when the province was new.
 */
export async function ensureProvince(db: Db, provinceOrgId: number, days: readonly CalendarDay[]): Promise<boolean> {
  const made = await tables(db).insertInto('appeal_settings').values({ province_org_id: provinceOrgId }).onConflict((c) => c.column('province_org_id').doNothing()).returning('province_org_id').executeTakeFirst();
  if (!made) return false;
  if (days.length) {
    await tables(db)
      .insertInto('appeal_holidays')
      .values(days.map((d) => ({ province_org_id: provinceOrgId, ...d })))
      .onConflict((c) => c.columns(['province_org_id', 'day']).doNothing())
      .execute();
  }
  return true;
}

export async function settingsOf(db: Db, provinceOrgId: number): Promise<SettingsRow | undefined> {
  return tables(db).selectFrom('appeal_settings').selectAll().where('province_org_id', '=', provinceOrgId).executeTakeFirst();
}

/** A province's whole calendar: a few dozen rows a year, read at once. */
export async function calendarFor(db: Db, provinceOrgId: number): Promise<Calendar> {
  const rows = await tables(db).selectFrom('appeal_holidays').select(['day', 'kind']).where('province_org_id', '=', provinceOrgId).execute();
  return calendarOf(rows.map((row) => ({ day: dateText(row.day), kind: row.kind })));
}

/** PGlite and pg answer a date column as a string or a Date, by their settings: always YYYY-MM-DD here. */
export function dateText(value: string | Date): string {
  return typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}
