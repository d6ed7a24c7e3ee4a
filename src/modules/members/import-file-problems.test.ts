import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, makeUser, type Client, type TestPlatform } from '../../test/platform.ts';
import { makeUnion } from '../org/testing.ts';

/**
 * An import whose file cannot be read fails saying what is wrong with the file and what to do (issue 12): a workbook
 * cut short was "invalid signature: 0x20746f6e", a CSV with an unclosed quotation mark an "internal error".
 */

let test: TestPlatform;
let officer: Client;
let union: { code: string };

beforeAll(async () => {
  test = await createTestPlatform();
  union = (await makeUnion(test, '220102', '南关文件工会')).union;
  officer = await test.login((await makeUser(test, '220102', 'operator')).username);
});
afterAll(() => test?.close());

async function importFile(fileName: string, content: Buffer | string) {
  const boundary = 'qiaoliangfile';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const accepted = await officer.request('POST', `/api/v1/members/import?intoOrgCode=${union.code}`, body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
  expect(accepted.statusCode).toBe(202);
  const { jobId } = accepted.json() as { jobId: number };
  await test.platform.jobs.runOnce();
  return (await officer.get(`/api/v1/jobs/${jobId}`)).json() as { status: string; error: { code: string; messageKey: string; message: string } };
}

describe('an import of a file that cannot be read', () => {
  it('a workbook cut short fails as a damaged workbook, to be saved again', async () => {
    const job = await importFile('名册.xlsx', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from(' not a whole zip '.repeat(20))]));
    expect(job).toMatchObject({ status: 'failed', error: { code: 'validation_failed', messageKey: 'import.xlsx_damaged' } });
    expect(job.error.message).toMatch(/^文件不是完整的 \.xlsx 工作簿/);
    expect(job.error.message).not.toMatch(/signature|0x|FILE_ENDED/);
  });

  it('a CSV with an unclosed quotation mark fails naming the row, not as an internal error', async () => {
    const job = await importFile('名册.csv', '姓名,身份证号,户籍,入会日期\n"张三,220102199001011234,城镇,2012-03-01\n');
    expect(job).toMatchObject({ status: 'failed', error: { code: 'validation_failed', messageKey: 'import.csv_unclosed_quote' } });
    expect(job.error.message).toMatch(/^第 2 行有一个引号/);
  });
});
