import type { z } from 'zod';
import { AppError, type FieldIssue, type MessageParams } from '../errors.ts';
import { hasMessage, translate, type Locale } from '../i18n/catalogue.ts';
import { check, fieldIssues } from '../validation.ts';
import { findHeader, isEmptyRow, isNoteRow, recordOf, type ColumnSpec, type HeaderMapping } from './headers.ts';
import { cellText } from './normalise.ts';
import { formatOf, readSheet } from './read.ts';
import { createSheetWriter, type SheetWriter } from './xlsx-writer.ts';

/** One data row: its number in the sheet (1-based, as the user's spreadsheet program shows it), its cells, its fields. */
export interface SheetRow<Field extends string> {
  rowNumber: number;
  /** The cells as read (for the rejected-rows file, which writes them as text). */
  cells: readonly unknown[];
  record: Partial<Record<Field, string>>;
}

export interface OpenSheet<Field extends string> {
  mapping: HeaderMapping<Field>;
  /** The data rows after the header, empty rows left out. */
  rows: AsyncGenerator<SheetRow<Field>>;
  /** Closes the file, whether or not the rows were read to the end. */
  close(): Promise<void>;
}

/** How many rows above the header are looked at: title rows, notes and merged headings. */
const headerSearchRows = 30;

/**
 * Opens a sheet and finds its header. A file with no recognisable header, or without a required column, is refused
 * as a whole (a validation error naming the columns), before any row is read. Empty rows, totals (合计) and note
 * lines (填报单位：…) among the rows are left out.
 */
export async function openSheet<Field extends string>(file: string, fileName: string, spec: ColumnSpec<Field>): Promise<OpenSheet<Field>> {
  const format = formatOf(fileName);
  if (!format) throw new AppError('validation_failed', 'import.unsupported_format', { name: fileName });
  const source = readSheet(file, format);
  const head: unknown[][] = [];
  let mapping: HeaderMapping<Field> | undefined;
  while (!mapping && head.length < headerSearchRows) {
    const next = await source.next();
    if (next.done) break;
    head.push(next.value);
    mapping = findHeader([next.value], spec);
    if (mapping) mapping = { ...mapping, headerRow: head.length - 1 };
  }
  if (!mapping) {
    await source.return(undefined);
    throw new AppError('validation_failed', 'import.no_header', { rows: headerSearchRows });
  }
  if (mapping.missing.length) {
    await source.return(undefined);
    throw new AppError('validation_failed', 'import.missing_columns', { columns: mapping.missing.join(', ') }, mapping.missing.map((field) => ({ path: field, code: 'missing_column', messageKey: 'import.missing_column' })));
  }
  const found = mapping;
  async function* rows(): AsyncGenerator<SheetRow<Field>> {
    let rowNumber = found.headerRow + 1;
    for await (const cells of source) {
      rowNumber++;
      if (isEmptyRow(cells) || isNoteRow(cells)) continue;
      yield { rowNumber, cells, record: recordOf(cells, found, spec) };
    }
  }
  return {
    mapping: found,
    rows: rows(),
    close: async () => {
      await source.return(undefined);
    },
  };
}

/**
 * The header of a sheet as the import would map it, without refusing anything: for the wizard to show the mapping
 * before importing (which column is which field, what is missing, what it does not recognise). Undefined when no row
 * among the first ones looks like a header.
 */
export async function previewSheet<Field extends string>(file: string, fileName: string, spec: ColumnSpec<Field>): Promise<HeaderMapping<Field> | undefined> {
  const format = formatOf(fileName);
  if (!format) throw new AppError('validation_failed', 'import.unsupported_format', { name: fileName });
  const source = readSheet(file, format);
  try {
    for (let index = 0; index < headerSearchRows; index++) {
      const next = await source.next();
      if (next.done) return undefined;
      const mapping = findHeader([next.value], spec);
      if (mapping) return { ...mapping, headerRow: index };
    }
    return undefined;
  } finally {
    await source.return(undefined);
  }
}

/** Why a row was refused: a catalogue key with its parameters, and the field it concerns, if one. */
export interface RowProblem {
  field?: string;
  messageKey: string;
  params?: MessageParams;
}

export function problemsOf(error: z.ZodError): RowProblem[] {
  return fieldIssues(error).map((issue: FieldIssue) => ({ field: issue.path.split('.')[0] || undefined, messageKey: issue.messageKey, params: issue.params }));
}

/** Validates one row's fields with the module's row schema. */
export function validateRow<Schema extends z.ZodType>(schema: Schema, record: Record<string, unknown>): { ok: true; value: z.output<Schema> } | { ok: false; problems: RowProblem[] } {
  const result = check(schema, record);
  return result.success ? { ok: true, value: result.data } : { ok: false, problems: problemsOf(result.error) };
}

/** The reason column: each problem as "field: message", in the reader's language. */
export function describeProblems(problems: readonly RowProblem[], locale: Locale, fieldLabel: (field: string) => string): string {
  const separator = locale === 'zh-CN' ? '：' : ': ';
  return problems
    .map((problem) => {
      const params = Object.fromEntries(Object.entries(problem.params ?? {}).map(([name, value]) => [name, typeof value === 'string' && hasMessage(value) ? translate(locale, value) : value]));
      const message = translate(locale, problem.messageKey, params);
      return problem.field ? `${fieldLabel(problem.field)}${separator}${message}` : message;
    })
    .join(locale === 'zh-CN' ? '；' : '; ');
}

/** The rejected rows, as the user gave them, with their row number and the reason in two new columns. */
export class RejectedRowsFile {
  private writer: SheetWriter;
  count = 0;

  constructor(
    readonly path: string,
    headers: readonly string[],
    readonly locale: Locale,
  ) {
    this.writer = createSheetWriter({ filename: path }, translate(locale, 'import.rejected_sheet'), [...headers, translate(locale, 'import.column.row'), translate(locale, 'import.column.reason')]);
    this.width = headers.length;
  }

  private width: number;

  add(row: { rowNumber: number; cells: readonly unknown[] }, reason: string): void {
    const cells = Array.from({ length: Math.max(this.width, row.cells.length) }, (_, index) => cellText(row.cells[index]) ?? '');
    this.writer.addRow([...cells.slice(0, this.width), row.rowNumber, reason, ...cells.slice(this.width)]);
    this.count++;
  }

  close(): Promise<void> {
    return this.writer.close();
  }
}
