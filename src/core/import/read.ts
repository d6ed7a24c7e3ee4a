import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import unzipper from 'unzipper';
import { AppError } from '../errors.ts';

/**
 * Reads the rows of a sheet as arrays of raw cells, streaming: .xlsx through ExcelJS's WorkbookReader (the first
 * worksheet), .csv through csv-parse in UTF-8 (with or without a BOM) or, when its bytes are not UTF-8, GB18030
 * (a superset of GBK and GB2312, what Excel writes on a Chinese Windows).
 */
export type SheetFormat = 'xlsx' | 'csv';

export function formatOf(fileName: string): SheetFormat | undefined {
  const extension = extname(fileName).toLowerCase();
  if (extension === '.xlsx') return 'xlsx';
  if (extension === '.csv' || extension === '.txt') return 'csv';
  return undefined;
}

export type CsvEncoding = 'utf-8' | 'gb18030';

/** UTF-8 if the first 64 KiB decode as UTF-8 (a sequence cut by the end of the sample is not held against it). */
export async function detectEncoding(file: string): Promise<CsvEncoding> {
  const handle = await open(file, 'r');
  try {
    const sample = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(sample, 0, sample.length, 0);
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, bytesRead), { stream: true });
      return 'utf-8';
    } catch {
      return 'gb18030';
    }
  } finally {
    await handle.close();
  }
}

export async function* readSheet(file: string, format: SheetFormat): AsyncGenerator<unknown[]> {
  if (format === 'csv') yield* readCsv(file);
  else yield* readXlsx(file);
}

async function* readCsv(file: string): AsyncGenerator<unknown[]> {
  const encoding = await detectEncoding(file);
  const source = (encoding === 'utf-8' ? createReadStream(file) : createReadStream(file).pipe(iconv.decodeStream('gb18030'))) as Readable;
  const parser = source.pipe(parse({ bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false }));
  source.on('error', (error) => parser.destroy(error));
  try {
    for await (const record of parser) yield record as string[];
  } catch (error) {
    throw csvProblem(error);
  }
}

/**
 * What csv-parse found wrong, said as what is wrong with the file and where, in the row numbers a spreadsheet
 * program shows (the records read before it, plus one), never as the library's own words.
 */
function csvProblem(error: unknown): unknown {
  if (error instanceof AppError || !(error instanceof CsvError)) return error;
  const row = Number(error.records ?? 0) + 1;
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') return new AppError('validation_failed', 'import.csv_unclosed_quote', { row });
  return new AppError('validation_failed', 'import.csv_unreadable', { row });
}

/**
 * A damaged workbook (not a zip at all, a zip cut short, a part that does not inflate) or one whose content is not
 * what Excel and WPS write: each said as such, with what to do about it. The library's words go to no one.
 */
function xlsxProblem(error: unknown): unknown {
  if (error instanceof AppError) return error;
  const code = (error as { code?: unknown })?.code;
  // A disk that fills or a file that vanishes while it is read is the server's trouble, not the file's.
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return error;
  const text = error instanceof Error ? error.message : String(error);
  const damaged = /signature|FILE_ENDED|central directory|unexpected end|end of (data|file)|zip|inflat|invalid (stored|distance|code|block)/i.test(text) || (typeof code === 'string' && code.startsWith('Z_'));
  return new AppError('validation_failed', damaged ? 'import.xlsx_damaged' : 'import.xlsx_unreadable');
}

async function* readXlsx(file: string): AsyncGenerator<unknown[]> {
  // styles: 'cache' makes date-formatted numbers come back as dates; hyperlinks and merges add nothing to a roster.
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'emit' });
  try {
    for await (const worksheet of reader) {
      let next = 1;
      for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
        // The reader skips rows that have no cells: they are empty rows, given back as such to keep row numbers.
        for (; next < row.number; next++) yield [];
        next = row.number + 1;
        const values = row.values as unknown[];
        yield Array.from({ length: Math.max(0, values.length - 1) }, (_, index) => values[index + 1]);
      }
      return;
    }
  } catch (error) {
    throw xlsxProblem(error);
  }
}

/**
 * About how many lines a sheet has, for a progress bar. A CSV's line breaks are counted: quick, since it only counts
 * bytes, and never exact where a quoted cell holds a line break or rows are empty. An .xlsx says its last row in the
 * worksheet's <dimension> (Excel and WPS write it); undefined where it does not.
 */
export async function estimateLines(file: string, format: SheetFormat): Promise<number | undefined> {
  if (format === 'xlsx') return xlsxLastRow(file);
  let lines = 0;
  let last = 0x0a;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    for (let index = chunk.indexOf(0x0a); index !== -1; index = chunk.indexOf(0x0a, index + 1)) lines++;
    if (chunk.length) last = chunk[chunk.length - 1]!;
  }
  return last === 0x0a ? lines : lines + 1;
}

/** The last row of the first worksheet (the one readXlsx reads: the first in the archive) by its <dimension>. */
async function xlsxLastRow(file: string): Promise<number | undefined> {
  try {
    const directory = await unzipper.Open.file(file);
    const sheet = directory.files.find((entry) => /^xl\/worksheets\/[^/]+\.xml$/.test(entry.path));
    if (!sheet) return undefined;
    // The element comes before the rows, in the first bytes; reading stops there.
    let head = '';
    for await (const chunk of sheet.stream() as AsyncIterable<Buffer>) {
      head += chunk.toString('latin1');
      const dimension = /<(?:\w+:)?dimension\s+ref="[A-Z]+\d+(?::[A-Z]+(\d+))?"/.exec(head);
      if (dimension) return dimension[1] === undefined ? 1 : Number(dimension[1]);
      if (/<(?:\w+:)?sheetData[\s>/]/.test(head) || head.length > 64 * 1024) return undefined;
    }
    return undefined;
  } catch {
    // Not a zip, or a damaged one: the reading proper says so in words; the bar only goes without a total.
    return undefined;
  }
}
