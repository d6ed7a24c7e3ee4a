import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, makeUser, type Client, type TestPlatform } from '../../test/platform.ts';
import { makeUnion } from '../org/testing.ts';
import { makeIdNumber } from './testing.ts';

/**
 * A masked ID number must leave too little to rebuild it: the review rebuilt 52,882 of 52,884 numbers from
 * `2201**********241X` beside the birth date and the union's county. Whatever a role reads — list, detail, search,
 * transfers, export, audit — it gets the last four and the birth year, never the region or the birth date.
 */

let test: TestPlatform;
let operator: Client;
let reviewer: Client;
let viewer: Client;
let cityViewer: Client;
let union: { code: string };
let otherUnion: { code: string };
const idNumber = makeIdNumber('female');
const birthDate = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
let memberId: number;

/** What may not appear anywhere a masked record is read: the number's first fourteen, its region, its birth date. */
function expectNothingToRebuildFrom(text: string, where: string) {
  expect(text, where).not.toContain(idNumber.slice(0, 14));
  expect(text, where).not.toContain(`${idNumber.slice(0, 4)}*`);
  expect(text, where).not.toContain(idNumber.slice(6, 14));
  expect(text, where).not.toContain(birthDate);
}

beforeAll(async () => {
  test = await createTestPlatform();
  union = (await makeUnion(test, '220102', '南关打码工会')).union;
  otherUnion = (await makeUnion(test, '220102', '南关打码二厂工会')).union;
  operator = await test.login((await makeUser(test, '220102', 'operator')).username);
  reviewer = await test.login((await makeUser(test, '220102', 'reviewer')).username);
  viewer = await test.login((await makeUser(test, '220102', 'viewer')).username);
  cityViewer = await test.login((await makeUser(test, '220100', 'viewer')).username);
  const created = await operator.post('/api/v1/members', { orgCode: union.code, name: '蒋打码', idNumber, phone: '13904318888', household: 'urban', joinedOn: '2012-03-01' });
  expect(created.statusCode).toBe(201);
  memberId = created.json().id;
  await operator.patch(`/api/v1/members/${memberId}`, { phone: '13904319999', education: 'college' });
  await operator.post(`/api/v1/members/${memberId}/transfer`, { toOrgCode: otherUnion.code, requestedOn: '2013-01-01' });
});
afterAll(() => test?.close());

describe('the masking rule', () => {
  it('every role reads the last four and the birth year, in lists, details, name searches and transfers', async () => {
    for (const [role, client] of [['operator', operator], ['reviewer', reviewer], ['viewer', viewer], ['city viewer', cityViewer]] as const) {
      const list = await client.get('/api/v1/members?q=%E8%92%8B%E6%89%93%E7%A0%81');
      expect(list.json().items, role).toEqual([expect.objectContaining({ idNumber: `**************${idNumber.slice(-4)}`, birthYear: Number(idNumber.slice(6, 10)), phone: '139****9999' })]);
      expect(list.json().items[0]).not.toHaveProperty('birthDate');
      expectNothingToRebuildFrom(list.body, `${role} list`);
      expectNothingToRebuildFrom((await client.get(`/api/v1/members/${memberId}`)).body, `${role} detail`);
      expectNothingToRebuildFrom((await client.get('/api/v1/transfers')).body, `${role} transfers`);
    }
  });

  it('the masked export has the birth year where the full one has the birth date', async () => {
    const masked = await viewer.get(`/api/v1/members/export?orgCode=${union.code}`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(masked.rawPayload as unknown as ArrayBuffer);
    const rows: string[] = [];
    workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map(String).join('|')));
    expect(rows[0]).toContain('出生年份');
    expect(rows[1]).toContain(`|${idNumber.slice(6, 10)}|`);
    expectNothingToRebuildFrom(rows.join('\n'), 'masked export');
  });

  it('the audit trail keeps and shows only the masked form, old rows under the old mask included', async () => {
    const trail = await operator.get(`/api/v1/audit?entity=member&entityId=${memberId}`);
    expect(trail.json().items.map((event: { action: string }) => event.action)).toEqual(expect.arrayContaining(['create', 'update']));
    expectNothingToRebuildFrom(trail.body, 'audit');
    const { rows } = await sql<{ text: string }>`SELECT concat(before::text, after::text) AS text FROM audit_events WHERE entity = 'member' AND entity_id = ${String(memberId)}`.execute(test.platform.db);
    expectNothingToRebuildFrom(rows.map((row) => row.text).join('\n'), 'audit table');
    // A row written before this rule (the table is append-only, so it stays) is shown as the rule masks it now.
    await sql`INSERT INTO audit_events (actor_name, action, entity, entity_id, org_path, after)
      VALUES ('old', 'create', 'member', ${String(memberId)}, (SELECT path FROM orgs WHERE code = ${union.code}),
              ${JSON.stringify({ idNumber: `${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}`, birthDate })}::jsonb)`.execute(test.platform.db);
    const shown = await viewer.get(`/api/v1/audit?entity=member&entityId=${memberId}`);
    expect(shown.json().items[0].after).toEqual({ idNumber: `**************${idNumber.slice(-4)}`, birthDate: idNumber.slice(6, 10) });
    expectNothingToRebuildFrom(shown.body, 'old audit row');
  });

  it('a search by ID number or phone, which confirms a guess, is for those who may reveal, and is audited', async () => {
    for (const url of [`/api/v1/members?idNumber=${idNumber}`, '/api/v1/members?phone=13904319999']) {
      const refused = await viewer.get(url);
      expect(refused.statusCode, url).toBe(403);
      expect(refused.json().messageKey).toBe('members.search_needs_reveal');
    }
    const found = await reviewer.get(`/api/v1/members?idNumber=${idNumber}`);
    expect(found.json().items.map((item: { id: number }) => item.id)).toEqual([memberId]);
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_events WHERE action = 'search' AND entity = 'member' AND after->'by' = '["idNumber"]'::jsonb`.execute(test.platform.db);
    expect(rows[0]!.n).toBe(1);
  });
});
