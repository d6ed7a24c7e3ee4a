import { existsSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, makeUser, type Client, type TestPlatform } from '../../test/platform.ts';
import { makeUnion } from '../org/testing.ts';
import { importsDir, sweepImportFiles } from './import.ts';
import { makeIdNumber } from './testing.ts';

/**
 * Uploads and rejected-rows files hold ID numbers in clear: an upload goes when its job ends, however it ends, and a
 * rejected-rows file after REJECTED_ROWS_DAYS (2 here, to show it is the setting that counts, not a constant).
 */

let test: TestPlatform;
let officer: Client;
let union: { code: string; name: string };
let dir: string;

beforeAll(async () => {
  test = await createTestPlatform({ rejectedRowsDays: 2 });
  union = (await makeUnion(test, '220102', '南关文件工会')).union;
  officer = await test.login((await makeUser(test, '220102', 'operator')).username);
  dir = importsDir(test.config.dataDir);
});
afterAll(() => test?.close());

function upload(intoOrgCode: string, csv: string) {
  const boundary = `----qiaoliang${Math.random().toString(16).slice(2)}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="roster.csv"\r\nContent-Type: text/csv\r\n\r\n`),
    Buffer.from(csv),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return officer.request('POST', `/api/v1/members/import?intoOrgCode=${intoOrgCode}`, body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
}

const csvWith = (...ids: string[]) => `姓名,身份证号,户籍,入会日期\n${ids.map((id, index) => `文件会员${index},${id},城镇,2012-03-01`).join('\n')}\n`;
const uploads = () => readdirSync(dir).filter((name) => !name.startsWith('rejected-'));
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);

async function importRun(intoOrgCode: string, csv: string) {
  const response = await upload(intoOrgCode, csv);
  expect(response.statusCode).toBe(202);
  const { jobId } = response.json() as { jobId: number };
  expect(uploads()).toHaveLength(1);
  await test.platform.jobs.runOnce();
  return { jobId, job: (await officer.get(`/api/v1/jobs/${jobId}`)).json() };
}

describe('the files an import leaves', () => {
  it('deletes the upload of a failed import, and the rejected rows a failed run began', async () => {
    // Into a county without a union column: the job fails once it has read the header.
    const { jobId, job } = await importRun('220102', csvWith(makeIdNumber(), 'not-an-id'));
    expect(job).toMatchObject({ status: 'failed', error: { errors: [expect.objectContaining({ path: 'intoOrgCode', code: 'not_grassroots' })] } });
    expect(uploads()).toEqual([]);
    expect(existsSync(join(dir, `rejected-${jobId}.xlsx`))).toBe(false);
  });

  it('deletes the upload of an import cancelled while it waited in the queue', async () => {
    const response = await upload(union.code, csvWith(makeIdNumber()));
    const { jobId } = response.json() as { jobId: number };
    expect(uploads()).toHaveLength(1);
    const cancelled = await officer.post(`/api/v1/jobs/${jobId}/cancel`);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled' });
    expect(uploads()).toEqual([]);
    await test.platform.jobs.runOnce();
    expect(uploads()).toEqual([]);
  });

  it('deletes the upload of a successful import and keeps its rejected rows until they expire', async () => {
    const { jobId, job } = await importRun(union.code, csvWith(makeIdNumber(), '2.20102E+17'));
    expect(job).toMatchObject({ status: 'succeeded', result: { imported: 1, rejected: 1 } });
    expect(uploads()).toEqual([]);
    expect((await officer.get(`/api/v1/members/import/${jobId}/rejected`)).statusCode).toBe(200);
    // Three days on, past REJECTED_ROWS_DAYS=2: the download says so and the file is gone.
    utimesSync(join(dir, `rejected-${jobId}.xlsx`), daysAgo(3), daysAgo(3));
    const expired = await officer.get(`/api/v1/members/import/${jobId}/rejected`);
    expect(expired.statusCode).toBe(404);
    expect(expired.json()).toMatchObject({ messageKey: 'members.import.rejected_expired', detail: expect.stringContaining('2 天') });
    expect(existsSync(join(dir, `rejected-${jobId}.xlsx`))).toBe(false);
  });

  it('sweeps expired rejected rows and orphaned uploads, and keeps what is still in use', async () => {
    const old = await importRun(union.code, csvWith('2.20102E+17'));
    const fresh = await importRun(union.code, csvWith('2.20102E+18'));
    utimesSync(join(dir, `rejected-${old.jobId}.xlsx`), daysAgo(3), daysAgo(3));
    utimesSync(join(dir, `rejected-${fresh.jobId}.xlsx`), daysAgo(1), daysAgo(1));
    // An upload whose server died before queueing it, and one whose job still waits: both two hours old.
    writeFileSync(join(dir, 'orphan.csv'), csvWith(makeIdNumber()));
    utimesSync(join(dir, 'orphan.csv'), daysAgo(1 / 12), daysAgo(1 / 12));
    const waiting = (await upload(union.code, csvWith(makeIdNumber()))).json() as { jobId: number };
    const waitingFile = uploads().find((name) => name !== 'orphan.csv')!;
    utimesSync(join(dir, waitingFile), daysAgo(1 / 12), daysAgo(1 / 12));

    await test.platform.jobs.sweep();
    expect(readdirSync(dir).sort()).toEqual([`rejected-${fresh.jobId}.xlsx`, waitingFile].sort());
    expect(await sweepImportFiles(test.platform)).toEqual([]);
    await officer.post(`/api/v1/jobs/${waiting.jobId}/cancel`);
    expect(uploads()).toEqual([]);
  });
});
