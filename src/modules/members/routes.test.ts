import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wholeTree } from '../../core/scope.ts';
import { createTestPlatform, makeUser, type Client, type TestPlatform } from '../../test/platform.ts';
import { makeUnion } from '../org/testing.ts';
import { makeIdNumber } from './testing.ts';
import { computeFigures } from '../../core/indicators/engine.ts';

let test: TestPlatform;
let nanguanOfficer: Client;
let kuanchengOfficer: Client;
let changchunViewer: Client;
let nanguanViewer: Client;
let nanguanUnion: string;
let secondNanguanUnion: string;
let kuanchengUnion: string;

beforeAll(async () => {
  test = await createTestPlatform();
  nanguanUnion = (await makeUnion(test, '220102', '南关机械厂工会')).union.code;
  secondNanguanUnion = (await makeUnion(test, '220102', '南关纺织厂工会')).union.code;
  kuanchengUnion = (await makeUnion(test, '220103', '宽城汽配厂工会')).union.code;
  nanguanOfficer = await test.login((await makeUser(test, '220102', 'operator')).username);
  kuanchengOfficer = await test.login((await makeUser(test, '220103', 'operator')).username);
  changchunViewer = await test.login((await makeUser(test, '220100', 'viewer')).username);
  nanguanViewer = await test.login((await makeUser(test, '220102', 'viewer')).username);
});
afterAll(() => test?.close());

const member = (orgCode: string, idNumber: string, extra: Record<string, unknown> = {}) => ({ orgCode, name: '王秀兰', idNumber, phone: '139 0431 2345', household: 'rural', joinedOn: '2010-05-04', ...extra });

/** The counts over a subtree recomputed from the memberships themselves, to hold the kept counts against. */
async function recount(orgCode: string, year: number) {
  const { rows } = await sql<{ members: number; women: number; migrant: number; new_members: number }>`
    SELECT count(*) FILTER (WHERE m.joined_on <= make_date(${year}, 12, 31) AND (m.ended_on IS NULL OR m.ended_on > make_date(${year}, 12, 31)))::int AS members,
           count(*) FILTER (WHERE w.gender = 'female' AND m.joined_on <= make_date(${year}, 12, 31) AND (m.ended_on IS NULL OR m.ended_on > make_date(${year}, 12, 31)))::int AS women,
           count(*) FILTER (WHERE w.household = 'rural' AND m.joined_on <= make_date(${year}, 12, 31) AND (m.ended_on IS NULL OR m.ended_on > make_date(${year}, 12, 31)))::int AS migrant,
           count(*) FILTER (WHERE extract(year FROM m.joined_on) = ${year})::int AS new_members
    FROM memberships m JOIN workers w ON w.id = m.worker_id JOIN orgs o ON o.id = m.org_id
    WHERE o.path <@ (SELECT path FROM orgs WHERE code = ${orgCode})`.execute(test.platform.db);
  return rows[0]!;
}

/** The same figures from the indicator engine, which reads only the kept counts. */
async function keptCounts(orgCode: string, year: number) {
  const id = Number((await sql<{ id: number }>`SELECT id FROM orgs WHERE code = ${orgCode}`.execute(test.platform.db)).rows[0]!.id);
  const figures = await computeFigures(test.platform.db, wholeTree, { codes: ['org.members', 'members.women', 'members.migrant_workers', 'org.new_members'], orgIds: [id], years: [year] });
  const value = (code: string) => figures(code, id, year).numerator;
  return { members: value('org.members'), women: value('members.women'), migrant: value('members.migrant_workers'), new_members: value('org.new_members') };
}

