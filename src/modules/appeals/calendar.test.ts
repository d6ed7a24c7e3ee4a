import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { treeRoot } from '../../core/tree.ts';
import { createTestPlatform, type TestPlatform } from '../../test/platform.ts';
import { officialDays } from './calendar.ts';
import { seedAppeals } from './seed.ts';
import * as store from './store.ts';
import { addWorkingDays, dueOn, isWorkingDay } from './working-days.ts';

let test: TestPlatform;
let province: number;
beforeAll(async () => {
  test = await createTestPlatform();
  province = (await treeRoot(test.platform.db))!.id;
});
afterAll(() => test?.close());

describe('the holiday calendar as data', () => {
  it('ships every day off and every worked weekend day of 2024–2026, once each', () => {
    const days = officialDays();
    expect(new Set(days.map((d) => d.day)).size).toBe(days.length);
    // 2024: 1 + 8 + 3 + 5 + 1 + 3 + 7 days off, 8 weekend days worked.
    expect(days.filter((d) => d.day.startsWith('2024') && d.kind === 'holiday')).toHaveLength(28);
    expect(days.filter((d) => d.day.startsWith('2024') && d.kind === 'workday')).toHaveLength(8);
    expect(days.filter((d) => d.day.startsWith('2025') && d.kind === 'holiday')).toHaveLength(1 + 8 + 3 + 5 + 3 + 8);
    expect(days.filter((d) => d.day.startsWith('2026') && d.kind === 'workday')).toHaveLength(6);
    // A worked day is a Saturday or a Sunday.
    for (const d of days.filter((d) => d.kind === 'workday')) expect([0, 6]).toContain(new Date(`${d.day}T00:00:00Z`).getUTCDay());
  });

  it('is loaded into the province at the first start, with the settings of issue 15', async () => {
    const settings = await store.settingsOf(test.platform.db, province);
    expect(settings).toMatchObject({ deadline_simple: 3, deadline_ordinary: 7, deadline_complex: 15, warning_count: 5, warning_days: 30, wages_warning_count: 3, wages_warning_days: 30 });
    const calendar = await store.calendarFor(test.platform.db, province);
    expect(isWorkingDay(calendar, '2025-10-01')).toBe(false);
    expect(isWorkingDay(calendar, '2025-10-11')).toBe(true);
    // Ordinary, accepted the day before National Day 2025: 9, 10, 11 (worked Saturday), 13, 14, 15, 16 October.
    expect(dueOn(calendar, '2025-09-30', settings!.deadline_ordinary)).toBe('2025-10-16');
    expect(addWorkingDays(calendar, '2026-02-13', 2)).toBe('2026-02-24');
  });

  it('is not loaded again at a later start: a day an admin removed stays removed', async () => {
    await sql`DELETE FROM appeal_holidays WHERE day = '2024-06-10'`.execute(test.platform.db);
    await seedAppeals({ db: test.platform.db, log: () => {} });
    const calendar = await store.calendarFor(test.platform.db, province);
    expect(isWorkingDay(calendar, '2024-06-10')).toBe(true);
    expect(isWorkingDay(calendar, '2024-10-01')).toBe(false);
  });
});
