import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idNumberCheckCharacter, parseIdNumber } from './id-number.ts';

const region = fc.constantFrom('220102', '220103', '220182', '222401', '110101');
const birth = fc.date({ min: new Date('1930-01-01T00:00:00Z'), max: new Date('2008-12-31T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10).replace(/-/g, ''));
const sequence = fc.integer({ min: 0, max: 999 }).map((n) => String(n).padStart(3, '0'));
const validIdNumber = fc.tuple(region, birth, sequence).map(([r, b, s]) => {
  const body = r + b + s;
  return body + idNumberCheckCharacter(body)!;
});

describe('resident ID numbers (GB 11643-1999)', () => {
  it('accepts every number whose check character is right, with birth date and gender read from it', () => {
    fc.assert(
      fc.property(validIdNumber, (number) => {
        const parsed = parseIdNumber(number);
        if (typeof parsed === 'string') return false;
        return parsed.value === number && parsed.birthDate.replace(/-/g, '') === number.slice(6, 14) && parsed.gender === (Number(number[16]) % 2 ? 'male' : 'female');
      }),
    );
  });

  it('rejects every single-character change', () => {
    fc.assert(
      fc.property(validIdNumber, fc.nat(17), fc.constantFrom(...'0123456789X'), (number, position, replacement) => {
        fc.pre(number[position] !== replacement);
        const changed = number.slice(0, position) + replacement + number.slice(position + 1);
        return typeof parseIdNumber(changed) === 'string';
      }),
    );
  });

  it('upgrades a 15-digit number of before 1999 to 18 digits', () => {
    const parsed = parseIdNumber('220102800101123');
    expect(parsed).toMatchObject({ value: '220102198001011233'.slice(0, 17) + idNumberCheckCharacter('22010219800101123'), upgraded: true, birthDate: '1980-01-01', gender: 'male' });
  });

  it('names a number Excel turned into scientific notation', () => {
    expect(parseIdNumber('2.20102E+17')).toBe('scientific_notation');
    expect(parseIdNumber('1.10101E17')).toBe('scientific_notation');
  });

  it('reads full-width digits and a lower-case x, and rejects impossible dates and unknown regions', () => {
    const body = '22010219900101123';
    const number = body + idNumberCheckCharacter(body)!;
    const fullWidth = number.replace(/[0-9X]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0)).toLowerCase();
    expect(parseIdNumber(` ${fullWidth} `)).toMatchObject({ value: number });
    const feb30 = '22010219900230123';
    expect(parseIdNumber(feb30 + idNumberCheckCharacter(feb30))).toBe('birth_date');
    const future = '22010220990101123';
    expect(parseIdNumber(future + idNumberCheckCharacter(future))).toBe('future_birth_date');
    expect(parseIdNumber(number, (code) => code !== '220102')).toBe('region');
  });
});
