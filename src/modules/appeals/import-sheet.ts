import { z } from 'zod';
import { translate, type Locale } from '../../core/i18n/catalogue.ts';
import type { ColumnSpec } from '../../core/import/headers.ts';
import { headerKey } from '../../core/import/headers.ts';
import { describeProblems, openSheet, RejectedRowsFile, type RowProblem } from '../../core/import/sheet.ts';

/**
 * The appeals module's imports (centres and stations, the holiday calendar): sheets of hundreds or a few thousand
 * rows, read whole, each row checked, then the good ones written in one transaction that compares with what is
 * stored. The members roster's pipeline (jobs, chunks, COPY, a sealing thread) is for a million people; these lists
 * need none of it, but keep its behaviour: src/core/import reads the sheet, and refused rows go to a file with reasons.
 */

export interface ImportSummary {
  imported: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** The refused rows with their reasons (.xlsx), or null when every row was taken. */
  rejectedFile: string | null;
}

/** A closed set of words for a value, compared half-width, lower case, without spaces or punctuation. */
export function words<T extends string>(table: Record<string, T>, messageKey: string) {
  const lookup = new Map(Object.entries(table).map(([word, value]) => [headerKey(word), value]));
  return z.string().transform((text, context) => {
    const value = lookup.get(headerKey(text));
    if (value === undefined) {
      context.addIssue({ code: 'custom', message: messageKey, params: { code: messageKey.split('.').pop(), value: text } });
      return z.NEVER;
    }
    return value;
  });
}

export async function importSheet<Field extends string, Row>(options: {
  file: string;
  fileName: string;
  locale: Locale;
  rejectedPath: string;
  columns: ColumnSpec<Field>;
  fieldLabelKey: (field: string) => string;
  /** A row's problems, or what is to be written. */
  check: (record: Partial<Record<Field, string>>) => Promise<RowProblem[] | Row>;
  write: (rows: Row[]) => Promise<{ imported: number; updated: number; unchanged: number }>;
}): Promise<ImportSummary> {
  const sheet = await openSheet(options.file, options.fileName, options.columns);
  const good: Row[] = [];
  let rejected: RejectedRowsFile | undefined;
  try {
    for await (const row of sheet.rows) {
      const checked = await options.check(row.record);
      if (!Array.isArray(checked)) {
        good.push(checked);
        continue;
      }
      rejected ??= new RejectedRowsFile(options.rejectedPath, sheet.mapping.headers, options.locale);
      rejected.add(row, describeProblems(checked, options.locale, (field) => translate(options.locale, options.fieldLabelKey(field))));
    }
  } finally {
    await sheet.close();
    await rejected?.close();
  }
  const counts = await options.write(good);
  return { ...counts, rejected: rejected?.count ?? 0, rejectedFile: rejected ? options.rejectedPath : null };
}
