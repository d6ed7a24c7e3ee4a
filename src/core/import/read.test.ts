import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { estimateLines } from './read.ts';

const dir = mkdtempSync(join(tmpdir(), 'qiaoliang-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A roster workbook as Excel saves one: a title row, the header, then `rows` members, on the first of two sheets. */
async function workbook(rows: number): Promise<string> {
  const book = new ExcelJS.Workbook();
  const roster = book.addWorksheet('花名册');
  roster.addRow(['2024年度会员花名册']);
  roster.addRow(['姓名', '身份证号', '入会时间']);
  for (let index = 0; index < rows; index++) roster.addRow([`会员${index}`, '', '2020-01-01']);
  book.addWorksheet('说明').addRow(['这一页不是名册', ...Array.from({ length: 9 }, () => 'x')]);
  const file = join(dir, `roster-${rows}.xlsx`);
  await book.xlsx.writeFile(file);
  return file;
}

describe('the progress total of a sheet', () => {
  it("is an .xlsx's last row, from its first worksheet's dimension", async () => {
    expect(await estimateLines(await workbook(5), 'xlsx')).toBe(7);
    expect(await estimateLines(await workbook(1234), 'xlsx')).toBe(1236);
  });

  it('is unknown for a file that is not a workbook, without failing', async () => {
    const file = join(dir, 'not-a-workbook.xlsx');
    writeFileSync(file, '姓名,身份证号\n');
    expect(await estimateLines(file, 'xlsx')).toBeUndefined();
  });

  it("is a CSV's count of lines, the last without a line break counted too", async () => {
    const file = join(dir, 'roster.csv');
    writeFileSync(file, '姓名,身份证号\r\n甲,1\r\n乙,2');
    expect(await estimateLines(file, 'csv')).toBe(3);
  });
});
