import { z } from 'zod';
import type { Actor } from '../../core/actor.ts';
import type { Db } from '../../core/db/tables.ts';
import { invalid } from '../../core/errors.ts';
import { headerKey } from '../../core/import/headers.ts';
import { normaliseText } from '../../core/import/normalise.ts';
import { validateRow, type RowProblem, type SheetRow } from '../../core/import/sheet.ts';
import { covers, type Scope } from '../../core/scope.ts';
import type { TreeOrg } from '../../core/tree.ts';
import { getOrg } from '../org/service.ts';
import { parseIdNumber, type ParsedIdNumber } from './id-number.ts';
import { memberColumns, type MemberField } from './import-columns.ts';
import { educations, knownRegion, phone } from './schema.ts';
import { today } from '../../core/dates.ts';

/**
 * A roster row of the import (its columns are import-columns.ts): the words users write for a value, the checks a
 * row must pass, and the union it goes into. Pure but for resolveInto: the job (import-job.ts) reads rows and hands
 * them here one by one.
 */

/** A closed set of words for a value: the key is compared half-width, lower case, without spaces. */
function words<T extends string | boolean>(table: Record<string, T>, messageKey: string) {
  const lookup = new Map(Object.entries(table).map(([word, value]) => [headerKey(word), value]));
  return z.string().transform((text, context) => {
    const value = lookup.get(text) ?? lookup.get(headerKey(text));
    if (value === undefined) {
      context.addIssue({ code: 'custom', message: messageKey, params: { code: messageKey.split('.').pop(), value: text } });
      return z.NEVER;
    }
    return value;
  });
}

const householdWords = { 城镇: 'urban', 城市: 'urban', 非农: 'urban', 非农业: 'urban', 非农业户口: 'urban', 城镇户口: 'urban', 居民: 'urban', urban: 'urban', 农村: 'rural', 农业: 'rural', 农业户口: 'rural', 农村户口: 'rural', 农民工: 'rural', '农村（农民工）': 'rural', rural: 'rural', 'rural (migrant worker)': 'rural' } as const;
const yesNo = { 是: true, 否: false, 有: true, 无: false, y: true, n: false, yes: true, no: false, true: true, false: false, '1': true, '0': false, '√': true, '×': false, 派遣: true, 劳务派遣: true, 非派遣: false } as const;
const genderWords = { 男: 'male', 女: 'female', m: 'male', f: 'female', male: 'male', female: 'female' } as const;
const educationWords: Record<string, (typeof educations)[number]> = {
  小学: 'primary', 初中: 'junior', 高中: 'senior', 中专: 'vocational', 技校: 'vocational', 职高: 'vocational', '中专/技校': 'vocational', 中技: 'vocational',
  大专: 'college', 专科: 'college', 大学专科: 'college', 本科: 'bachelor', 大学本科: 'bachelor', 大学: 'bachelor', 硕士: 'master', 研究生: 'master', 硕士研究生: 'master', 博士: 'doctor', 博士研究生: 'doctor',
  'primary school': 'primary', 'junior secondary': 'junior', 'senior secondary': 'senior', 'vocational school': 'vocational', doctorate: 'doctor',
  ...Object.fromEntries(educations.map((key) => [key, key])),
};

const notFuture = (date: string) => date <= today();

/**
 * One roster row as the sheet gives it (text cells), validated and turned into values. The ID number is only
 * checked for length here: prepareRow parses it once (GB 11643) and checks the gender and joining date against it.
 */
export const importRow = z.object({
  union: z.string().max(100).optional(),
  name: z.string().trim().min(1).max(50),
  gender: words(genderWords, 'members.import.invalid_gender').optional(),
  idNumber: z.string().max(40),
  phone: phone.optional(),
  household: words(householdWords, 'members.import.invalid_household').optional(),
  dispatched: words(yesNo, 'members.import.invalid_flag').optional(),
  education: words(educationWords, 'members.import.invalid_education').optional(),
  job: z.string().trim().max(50).optional(),
  joinedOn: z.iso.date().refine(notFuture, { message: 'members.future_date', params: { code: 'future_date' } }),
  cardNumber: z.string().trim().max(30).optional(),
});

const fieldOrder = new Map(Object.keys(memberColumns).map((field, index) => [field, index]));

/**
 * Validates a row's fields: the schema, then the ID number parsed once, with what it implies. Problems in column
 * order. A gender that contradicts the ID number is not a reason to refuse the row: the ID number says the gender
 * (that is what is stored), and the row comes back with a warning naming the field.
 */
export function checkRow(record: Partial<Record<MemberField, string>>): { value: z.output<typeof importRow>; id: ParsedIdNumber; warnings: RowProblem[] } | { problems: RowProblem[] } {
  const checked = validateRow(importRow, record);
  const problems = checked.ok ? [] : [...checked.problems];
  const text = record.idNumber;
  let id: ParsedIdNumber | undefined;
  if (text !== undefined && text.length <= 40) {
    const parsed = parseIdNumber(text, knownRegion);
    if (typeof parsed === 'string') problems.push({ field: 'idNumber', messageKey: `members.id_number.${parsed}` });
    else id = parsed;
  }
  const warnings: RowProblem[] = [];
  if (checked.ok && id) {
    if (checked.value.gender && checked.value.gender !== id.gender) warnings.push({ field: 'gender', messageKey: 'members.import.gender_mismatch' });
    if (checked.value.joinedOn < id.birthDate) problems.push({ field: 'joinedOn', messageKey: 'members.import.joined_before_birth' });
  }
  if (!checked.ok || !id || problems.length) return { problems: problems.sort((a, b) => (fieldOrder.get(a.field ?? '') ?? 99) - (fieldOrder.get(b.field ?? '') ?? 99)) };
  return { value: checked.value, id, warnings };
}

