/**
 * The unified social credit code of GB 32100-2015: 18 characters from a 31-character alphabet (no I, O, Z, S, V),
 * the last being a check character over the first 17 with weights 3^i mod 31.
 */
export const creditCodeAlphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character for the first 17 characters, or undefined if one of them is outside the alphabet. */
export function creditCodeCheckCharacter(body: string): string | undefined {
  if (body.length !== 17) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = creditCodeAlphabet.indexOf(body[i]!);
    if (value < 0) return undefined;
    sum += value * weights[i]!;
  }
  return creditCodeAlphabet[(31 - (sum % 31)) % 31];
}

export function isValidCreditCode(code: string): boolean {
  return code.length === 18 && creditCodeCheckCharacter(code.slice(0, 17)) === code[17];
}

/** Users paste codes in lower case, with spaces or full-width characters: normalise before checking. */
export function normaliseCreditCode(input: string): string {
  return input
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '')
    .toUpperCase();
}
