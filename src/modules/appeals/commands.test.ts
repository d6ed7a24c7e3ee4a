import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCommandLine, jsonOf, type CommandLine } from '../../test/cli.ts';
import { makeCreditCode } from '../org/testing.ts';

/** `appeals import-centres` and `appeals import-calendar` as an operator runs them (src/test/cli.ts). */

let cli: CommandLine;
beforeAll(async () => {
  cli = await createCommandLine();
});
afterAll(() => cli?.close());

type Summary = { imported: number; updated: number; unchanged: number; rejected: number; rejectedFile: string | null };

/** The rejected-rows file: each row's number and reason. */
async function reasons(file: string): Promise<Record<number, string>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.worksheets[0]!;
  const header = Array.from(sheet.getRow(1).values as unknown[], (value) => String(value ?? ''));
  const rowColumn = header.findIndex((h) => h.includes('行号'));
  const reasonColumn = header.findIndex((h) => h.includes('原因'));
  const out: Record<number, string> = {};
  sheet.eachRow((row, n) => {
    if (n > 1) out[Number(row.getCell(rowColumn).value)] = String(row.getCell(reasonColumn).value);
  });
  return out;
}

describe('appeals import-centres', () => {
  it('takes messy headers and cells, refuses each bad row with its reason, and a second run changes nothing', async () => {
    const creditCode = makeCreditCode();
    const union = jsonOf<{ code: string }>(await cli.run('org', 'add', '--parent', '220102', '--kind', 'grassroots', '--name', '命令行诉求测试厂工会', '--credit-code', creditCode, '--json'));
    const file = join(cli.dataDir, '诉求中心名册.csv');
    // The corpus: each row's expected outcome in the comment column's place (rows numbered as a spreadsheet shows them).
    writeFileSync(
      file,
      [
        '2012年诉求中心（站）统计表',
        '序号,所属组织编码,中心（站）名称*,类型,统一社会信用代码,覆盖区域,成立时间,撤销日期,工作人员',
        `1,${union.code},测试厂员工诉求中心,员工诉求中心,${creditCode},,2011.3,,3人`, // row 3: imported, employer by credit code
        '2,220102,南关工业园诉求站,工作站,,南关工业园,2012年5月1日,,2', // row 4: imported, area
        '3,220102,无处诉求站,站,,,2012-01-01,,1', // row 5: neither employer nor area
        '4,220103,越界诉求站,站,,宽城,2012-01-01,,1', // row 6: an org outside --into
        '5,220102,坏类型,诉求点,,某地,2012-01-01,,1', // row 7: kind unknown
        '6,220102,日期倒置站,站,,某地,2012-05-01,2012-01-01,1', // row 8: closed before established
        '7,220102,南关工业园诉求站,站,,南关工业园,2012-05-01,,2', // row 9: repeats row 4
        '8,220102,坏人数站,站,,某地,2012-05-01,,三人', // row 10: staff not a number
        '合计,,,,,,,,',
      ].join('\n'),
    );
    const first = jsonOf<Summary>(await cli.run('appeals', 'import-centres', file, '--into', '220102', '--json'));
    expect(first).toMatchObject({ imported: 2, updated: 0, unchanged: 0, rejected: 6 });
    expect(existsSync(first.rejectedFile!)).toBe(true);
    const why = await reasons(first.rejectedFile!);
    expect(Object.keys(why).map(Number)).toEqual([5, 6, 7, 8, 9, 10]);
    expect(why[5]).toContain('覆盖区域：请选择服务的单位，或填写覆盖的区域');
    expect(why[6]).toContain('不是 220102 或其下级组织');
    expect(why[7]).toContain('不是“中心”或“站”');
    expect(why[8]).toContain('撤销日期');
    expect(why[9]).toContain('重复');
    expect(why[10]).toContain('人数');

    const again = await cli.run('appeals', 'import-centres', file, '--into', '220102');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('导入完成：新增 0，更新 0，未变 2，未导入 6');
    expect(again.stdout).toContain('Import done: 0 new, 0 updated, 2 unchanged, 6 not imported');

    // One cell changed: that centre is updated, the other left as it was.
    writeFileSync(file, ['所属组织编码,名称,类型,覆盖区域,设立日期,工作人员数', '220102,南关工业园诉求站,站,南关工业园,2012-05-01,5'].join('\n'));
    expect(jsonOf<Summary>(await cli.run('appeals', 'import-centres', file, '--into', '220102', '--json'))).toMatchObject({ imported: 0, updated: 1, unchanged: 0, rejected: 0, rejectedFile: null });
  });

  it('refuses a file without the required columns, and an unknown --into, as a whole', async () => {
    const file = join(cli.dataDir, '缺列.csv');
    writeFileSync(file, '名称,类型\n某中心,中心\n');
    const missing = await cli.run('appeals', 'import-centres', file, '--into', '220102');
    expect(missing.code).not.toBe(0);
    const unknown = await cli.run('appeals', 'import-centres', file, '--into', '999999', '--json');
    expect(unknown.code).not.toBe(0);
  });

  it('has --help in both languages', async () => {
    const help = await cli.run('appeals', 'import-centres', '--help');
    expect(help.stdout).toContain('--into');
    expect(help.stdout).toContain('诉求中心');
  });
});