export type ImportRowValue = z.output<typeof importRow>;

/** A row checked: refused with its problems, or ready to stage, with its union and its parsed ID number. */
export type PreparedRow =
  | { row: SheetRow<MemberField>; problems: RowProblem[] }
  | { row: SheetRow<MemberField>; problems?: undefined; value: ImportRowValue; union: TreeOrg; id: ParsedIdNumber; warnings: RowProblem[] };

const unionKey = (text: string) => normaliseText(text).replace(/\s+/g, '');

/**
 * Checks rows in file order and names the union each goes into: the one its union column names (by name or code,
 * among `unions`, the grassroots unions under the import's org in the caller's scope), else `into` when the import
 * goes into one union. An ID number taken by an earlier row of the file is refused: the first row keeps it.
 */
export function rowPreparer(scope: Scope, unions: readonly TreeOrg[], into: TreeOrg | undefined): (row: SheetRow<MemberField>) => PreparedRow {
  const byKey = new Map<string, TreeOrg>();
  for (const union of unions) byKey.set(unionKey(union.name), union);
  for (const union of unions) byKey.set(unionKey(union.code), union);
  const seen = new FirstRows();
  return (row) => {
    const checked = checkRow(row.record);
    const problems = 'problems' in checked ? [...checked.problems] : [];
    let union: TreeOrg | undefined;
    const unionText = row.record.union;
    if (unionText !== undefined) {
      union = byKey.get(unionKey(unionText));
      if (!union || !covers(scope, union.path)) {
        union = undefined;
        problems.push({ field: 'union', messageKey: 'members.import.unknown_union', params: { union: unionText } });
      }
    } else if (into) union = into;
    else problems.push({ field: 'union', messageKey: 'validation.required' });
    if ('problems' in checked || problems.length || !union) return { row, problems };
    const first = seen.get(checked.id.value);
    if (first !== undefined) return { row, problems: [{ field: 'idNumber', messageKey: 'import.duplicate_in_file', params: { row: first } }] };
    seen.set(checked.id.value, row.rowNumber);
    return { row, value: checked.value, union, id: checked.id, warnings: checked.warnings };
  };
}

/**
 * The first row of each ID number a file has given, for the in-file duplicate check. A Map of the ID numbers as
 * strings took about 140 bytes a row, 700 MB for a province's first load of 5,100,000: here an ID number (18
 * characters: 17 digits and a check digit or X, as parseIdNumber gives it) is two 32-bit numbers in an open-addressing
 * table of typed arrays, 12 bytes a slot and at most 24 a row. Another form, should one come, goes into a Map.
 */
export class FirstRows {
  private high = new Uint32Array(1 << 12);
  private low = new Uint32Array(1 << 12);
  /** The row number of each slot; 0 is an empty slot (sheet rows start at 1). */
  private rows = new Uint32Array(1 << 12);
  private size = 0;
  private readonly others = new Map<string, number>();

  get(idNumber: string): number | undefined {
    const key = split(idNumber);
    if (!key) return this.others.get(idNumber);
    const slot = this.find(key[0], key[1]);
    return this.rows[slot] === 0 ? undefined : this.rows[slot];
  }

  set(idNumber: string, rowNumber: number): void {
    const key = split(idNumber);
    if (!key) {
      this.others.set(idNumber, rowNumber);
      return;
    }
    if ((this.size + 1) * 4 > this.rows.length * 3) this.grow();
    const slot = this.find(key[0], key[1]);
    if (this.rows[slot] === 0) this.size++;
    this.high[slot] = key[0];
    this.low[slot] = key[1];
    this.rows[slot] = rowNumber;
  }

  /** The slot holding the key, or the empty slot where it would go (linear probing). */
  private find(high: number, low: number): number {
    const mask = this.rows.length - 1;
    let slot = (Math.imul(high ^ Math.imul(low, 0x9e3779b1), 0x85ebca6b) >>> 0) & mask;
    while (this.rows[slot] !== 0 && (this.high[slot] !== high || this.low[slot] !== low)) slot = (slot + 1) & mask;
    return slot;
  }

  private grow(): void {
    const { high, low, rows } = this;
    this.high = new Uint32Array(rows.length * 2);
    this.low = new Uint32Array(rows.length * 2);
    this.rows = new Uint32Array(rows.length * 2);
    for (let slot = 0; slot < rows.length; slot++) {
      if (rows[slot] === 0) continue;
      const to = this.find(high[slot]!, low[slot]!);
      this.high[to] = high[slot]!;
      this.low[to] = low[slot]!;
      this.rows[to] = rows[slot]!;
    }
  }
}

/** An 18-character ID number as two numbers under 2^32: its first 9 digits, then the next 8 times 11 plus the check. */
function split(idNumber: string): [number, number] | undefined {
  if (!/^\d{17}[\dX]$/.test(idNumber)) return undefined;
  const check = idNumber[17] === 'X' ? 10 : Number(idNumber[17]);
  return [Number(idNumber.slice(0, 9)), Number(idNumber.slice(9, 17)) * 11 + check];
}

/** The org an import goes into, in the actor's scope; an unknown one is a refused field, as on the member form. */
export async function resolveInto(actor: Actor, db: Db, code: string) {
  const into = await getOrg(actor, db, code).catch(() => undefined);
  if (!into) throw invalid([{ path: 'intoOrgCode', code: 'unknown_org', messageKey: 'org.unknown_code', params: { code } }]);
  return into;
}
