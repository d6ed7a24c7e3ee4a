import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, makeUser, type Client, type TestPlatform } from '../../test/platform.ts';
import { makeUnion } from '../org/testing.ts';
import { makeIdNumber, makeMember } from './testing.ts';
import { idNumberCheckCharacter } from './id-number.ts';

let test: TestPlatform;
let officer: Client;
let viewer: Client;
let union: { code: string; name: string };

beforeAll(async () => {
  test = await createTestPlatform();
  union = (await makeUnion(test, '220102', '南关上传工会')).union;
  officer = await test.login((await makeUser(test, '220102', 'operator')).username);
  viewer = await test.login((await makeUser(test, '220102', 'viewer')).username);
});
afterAll(() => test?.close());

function upload(client: Client, url: string, fileName: string, content: Buffer | string) {
  const boundary = `----qiaoliang${Math.random().toString(16).slice(2)}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return client.request('POST', url, body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
}

async function sheetOf(payload: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(payload as unknown as ArrayBuffer);
  const rows: string[][] = [];
  workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((value) => (value === null || value === undefined ? '' : String(value)))));
  return rows;
}

describe('import and export over HTTP', () => {
  it('takes an upload, answers 202 with a job, and serves the rejected rows to those who may see them', async () => {
    const csv = `姓名,身份证号,户籍,入会日期\n上传一,${makeIdNumber()},城镇,2012-03-01\n上传二,2.20102E+17,城镇,2012-03-01\n`;
    const response = await upload(officer, `/api/v1/members/import?intoOrgCode=${union.code}`, '花名册.csv', csv);
    expect(response.statusCode).toBe(202);
    const { jobId } = response.json() as { jobId: number };
    await test.platform.jobs.runOnce();
    const job = (await officer.get(`/api/v1/jobs/${jobId}`)).json();
    expect(job).toMatchObject({ kind: 'members.import', status: 'succeeded', percent: 100, progressDone: 2, result: { imported: 1, rejected: 1, updated: 0, unchanged: 0 } });
    // The upload held ID numbers in clear: once imported, only the rejected rows remain on disk.
    expect(readdirSync(join(test.config.dataDir, 'imports'))).toEqual([`rejected-${jobId}.xlsx`]);

    const rejected = await officer.get(`/api/v1/members/import/${jobId}/rejected`);
    expect(rejected.statusCode).toBe(200);
    expect(rejected.headers['content-type']).toContain('spreadsheetml');
    const rows = await sheetOf(rejected.rawPayload);
    expect(rows[0]).toEqual(['姓名', '身份证号', '户籍', '入会日期', '行号', '未导入原因']);
    expect(rows[1]![5]).toMatch(/科学计数法/);
    expect((await viewer.get(`/api/v1/members/import/${jobId}/rejected`)).statusCode).toBe(403);
  });

  it('takes an upload far larger than the JSON body limit', async () => {
    const { union: big } = await makeUnion(test, '220102', '南关大文件工会');
    const lines = ['姓名,身份证号,户籍,入会日期'];
    for (let i = 0; i < 40_000; i++) {
      // Distinct by construction: a birth day and a sequence number per row (region 220103, unused elsewhere here).
      const body = `220103${new Date(Date.UTC(1970, 0, 1) + (i % 10_000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '')}${String(Math.floor(i / 10_000)).padStart(3, '0')}`;
      lines.push(`大文件会员${i},${body}${idNumberCheckCharacter(body)},城镇,2012-03-01`);
    }
    const csv = lines.join('\n');
    expect(Buffer.byteLength(csv)).toBeGreaterThan(2 * 1024 * 1024);
    const response = await upload(officer, `/api/v1/members/import?intoOrgCode=${big.code}`, 'big.csv', csv);
    expect(response.statusCode).toBe(202);
    await test.platform.jobs.runOnce();
    const job = (await officer.get(`/api/v1/jobs/${(response.json() as { jobId: number }).jobId}`)).json();
    expect(job.result).toMatchObject({ imported: 40_000, rejected: 0 });
  }, 120_000);

  it('refuses uploads from viewers, of other formats, and into unknown orgs', async () => {
    expect((await upload(viewer, `/api/v1/members/import?intoOrgCode=${union.code}`, 'a.csv', 'x')).statusCode).toBe(403);
    const pdf = await upload(officer, `/api/v1/members/import?intoOrgCode=${union.code}`, 'a.pdf', 'x');
    expect(pdf.statusCode).toBe(400);
    expect(pdf.json().errors[0]).toMatchObject({ path: 'file', code: 'unsupported_format' });
    const unknown = await upload(officer, '/api/v1/members/import?intoOrgCode=999999', 'a.csv', 'x');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0]).toMatchObject({ path: 'intoOrgCode', code: 'unknown_org' });
  });

  it('exports masked by default, in full only for those who may reveal (audited), and a full export imports back unchanged', async () => {
    const { union: own } = await makeUnion(test, '220102', '南关导出工会');
    const idNumber = makeIdNumber();
    await makeMember(test, own.code, '=导出会员', { idNumber, phone: '13904315678', household: 'rural', education: 'college' });
    await makeMember(test, own.code, '导出二', { idNumber: makeIdNumber('female') });

    const masked = await viewer.get(`/api/v1/members/export?orgCode=${own.code}`);
    expect(masked.statusCode).toBe(200);
    const maskedRows = await sheetOf(masked.rawPayload);
    expect(maskedRows[0]).toEqual(['所属工会', '工会编码', '姓名', '性别', '出生年份', '身份证号', '手机号', '户籍类型', '劳务派遣工', '学历', '岗位', '入会日期', '会员证号']);
    expect(maskedRows).toHaveLength(3);
    const first = maskedRows.find((row) => row[2] === "'=导出会员")!;
    expect(first[4]).toBe(idNumber.slice(6, 10));
    expect(first[5]).toBe(`**************${idNumber.slice(-4)}`);
    expect(first[6]).toBe('139****5678');

    expect((await viewer.get(`/api/v1/members/export?orgCode=${own.code}&full=1`)).statusCode).toBe(403);
    const full = await officer.get(`/api/v1/members/export?orgCode=${own.code}&full=1`);
    expect(full.statusCode).toBe(200);
    const fullRows = await sheetOf(full.rawPayload);
    expect(fullRows.find((row) => row[5] === idNumber)).toBeDefined();
    const audit = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_events WHERE action = 'export' AND entity = 'member' AND after->>'full' = 'true'`.execute(test.platform.db);
    expect(audit.rows[0]!.n).toBe(1);

    // The export's headers are the import's: back in, nothing changes (the neutralised name aside, which is refused
    // as a different name for a known ID number — a formula never round-trips into the roster).
    const response = await upload(officer, `/api/v1/members/import?intoOrgCode=${own.code}`, 'export.xlsx', full.rawPayload);
    const { jobId } = response.json() as { jobId: number };
    await test.platform.jobs.runOnce();
    const job = (await officer.get(`/api/v1/jobs/${jobId}`)).json();
    expect(job.result).toMatchObject({ imported: 0, updated: 0, unchanged: 1, rejected: 1 });
  });

  it('describes the new routes in the OpenAPI document', async () => {
    const spec = (await officer.get('/api/v1/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(spec.paths['/api/v1/members/import']!)).toContain('post');
    expect(Object.keys(spec.paths['/api/v1/members/import/{jobId}/rejected']!)).toContain('get');
    expect(Object.keys(spec.paths['/api/v1/members/export']!)).toContain('get');
  });
});
