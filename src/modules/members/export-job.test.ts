import { existsSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, makeUser, type Client, type TestPlatform } from '../../test/platform.ts';
import { makeUnion } from '../org/testing.ts';
import { exportFileOf } from './export-job.ts';
import { makeIdNumber, makeMember } from './testing.ts';

/** The roster export as a job with progress, kept until its owner downloads or removes it (issue 13). */
let test: TestPlatform;
let officer: Client;
let otherOfficer: Client;
let viewer: Client;
let union: string;
const idNumber = makeIdNumber();

beforeAll(async () => {
  test = await createTestPlatform();
  union = (await makeUnion(test, '220102', '南关导出工会')).union.code;
  await makeMember(test, union, '导出甲', { idNumber });
  await makeMember(test, union, '导出乙');
  await makeMember(test, union, '导出丙');
  officer = await test.login((await makeUser(test, '220102', 'operator')).username);
  otherOfficer = await test.login((await makeUser(test, '220102', 'operator')).username);
  viewer = await test.login((await makeUser(test, '220102', 'viewer')).username);
});
afterAll(() => test?.close());

async function rowsOf(payload: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(payload as unknown as ArrayBuffer);
  const rows: string[][] = [];
  workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((value) => (value === null || value === undefined ? '' : String(value)))));
  return rows;
}

const exportsDir = () => join(test.config.dataDir, 'exports');

describe('the roster export as a job', () => {
  it('refuses a full export to a viewer, and an org outside the scope', async () => {
    expect((await viewer.post('/api/v1/members/exports', { orgCode: union, full: true })).statusCode).toBe(403);
    expect((await officer.post('/api/v1/members/exports', { orgCode: '220103' })).statusCode).toBe(404);
  });

  it('runs with its progress, audited when asked for, masked, and kept for its owner alone until removed', async () => {
    const started = await viewer.post('/api/v1/members/exports', { orgCode: union });
    expect(started.statusCode).toBe(202);
    const { jobId } = started.json() as { jobId: number };
    expect((await viewer.get(`/api/v1/members/exports/${jobId}/file`)).json()).toMatchObject({ code: 'conflict', messageKey: 'members.export.not_ready' });
    const { rows: audits } = await sql<{ after: unknown }>`SELECT after FROM audit_events WHERE action = 'export' AND entity = 'member' AND entity_id = ${union}`.execute(test.platform.db);
    expect(audits).toEqual([{ after: { orgCode: union, full: false } }]);

    await test.platform.jobs.runOnce();
    const job = (await viewer.get(`/api/v1/jobs/${jobId}`)).json();
    expect(job).toMatchObject({ kind: 'members.export', status: 'succeeded', progressDone: 3, progressTotal: 3, percent: 100, result: { rows: 3 } });
    expect(existsSync(join(exportsDir(), exportFileOf(jobId)))).toBe(true);

    // Another user of the same scope sees the job, never the file.
    expect((await officer.get(`/api/v1/members/exports/${jobId}/file`)).json()).toMatchObject({ code: 'forbidden', messageKey: 'members.export.not_owner' });
    expect((await officer.request('DELETE', `/api/v1/members/exports/${jobId}`)).statusCode).toBe(403);

    const file = await viewer.get(`/api/v1/members/exports/${jobId}/file`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    const rows = await rowsOf(file.rawPayload);
    expect(rows.slice(1).map((row) => row[2]).sort()).toEqual(['导出丙', '导出乙', '导出甲']);
    expect(JSON.stringify(rows)).not.toContain(idNumber);
    expect(JSON.stringify(rows)).toContain(`**************${idNumber.slice(-4)}`);

    expect((await viewer.request('DELETE', `/api/v1/members/exports/${jobId}`)).json()).toEqual({ ok: true });
    expect(existsSync(join(exportsDir(), exportFileOf(jobId)))).toBe(false);
    expect((await viewer.get(`/api/v1/members/exports/${jobId}/file`)).json()).toMatchObject({ messageKey: 'members.export.gone' });
  });

  it('writes ID numbers in full for those who may reveal them', async () => {
    const { jobId } = (await otherOfficer.post('/api/v1/members/exports', { orgCode: union, full: true })).json() as { jobId: number };
    await test.platform.jobs.runOnce();
    const rows = await rowsOf((await otherOfficer.get(`/api/v1/members/exports/${jobId}/file`)).rawPayload);
    expect(JSON.stringify(rows)).toContain(idNumber);
  });
});
