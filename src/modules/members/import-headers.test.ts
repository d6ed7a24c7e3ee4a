import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findHeader, mapHeaderRow } from '../../core/import/headers.ts';
import { parseIdNumber } from './id-number.ts';
import { cellText } from '../../core/import/normalise.ts';
import { memberColumns, type MemberField } from './import-columns.ts';

const fields = Object.keys(memberColumns) as MemberField[];
const synonyms = fields.flatMap((field) => memberColumns[field].headers.map((header) => ({ field, header })));
const fullWidth = (text: string) => text.replace(/[!-~]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));

/** A header as people decorate it: full-width, upper case, spaces inside, a star for required, a note in brackets. */
const decorated = fc
  .record({ synonym: fc.constantFrom(...synonyms), wide: fc.boolean(), upper: fc.boolean(), star: fc.boolean(), note: fc.constantFrom('', '（必填）', '(18位)', '【文本格式】'), spaces: fc.integer({ min: 0, max: 2 }) })
  .map(({ synonym, wide, upper, star, note, spaces }) => {
    let text = upper ? synonym.header.toUpperCase() : synonym.header;
    if (spaces) text = ' '.repeat(spaces) + text.split('').join(spaces === 2 ? ' ' : '') + ' ';
    if (wide) text = fullWidth(text);
    return { field: synonym.field, text: (star ? '*' : '') + text + note };
  });

describe('roster header mapping', () => {
  it('maps every synonym of every column, however decorated', () => {
    fc.assert(fc.property(decorated, ({ field, text }) => {
      expect(mapHeaderRow([text], memberColumns)).toEqual({ [field]: 0 });
    }), { numRuns: 500 });
  });

  it('finds the header below any number of title rows, with the columns in any order', () => {
    const title = fc.array(fc.constantFrom('南关区', '2012年度', '会员花名册', '填表单位：', '', '（盖章）', 2012, '单位：人'), { maxLength: 4 });
    fc.assert(fc.property(fc.array(title, { maxLength: 6 }), fc.shuffledSubarray(fields, { minLength: 2 }), (titles, chosen) => {
      const headerCells = chosen.map((field) => memberColumns[field].headers[0]!);
      const mapping = findHeader([...titles, headerCells], memberColumns)!;
      expect(mapping.headerRow).toBe(titles.length);
      expect(mapping.columns).toEqual(Object.fromEntries(chosen.map((field, index) => [field, index])));
    }));
  });

  it('says which required columns are missing', () => {
    expect(findHeader([['姓名', '手机']], memberColumns)!.missing).toEqual(['idNumber', 'joinedOn']);
  });

  it('names an 18-digit ID number stored as a number as scientific notation', () => {
    fc.assert(fc.property(fc.bigInt({ min: 110000000000000000n, max: 659999999999999999n }), (n) => {
      expect(parseIdNumber(cellText(Number(n), 'id')!)).toBe('scientific_notation');
    }));
  });
});
