import { join } from 'node:path';
import { translate, type Locale } from '../../core/i18n/catalogue.ts';
import { describeProblems, RejectedRowsFile, type RowProblem } from '../../core/import/sheet.ts';
import type { RejectedRow } from './import.ts';

/**
 * The rejected rows of an import run: each written to a workbook beside the uploads, as the user typed it with its
 * row number and the reason, and the first few kept for the result page. Reasons name fields and rows, never what
 * was in them, so whoever sees the job may read the sample; the workbook holds ID numbers as typed, and only those
 * who may reveal them download it (rejectedRowsFile in import.ts).
 */

/** How many rejected rows the result names; the rejected-rows file has them all. */
export const rejectedSampleSize = 20;

export const rejectedFileName = (jobId: number) => `rejected-${jobId}.xlsx`;

export class RejectedRows {
  readonly sample: RejectedRow[] = [];
  readonly fileName: string;
  private readonly file: RejectedRowsFile;
  private readonly label: (field: string) => string;

  constructor(
    dir: string,
    jobId: number,
    headers: readonly string[],
    private readonly locale: Locale,
  ) {
    this.fileName = rejectedFileName(jobId);
    this.file = new RejectedRowsFile(join(dir, this.fileName), headers, locale);
    this.label = (field) => translate(locale, `members.field.${field}`);
  }

  add(row: { rowNumber: number; cells: readonly unknown[] }, problems: readonly RowProblem[]): void {
    const reason = describeProblems(problems, this.locale, this.label);
    if (this.sample.length < rejectedSampleSize) this.sample.push({ row: row.rowNumber, reason });
    this.file.add(row, reason);
  }

  get count(): number {
    return this.file.count;
  }

  close(): Promise<void> {
    return this.file.close();
  }
}
