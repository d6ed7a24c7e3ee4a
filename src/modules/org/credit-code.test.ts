import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { creditCodeAlphabet, creditCodeCheckCharacter, isValidCreditCode, normaliseCreditCode } from './credit-code.ts';

const body = fc.array(fc.constantFrom(...creditCodeAlphabet), { minLength: 17, maxLength: 17 }).map((chars) => chars.join(''));
const validCode = body.map((b) => b + creditCodeCheckCharacter(b)!);

describe('unified social credit code (GB 32100-2015)', () => {
  it('accepts real published codes', () => {
    // Codes printed on public business licences.
    for (const code of ['91110000802100433B', '9144030071526726XG', '91330100716105852F', '91110108551385082Q']) expect(isValidCreditCode(code)).toBe(true);
  });

  it('accepts every code whose last character is its check character', () => {
    fc.assert(fc.property(validCode, (code) => isValidCreditCode(code)));
  });

  it('rejects every code with one character changed', () => {
    fc.assert(
      fc.property(validCode, fc.nat(17), fc.constantFrom(...creditCodeAlphabet), (code, position, replacement) => {
        fc.pre(code[position] !== replacement);
        const changed = code.slice(0, position) + replacement + code.slice(position + 1);
        return !isValidCreditCode(changed);
      }),
    );
  });

  it('rejects wrong lengths and characters outside the alphabet', () => {
    fc.assert(fc.property(validCode, (code) => !isValidCreditCode(code.slice(1)) && !isValidCreditCode(code + '0')));
    for (const letter of 'IOZSV') expect(isValidCreditCode(`91220000123912617${letter}`)).toBe(false);
  });

  it('normalises full-width characters, spaces and lower case', () => {
    fc.assert(
      fc.property(validCode, (code) => {
        const messy = ` ${code.slice(0, 6)} ${code.slice(6)} `.toLowerCase().replace(/[0-9A-Z]/gi, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
        return normaliseCreditCode(messy) === code;
      }),
    );
  });
});