describe('the member roster', () => {
  it('adds a member with birth date and gender read from the ID number, shown masked, stored encrypted', async () => {
    const idNumber = makeIdNumber('female');
    const response = await nanguanOfficer.post('/api/v1/members', member(nanguanUnion, idNumber));
    expect(response.statusCode).toBe(201);
    const view = response.json();
    expect(view).toMatchObject({ name: '王秀兰', gender: 'female', migrant: true, orgCode: nanguanUnion, active: true, phone: '139****2345' });
    expect(view.birthYear).toBe(Number(idNumber.slice(6, 10)));
    expect(view.idNumber).toBe(`**************${idNumber.slice(-4)}`);
    const raw = await sql<{ row: string }>`SELECT w::text AS row FROM workers w`.execute(test.platform.db);
    expect(raw.rows.some((row) => row.row.includes(idNumber) || row.row.includes('13904312345'))).toBe(false);
    const audit = (await nanguanOfficer.get(`/api/v1/audit?entity=member&entityId=${view.id}`)).json();
    expect(JSON.stringify(audit)).not.toContain(idNumber);
  });

  it('explains an ID number that Excel turned into a number, and other bad ones, by field', async () => {
    const response = await nanguanOfficer.request('POST', '/api/v1/members', member(nanguanUnion, '2.20102E+17'), { 'accept-language': 'en' });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([expect.objectContaining({ path: 'idNumber', code: 'id_number_scientific_notation', message: expect.stringContaining('scientific notation') })]);
    const phone = await nanguanOfficer.post('/api/v1/members', member(nanguanUnion, makeIdNumber(), { phone: '12345' }));
    expect(phone.json().errors).toEqual([expect.objectContaining({ path: 'phone', code: 'invalid_phone' })]);
    const union = await nanguanOfficer.post('/api/v1/members', member('220102', makeIdNumber()));
    expect(union.json().errors).toEqual([expect.objectContaining({ path: 'orgCode', code: 'not_grassroots' })]);
  });

  it('keeps one person once: the same ID number elsewhere is a transfer or a declared second job', async () => {
    const idNumber = makeIdNumber();
    expect((await nanguanOfficer.post('/api/v1/members', member(nanguanUnion, idNumber))).statusCode).toBe(201);
    const again = await nanguanOfficer.post('/api/v1/members', member(nanguanUnion, idNumber));
    expect(again.statusCode).toBe(409);
    expect(again.json().messageKey).toBe('members.already_member');
    const elsewhere = await nanguanOfficer.post('/api/v1/members', member(secondNanguanUnion, idNumber));
    expect(elsewhere.json()).toMatchObject({ status: 409, messageKey: 'members.member_of' });
    expect(elsewhere.json().detail).toContain('南关机械厂工会');
    // Another county is told only that the number cannot be registered there: not where, nor whether the name is right.
    const otherCounty = await kuanchengOfficer.post('/api/v1/members', member(kuanchengUnion, idNumber));
    expect(otherCounty.json().messageKey).toBe('members.known_elsewhere');
    expect(otherCounty.body).not.toContain('南关');
    const secondJob = await nanguanOfficer.post('/api/v1/members', member(secondNanguanUnion, idNumber, { secondJob: true }));
    expect(secondJob.statusCode).toBe(201);
    const wrongName = await kuanchengOfficer.post('/api/v1/members', member(kuanchengUnion, idNumber, { name: '张冒名', secondJob: true }));
    expect(wrongName.json().messageKey).toBe('members.known_elsewhere');
  });

  it('finds members by exact ID number or phone through the keyed hash, and by name', async () => {
    const idNumber = makeIdNumber();
    await nanguanOfficer.post('/api/v1/members', member(nanguanUnion, idNumber, { name: '李建国', phone: '13812345678' }));
    const byId = (await nanguanOfficer.get(`/api/v1/members?idNumber=${idNumber.toLowerCase()}`)).json();
    expect(byId.items.map((item: { name: string }) => item.name)).toEqual(['李建国']);
    const byPhone = (await nanguanOfficer.get('/api/v1/members?phone=138-1234-5678')).json();
    expect(byPhone.items.map((item: { name: string }) => item.name)).toEqual(['李建国']);
    const byName = (await nanguanViewer.get(`/api/v1/members?q=${encodeURIComponent('建国')}`)).json();
    expect(byName.items.map((item: { name: string }) => item.name)).toEqual(['李建国']);
    expect((await kuanchengOfficer.get(`/api/v1/members?idNumber=${idNumber}`)).json().items).toEqual([]);
  });

  it('reveals an ID number in full to those who may, and audits each look', async () => {
    const idNumber = makeIdNumber();
    const created = (await nanguanOfficer.post('/api/v1/members', member(nanguanUnion, idNumber))).json();
    expect((await nanguanViewer.post(`/api/v1/members/${created.id}/reveal`, { field: 'idNumber' })).statusCode).toBe(403);
    const revealed = await nanguanOfficer.post(`/api/v1/members/${created.id}/reveal`, { field: 'idNumber' });
    expect(revealed.json()).toEqual({ field: 'idNumber', value: idNumber });
    const history = (await nanguanOfficer.get(`/api/v1/audit?entity=member&entityId=${created.id}`)).json();
    expect(history.items.map((event: { action: string }) => event.action)).toEqual(['reveal', 'create']);
  });

  it('moves a member between counties by transfer, seen by both sides and the city above', async () => {
    const created = (await nanguanOfficer.post('/api/v1/members', member(nanguanUnion, makeIdNumber(), { name: '赵转移' }))).json();
    const requested = await nanguanOfficer.post(`/api/v1/members/${created.id}/transfer`, { toOrgCode: kuanchengUnion, requestedOn: '2012-06-01' });
    expect(requested.statusCode).toBe(201);
    const transfer = requested.json();
    expect(transfer).toMatchObject({ status: 'pending', fromOrgCode: nanguanUnion, toOrgCode: kuanchengUnion, abilities: { accept: false, cancel: true } });
    const incoming = (await kuanchengOfficer.get('/api/v1/transfers?direction=incoming')).json();
    expect(incoming.items).toEqual([expect.objectContaining({ id: transfer.id, memberName: '赵转移', abilities: { accept: true, reject: true, cancel: false } })]);
    expect((await changchunViewer.get('/api/v1/transfers')).json().items.map((item: { id: number }) => item.id)).toContain(transfer.id);
    // Only the destination decides.
    expect((await nanguanOfficer.post(`/api/v1/transfers/${transfer.id}/accept`, { decidedOn: '2012-06-10' })).statusCode).toBe(403);
    const accepted = await kuanchengOfficer.post(`/api/v1/transfers/${transfer.id}/accept`, { decidedOn: '2012-06-10' });
    expect(accepted.json()).toMatchObject({ status: 'accepted', decidedOn: '2012-06-10' });
    const old = (await nanguanOfficer.get(`/api/v1/members/${created.id}`)).json();
    expect(old).toMatchObject({ endedOn: '2012-06-10', endReason: 'transferred', active: false });
    const now = (await kuanchengOfficer.get('/api/v1/members?q=%E8%B5%B5%E8%BD%AC%E7%A7%BB')).json();
    expect(now.items).toEqual([expect.objectContaining({ orgCode: kuanchengUnion, joinedOn: '2012-06-10', active: true })]);
    expect((await kuanchengOfficer.post(`/api/v1/transfers/${transfer.id}/accept`, { decidedOn: '2012-06-10' })).statusCode).toBe(409);
  });

  it('ends a membership, and the kept counts equal a count of the records for every subtree and year', async () => {
    const created = (await nanguanOfficer.post('/api/v1/members', member(nanguanUnion, makeIdNumber('female'), { name: '孙退休', joinedOn: '2009-01-15' }))).json();
    expect((await nanguanOfficer.post(`/api/v1/members/${created.id}/end`, { endedOn: '2011-12-31', reason: 'retired' })).json()).toMatchObject({ endReason: 'retired', active: false });
    expect((await nanguanOfficer.post(`/api/v1/members/${created.id}/end`, { endedOn: '2012-01-31', reason: 'left' })).statusCode).toBe(409);
    const edited = (await nanguanOfficer.post('/api/v1/members', member(nanguanUnion, makeIdNumber(), { name: '钱改户', household: 'urban' }))).json();
    await nanguanOfficer.patch(`/api/v1/members/${edited.id}`, { household: 'rural', joinedOn: '2011-02-01' });
    for (const orgCode of ['220000', '220100', '220102', '220103', nanguanUnion, kuanchengUnion]) {
      for (const year of [2008, 2009, 2010, 2011, 2012]) expect(await keptCounts(orgCode, year), `${orgCode} ${year}`).toEqual(await recount(orgCode, year));
    }
  });
});
