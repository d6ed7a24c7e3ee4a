import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCommandLine, jsonOf } from '../../test/cli.ts';
import { createTestPlatform, makeUser, type Client, type TestPlatform } from '../../test/platform.ts';
import { makeIdNumber } from '../members/testing.ts';
import { makeAppeal } from './testing.ts';

/** The cases as .xlsx (GET /appeals/export and `appeals export`): masked unless full and permitted, scoped, audited. */

let test: TestPlatform;
let officer: Client;
let viewer: Client;
let sibling: Client;
const idNumber = makeIdNumber();

beforeAll(async () => {
  test = await createTestPlatform();
  officer = await test.login((await makeUser(test, '220102', 'operator')).username);
  viewer = await test.login((await makeUser(test, '220102', 'viewer')).username);
  sibling = await test.login((await makeUser(test, '220103', 'admin')).username);
  await makeAppeal(test, '220102', { name: '王秀兰', phone: '13904312345', idNumber, employerName: '南关导出测试厂', category: 'wages' });
  await makeAppeal(test, '220102', { category: 'contract', employerName: '南关导出测试二厂' });
  await makeAppeal(test, '220103', { name: '李四海', employerName: '宽城导出测试厂' });
});
afterAll(() => test?.close());

async function rowsOf(body: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const rows: string[][] = [];
  workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((value) => String(value ?? ''))));
  return rows;
}

const exportsAudited = async () =>
  (await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_events WHERE action = 'export' AND entity = 'appeals.case'`.execute(test.platform.db)).rows[0]!.n;

describe('GET /appeals/export', () => {
  it("gives the scope's cases, the worker's data masked, and audits it", async () => {
    const before = await exportsAudited();
    const response = await officer.get('/api/v1/appeals/export?orgCode=220102');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const rows = await rowsOf(response.rawPayload);
    const text = JSON.stringify(rows);
    expect(rows[0]).toContain('用人单位');
    expect(text).toContain('南关导出测试厂');
    expect(text).toContain('南关导出测试二厂');
    // Another county's case is not in a county's export.
    expect(text).not.toContain('宽城导出测试厂');
    const worker = rows.find((row) => row.includes('南关导出测试厂'))!;
    expect(worker).toContain('王**');
    expect(worker).toContain('139****2345');
    expect(worker).toContain(`**************${idNumber.slice(-4)}`);
    expect(text).not.toContain('13904312345');
    expect(text).not.toContain(idNumber);
    expect(text).not.toContain('王秀兰');
    expect(await exportsAudited()).toBe(before + 1);
  });

  it('takes the list filters', async () => {
    const rows = await rowsOf((await officer.get('/api/v1/appeals/export?orgCode=220102&category=contract')).rawPayload);
    expect(JSON.stringify(rows)).toContain('南关导出测试二厂');
    expect(JSON.stringify(rows)).not.toContain('南关导出测试厂"');
    expect(rows).toHaveLength(1 + rows.slice(1).filter((row) => row.includes('劳动合同')).length);
  });

  it('gives the data in full only to those who may reveal it, and says so in the audit', async () => {
    expect((await viewer.get('/api/v1/appeals/export?full=1')).statusCode).toBe(403);
    const response = await officer.get('/api/v1/appeals/export?orgCode=220102&full=1');
    expect(response.statusCode).toBe(200);
    const text = JSON.stringify(await rowsOf(response.rawPayload));
    expect(text).toContain('王秀兰');
    expect(text).toContain('13904312345');
    const { rows } = await sql<{ after: { full: boolean } }>`SELECT after FROM audit_events WHERE action = 'export' AND entity = 'appeals.case' ORDER BY id DESC LIMIT 1`.execute(test.platform.db);
    expect(rows[0]!.after.full).toBe(true);
  });

  it("refuses another county's subtree with a 404 and bad filters with a 400, auditing neither", async () => {
    const before = await exportsAudited();
    expect((await sibling.get('/api/v1/appeals/export?orgCode=220102')).statusCode).toBe(404);
    const bad = await officer.get('/api/v1/appeals/export?category=bribes');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(await exportsAudited()).toBe(before);
  });
});

describe('appeals export (command)', () => {
  it('writes a generated province’s cases to a file, names and phones masked, and answers with the count in --json', async () => {
    const cli = await createCommandLine();
    try {
      jsonOf(await cli.run('generate', '--scale', '0.001', '--seed', '7', '--json'));
      const out = `${cli.dataDir}/诉求导出.xlsx`;
      const result = jsonOf<{ count: number; file: string }>(await cli.run('appeals', 'export', '--out', out, '--year', '2012', '--json'));
      expect(result.count).toBeGreaterThan(0);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(result.file);
      const sheet = workbook.worksheets[0]!;
      expect(sheet.rowCount).toBe(result.count + 1);
      const header = (sheet.getRow(1).values as unknown[]).map(String);
      const [name, phone, submitted] = ['姓名', '电话', '登记日期'].map((label) => header.indexOf(label));
      sheet.eachRow((row, n) => {
        if (n === 1) return;
        const cell = (column: number) => String(row.getCell(column).value ?? '');
        expect(cell(submitted!)).toMatch(/^2012-/);
        if (cell(name!)) expect(cell(name!)).toMatch(/^.\*+$/u);
        if (cell(phone!)) expect(cell(phone!)).toMatch(/^\d{3}\*{4}\d{4}$/);
      });
    } finally {
      await cli.close();
    }
  });
});
