import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { addMessages, translate } from '../i18n/catalogue.ts';
import { importMessages } from './messages.ts';
import { readSheet, type SheetFormat } from './read.ts';

/**
 * A file that cannot be read is refused with what is wrong with it and what to do, in the reader's language — never
 * with the library's words ("invalid signature: 0x20746f6e", "Quote Not Closed"), which said nothing to a union
 * officer and, for a CSV, came out as an internal error (issue 12).
 */

addMessages(importMessages);
const dir = mkdtempSync(join(tmpdir(), 'qiaoliang-file-problems-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function problemOf(name: string, content: Buffer | string, format: SheetFormat): Promise<AppError> {
  const file = join(dir, name);
  writeFileSync(file, content);
  try {
    for await (const row of readSheet(file, format)) void row;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error(`${name} was read without a complaint`);
}

const library = /signature|0x[0-9a-f]+|Quote Not Closed|FILE_ENDED|invalid|CSV_/i;

describe('a file that cannot be read', () => {
  it('a text file named .xlsx, or a workbook cut short: not a whole workbook, save it again', async () => {
    const text = await problemOf('text.xlsx', 'this is not a workbook at all', 'xlsx');
    const cut = await problemOf('cut.xlsx', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(300, 0x41)]), 'xlsx');
    for (const problem of [text, cut]) {
      expect(problem).toMatchObject({ code: 'validation_failed', messageKey: 'import.xlsx_damaged' });
      for (const locale of ['zh-CN', 'en'] as const) expect(translate(locale, problem.messageKey, problem.params)).not.toMatch(library);
    }
    expect(translate('zh-CN', text.messageKey)).toMatch(/另存为 \.xlsx/);
  });

  it('a CSV with a quotation mark never closed: the row it opens in', async () => {
    const problem = await problemOf('quote.csv', '姓名,身份证号\n张三,220102199001011234\n"李四,220102199001011235\n王五,220102199001011236\n', 'csv');
    expect(problem).toMatchObject({ code: 'validation_failed', messageKey: 'import.csv_unclosed_quote', params: { row: 3 } });
    expect(translate('zh-CN', problem.messageKey, problem.params)).toMatch(/^第 3 行有一个引号/);
    expect(translate('en', problem.messageKey, problem.params)).not.toMatch(library);
  });
});
