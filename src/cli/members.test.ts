import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter } from '../modules/org/credit-code.ts';
import { idNumberCheckCharacter } from '../modules/members/id-number.ts';
import { createServerDatabase, type ServerDatabase } from '../test/server-database.ts';

/** `members import` and `members export` as an operator runs them: separate processes on one data directory. */

const bin = fileURLToPath(new URL('../../bin/qiaoliang.js', import.meta.url));
const key = randomBytes(32).toString('base64');
let dataDir: string;
let server: ServerDatabase | undefined;

function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATA_DIR: dataDir,
    QIAOLIANG_KEY: key,
    QIAOLIANG_ADMIN_PASSWORD: 'Cli-test-password-2024',
    ...(server ? { DATABASE_URL: server.url } : {}),
  };
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { env, timeout: 90_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

const idNumber = (n: number) => {
  const body = `22010219800101${String(100 + n).padStart(3, '0')}`;
  return body + idNumberCheckCharacter(body)!;
};

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'qiaoliang-cli-members-'));
  server = await createServerDatabase();
});
afterAll(async () => {
  await server?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('members import and export on the command line', () => {
  it('imports a file into a union, prints the summary, imports it again unchanged, and exports it', async () => {
    const body = '91220102MA0000002';
    const added = await run('org', 'add', '--parent', '220102', '--kind', 'grassroots', '--name', '长春命令行有限公司工会', '--credit-code', body + creditCodeCheckCharacter(body)!, '--json');
    expect(added.code, added.stderr).toBe(0);
    const union = JSON.parse(added.stdout) as { code: string };
    const file = join(dataDir, '名册.csv');
    writeFileSync(file, `姓名,身份证号,户籍,入会日期\n甲,${idNumber(1)},城镇,2012-03-01\n乙,${idNumber(2)},农村,2012/4/1\n丙,1.10101E+17,城镇,2012-03-01\n`);

    const first = await run('members', 'import', file, '--into', union.code, '--json');
    expect(first.code, first.stderr).toBe(0);
    const summary = JSON.parse(first.stdout) as { imported: number; updated: number; unchanged: number; rejected: number; rejectedFile: string };
    expect(summary).toMatchObject({ imported: 2, updated: 0, unchanged: 0, rejected: 1 });
    expect(existsSync(summary.rejectedFile)).toBe(true);

    const again = await run('members', 'import', file, '--into', union.code);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('导入完成：新增 0，更新 0，未变 2，未导入 1');
    expect(again.stdout).toContain('Import done: 0 new, 0 updated, 2 unchanged, 1 not imported');

    const out = join(dataDir, 'roster.xlsx');
    const exported = await run('members', 'export', '--org', union.code, '--out', out, '--full', '--json');
    expect(exported.code, exported.stderr).toBe(0);
    expect(JSON.parse(exported.stdout)).toMatchObject({ count: 2 });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const ids: string[] = [];
    workbook.worksheets[0]!.eachRow((row, number) => number > 1 && ids.push(String(row.getCell(6).value)));
    expect(ids.sort()).toEqual([idNumber(1), idNumber(2)].sort());
  }, 240_000);

  it('says what is wrong with an import into an unknown org, with exit code 2', async () => {
    const file = join(dataDir, 'x.csv');
    writeFileSync(file, '姓名,身份证号,户籍,入会日期\n');
    const result = await run('members', 'import', file, '--into', '999999');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('999999');
  }, 120_000);
});
