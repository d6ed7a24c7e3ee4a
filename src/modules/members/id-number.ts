/**
 * The resident ID number of GB 11643-1999: six digits of the region where it was issued, eight of the birth date,
 * three of sequence (odd for men, even for women) and a check character (ISO 7064 MOD 11-2, 10 written as X).
 * Numbers issued before 1999 had fifteen digits (a two-digit year, no check character); they are upgraded.
 */

const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkCharacters = '10X98765432';

export function idNumberCheckCharacter(body: string): string | undefined {
  if (!/^\d{17}$/.test(body)) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * weights[i]!;
  return checkCharacters[sum % 11];
}

export type IdNumberProblem = 'format' | 'scientific_notation' | 'check_character' | 'birth_date' | 'future_birth_date' | 'region';

export interface ParsedIdNumber {
  /** The normalised 18-character number. */
  value: string;
  birthDate: string;
  gender: 'male' | 'female';
  regionCode: string;
  /** It was given in the old 15-digit form and upgraded. */
  upgraded: boolean;
}

/**
 * Reads an ID number as users type or paste it: full-width digits, spaces, lower-case x. A number that Excel turned
 * into a float (1.10101E+17) has lost its last digits for ever: it is named as such, so the user knows to fix the
 * spreadsheet rather than the person's number. `knownRegion` says whether a six-digit region code exists.
 */
export function parseIdNumber(input: string, knownRegion: (code: string) => boolean = () => true, today = new Date()): ParsedIdNumber | IdNumberProblem {
  const text = normaliseIdNumber(input);
  if (/^\d(\.\d+)?E\+?\d+$/i.test(text)) return 'scientific_notation';
  let value = text;
  let upgraded = false;
  if (/^\d{15}$/.test(text)) {
    const body = `${text.slice(0, 6)}19${text.slice(6)}`;
    value = body + idNumberCheckCharacter(body)!;
    upgraded = true;
  }
  if (!/^\d{17}[\dX]$/.test(value)) return 'format';
  if (idNumberCheckCharacter(value.slice(0, 17)) !== value[17]) return 'check_character';
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (!isRealDate(birthDate) || Number(value.slice(6, 10)) < 1900) return 'birth_date';
  if (birthDate > today.toISOString().slice(0, 10)) return 'future_birth_date';
  const regionCode = value.slice(0, 6);
  if (!knownRegion(regionCode)) return 'region';
  return { value, birthDate, gender: Number(value[16]) % 2 === 1 ? 'male' : 'female', regionCode, upgraded };
}

export function normaliseIdNumber(input: string): string {
  return input
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '')
    .toUpperCase();
}

function isRealDate(date: string): boolean {
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
}

/** How many trailing characters of an ID number a search within one union may give (the roster's search). */
export const idNumberTailLength = 6;

/**
 * The keyed hash of an ID number's last six characters (or of six characters typed), kept beside the whole number's
 * hash. Prefixed, so that it can never equal the hash of a whole value. Six, not four: the last four are shown on
 * every masked record, so they would find nobody a reader cannot already see.
 */
export function idNumberTailHash(cipher: { lookupHash(plain: string): Buffer }, idNumber: string): Buffer {
  return cipher.lookupHash(`id-tail:${idNumber.trim().slice(-idNumberTailLength).toUpperCase()}`);
}
