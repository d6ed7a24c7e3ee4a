import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, makeUser, type Client, type TestPlatform } from '../../test/platform.ts';
import { makeUnion } from '../org/testing.ts';
import { makeIdNumber, makeMember } from './testing.ts';

/**
 * Whoever may add members could learn whether an ID number exists anywhere in the province, and under which name,
 * from the 409s and the import's reasons. Outside the caller's scope there is now one answer whatever is wrong, and
 * such refusals are audited and limited (KNOWN_ELSEWHERE_PER_HOUR, 3 here).
 */

let test: TestPlatform;
let unionA: { code: string; name: string };
let unionB: { code: string; name: string };
const kept = makeIdNumber();
const kept2 = makeIdNumber();

beforeAll(async () => {
  test = await createTestPlatform({ knownElsewherePerHour: 3 });
  unionA = (await makeUnion(test, '220102', '南关探号工会')).union;
  unionB = (await makeUnion(test, '220103', '宽城保密工会')).union;
  await makeMember(test, unionB.code, '秦保密', { idNumber: kept });
  await makeMember(test, unionB.code, '秦另一', { idNumber: kept2 });
});
afterAll(() => test?.close());

const officer = async () => test.login((await makeUser(test, '220102', 'operator')).username);
const add = (client: Client, idNumber: string, extra: Record<string, unknown> = {}) =>
  client.post('/api/v1/members', { orgCode: unionA.code, name: '秦保密', idNumber, household: 'urban', joinedOn: '2012-03-01', ...extra });
const refusals = async (username: string) =>
  (await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_events WHERE action = 'refuse_known_elsewhere' AND actor_name = ${username}`.execute(test.platform.db)).rows[0]!.n;

function importCsv(client: Client, csv: string) {
  const boundary = '----qiaoliang-known-elsewhere';
  const body = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="probe.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`);
  return client.request('POST', `/api/v1/members/import?intoOrgCode=${unionA.code}`, body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
}

describe('an ID number kept outside the scope', () => {
  it('gets one answer for a wrong name and for the right one, naming neither the person nor the union', async () => {
    const client = await officer();
    const wrongName = await add(client, kept, { name: '秦猜错' });
    const rightName = await add(client, kept);
    for (const response of [wrongName, rightName]) {
      expect(response.statusCode).toBe(409);
      expect(response.json().messageKey).toBe('members.known_elsewhere');
      expect(response.body).not.toMatch(/宽城|秦保密/);
    }
    expect(wrongName.json().detail).toBe(rightName.json().detail);
    expect(await refusals(client.username)).toBe(2);
  });

  it('stops all of a caller’s additions for the hour once they have had the limit of such refusals', async () => {
    const client = await officer();
    for (let i = 0; i < 3; i++) expect((await add(client, kept, { name: `秦猜${i}` })).statusCode).toBe(409);
    // A number nobody has would be added; refused as well, the answer tells nothing.
    const fresh = await add(client, makeIdNumber());
    expect(fresh.statusCode).toBe(429);
    expect(fresh.json().messageKey).toBe('members.too_many_refusals');
    expect((await add(client, kept)).statusCode).toBe(429);
    expect(await refusals(client.username)).toBe(3);
    // Another officer's hour is their own.
    expect((await add(await officer(), makeIdNumber())).statusCode).toBe(201);
  });

  it('still tells a caller about people of their own scope', async () => {
    const client = await officer();
    const own = makeIdNumber();
    await makeMember(test, unionA.code, '南关本人', { idNumber: own });
    expect((await client.post('/api/v1/members', { orgCode: unionA.code, name: '南关别名', idNumber: own, household: 'urban', joinedOn: '2012-03-01' })).json().messageKey).toBe('members.name_mismatch');
    expect(await refusals(client.username)).toBe(0);
  });

  it('gives an import one reason for such rows, audits each, and stops an import past the limit', async () => {
    const client = await officer();
    const csv = (rows: string[]) => `姓名,身份证号,户籍,入会日期\n${rows.join('\n')}\n`;
    const first = await importCsv(client, csv([`秦猜错,${kept},城镇,2012-03-01`, `秦另一,${kept2},城镇,2012-03-01`, `新人甲,${makeIdNumber()},城镇,2012-03-01`]));
    await test.platform.jobs.runOnce();
    const job = (await client.get(`/api/v1/jobs/${first.json().jobId}`)).json();
    expect(job).toMatchObject({ status: 'succeeded', result: { imported: 1, rejected: 2 } });
    const reasons = job.result.rejectedSample.map((row: { reason: string }) => row.reason);
    expect(reasons[0]).toBe(reasons[1]);
    expect(reasons.join()).not.toMatch(/宽城|秦保密|秦另一/);
    expect(await refusals(client.username)).toBe(2);

    // One more such row than the hour has left (one): the chunk rolls back and the job stops, saying why.
    const second = await importCsv(client, csv([`新人乙,${makeIdNumber()},城镇,2012-03-01`, `秦一,${kept},城镇,2012-03-01`, `秦另一,${kept2},城镇,2012-03-01`]));
    await test.platform.jobs.runOnce();
    const stopped = (await client.get(`/api/v1/jobs/${second.json().jobId}`)).json();
    expect(stopped).toMatchObject({ status: 'failed', error: { messageKey: 'members.import.too_many_known_elsewhere' } });
    expect((await client.get('/api/v1/members?q=%E6%96%B0%E4%BA%BA%E4%B9%99')).json().items).toEqual([]);
    expect(await refusals(client.username)).toBe(2);
  });
});
