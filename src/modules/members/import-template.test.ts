import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, makeUser, type Client, type TestPlatform } from '../../test/platform.ts';
import { makeUnion } from '../org/testing.ts';
import { memberColumns } from './import-columns.ts';

let test: TestPlatform;
let officer: Client;
let viewer: Client;

beforeAll(async () => {
  test = await createTestPlatform();
  officer = await test.login((await makeUser(test, '220102', 'operator')).username);
  viewer = await test.login((await makeUser(test, '220102', 'viewer')).username);
});
afterAll(() => test?.close());

function upload(client: Client, url: string, fileName: string, content: Buffer) {
  const boundary = `----qiaoliang${Math.random().toString(16).slice(2)}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return client.request('POST', url, body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
}

describe('the roster import template', () => {
  it('is for those who may import', async () => {
    expect((await viewer.get('/api/v1/members/import/template')).statusCode).toBe(403);
  });

  it('has every header the import reads, an example row and a sheet of notes, and reads back with every column recognised', async () => {
    const response = await officer.get('/api/v1/members/import/template');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const [sheet, notes] = workbook.worksheets;
    expect((sheet!.getRow(1).values as unknown[]).slice(1)).toEqual(Object.values(memberColumns).map((column) => column.headers[0]));
    expect(sheet!.rowCount).toBe(2);
    expect(notes!.name).toBe('填写说明');
    expect(notes!.getRow(1).getCell(1).value).toBe('列');
    expect(String(notes!.getRow(3).getCell(2).value)).toBe('必需');

    const preview = await upload(officer, '/api/v1/members/import/preview', 'template.xlsx', response.rawPayload);
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ missing: [], unrecognised: [] });
  });

  it('imports its example row as it is', async () => {
    const { union } = await makeUnion(test, '220102', '南关机械厂工会');
    const template = (await officer.get('/api/v1/members/import/template')).rawPayload;
    const started = await upload(officer, `/api/v1/members/import?intoOrgCode=${union.code}`, 'template.xlsx', template);
    expect(started.statusCode).toBe(202);
    const { jobId } = started.json() as { jobId: number };
    await test.platform.jobs.runOnce();
    const job = (await officer.get(`/api/v1/jobs/${jobId}`)).json();
    expect(job.status).toBe('succeeded');
    expect(job.result).toMatchObject({ imported: 1, rejected: 0 });
  });
});
