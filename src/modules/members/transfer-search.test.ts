import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../core/actor.ts';
import { createTestPlatform, makeUser, type Client, type TestPlatform } from '../../test/platform.ts';
import { makeUnion } from '../org/testing.ts';
import { makeMember } from './testing.ts';
import { requestTransfer } from './transfers.ts';

let test: TestPlatform;
let nanguanOfficer: Client;
let nanguanViewer: Client;
let machinery: string;
let textiles: string;
let kuancheng: { code: string; name: string };

beforeAll(async () => {
  test = await createTestPlatform();
  machinery = (await makeUnion(test, '220102', '南关机械厂工会')).union.code;
  textiles = (await makeUnion(test, '220102', '南关纺织厂工会')).union.code;
  const other = (await makeUnion(test, '220103', '宽城汽配厂工会')).union;
  kuancheng = { code: other.code, name: other.name };
  nanguanOfficer = await test.login((await makeUser(test, '220102', 'operator')).username);
  nanguanViewer = await test.login((await makeUser(test, '220102', 'viewer')).username);
});
afterAll(() => test?.close());

describe('the union a member moves to, found by name', () => {
  it('refuses a caller who may not ask for a transfer, and an empty search', async () => {
    expect((await nanguanViewer.get('/api/v1/transfers/destinations?q=纺织')).statusCode).toBe(403);
    expect((await nanguanOfficer.get('/api/v1/transfers/destinations?q=')).statusCode).toBe(400);
  });

  it('finds a union of the county by part of its name or the start of its code', async () => {
    const byName = (await nanguanOfficer.get(`/api/v1/transfers/destinations?q=${encodeURIComponent('纺织')}`)).json();
    expect(byName.items.map((union: { code: string }) => union.code)).toEqual([textiles]);
    const byCode = (await nanguanOfficer.get(`/api/v1/transfers/destinations?q=${encodeURIComponent(machinery)}`)).json();
    expect(byCode.items[0]).toMatchObject({ code: machinery, name: '南关机械厂工会' });
  });

  it('finds a union of another county by its full name or code only', async () => {
    const part = (await nanguanOfficer.get(`/api/v1/transfers/destinations?q=${encodeURIComponent('汽配')}`)).json();
    expect(part.items).toEqual([]);
    const full = (await nanguanOfficer.get(`/api/v1/transfers/destinations?q=${encodeURIComponent(kuancheng.name)}`)).json();
    expect(full.items.map((union: { code: string }) => union.code)).toEqual([kuancheng.code]);
    const code = (await nanguanOfficer.get(`/api/v1/transfers/destinations?q=${kuancheng.code}`)).json();
    expect(code.items.map((union: { name: string }) => union.name)).toEqual([kuancheng.name]);
  });

  it('lists transfers waiting for a decision first, and finds them by the member or a union', async () => {
    const actor = systemActor('test');
    const first = await makeMember(test, machinery, '赵一');
    const second = await makeMember(test, machinery, '钱二');
    const decided = await requestTransfer(actor, test.platform.db, test.platform.cipher, first.id, textiles, '2013-01-01');
    await nanguanOfficer.post(`/api/v1/transfers/${decided.id}/cancel`);
    const pending = await requestTransfer(actor, test.platform.db, test.platform.cipher, second.id, textiles, '2013-01-01');
    const all = (await nanguanOfficer.get('/api/v1/transfers?direction=all')).json();
    expect(all.items[0]).toMatchObject({ id: pending.id, status: 'pending' });
    expect(all.items.map((transfer: { status: string }) => transfer.status)).toEqual(['pending', 'cancelled']);
    const byName = (await nanguanOfficer.get(`/api/v1/transfers?direction=all&q=${encodeURIComponent('赵一')}`)).json();
    expect(byName.items.map((transfer: { id: number }) => transfer.id)).toEqual([decided.id]);
    const byUnion = (await nanguanOfficer.get(`/api/v1/transfers?direction=all&q=${encodeURIComponent('纺织')}`)).json();
    expect(byUnion.items).toHaveLength(2);
  });

  it('puts a pending transfer before a newer decided one', async () => {
    const actor = systemActor('test');
    const older = await makeMember(test, textiles, '孙三');
    const newer = await makeMember(test, textiles, '李四');
    const waiting = await requestTransfer(actor, test.platform.db, test.platform.cipher, older.id, machinery, '2013-01-01');
    const withdrawn = await requestTransfer(actor, test.platform.db, test.platform.cipher, newer.id, machinery, '2013-01-01');
    await nanguanOfficer.post(`/api/v1/transfers/${withdrawn.id}/cancel`);
    const ids = (await nanguanOfficer.get(`/api/v1/transfers?direction=all&q=${encodeURIComponent('南关机械厂工会')}`)).json().items.map((transfer: { id: number }) => transfer.id);
    expect(ids.indexOf(waiting.id)).toBeLessThan(ids.indexOf(withdrawn.id));
  });
});
