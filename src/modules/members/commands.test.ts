import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCommandLine, jsonOf, type CommandLine } from '../../test/cli.ts';
import { makeCreditCode } from '../org/testing.ts';
import { idNumberCheckCharacter } from './id-number.ts';

/** `members import` and `members export` as an operator runs them (src/test/cli.ts), on one data directory. */

let cli: CommandLine;
beforeAll(async () => {
  cli = await createCommandLine();
});
afterAll(() => cli?.close());

const idNumber = (n: number) => {
  const body = `22010219800101${String(100 + n).padStart(3, '0')}`;
  return body + idNumberCheckCharacter(body)!;
};

describe('members import and export on the command line', () => {
  it('imports a file into a union, prints the summary, imports it again unchanged, and exports it', async () => {
    const union = jsonOf<{ code: string }>(await cli.run('org', 'add', '--parent', '220102', '--kind', 'grassroots', '--name', '长春命令行有限公司工会', '--credit-code', makeCreditCode(), '--json'));
    const file = join(cli.dataDir, '名册.csv');
    writeFileSync(file, `姓名,身份证号,户籍,入会日期\n甲,${idNumber(1)},城镇,2012-03-01\n乙,${idNumber(2)},农村,2012/4/1\n丙,1.10101E+17,城镇,2012-03-01\n`);

    const summary = jsonOf<{ imported: number; updated: number; unchanged: number; rejected: number; rejectedFile: string }>(await cli.run('members', 'import', file, '--into', union.code, '--json'));
    expect(summary).toMatchObject({ imported: 2, updated: 0, unchanged: 0, rejected: 1 });
    expect(existsSync(summary.rejectedFile)).toBe(true);

    const again = await cli.run('members', 'import', file, '--into', union.code);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('导入完成：新增 0，更新 0，未变 2，未导入 1');
    expect(again.stdout).toContain('Import done: 0 new, 0 updated, 2 unchanged, 1 not imported');

    const out = join(cli.dataDir, 'roster.xlsx');
    expect(jsonOf(await cli.run('members', 'export', '--org', union.code, '--out', out, '--full', '--json'))).toMatchObject({ count: 2 });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const ids: string[] = [];
    workbook.worksheets[0]!.eachRow((row, number) => number > 1 && ids.push(String(row.getCell(6).value)));
    expect(ids.sort()).toEqual([idNumber(1), idNumber(2)].sort());
  });

  it('says what is wrong with an import into an unknown org, or of a missing file, with exit code 2', async () => {
    const file = join(cli.dataDir, 'x.csv');
    writeFileSync(file, '姓名,身份证号,户籍,入会日期\n');
    const unknown = await cli.run('members', 'import', file, '--into', '999999');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('999999');
    const missing = await cli.run('members', 'import', join(cli.dataDir, 'none.csv'), '--into', '220102');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('none.csv');
  });
});
