import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { neutraliseFormula } from './normalise.ts';

/**
 * A streamed .xlsx of one sheet: rows are committed as they are added, so memory stays flat for a million rows.
 * Every text cell is neutralised: a cell that begins with = + - @ is written with a leading quote, so opening the
 * file never runs a formula somebody typed into a name.
 */
export interface SheetWriter {
  addRow(cells: readonly (string | number | null | undefined)[]): void;
  close(): Promise<void>;
}

export function createSheetWriter(target: { filename: string } | { stream: Writable }, sheetName: string, header: readonly string[]): SheetWriter {
  // A file on disk (rejected rows, with personal data in clear) is readable by the server's user only.
  const output = 'filename' in target ? { stream: createWriteStream(target.filename, { mode: 0o600 }) } : target;
  // A write that fails (a full disk) ends the stream without its 'finish', which the workbook's commit waits for:
  // the failure is kept and given back by close() instead of a commit that never ends.
  let failed: Error | undefined;
  const failure = new Promise<never>((_resolve, reject) => {
    output.stream.once('error', (error: Error) => {
      failed = error;
      reject(error);
    });
  });
  failure.catch(() => {});
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ ...output, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName);
  const addRow = (cells: readonly (string | number | null | undefined)[]) => {
    if (failed) return;
    sheet.addRow(cells.map((cell) => (typeof cell === 'string' ? neutraliseFormula(cell) : (cell ?? null)))).commit();
  };
  addRow(header);
  return {
    addRow,
    async close() {
      if (failed) throw failed;
      sheet.commit();
      await Promise.race([workbook.commit(), failure]);
    },
  };
}
