import type { Actor } from '../../core/actor.ts';
import { appendAudit } from '../../core/audit/store.ts';
import type { Db } from '../../core/db/tables.ts';
import { inTransaction } from '../../core/db/transaction.ts';
import { conflict, forbidden, invalid, notFound } from '../../core/errors.ts';
import { treeRoot } from '../../core/tree.ts';
import type { CalendarDay } from './calendar.ts';
import { calendarPolicy } from './policy.ts';
import type { AddCalendarDayRequest, CalendarDayView, SettingsView, UpdateSettingsRequest } from './registry-schema.ts';
import * as settingsStore from './settings-store.ts';
import { settingsOf } from './store.ts';
import type { SettingsRow } from './tables.ts';

/**
 * The province's settings (deadlines by difficulty, the early warning's thresholds) and its holiday calendar, as a
 * province admin keeps them. Staff everywhere read them; only an admin of the province federation itself changes
 * them (a county's admin would change every county's deadlines). Each change is one transaction with its audit row.
 */

interface Province {
  id: number;
  path: string;
}

/** The caller's province: the first label of their scope (the platform's own actor: the tree's root). */
async function provinceOf(actor: Actor, db: Db): Promise<Province> {
  if (actor.scope.path === '') {
    const root = await treeRoot(db);
    if (!root) throw notFound();
    return { id: root.id, path: root.path };
  }
  const first = actor.scope.path.split('.')[0]!;
  return { id: Number(first), path: first };
}

/** May change the settings: an admin whose scope is the whole province. */
const mayUpdate = (actor: Actor) => calendarPolicy.can(actor, 'update') && !actor.scope.path.includes('.');

export function assertMayUpdate(actor: Actor): void {
  calendarPolicy.assert(actor, 'update');
  if (actor.scope.path.includes('.')) throw forbidden('appeals.settings.province_admin_only');
}

function presentSettings(actor: Actor, row: SettingsRow): SettingsView {
  return {
    deadlineSimple: row.deadline_simple,
    deadlineOrdinary: row.deadline_ordinary,
    deadlineComplex: row.deadline_complex,
    warningCount: row.warning_count,
    warningDays: row.warning_days,
    wagesWarningCount: row.wages_warning_count,
    wagesWarningDays: row.wages_warning_days,
    updatedAt: new Date(row.updated_at).toISOString(),
    abilities: { update: mayUpdate(actor) },
  };
}

const fields = {
  deadlineSimple: 'deadline_simple',
  deadlineOrdinary: 'deadline_ordinary',
  deadlineComplex: 'deadline_complex',
  warningCount: 'warning_count',
  warningDays: 'warning_days',
  wagesWarningCount: 'wages_warning_count',
  wagesWarningDays: 'wages_warning_days',
} as const satisfies Record<keyof UpdateSettingsRequest, keyof SettingsRow>;

export async function getSettings(actor: Actor, db: Db): Promise<SettingsView> {
  calendarPolicy.assert(actor, 'read');
  const province = await provinceOf(actor, db);
  const row = await settingsOf(db, province.id);
  if (!row) throw notFound();
  return presentSettings(actor, row);
}

export async function updateSettings(actor: Actor, db: Db, input: UpdateSettingsRequest): Promise<SettingsView> {
  assertMayUpdate(actor);
  const province = await provinceOf(actor, db);
  return inTransaction(db, async (tx) => {
    const before = await settingsOf(tx, province.id);
    if (!before) throw notFound();
    const changes: settingsStore.SettingsChanges = {};
    for (const [field, column] of Object.entries(fields) as [keyof UpdateSettingsRequest, keyof settingsStore.SettingsChanges][]) {
      if (input[field] !== undefined) changes[column] = input[field];
    }
    const next = { ...before, ...changes };
    // A harder case never gets fewer working days than an easier one.
    if (next.deadline_ordinary < next.deadline_simple) throw invalid([{ path: 'deadlineOrdinary', code: 'deadlines_order', messageKey: 'appeals.settings.deadlines_order' }]);
    if (next.deadline_complex < next.deadline_ordinary) throw invalid([{ path: 'deadlineComplex', code: 'deadlines_order', messageKey: 'appeals.settings.deadlines_order' }]);
    await settingsStore.updateSettings(tx, province.id, changes);
    const after = (await settingsOf(tx, province.id))!;
    const { abilities: _b, updatedAt: _bu, ...beforeShown } = presentSettings(actor, before);
    const { abilities: _a, updatedAt: _au, ...afterShown } = presentSettings(actor, after);
    await appendAudit(tx, actor, { action: 'update', entity: 'appeals.settings', entityId: province.id, orgPath: province.path, before: beforeShown, after: afterShown });
    return presentSettings(actor, after);
  });
}

export async function listCalendar(actor: Actor, db: Db, year: number) {
  calendarPolicy.assert(actor, 'read');
  const province = await provinceOf(actor, db);
  const [items, years] = await Promise.all([settingsStore.daysOf(db, province.id, year), settingsStore.listedYears(db, province.id)]);
  return { year, items, years, abilities: { update: mayUpdate(actor) } };
}

/** 0 Sunday … 6 Saturday, of a YYYY-MM-DD date. */
const weekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();
export const isWeekend = (day: string) => weekday(day) === 0 || weekday(day) === 6;

/**
 * Why a day cannot be listed, or undefined: a weekend day worked instead (调休) is a Saturday or Sunday by its very
 * meaning. A holiday may fall on a weekend (every day of a break is listed, weekend days within it too).
 */
export function dayProblem(day: CalendarDay): { path: string; messageKey: string } | undefined {
  if (day.kind === 'workday' && !isWeekend(day.day)) return { path: 'day', messageKey: 'appeals.calendar.workday_on_weekday' };
  return undefined;
}

export async function addCalendarDay(actor: Actor, db: Db, input: AddCalendarDayRequest): Promise<CalendarDayView> {
  assertMayUpdate(actor);
  const problem = dayProblem(input);
  if (problem) throw invalid([{ ...problem, code: 'wrong_weekday', params: { day: input.day } }]);
  const province = await provinceOf(actor, db);
  return inTransaction(db, async (tx) => {
    if (!(await settingsStore.insertDay(tx, province.id, input))) throw conflict('appeals.calendar.day_listed', { day: input.day });
    await appendAudit(tx, actor, { action: 'create', entity: 'appeals.calendar', entityId: input.day, orgPath: province.path, after: { ...input } });
    return input;
  });
}

export async function removeCalendarDay(actor: Actor, db: Db, day: string): Promise<CalendarDayView> {
  assertMayUpdate(actor);
  const province = await provinceOf(actor, db);
  return inTransaction(db, async (tx) => {
    const listed = await settingsStore.findDay(tx, province.id, day);
    if (!listed) throw notFound();
    await settingsStore.deleteDay(tx, province.id, day);
    await appendAudit(tx, actor, { action: 'delete', entity: 'appeals.calendar', entityId: day, orgPath: province.path, before: { ...listed } });
    return listed;
  });
}

export { provinceOf as provinceOfActor, assertMayUpdate as assertMayUpdateCalendar };
