import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, makeUser, type Client, type TestPlatform } from '../../test/platform.ts';
import { makeCentre } from './registry-testing.ts';

/** GET /appeals/centres/export: the list's filters, the scope's centres only, audited (the round trip: commands.test.ts). */

let test: TestPlatform;
let county: Client;
let sibling: Client;

beforeAll(async () => {
  test = await createTestPlatform();
  county = await test.login((await makeUser(test, '220102', 'viewer')).username);
  sibling = await test.login((await makeUser(test, '220103', 'admin')).username);
  await makeCentre(test, '220102', { name: '南关导出诉求中心', area: '南关区' });
  await makeCentre(test, '220102', { name: '南关导出诉求站', kind: 'station', area: '永吉街道' });
  await makeCentre(test, '220103', { name: '宽城导出诉求站', kind: 'station', area: '宽城区' });
});
afterAll(() => test?.close());

async function namesIn(body: Buffer): Promise<string[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const names: string[] = [];
  workbook.worksheets[0]!.eachRow((row, n) => n > 1 && names.push(String(row.getCell(2).value)));
  return names;
}

const audited = async () =>
  (await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_events WHERE action = 'export' AND entity = 'appeals.centre'`.execute(test.platform.db)).rows[0]!.n;

describe('GET /appeals/centres/export', () => {
  it("gives the scope's centres as the list filters them, and audits the export", async () => {
    const before = await audited();
    const all = await county.get('/api/v1/appeals/centres/export');
    expect(all.statusCode, all.body).toBe(200);
    expect(all.headers['content-type']).toContain('spreadsheetml');
    expect((await namesIn(all.rawPayload)).sort()).toEqual(['南关导出诉求中心', '南关导出诉求站']);
    const stations = await county.get('/api/v1/appeals/centres/export?orgCode=220102&kind=station');
    expect(await namesIn(stations.rawPayload)).toEqual(['南关导出诉求站']);
    expect(await audited()).toBe(before + 2);
  });

  it("is a 404 for another county's subtree, and a 400 for a filter it does not know, neither audited", async () => {
    const before = await audited();
    expect((await sibling.get('/api/v1/appeals/centres/export?orgCode=220102')).statusCode).toBe(404);
    const bad = await county.get('/api/v1/appeals/centres/export?kind=kiosk');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await audited()).toBe(before);
  });
});
