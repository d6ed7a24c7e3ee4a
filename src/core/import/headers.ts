import { cellText, normaliseText, type ColumnKind } from './normalise.ts';

/**
 * A module's columns: for each field, the headers users give it (Chinese, English and common synonyms), how its
 * cells are read, and whether a file without it cannot be imported at all.
 */
export type ColumnSpec<Field extends string = string> = Record<Field, { headers: readonly string[]; kind?: ColumnKind; required?: boolean }>;

/** A header as compared: half-width, lower case, no spaces, no * of required fields, no note in brackets. */
export function headerKey(text: string): string {
  return normaliseText(text)
    .toLowerCase()
    .replace(/[(（[【][^)）\]】]*[)）\]】]/g, '')
    .replace(/[\s*:：_-]/g, '');
}

export interface HeaderMapping<Field extends string = string> {
  /** 0-based index of the header row among the rows read. */
  headerRow: number;
  /** The header cells as they were written, for the rejected-rows file. */
  headers: string[];
  /** The column of each recognised field. */
  columns: Partial<Record<Field, number>>;
  /** Required fields without a column. */
  missing: Field[];
}

/** field by header key, for one spec. */
function lookupTable<Field extends string>(spec: ColumnSpec<Field>): Map<string, Field> {
  const table = new Map<string, Field>();
  for (const [field, column] of Object.entries(spec) as [Field, ColumnSpec<Field>[Field]][]) {
    table.set(headerKey(field), field);
    for (const header of column.headers) table.set(headerKey(header), field);
  }
  return table;
}

/** Maps one row of header cells; the first column with a field's header wins. */
export function mapHeaderRow<Field extends string>(cells: readonly unknown[], spec: ColumnSpec<Field>): Partial<Record<Field, number>> {
  const table = lookupTable(spec);
  const columns: Partial<Record<Field, number>> = {};
  cells.forEach((cell, index) => {
    const text = cellText(cell);
    if (text === undefined) return;
    const field = table.get(headerKey(text));
    if (field !== undefined && columns[field] === undefined) columns[field] = index;
  });
  return columns;
}

/**
 * Finds the header among the first rows: the first row where at least `minMatches` cells are known headers.
 * Title rows ("2012 年度会员花名册"), merged cells and notes above it are skipped. Undefined when no row qualifies.
 */
export function findHeader<Field extends string>(rows: readonly (readonly unknown[])[], spec: ColumnSpec<Field>, minMatches = 2): HeaderMapping<Field> | undefined {
  for (let index = 0; index < rows.length; index++) {
    const columns = mapHeaderRow(rows[index]!, spec);
    if (Object.keys(columns).length < minMatches) continue;
    const missing = (Object.keys(spec) as Field[]).filter((field) => spec[field].required && columns[field] === undefined);
    return { headerRow: index, headers: rows[index]!.map((cell) => cellText(cell) ?? ''), columns, missing };
  }
  return undefined;
}

/** One data row as the module's fields, each cell read for its kind; empty cells are left out. */
export function recordOf<Field extends string>(cells: readonly unknown[], mapping: HeaderMapping<Field>, spec: ColumnSpec<Field>): Partial<Record<Field, string>> {
  const record: Partial<Record<Field, string>> = {};
  for (const [field, index] of Object.entries(mapping.columns) as [Field, number][]) {
    const text = cellText(cells[index], spec[field].kind);
    if (text !== undefined) record[field] = text;
  }
  return record;
}

/** A row with nothing in any cell (spreadsheets keep many). */
export function isEmptyRow(cells: readonly unknown[]): boolean {
  return cells.every((cell) => cell === null || cell === undefined || cell === '' || cellText(cell) === undefined);
}
