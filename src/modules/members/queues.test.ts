import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../core/actor.ts';
import { createTestPlatform, makeUser, type Client, type TestPlatform } from '../../test/platform.ts';
import { makeTownship, makeUnion } from '../org/testing.ts';
import { makeIdNumber, makeMember } from './testing.ts';
import { acceptTransfer, requestTransfer } from './transfers.ts';

/**
 * The members module's work queues, as GET /queues counts them for each user: transfers waiting for a decision in
 * the user's part of the tree (a county sees its unions' — supervision — and a union its own), and the imports of
 * the last 30 days that left rows out.
 */

let test: TestPlatform;
let county: Client;
let union: Client;
let sibling: Client;
let viewer: Client;
let destination: { code: string };
let transferIds: number[];

const queue = async (client: Client, code: string) => {
  const response = await client.get('/api/v1/queues');
  expect(response.statusCode).toBe(200);
  return (response.json() as { items: { module: string; code: string; title: string; count: number; href: string }[] }).items.find((item) => item.code === code);
};

beforeAll(async () => {
  test = await createTestPlatform();
  const township = await makeTownship(test, '220102', '队列街道工会');
  const source = (await makeUnion(test, township.code, '队列转出工会')).union;
  destination = (await makeUnion(test, township.code, '队列转入工会')).union;
  const db = test.platform.db;
  transferIds = [];
  for (const name of ['转会甲', '转会乙', '转会丙']) {
    const member = await makeMember(test, source.code, name, { idNumber: makeIdNumber() });
    transferIds.push((await requestTransfer(systemActor('test'), db, test.platform.cipher, member.id, destination.code, '2013-01-01')).id);
  }
  county = await test.login((await makeUser(test, '220102', 'operator')).username);
  union = await test.login((await makeUser(test, destination.code, 'reviewer')).username);
  sibling = await test.login((await makeUser(test, '220103', 'admin')).username);
  viewer = await test.login((await makeUser(test, '220102', 'viewer')).username);
});
afterAll(() => test?.close());

describe('members work queues', () => {
  it('counts the transfers waiting for a decision, for the destination union and the county above it, linked to the filtered list', async () => {
    expect(await queue(union, 'transfers_incoming')).toEqual({ module: 'members', code: 'transfers_incoming', title: '待决定的转入会员', count: 3, href: '/transfers?direction=incoming&status=pending' });
    expect((await queue(county, 'transfers_incoming'))?.count).toBe(3);
    expect((await queue(sibling, 'transfers_incoming'))?.count).toBe(0);
  });

  it('counts as of now: a decided transfer leaves the queue', async () => {
    await acceptTransfer(systemActor('test'), test.platform.db, test.platform.cipher, transferIds[0]!, '2013-02-01');
    expect((await queue(union, 'transfers_incoming'))?.count).toBe(2);
  });

  it('shows a queue only to the roles that work it, in their language', async () => {
    expect(await queue(viewer, 'transfers_incoming')).toBeUndefined();
    expect((await union.request('PUT', '/api/v1/me/locale', { locale: 'en' })).statusCode).toBe(200);
    expect((await queue(union, 'transfers_incoming'))?.title).toBe('Transfers in, waiting for a decision');
  });

  it('counts the imports of the last 30 days that left rows out, in the scope', async () => {
    expect((await queue(county, 'imports_rejected'))?.count).toBe(0);
    const csv = `姓名,身份证号,户籍,入会日期\n导入一,${makeIdNumber()},城镇,2012-03-01\n导入二,2.20102E+17,城镇,2012-03-01\n`;
    const boundary = '----qiaoliangqueue';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="roster.csv"\r\nContent-Type: text/csv\r\n\r\n`),
      Buffer.from(csv),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const upload = await county.request('POST', `/api/v1/members/import?intoOrgCode=${destination.code}`, body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
    expect(upload.statusCode).toBe(202);
    await test.platform.jobs.runOnce();
    expect(await queue(county, 'imports_rejected')).toMatchObject({ count: 1, href: '/members/import?recent=rejected' });
    expect((await queue(sibling, 'imports_rejected'))?.count).toBe(0);
  });
});
