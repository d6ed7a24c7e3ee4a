import { describe, expect, it } from 'vitest';
import { FirstRows } from './import-rows.ts';

describe('the first row of each ID number in a file', () => {
  it('answers the row that first gave each ID number, through many growths, as a Map would', () => {
    const rows = new FirstRows();
    const expected = new Map<string, number>();
    // ID numbers alike but for a digit or the check character, which must not be taken for each other.
    for (let i = 0; i < 50_000; i++) {
      const idNumber = `22010219${String(600101 + (i % 90)).padStart(6, '0')}${String(Math.floor(i / 90) % 1000).padStart(3, '0')}${'0123456789X'[i % 11]}`;
      const rowNumber = i + 2;
      if (!expected.has(idNumber)) expected.set(idNumber, rowNumber);
      if (rows.get(idNumber) === undefined) rows.set(idNumber, rowNumber);
    }
    for (const [idNumber, rowNumber] of expected) expect(rows.get(idNumber)).toBe(rowNumber);
    expect(rows.get('110101196001010000')).toBeUndefined();
    expect(rows.get('22010219600290999X')).toBeUndefined();
  });

  it('keeps an ID number of another form too', () => {
    const rows = new FirstRows();
    rows.set('22010219600101001x', 7);
    expect(rows.get('22010219600101001x')).toBe(7);
    expect(rows.get('22010219600101001X')).toBeUndefined();
  });
});
