import { describe, expect, it } from 'vitest';
import { addWorkingDays, calendarOf, dueOn, emptyCalendar, isWorkingDay, workingDaysBetween, workingDaysLeft } from './working-days.ts';

// The official days around the dates below (State Council notices for 2025 and 2026), as the migration ships them.
const calendar = calendarOf([
  ...['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-04', '2025-10-05', '2025-10-06', '2025-10-07', '2025-10-08'].map((day) => ({ day, kind: 'holiday' as const })),
  { day: '2025-09-28', kind: 'workday' },
  { day: '2025-10-11', kind: 'workday' },
  ...['2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23'].map((day) => ({ day, kind: 'holiday' as const })),
  { day: '2026-02-14', kind: 'workday' },
  { day: '2026-02-28', kind: 'workday' },
]);

describe('working days', () => {
  it('are Monday to Friday, less holidays, plus the weekend days worked instead', () => {
    expect(isWorkingDay(calendar, '2025-03-07')).toBe(true); // a Friday
    expect(isWorkingDay(calendar, '2025-03-08')).toBe(false); // a Saturday
    expect(isWorkingDay(calendar, '2025-10-01')).toBe(false); // National Day, a Wednesday
    expect(isWorkingDay(calendar, '2025-10-11')).toBe(true); // a Saturday worked (调休)
    expect(isWorkingDay(calendar, '2025-09-28')).toBe(true); // a Sunday worked
  });

  it('skip a weekend', () => {
    // Accepted on Friday 7 March 2025: three working days are Monday, Tuesday, Wednesday.
    expect(addWorkingDays(calendar, '2025-03-07', 3)).toBe('2025-03-12');
    expect(addWorkingDays(calendar, '2025-03-08', 1)).toBe('2025-03-10');
    expect(addWorkingDays(calendar, '2025-03-07', 0)).toBe('2025-03-07');
  });

  it('skip a holiday and count the Saturday worked after it', () => {
    // Accepted on Tuesday 30 September 2025: 1–8 October are off; Thursday 9, Friday 10 and Saturday 11 (调休) count.
    expect(addWorkingDays(calendar, '2025-09-30', 3)).toBe('2025-10-11');
    expect(addWorkingDays(calendar, '2025-09-30', 4)).toBe('2025-10-13');
    // Without the calendar the same count would end on 3 October.
    expect(addWorkingDays(emptyCalendar, '2025-09-30', 3)).toBe('2025-10-03');
  });

  it('count a Saturday worked before a holiday', () => {
    // Friday 13 February 2026, then Saturday 14 (worked), then the Spring Festival 15–23, then Tuesday 24.
    expect(addWorkingDays(calendar, '2026-02-13', 1)).toBe('2026-02-14');
    expect(addWorkingDays(calendar, '2026-02-13', 2)).toBe('2026-02-24');
    // Simple (3), ordinary (7) and complex (15) deadlines from the same day.
    expect(dueOn(calendar, '2026-02-13', 3)).toBe('2026-02-25');
    expect(dueOn(calendar, '2026-02-13', 6)).toBe('2026-02-28'); // the Saturday worked after the festival
    expect(dueOn(calendar, '2026-02-13', 7)).toBe('2026-03-02');
    expect(dueOn(calendar, '2026-02-13', 15)).toBe('2026-03-12');
  });

  it('counts the working days between two dates', () => {
    expect(workingDaysBetween(calendar, '2025-03-07', '2025-03-10')).toBe(1);
    expect(workingDaysBetween(calendar, '2025-09-30', '2025-10-11')).toBe(3);
    expect(workingDaysBetween(calendar, '2025-03-10', '2025-03-10')).toBe(0);
    expect(workingDaysBetween(calendar, '2025-03-10', '2025-03-07')).toBe(0);
  });

  it('gives back the working days of a pause, and adds an extension', () => {
    // Accepted Friday 7 March 2025, simple: due Wednesday 12. Waiting for the worker from Monday 10 to Thursday 13
    // (3 working days: 11, 12, 13) moves it to Monday 17.
    expect(dueOn(calendar, '2025-03-07', 3)).toBe('2025-03-12');
    expect(dueOn(calendar, '2025-03-07', 3, [{ from: '2025-03-10', to: '2025-03-13' }])).toBe('2025-03-17');
    // A pause over a weekend gives back only its working days.
    expect(dueOn(calendar, '2025-03-07', 3, [{ from: '2025-03-07', to: '2025-03-10' }])).toBe('2025-03-13');
    // A pause over the National Day holiday gives back 9, 10 and 11 October.
    expect(dueOn(calendar, '2025-09-26', 3, [{ from: '2025-09-30', to: '2025-10-11' }])).toBe(addWorkingDays(calendar, '2025-09-26', 6));
    expect(dueOn(calendar, '2025-03-07', 3, [], 5)).toBe('2025-03-19');
  });

  it('says how many working days are left, and how many overdue', () => {
    expect(workingDaysLeft(calendar, '2025-03-10', '2025-03-12')).toBe(2);
    expect(workingDaysLeft(calendar, '2025-03-12', '2025-03-12')).toBe(0);
    expect(workingDaysLeft(calendar, '2025-03-14', '2025-03-12')).toBe(-2);
    // Due on the Saturday worked: on the Friday before, one working day is left.
    expect(workingDaysLeft(calendar, '2025-10-10', '2025-10-11')).toBe(1);
  });

  it('refuses a count that is not a whole number of days', () => {
    expect(() => addWorkingDays(calendar, '2025-03-07', -1)).toThrow();
    expect(() => addWorkingDays(calendar, '2025-03-07', 1.5)).toThrow();
  });
});
