import { cellText, normaliseText, type ColumnKind } from './normalise.ts';

/**
 * A module's columns: for each field, the headers users give it (Chinese, English and common synonyms), how its
 * cells are read, and whether a file without it cannot be imported at all.
 */
export type ColumnSpec<Field extends string = string> = Record<Field, { headers: readonly string[]; kind?: ColumnKind; required?: boolean }>;

/**
 * A header as compared: half-width, lower case, without a note in brackets (（18位）, 【必填】, <文本>), and without
 * spaces, punctuation or symbols (* of required fields, colons, slashes, dots, 、).
 */
export function headerKey(text: string): string {
  return normaliseText(text)
    .toLowerCase()
    .replace(/[(（[【〔<《][^)）\]】〕>》]*[)）\]】〕>》]/g, '')
    .replace(/[\s\p{P}\p{S}]/gu, '');
}

/**
 * The obvious variants of a header, as one key: a date's 时间/日期/年月/年份/年月日 are the same word (入会时间,
 * 入会日期, 入会年月, 入会年份), so are 号码/号/编号 (身份证号码, 身份证号), and a leading 加入/参加 (加入工会时间). Tried
 * when the header as written is not known.
 */
export function variantKey(key: string): string {
  return key
    .replace(/^(加入|参加)/, '')
    .replace(/(年月日|时间|日期|年月|年份|年度)$/, '时间')
    .replace(/(号码|编号|号)$/, '号');
}

/** Headers of columns that are there for people, not data (a row number): known, so never offered for mapping. */
const ignoredHeaders = new Set(['序号', '编号', '行号', 'no', '#', 'number'].map((header) => headerKey(header)));
export const isIgnoredHeader = (text: string) => ignoredHeaders.has(headerKey(text));

export interface HeaderMapping<Field extends string = string> {
  /** 0-based index of the header row among the rows read. */
  headerRow: number;
  /** The header cells as they were written, for the rejected-rows file. */
  headers: string[];
  /** The column of each recognised field. */
  columns: Partial<Record<Field, number>>;
  /** Required fields without a column. */
  missing: Field[];
  /** Columns with a header that names no field (nor a row number): the user may map them by hand. */
  unrecognised: number[];
}

/** field by header key, for one spec; then by variant key, where a variant names only one field. */
function lookupTable<Field extends string>(spec: ColumnSpec<Field>): (key: string) => Field | undefined {
  const exact = new Map<string, Field>();
  const variants = new Map<string, Field | null>();
  for (const [field, column] of Object.entries(spec) as [Field, ColumnSpec<Field>[Field]][]) {
    for (const header of [field, ...column.headers]) {
      const key = headerKey(header);
      if (!exact.has(key)) exact.set(key, field);
      const variant = variantKey(key);
      variants.set(variant, variants.has(variant) && variants.get(variant) !== field ? null : field);
    }
  }
  return (key) => exact.get(key) ?? variants.get(variantKey(key)) ?? undefined;
}

/**
 * A spec with headers a user mapped by hand (field → the header as written in their file): each becomes the first
 * header of its field, so the sheet is read as if the column had been named so.
 */
export function withMappedHeaders<Field extends string>(spec: ColumnSpec<Field>, mapped: Partial<Record<Field, string>> | undefined): ColumnSpec<Field> {
  if (!mapped || Object.keys(mapped).length === 0) return spec;
  const result = { ...spec };
  for (const [field, header] of Object.entries(mapped) as [Field, string][]) {
    if (result[field] && header) result[field] = { ...result[field], headers: [header, ...result[field].headers] };
  }
  return result;
}

/** Maps one row of header cells; the first column with a field's header wins. */
export function mapHeaderRow<Field extends string>(cells: readonly unknown[], spec: ColumnSpec<Field>): Partial<Record<Field, number>> {
  const lookup = lookupTable(spec);
  const columns: Partial<Record<Field, number>> = {};
  cells.forEach((cell, index) => {
    const text = cellText(cell);
    if (text === undefined) return;
    const field = lookup(headerKey(text));
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
    const headers = rows[index]!.map((cell) => cellText(cell) ?? '');
    const used = new Set(Object.values(columns));
    const unrecognised = headers.flatMap((header, column) => (header && !used.has(column) && !isIgnoredHeader(header) ? [column] : []));
    return { headerRow: index, headers, columns, missing, unrecognised };
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

/**
 * A row of the sheet that is not a record: a total (合计, 总计, 小计 in its first filled cell), or a form's note line
 * (填报单位：…, 填报日期：…, 填表人：…, 审核人：…) below the data, as people add at the bottom of a roster.
 */
export function isNoteRow(cells: readonly unknown[]): boolean {
  const first = cells.map((cell) => cellText(cell)).find((text) => text !== undefined);
  if (first === undefined) return false;
  const text = first.replace(/\s+/g, '');
  return /^(合计|总计|小计|共计)/.test(text) || /^(填报单位|填报日期|填报人|填表人|填表日期|审核人|制表人|负责人|单位负责人|联系人|联系电话|盖章|单位盖章)[:：(（]/.test(text);
}

/** A row with nothing in any cell (spreadsheets keep many). */
export function isEmptyRow(cells: readonly unknown[]): boolean {
  return cells.every((cell) => cell === null || cell === undefined || cell === '' || cellText(cell) === undefined);
}
