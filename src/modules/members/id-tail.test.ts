import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, makeUser, type Client, type TestPlatform } from '../../test/platform.ts';
import { makeUnion } from '../org/testing.ts';
import { fillIdNumberTails } from './tails.ts';
import { makeIdNumber, makeMember } from './testing.ts';

/**
 * A member found by the last six characters of their ID number, with the union known (issue 13): the searches
 * officers make. Anywhere wider than one grassroots union it is refused with the reason; the masking of issue 12
 * still shows the last four only.
 */
let test: TestPlatform;
let officer: Client;
let viewer: Client;
let union: string;
let otherUnion: string;
const idNumber = makeIdNumber('female');
const tail = idNumber.slice(-6);

beforeAll(async () => {
  test = await createTestPlatform();
  union = (await makeUnion(test, '220102', '南关尾号工会')).union.code;
  otherUnion = (await makeUnion(test, '220102', '南关另一工会')).union.code;
  await makeMember(test, union, '尾号甲', { idNumber });
  await makeMember(test, union, '尾号乙');
  officer = await test.login((await makeUser(test, '220102', 'operator')).username);
  viewer = await test.login((await makeUser(test, '220102', 'viewer')).username);
});
afterAll(() => test?.close());

const names = (body: { items: { name: string }[] }) => body.items.map((item) => item.name);

function upload(client: Client, url: string, content: string) {
  const boundary = `----qiaoliang${Math.random().toString(16).slice(2)}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="花名册.csv"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return client.request('POST', url, body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
}

describe('the roster searched by the last six characters of an ID number', () => {
  it('refuses them over more than one union, saying in both languages that a union must be chosen first', async () => {
    const county = await officer.get(`/api/v1/members?orgCode=220102&idNumber=${tail}`);
    expect(county.statusCode).toBe(400);
    expect(county.json().errors).toEqual([expect.objectContaining({ path: 'query.idNumber', code: 'id_number_tail_needs_union', message: expect.stringContaining('须先选定一个基层工会') })]);
    const englishOfficer = await test.login((await makeUser(test, '220102', 'operator')).username);
    expect((await englishOfficer.request('PUT', '/api/v1/me/locale', { locale: 'en' })).statusCode).toBe(200);
    const english = await englishOfficer.get(`/api/v1/members?orgCode=220102&idNumber=${tail}`);
    expect(english.json().errors[0].message).toContain('choose one grassroots union first');
    // Without an org named, the roster is the caller's whole scope: refused too.
    expect((await officer.get(`/api/v1/members?idNumber=${tail}`)).json().errors[0].code).toBe('id_number_tail_needs_union');
  });

  it('refuses other parts of a number, and a caller who may not reveal', async () => {
    expect((await officer.get(`/api/v1/members?orgCode=${union}&idNumber=${tail.slice(1)}`)).json().errors[0].code).toBe('id_number_partial');
    expect((await officer.get(`/api/v1/members?orgCode=${union}&idNumber=${idNumber.slice(-8)}`)).json().errors[0].code).toBe('id_number_partial');
    const masked = await viewer.get(`/api/v1/members?orgCode=${union}&idNumber=${tail}`);
    expect(masked.statusCode).toBe(403);
  });

  it('finds the member within the union, masked to the last four, and audits the search like a whole number', async () => {
    const found = (await officer.get(`/api/v1/members?orgCode=${union}&idNumber=${tail}`)).json();
    expect(names(found)).toEqual(['尾号甲']);
    expect(found.items[0].idNumber).toBe(`**************${idNumber.slice(-4)}`);
    expect(JSON.stringify(found)).not.toContain(tail);
    expect(names((await officer.get(`/api/v1/members?orgCode=${otherUnion}&idNumber=${tail}`)).json())).toEqual([]);
    const { rows } = await sql<{ after: unknown }>`SELECT after FROM audit_events WHERE action = 'search' AND entity = 'member' ORDER BY id DESC LIMIT 1`.execute(test.platform.db);
    expect(rows[0]!.after).toEqual({ by: ['idNumber'] });
  });

  it('finds people the import stored, by either of its paths', async () => {
    const [first, second, third] = [makeIdNumber(), makeIdNumber(), makeIdNumber()];
    // All new: copied straight into workers.
    const fresh = await upload(officer, `/api/v1/members/import?intoOrgCode=${union}`, `姓名,身份证号,户籍,入会日期\n导入甲,${first},城镇,2012-03-01\n导入乙,${second},农村,2012-03-01\n`);
    expect(fresh.statusCode).toBe(202);
    await test.platform.jobs.runOnce();
    // One known: the careful path, whose INSERT … SELECT stores the new one.
    const mixed = await upload(officer, `/api/v1/members/import?intoOrgCode=${union}`, `姓名,身份证号,户籍,入会日期\n导入甲,${first},城镇,2012-03-01\n导入丙,${third},城镇,2013-04-01\n`);
    expect(mixed.statusCode).toBe(202);
    await test.platform.jobs.runOnce();
    for (const [name, number] of [['导入甲', first], ['导入乙', second], ['导入丙', third]] as const) {
      expect(names((await officer.get(`/api/v1/members?orgCode=${union}&idNumber=${number.slice(-6).toLowerCase()}`)).json())).toEqual([name]);
    }
  });

  it('finds people stored before the column existed once the start has filled it in', async () => {
    await sql`UPDATE workers SET id_number_tail_hash = NULL`.execute(test.platform.db);
    expect(names((await officer.get(`/api/v1/members?orgCode=${union}&idNumber=${tail}`)).json())).toEqual([]);
    const lines: string[] = [];
    await fillIdNumberTails({ db: test.platform.db, cipher: test.platform.cipher, log: (line) => lines.push(line) });
    expect(lines).toEqual([expect.stringMatching(/^members: the last six characters of \d+ ID numbers hashed/)]);
    expect(names((await officer.get(`/api/v1/members?orgCode=${union}&idNumber=${tail}`)).json())).toEqual(['尾号甲']);
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM workers WHERE id_number_tail_hash IS NULL`.execute(test.platform.db);
    expect(rows[0]!.n).toBe(0);
  });
});