describe('appeals export-centres', () => {
  it("writes the registry in the import's columns, so that the file imported again changes nothing", async () => {
    const creditCode = makeCreditCode();
    const union = jsonOf<{ code: string }>(await cli.run('org', 'add', '--parent', '220102', '--kind', 'grassroots', '--name', '导出诉求测试厂工会', '--credit-code', creditCode, '--json'));
    const source = join(cli.dataDir, '导出前.csv');
    writeFileSync(source, ['所属组织编码,名称,类型,统一社会信用代码,覆盖区域,设立日期,撤销日期,工作人员数', `${union.code},导出测试厂诉求中心,中心,${creditCode},,2010-04-01,,4`, '220102,导出测试街道诉求站,站,,东岭街道,2011-06-01,2012-09-30,2'].join('\n'));
    expect(jsonOf<Summary>(await cli.run('appeals', 'import-centres', source, '--into', '220102', '--json'))).toMatchObject({ imported: 2, rejected: 0 });

    const file = join(cli.dataDir, '诉求中心导出.xlsx');
    const written = jsonOf<{ count: number; file: string }>(await cli.run('appeals', 'export-centres', '--out', file, '--org', '220102', '--json'));
    expect(written.file).toBe(file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const rows: string[][] = [];
    // Empty cells are holes in ExcelJS's row values: read each of the nine columns.
    workbook.worksheets[0]!.eachRow((row) => rows.push(Array.from({ length: 9 }, (_, column) => String(row.getCell(column + 1).value ?? ''))));
    expect(rows[0]).toEqual(['所属组织编码', '名称', '类型', '统一社会信用代码', '服务单位', '覆盖区域', '设立日期', '撤销日期', '工作人员数']);
    expect(rows.length - 1).toBe(written.count);
    expect(rows).toContainEqual([union.code, '导出测试厂诉求中心', '员工诉求中心', creditCode, '导出诉求测试厂', '', '2010-04-01', '', '4']);
    expect(rows).toContainEqual(['220102', '导出测试街道诉求站', '诉求工作站', '', '', '东岭街道', '2011-06-01', '2012-09-30', '2']);

    const again = jsonOf<Summary>(await cli.run('appeals', 'import-centres', file, '--into', '220102', '--json'));
    expect(again).toEqual({ imported: 0, updated: 0, unchanged: written.count, rejected: 0, rejectedFile: null });
  });
});

describe('appeals import-calendar', () => {
  it('lists days off and worked weekend days, refuses a worked weekday, and a second run changes nothing', async () => {
    const file = join(cli.dataDir, '2027年放假安排.csv');
    writeFileSync(file, ['日期,类型,名称', '2027-10-01,放假,国庆节', '2027/10/2,休,国庆节', '2027-09-26,上班,国庆节调休上班', '2027-09-29,补班,错误的调休', '2027-10-03,休假吗,国庆节'].join('\n'));
    const first = jsonOf<Summary>(await cli.run('appeals', 'import-calendar', file, '--json'));
    expect(first).toMatchObject({ imported: 3, updated: 0, unchanged: 0, rejected: 2 });
    const why = await reasons(first.rejectedFile!);
    expect(why[5]).toContain('周六或周日');
    expect(why[6]).toContain('不是“放假”或“上班”');
    expect(jsonOf<Summary>(await cli.run('appeals', 'import-calendar', file, '--json'))).toMatchObject({ imported: 0, updated: 0, unchanged: 3, rejected: 2 });
  });
});
