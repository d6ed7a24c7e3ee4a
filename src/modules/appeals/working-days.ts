/**
 * Working-day arithmetic (README.md, "Working days"), pure: the calendar comes in as data. A date is a working day
 * when it is listed as a worked weekend day (调休), or it is Monday to Friday and not listed as a holiday.
 * Dates are ISO strings (YYYY-MM-DD) and are counted in UTC, so the server's time zone changes nothing.
 */
export interface Calendar {
  /** Days off of the official holidays (every day of each break, weekends within it included). */
  readonly holidays: ReadonlySet<string>;
  /** Saturdays and Sundays worked instead (调休). */
  readonly workdays: ReadonlySet<string>;
}

export const emptyCalendar: Calendar = { holidays: new Set(), workdays: new Set() };

export function calendarOf(days: readonly { day: string; kind: 'holiday' | 'workday' }[]): Calendar {
  return {
    holidays: new Set(days.filter((d) => d.kind === 'holiday').map((d) => d.day)),
    workdays: new Set(days.filter((d) => d.kind === 'workday').map((d) => d.day)),
  };
}

const dayMs = 86_400_000;
const toTime = (date: string) => Date.parse(`${date}T00:00:00Z`);
const fromTime = (time: number) => new Date(time).toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  return fromTime(toTime(date) + days * dayMs);
}

export function isWorkingDay(calendar: Calendar, date: string): boolean {
  if (calendar.workdays.has(date)) return true;
  if (calendar.holidays.has(date)) return false;
  const weekday = new Date(toTime(date)).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The `n`th working day after `date` (the date itself never counts); `date` itself for n = 0. */
export function addWorkingDays(calendar: Calendar, date: string, n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new Error(`a whole number of working days, not ${n}`);
  let day = date;
  for (let left = n; left > 0; ) {
    day = addDays(day, 1);
    if (isWorkingDay(calendar, day)) left--;
  }
  return day;
}

/** Working days after `from` up to and including `to`: 0 when `to` is not after `from`. */
export function workingDaysBetween(calendar: Calendar, from: string, to: string): number {
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (isWorkingDay(calendar, day)) count++;
  return count;
}

/** A pause of the clock while the case waits for the worker: from the day it began to the day it ended. */
export interface Pause {
  from: string;
  to: string;
}

/**
 * When a case's answer is due: `days` working days after it was accepted, plus the working days of each pause (the
 * days spent waiting for the worker are given back) and the working days of approved extensions.
 */
export function dueOn(calendar: Calendar, acceptedOn: string, days: number, pauses: readonly Pause[] = [], extensionDays = 0): string {
  const paused = pauses.reduce((sum, pause) => sum + workingDaysBetween(calendar, pause.from, pause.to), 0);
  return addWorkingDays(calendar, acceptedOn, days + paused + extensionDays);
}

/**
 * Working days left until `due` as of `today`: positive while there is time, 0 on the day it is due, negative once
 * overdue (the working days since). "Due within 2 working days" is 0 ≤ left ≤ 2.
 */
export function workingDaysLeft(calendar: Calendar, today: string, due: string): number {
  return due >= today ? workingDaysBetween(calendar, today, due) : -workingDaysBetween(calendar, due, today);
}
