import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellText, fromExcelSerial, neutraliseFormula, normaliseDate, normaliseText, numberToText, toHalfWidth } from './normalise.ts';

const fullWidth = (text: string) => text.replace(/[!-~]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0)).replace(/ /g, '\u3000');
const day = 86_400_000;
/** A real date between 1927 and 2100 (Excel serials 10000 and up are five digits). */
const dates = fc.integer({ min: Date.UTC(1927, 5, 1) / day, max: Date.UTC(2100, 11, 31) / day }).map((days) => new Date(days * day));
const iso = (date: Date) => date.toISOString().slice(0, 10);

describe('cell normalisation', () => {
  it('full-width ASCII and the ideographic space become half-width, and nothing else changes', () => {
    fc.assert(fc.property(fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)) }), (text) => {
      expect(toHalfWidth(fullWidth(text))).toBe(text);
      expect(toHalfWidth(text)).toBe(text);
    }));
  });

  it('text normalisation is idempotent and leaves no zero-width character or edge space', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => {
      const once = normaliseText(text);
      expect(normaliseText(once)).toBe(once);
      expect(once).not.toMatch(/[\u200B-\u200D\uFEFF]/);
      expect(once).toBe(once.trim());
    }));
    expect(normaliseText('\u3000１３９\u200b０４３１ \u00a0')).toBe('1390431');
  });

  it('reads a date written in any usual way, full-width or not, with spaces around it', () => {
    fc.assert(fc.property(dates, fc.integer({ min: 0, max: 6 }), fc.boolean(), fc.boolean(), (date, form, wide, padded) => {
      const y = date.getUTCFullYear();
      const m = date.getUTCMonth() + 1;
      const d = date.getUTCDate();
      const two = (n: number) => String(n).padStart(2, '0');
      const written = [`${y}-${two(m)}-${two(d)}`, `${y}/${m}/${d}`, `${y}.${m}.${d}`, `${y}年${m}月${d}日`, `${y}${two(m)}${two(d)}`, `${y}-${two(m)}-${two(d)} 00:00:00`, `${y}/${m}/${d} 8:30`][form]!;
      let text = wide ? fullWidth(written) : written;
      if (padded) text = ` ${text}\u200b `;
      expect(normaliseDate(text)).toBe(iso(date));
    }));
  });

  it('reads a year and month as the first of the month, and a year alone as 1 January', () => {
    const cases: [string | number, string][] = [
      ['2008.01', '2008-01-01'], ['2008.1', '2008-01-01'], ['2008年1月', '2008-01-01'], ['2008/1', '2008-01-01'], ['2008-01', '2008-01-01'],
      ['200801', '2008-01-01'], ['2008年', '2008-01-01'], ['2008', '2008-01-01'], ['２００８．１１', '2008-11-01'], ['2008年11月份', '2008-11-01'],
      ['2008年1月5日', '2008-01-05'], ['2008.01.05', '2008-01-05'], ['２００８年１月５日', '2008-01-05'], ['20080105', '2008-01-05'],
      [2008, '2008-01-01'], [200801, '2008-01-01'], [2008.01, '2008-01-01'], [20080105, '2008-01-05'], [39452, '2008-01-05'],
    ];
    for (const [written, expected] of cases) expect(typeof written === 'number' ? cellText(written, 'date') : normaliseDate(written), String(written)).toBe(expected);
    // Not dates: left as written, for the validator to name.
    for (const written of ['2008.13', '200813', '1850年', '2008年2月30日', '08.01', '入会']) expect(normaliseDate(written)).toBe(written);
  });

  it('reads Excel day serials, as numbers in a date column or as five-digit text', () => {
    fc.assert(fc.property(dates, (date) => {
      const serial = Math.round((date.getTime() - Date.UTC(1899, 11, 30)) / day);
      expect(fromExcelSerial(serial)).toBe(iso(date));
      expect(cellText(serial, 'date')).toBe(iso(date));
      expect(normaliseDate(String(serial))).toBe(iso(date));
    }));
    expect(normaliseDate('40969')).toBe('2012-03-01');
  });

  it('leaves a date that does not exist as it was, for the validator to name', () => {
    for (const text of ['2012-02-30', '2011/2/29', '2012年13月1日', '明年三月', '2012-13', '2012年0月']) expect(normaliseDate(text)).toBe(normaliseText(text));
  });

  it('keeps numbers a double holds exactly in full, and marks the others as scientific notation', () => {
    fc.assert(fc.property(fc.maxSafeInteger(), (n) => {
      expect(numberToText(n)).toBe(String(n));
    }));
    fc.assert(fc.property(fc.bigInt({ min: 10n ** 17n, max: 10n ** 18n - 1n }), (n) => {
      const text = cellText(Number(n), 'id')!;
      expect(text).toMatch(/^\d(\.\d+)?E\+\d+$/);
    }));
    expect(cellText(220102850312123, 'id')).toBe('220102850312123');
  });

  it('neutralises cells a spreadsheet would run as a formula', () => {
    fc.assert(fc.property(fc.constantFrom('=', '+', '-', '@', '\t', '\r'), fc.string(), (lead, rest) => {
      expect(neutraliseFormula(lead + rest)).toBe(`'${lead}${rest}`);
    }));
    fc.assert(fc.property(fc.string().filter((text) => !/^[=+\-@\t\r]/.test(text)), (text) => {
      expect(neutraliseFormula(text)).toBe(text);
    }));
  });

  it('reads the cell shapes ExcelJS gives', () => {
    expect(cellText({ richText: [{ text: '王' }, { text: '秀兰 ' }] })).toBe('王秀兰');
    expect(cellText({ formula: 'A1', result: 13904310000 }, 'id')).toBe('13904310000');
    expect(cellText({ text: 'a@b.cn', hyperlink: 'mailto:a@b.cn' })).toBe('a@b.cn');
    expect(cellText(new Date(Date.UTC(2012, 2, 1)), 'date')).toBe('2012-03-01');
    expect(cellText('   ')).toBeUndefined();
    expect(cellText(null)).toBeUndefined();
  });
});
