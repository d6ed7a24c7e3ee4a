/**
 * Cells as users really fill them: full-width digits and letters typed with a Chinese input method, spaces and
 * zero-width characters pasted from web pages, dates in every usual Chinese way, and numbers Excel made of ID
 * numbers. Everything here is pure and total: any input gives a string (or undefined for an empty cell).
 */

/** Full-width ASCII (U+FF01–U+FF5E) and the ideographic space become their half-width forms. */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

const zeroWidth = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
/** Anything normaliseText would change: most cells have none of it, and are returned as they are. */
const needsWork = /[\uFF01-\uFF5E\u3000\u200B-\u200D\u2060\uFEFF\u00AD\u00A0]|^\s|\s$/;

/** Half-width, no zero-width characters, no non-breaking spaces, trimmed. */
export function normaliseText(text: string): string {
  if (!needsWork.test(text)) return text;
  return toHalfWidth(text).replace(zeroWidth, '').replace(/\u00A0/g, ' ').trim();
}

/** Days from 1899-12-30 (Excel's day 0, which absorbs its 1900 leap-year bug for every date after February 1900). */
const excelEpoch = Date.UTC(1899, 11, 30);

export function fromExcelSerial(serial: number): string | undefined {
  if (!Number.isFinite(serial) || serial < 61 || serial >= 2958466) return undefined;
  return new Date(excelEpoch + Math.floor(serial) * 86_400_000).toISOString().slice(0, 10);
}

export function isRealDate(iso: string): boolean {
  const parsed = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === iso;
}

/** A year a roster's dates fall in: a bare four-digit number in a date column is a year, not an Excel serial of 1905. */
const plausibleYear = (year: number) => year >= 1900 && year <= 2099;

const timeOfDay = String.raw`(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?`;
const fullDate = new RegExp(String.raw`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?${timeOfDay}$`);
const compactDate = /^(\d{4})(\d{2})(\d{2})$/;
const yearMonth = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*(?:月份?)?$/;
const compactYearMonth = /^(\d{4})(\d{2})$/;
const yearOnly = /^(\d{4})\s*(?:年度?|年份)?$/;

/**
 * Dates as people write them → ISO: 2012/3/1, 2012-03-01, 2012.3.1, 2012.03.01, 2012年3月1日, 20120301, an Excel
 * serial (40969), any of these followed by a time → 2012-03-01. A year and month (2012.03, 2012.3, 2012/3, 2012-03,
 * 2012年3月, 201203) is the first of that month, 2012-03-01; a year alone (2012年, 2012) is 1 January, 2012-01-01.
 * Full-width digits are read as digits. Anything else comes back as it was, for the validator to name.
 */
export function normaliseDate(text: string): string {
  const value = normaliseText(text);
  const serial = /^\d{5}(\.\d+)?$/.test(value) ? fromExcelSerial(Number(value)) : undefined;
  if (serial) return serial;
  let match: readonly string[] | null = fullDate.exec(value) ?? compactDate.exec(value);
  if (!match) {
    const partial = yearMonth.exec(value) ?? compactYearMonth.exec(value);
    const year = partial ? undefined : yearOnly.exec(value);
    match = partial ? [partial[0], partial[1]!, partial[2]!, '1'] : year ? [year[0], year[1]!, '1', '1'] : null;
    if (match && !plausibleYear(Number(match[1]))) return value;
  }
  if (!match) return value;
  const iso = `${match[1]}-${match[2]!.padStart(2, '0')}-${match[3]!.padStart(2, '0')}`;
  return isRealDate(iso) ? iso : value;
}

/** How a column's cells are read: plain text, a date, or an identifier that must never pass through a float. */
export type ColumnKind = 'text' | 'date' | 'id';

/**
 * A number as the text a user meant. Integers that a double holds exactly are written out in full (a phone, an
 * old 15-digit ID number); larger ones have lost digits already, so they are kept in scientific notation
 * (2.20102199001011E+17) and the validator can say that is what happened.
 */
export function numberToText(value: number): string {
  if (Number.isInteger(value) && !Number.isSafeInteger(value)) return value.toExponential().toUpperCase();
  return String(value);
}

/** A raw cell from ExcelJS or csv-parse → its text, normalised for the kind of column. */
export function cellText(cell: unknown, kind: ColumnKind = 'text'): string | undefined {
  const raw = rawText(cell, kind);
  if (raw === undefined) return undefined;
  const text = kind === 'date' ? normaliseDate(raw) : normaliseText(raw);
  return text === '' ? undefined : text;
}

function dateNumberText(value: number): string {
  const whole = Math.floor(value);
  if (plausibleYear(whole) || (Number.isInteger(value) && /^\d{6}$|^\d{8}$/.test(String(value)))) return String(value);
  return fromExcelSerial(value) ?? String(value);
}

function rawText(cell: unknown, kind: ColumnKind): string | undefined {
  if (cell === null || cell === undefined) return undefined;
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number') {
    // A date column's number: a year (2008), a year and month (200801, 2008.01) or a date (20080105) typed as a
    // number, else an Excel day serial.
    if (kind === 'date') return dateNumberText(cell);
    return numberToText(cell);
  }
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return undefined;
    // ExcelJS gives dates as UTC midnight of the day shown in the cell.
    return cell.toISOString().slice(0, 10);
  }
  if (typeof cell === 'object') {
    const value = cell as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: unknown; hyperlink?: unknown };
    if (Array.isArray(value.richText)) return value.richText.map((run) => run.text).join('');
    if ('result' in value) return rawText(value.result, kind);
    if (typeof value.text === 'string') return value.text;
    if (value.error !== undefined) return String(value.error);
  }
  return String(cell as string);
}

/** Cells a spreadsheet program would run as a formula (= + - @, or a leading tab or carriage return) get a quote. */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
