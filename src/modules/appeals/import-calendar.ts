import { z } from 'zod';
import type { Actor } from '../../core/actor.ts';
import { appendAudit } from '../../core/audit/store.ts';
import type { Db } from '../../core/db/tables.ts';
import { inTransaction } from '../../core/db/transaction.ts';
import type { Locale } from '../../core/i18n/catalogue.ts';
import type { ColumnSpec } from '../../core/import/headers.ts';
import { validateRow, type RowProblem } from '../../core/import/sheet.ts';
import type { CalendarDay } from './calendar.ts';
import { importSheet, words, type ImportSummary } from './import-sheet.ts';
import { isoDate } from './schema.ts';
import { assertMayUpdateCalendar, dayProblem, provinceOfActor } from './settings.ts';
import * as settingsStore from './settings-store.ts';

/**
 * The province's holiday calendar from a spreadsheet (`qiaoliang appeals import-calendar`): one row a day, its kind
 * (a day off, or a weekend day worked instead) and its name — the State Council's notice for a year as a table. A day
 * is known by its date: the same file again changes nothing; a day with another kind or name is updated.
 */
export const calendarColumns = {
  day: { headers: ['日期', '日子', '时间', 'date', 'day'], kind: 'date', required: true },
  kind: { headers: ['类型', '类别', '放假或上班', '安排', 'kind', 'type'], required: true },
  name: { headers: ['名称', '节日', '节假日', '假日名称', '节日名称', '说明', 'name', 'holiday'], required: true },
} satisfies ColumnSpec;
export type CalendarField = keyof typeof calendarColumns;

const kindWords = {
  放假: 'holiday', 休息: 'holiday', 休: 'holiday', 假日: 'holiday', 节假日: 'holiday', 法定节假日: 'holiday', holiday: 'holiday', off: 'holiday',
  上班: 'workday', 班: 'workday', 补班: 'workday', 调休上班: 'workday', 工作日: 'workday', 调休: 'workday', workday: 'workday', 'worked day': 'workday',
} as const;

export const calendarRow = z.object({
  day: isoDate,
  kind: words(kindWords, 'appeals.import.invalid_day_kind'),
  name: z.string().trim().min(1).max(50),
});

export async function importCalendar(actor: Actor, db: Db, options: { file: string; fileName: string; locale: Locale; rejectedPath: string }): Promise<ImportSummary> {
  assertMayUpdateCalendar(actor);
  const province = await provinceOfActor(actor, db);
  const seen = new Set<string>();
  return importSheet<CalendarField, CalendarDay>({
    ...options,
    columns: calendarColumns,
    fieldLabelKey: (field) => `appeals.import.calendar_column.${field}`,
    async check(record) {
      const checked = validateRow(calendarRow, record);
      if (!checked.ok) return checked.problems;
      const day = checked.value;
      const wrong = dayProblem(day);
      if (wrong) return [{ field: wrong.path, messageKey: wrong.messageKey } satisfies RowProblem];
      if (seen.has(day.day)) return [{ field: 'day', messageKey: 'appeals.import.duplicate_in_file' }];
      seen.add(day.day);
      return day;
    },
    async write(days) {
      return inTransaction(db, async (tx) => {
        const counts = { imported: 0, updated: 0, unchanged: 0 };
        for (const day of days) {
          const listed = await settingsStore.findDay(tx, province.id, day.day);
          if (listed && listed.kind === day.kind && listed.name === day.name) {
            counts.unchanged++;
            continue;
          }
          if (listed) await settingsStore.replaceDay(tx, province.id, day);
          else await settingsStore.insertDay(tx, province.id, day);
          await appendAudit(tx, actor, { action: 'import', entity: 'appeals.calendar', entityId: day.day, orgPath: province.path, before: listed ? { ...listed } : null, after: { ...day } });
          counts[listed ? 'updated' : 'imported']++;
        }
        return counts;
      });
    },
  });
}
