import ExcelJS from 'exceljs';
import { xlsxContentType, type Download } from '../files.ts';
import { translate, type Locale } from '../i18n/catalogue.ts';
import type { ColumnSpec } from './headers.ts';

/**
 * An import's template: a workbook whose first sheet has the headers the import reads (the first name of each column,
 * as the export writes it, so the template and an export both import) and one example row, and whose second sheet
 * says of each column whether it is required, the other headers it is known by and how to fill it in. Every import
 * offers one (ImportSpec.template); a module's route answers with it.
 */
export interface TemplateRequest<Field extends string> {
  locale: Locale;
  columns: ColumnSpec<Field>;
  /** The column's name in the reader's language (the notes sheet's first column). */
  label: (field: Field) => string;
  /** The example row's cells, by field (leave a field out for an empty cell). */
  example: Partial<Record<Field, string | number>>;
  /** How to fill a column in, by field, in the reader's language. */
  notes?: Partial<Record<Field, string>>;
  /** The file's name without .xlsx (the sheet's name in the reader's language). */
  name: string;
}

export async function importTemplate<Field extends string>(request: TemplateRequest<Field>): Promise<Download> {
  const { locale, columns } = request;
  const word = (key: string) => translate(locale, key);
  const fields = Object.keys(columns) as Field[];
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(request.name);
  sheet.addRow(fields.map((field) => columns[field].headers[0]));
  // ID numbers and codes as text: Excel would turn an 18-digit number into 2.20102E+17.
  sheet.addRow(fields.map((field) => request.example[field] ?? null));
  fields.forEach((field, index) => {
    const column = sheet.getColumn(index + 1);
    column.width = Math.max(12, String(columns[field].headers[0]).length * 2 + 4, String(request.example[field] ?? '').length + 4);
    if (columns[field].kind === 'id') column.numFmt = '@';
    if (columns[field].required) sheet.getCell(1, index + 1).font = { bold: true };
  });
  const notes = workbook.addWorksheet(word('import.template.notes'));
  notes.addRow([word('import.template.column'), word('import.template.needed'), word('import.template.headers'), word('import.template.how')]);
  notes.getRow(1).font = { bold: true };
  for (const field of fields) {
    const column = columns[field];
    notes.addRow([request.label(field), word(column.required ? 'import.template.required' : 'import.template.optional'), column.headers.join(locale === 'en' ? ', ' : '、'), request.notes?.[field] ?? '']);
  }
  notes.addRow([]);
  notes.addRow([word('import.template.general')]);
  notes.columns.forEach((column, index) => (column.width = [16, 10, 48, 60][index] ?? 16));
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  return { fileName: `${request.name}.xlsx`, contentType: xlsxContentType, body: async (out) => void out.end(buffer) };
}
