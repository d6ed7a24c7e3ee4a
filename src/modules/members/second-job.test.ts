import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, makeUser, type Client, type TestPlatform } from '../../test/platform.ts';
import { makeUnion } from '../org/testing.ts';
import { makeIdNumber, makeMember } from './testing.ts';

/**
 * The review's case: an operator of county A who knows an ID number and the exact name adds a "second job"
 * membership for a person of county B, then reveals the phone B entered and edits the person's name, phone and
 * education. Now only the union of the person's principal membership (and the levels above it) changes the person;
 * A's membership reads them, shows no phone, and changes only its own job, date and card number.
 */

let test: TestPlatform;
let nanguan: Client; // county A
let kuancheng: Client; // county B, which keeps the person
let city: Client; // 长春, above both
let unionA: { code: string; name: string };
let unionB: { code: string; name: string };
const idNumber = makeIdNumber();
let principal: number;
let secondJob: number;

beforeAll(async () => {
  test = await createTestPlatform();
  unionA = (await makeUnion(test, '220102', '南关兼职工会')).union;
  unionB = (await makeUnion(test, '220103', '宽城主业工会')).union;
  nanguan = await test.login((await makeUser(test, '220102', 'operator')).username);
  kuancheng = await test.login((await makeUser(test, '220103', 'operator')).username);
  city = await test.login((await makeUser(test, '220100', 'operator')).username);
  principal = (await makeMember(test, unionB.code, '韩主业', { idNumber, phone: '13904317777', education: 'senior' })).id;
  const created = await nanguan.post('/api/v1/members', { orgCode: unionA.code, name: '韩主业', idNumber, phone: '13500000000', household: 'urban', joinedOn: '2012-05-01', secondJob: true });
  expect(created.statusCode).toBe(201);
  secondJob = created.json().id;
});
afterAll(() => test?.close());

const personRow = async () => (await sql<{ name: string; education: string | null; phone_hash: Buffer }>`SELECT w.name, w.education, w.phone_hash FROM workers w JOIN memberships m ON m.worker_id = w.id WHERE m.id = ${principal}`.execute(test.platform.db)).rows[0]!;

describe('a second job in another county reads the person, and does not change them', () => {
  it('shows the membership without the phone B entered, and says the person is kept elsewhere', async () => {
    const view = (await nanguan.get(`/api/v1/members/${secondJob}`)).json();
    expect(view).toMatchObject({ secondJob: true, keptElsewhere: true, phone: null, abilities: { update: true, updatePerson: false } });
    const listed = (await nanguan.get(`/api/v1/members?orgCode=${unionA.code}`)).json().items;
    expect(listed).toEqual([expect.objectContaining({ id: secondJob, phone: null, keptElsewhere: true })]);
    expect((await kuancheng.get(`/api/v1/members/${principal}`)).json()).toMatchObject({ keptElsewhere: false, phone: '139****7777', abilities: { updatePerson: true } });
    // The city above both keeps the person through either membership.
    expect((await city.get(`/api/v1/members/${secondJob}`)).json()).toMatchObject({ keptElsewhere: false, phone: '139****7777' });
  });

  it('reveals through it only what A entered: the ID number, not the phone', async () => {
    const phone = await nanguan.post(`/api/v1/members/${secondJob}/reveal`, { field: 'phone' });
    expect(phone.statusCode).toBe(403);
    expect(phone.json().messageKey).toBe('members.person_kept_elsewhere');
    expect(phone.body).not.toContain('13904317777');
    expect((await nanguan.post(`/api/v1/members/${secondJob}/reveal`, { field: 'idNumber' })).json()).toEqual({ field: 'idNumber', value: idNumber });
  });

  it('refuses A’s edits of the person’s name, phone and education, and takes its own membership’s', async () => {
    const before = await personRow();
    for (const change of [{ name: '韩被改' }, { phone: '13600000000' }, { education: 'doctor' }]) {
      const refused = await nanguan.patch(`/api/v1/members/${secondJob}`, change);
      expect(refused.statusCode, JSON.stringify(change)).toBe(403);
      expect(refused.json().messageKey).toBe('members.person_kept_elsewhere');
    }
    expect(await personRow()).toEqual(before);
    // The page sends the person's fields as they are with the membership's own: no change, no refusal.
    const own = await nanguan.patch(`/api/v1/members/${secondJob}`, { name: '韩主业', job: '夜班保安', cardNumber: 'NG-7' });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ job: '夜班保安', cardNumber: 'NG-7' });
    expect((await kuancheng.get(`/api/v1/members/${principal}`)).json()).toMatchObject({ name: '韩主业', education: 'senior', phone: '139****7777' });
  });

  it('B changes the person, and the change is in the trail of A’s membership too, without the phone', async () => {
    const changed = await kuancheng.patch(`/api/v1/members/${principal}`, { name: '韩改名', phone: '13904318888' });
    expect(changed.statusCode).toBe(200);
    const trail = (await nanguan.get(`/api/v1/audit?entity=member&entityId=${secondJob}`)).json();
    const event = trail.items.find((item: { action: string }) => item.action === 'update_person');
    expect(event).toMatchObject({ before: { name: '韩主业', phoneChanged: true }, after: { name: '韩改名', phoneChanged: true, via: principal } });
    expect(JSON.stringify(trail)).not.toMatch(/8888|7777/);
    expect((await nanguan.get(`/api/v1/members/${secondJob}`)).json().name).toBe('韩改名');
  });

  it('an import by A leaves the person’s phone and education as B keeps them', async () => {
    const before = await personRow();
    const boundary = '----qiaoliang-second-job';
    const csv = `姓名,身份证号,手机号,户籍,学历,入会日期,岗位\n韩改名,${idNumber},13711111111,城镇,博士,2012-05-01,白班保安\n`;
    const body = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`);
    const response = await nanguan.request('POST', `/api/v1/members/import?intoOrgCode=${unionA.code}`, body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
    expect(response.statusCode).toBe(202);
    await test.platform.jobs.runOnce();
    expect((await nanguan.get(`/api/v1/jobs/${response.json().jobId}`)).json()).toMatchObject({ status: 'succeeded', result: { rejected: 0 } });
    expect(await personRow()).toEqual(before);
    expect((await nanguan.get(`/api/v1/members/${secondJob}`)).json().job).toBe('白班保安');
  });

  it('an import by B that changes the person goes into the trail of A’s membership as well', async () => {
    const boundary = '----qiaoliang-second-job-b';
    const csv = `姓名,身份证号,手机号,户籍,学历,入会日期\n韩改名,${idNumber},13722222222,城镇,大专,2012-03-01\n`;
    const body = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="b.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`);
    const response = await kuancheng.request('POST', `/api/v1/members/import?intoOrgCode=${unionB.code}`, body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
    await test.platform.jobs.runOnce();
    const job = (await kuancheng.get(`/api/v1/jobs/${response.json().jobId}`)).json();
    expect(job).toMatchObject({ status: 'succeeded', result: { updated: 1 } });
    expect((await kuancheng.get(`/api/v1/members/${principal}`)).json()).toMatchObject({ education: 'college', phone: '137****2222' });
    const trail = (await nanguan.get(`/api/v1/audit?entity=member&entityId=${secondJob}`)).json();
    expect(trail.items).toContainEqual(expect.objectContaining({ action: 'update_person', after: { via: 'import', jobId: job.id } }));
  });
});
