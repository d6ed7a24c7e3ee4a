import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseDigest } from '../../test/digest.ts';
import { createTestPlatform, makeUser, type Client, type TestPlatform } from '../../test/platform.ts';

/** Plans kept as .xlsx (issue 13): one row per target, written, read back, refused row by row, and a template. */
let test: TestPlatform;
let admin: Client;

beforeAll(async () => {
  test = await createTestPlatform();
  admin = await test.login('admin');
});
afterAll(() => test?.close());

function upload(client: Client, fileName: string, content: Buffer) {
  const boundary = `----qiaoliang${Math.random().toString(16).slice(2)}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return client.request('POST', '/api/v1/plans/read', body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
}

async function workbookOf(rows: (string | number)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('规划');
  sheet.addRow(['吉林省总工会“十三大”规划目标']);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function rowsOf(payload: Buffer): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(payload as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe('plan workbooks', () => {
  it('exports the report’s plan, one row per target by title, rates in per cent, and reads it back the same', async () => {
    const plan = (await admin.get('/api/v1/plans')).json().items[0];
    const exported = await admin.get(`/api/v1/plans/${plan.id}/workbook`);
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toContain('spreadsheetml');
    const rows = await rowsOf(exported.rawPayload);
    expect(rows[0]).toEqual(['指标', '指标编码', '年份', '目标值', '单位', '比较', '方式', '备注']);
    expect(rows).toHaveLength(plan.targets.length + 1);
    expect(rows.find((row) => row[1] === 'competition.unit_coverage')!.slice(0, 6)).toEqual(['劳动竞赛覆盖面', 'competition.unit_coverage', 2018, 90, '%', '≥']);

    const read = await upload(admin, '规划.xlsx', exported.rawPayload);
    expect(read.statusCode).toBe(200);
    const { file, rows: count } = read.json();
    expect(count).toBe(plan.targets.length);
    expect(file.targets.find((target: { code: string }) => target.code === 'competition.unit_coverage')).toMatchObject({ op: '>=', value: 0.9, by: 2018 });
    expect(file.targets.find((target: { code: string }) => target.code === 'innovation.chief_technicians')).toMatchObject({ value: 400, per_year: true });
    const loaded = await admin.post('/api/v1/plans/load', { code: 'from-xlsx', name: '由工作簿导入', fromYear: 2013, toYear: 2018, baselineFromYear: 2008, baselineToYear: 2012, file });
    expect(loaded.statusCode).toBe(200);
    expect(loaded.json().targets.map((target: { value: number; unit: string }) => [target.value, target.unit])).toEqual(plan.targets.map((target: { value: number; unit: string }) => [target.value, target.unit]));
  });

  it('reads a workbook as a planning office writes it: titles, “90%”, a title row above the header', async () => {
    const payload = await workbookOf([
      ['指标', '年份', '目标值', '单位', '备注'],
      ['女职工委员会组建率', 2018, '97%', '', '女职工组织覆盖面保持97%以上'],
      ['劳动竞赛覆盖面', '2018年', 90, '%', ''],
      ['命名首席技师', 2018, 400, '人', ''],
    ]);
    const read = await upload(admin, '计划处.xlsx', payload);
    expect(read.statusCode).toBe(200);
    expect(read.json().file.targets).toEqual([
      expect.objectContaining({ code: 'org.women_committee_rate', value: 0.97, by: 2018, quote: '女职工组织覆盖面保持97%以上' }),
      expect.objectContaining({ code: 'competition.unit_coverage', value: 0.9 }),
      expect.objectContaining({ code: 'innovation.chief_technicians', value: 400, unit: '人' }),
    ]);
  });

  it('refuses rows it cannot read with their row numbers, a sheet without the header, and writes nothing', async () => {
    const before = await databaseDigest(test.platform.db);
    const bad = await upload(admin, '错.xlsx', await workbookOf([['指标', '年份', '目标值'], ['没有这个指标', 2018, 5], ['女职工委员会组建率', 2018, 970]]));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((issue: { message: string }) => issue.message)).toEqual(['第 3 行（没有这个指标）：没有这个名称或编码的指标', '第 4 行（女职工委员会组建率）：比率目标以百分数填写，应在 0 到 100 之间（例如 95% 填 95）']);
    const none = await upload(admin, '空.xlsx', await workbookOf([['姓名', '电话']]));
    expect(none.json().errors[0]).toMatchObject({ code: 'no_header' });
    expect(await databaseDigest(test.platform.db)).toBe(before);
  });

  it('offers a template with its headers, example rows and notes; only the province’s admins read a plan in', async () => {
    const template = await admin.get('/api/v1/plans/template');
    expect(template.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['目标', '填写说明']);
    expect((await upload(admin, '模板.xlsx', template.rawPayload)).json().file.targets).toHaveLength(2);
    const county = await test.login((await makeUser(test, '220102', 'admin')).username);
    expect((await upload(county, '模板.xlsx', template.rawPayload)).statusCode).toBe(403);
  });
});
