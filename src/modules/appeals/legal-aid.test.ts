import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAggregates } from '../../core/indicators/aggregates.ts';
import { computeFigure } from '../../core/indicators/engine.ts';
import { wholeTree } from '../../core/scope.ts';
import { findOrgAnywhere } from '../../core/tree.ts';
import { databaseDigest } from '../../test/digest.ts';
import { createTestPlatform, makeUser, type Client, type TestPlatform } from '../../test/platform.ts';
import { makeTownship, makeUnion } from '../org/testing.ts';
import { makeAppeal } from './testing.ts';

let test: TestPlatform;
let officer: Client;
let viewer: Client;
let sibling: Client;
let cityOfficer: Client;
let township: { code: string };
let union: { code: string };

beforeAll(async () => {
  test = await createTestPlatform();
  officer = await test.login((await makeUser(test, '220102', 'operator')).username);
  viewer = await test.login((await makeUser(test, '220102', 'viewer')).username);
  sibling = await test.login((await makeUser(test, '220103', 'admin')).username);
  cityOfficer = await test.login((await makeUser(test, '220100', 'operator')).username);
  township = await makeTownship(test, '220102', '援助测试街道工会');
  union = (await makeUnion(test, township.code, '援助测试机械厂工会')).union;
});
afterAll(() => test?.close());

const year = new Date().getFullYear();
const db = () => test.platform.db;
const aidCount = async (code: string, column: 'legal_aid_federations' | 'recovered_fen', y: number) => {
  const org = (await findOrgAnywhere(db(), code))!;
  const { rows } = await sql<{ n: string | null }>`SELECT ${sql.ref(column)}::text AS n FROM appeal_aid_counts WHERE org_id = ${org.id} AND year = ${y}`.execute(db());
  return Number(rows[0]?.n ?? 0);
};
const figure = async (code: string, orgCode: string, y: number) => (await computeFigure(db(), wholeTree, code, (await findOrgAnywhere(db(), orgCode))!.id, y)).value;
const base = '/api/v1/appeals/legal-aid';

let institutionId: number;
let lawyerId: number;

describe('legal-aid institutions', () => {
  it('a county federation sets up one, counted in its established year in the same transaction, with its audit row', async () => {
    expect((await viewer.post(`${base}/institutions`, { orgCode: '220102', name: '南关区总工会法律援助中心', establishedOn: '2010-03-01' })).statusCode).toBe(403);
    const created = await officer.post(`${base}/institutions`, { orgCode: '220102', name: '南关区总工会法律援助中心', establishedOn: '2010-03-01' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ orgCode: '220102', orgLevel: 'county', establishedOn: '2010-03-01', lawyers: 0, abilities: { update: true, addStaff: true, takeCase: true } });
    expect(created.json().history).toEqual([expect.objectContaining({ action: 'create', entity: 'appeals.legal_aid_institution' })]);
    institutionId = created.json().id;
    expect(await aidCount('220102', 'legal_aid_federations', 2010)).toBe(1);
    expect(await aidCount('220000', 'legal_aid_federations', 2010)).toBe(1);
    expect(await figure('appeals.legal_aid_institution_rate', '220102', 2011)).toBe(1);
    expect(await figure('appeals.legal_aid_institution_rate', '220102', 2009)).toBe(0);
  });

  it('refuses a second one for the federation, and one at a township or grassroots union, with field reasons, changing nothing', async () => {
    const before = await databaseDigest(db());
    const second = await officer.post(`${base}/institutions`, { orgCode: '220102', name: '第二个援助中心', establishedOn: '2012-01-01' });
    expect(second.statusCode).toBe(400);
    expect(second.json().errors).toEqual([expect.objectContaining({ path: 'orgCode', code: 'institution_exists', message: '该总工会已设立法律援助机构' })]);
    for (const orgCode of [township.code, union.code]) {
      const refused = await officer.post(`${base}/institutions`, { orgCode, name: '基层援助中心', establishedOn: '2012-01-01' });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().errors).toEqual([expect.objectContaining({ path: 'orgCode', code: 'not_a_federation' })]);
    }
    const bad = await officer.post(`${base}/institutions`, { orgCode: '220102', name: '', establishedOn: '2012-02-30' });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['name', 'establishedOn']));
    // A sibling county cannot set one up for this county, nor read or edit this one.
    expect((await sibling.post(`${base}/institutions`, { orgCode: '220102', name: '越权', establishedOn: '2012-01-01' })).statusCode).toBe(400);
    expect((await sibling.get(`${base}/institutions/${institutionId}`)).statusCode).toBe(404);
    expect((await sibling.patch(`${base}/institutions/${institutionId}`, { name: '越权' })).statusCode).toBe(404);
    expect((await sibling.get(`${base}/institutions`)).json().items).toEqual([]);
    expect(await databaseDigest(db())).toBe(before);
  });

  it('editing the established date moves its count to the new year', async () => {
    const edited = await officer.patch(`${base}/institutions/${institutionId}`, { establishedOn: '2008-09-01' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().history.map((e: { action: string }) => e.action)).toEqual(['update', 'create']);
    expect(await aidCount('220102', 'legal_aid_federations', 2010)).toBe(0);
    expect(await aidCount('220102', 'legal_aid_federations', 2008)).toBe(1);
    expect(await figure('appeals.legal_aid_institution_rate', '220102', 2009)).toBe(1);
    const listed = (await cityOfficer.get(`${base}/institutions?orgCode=220102`)).json();
    expect(listed.items.map((i: { id: number }) => i.id)).toEqual([institutionId]);
  });
});

describe('lawyers and volunteers', () => {
  it('are sealed, and shown masked', async () => {
    const added = await officer.post(`${base}/institutions/${institutionId}/staff`, { kind: 'lawyer', name: '张建国', phone: '13904311234' });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({ kind: 'lawyer', name: '张**', phone: expect.not.stringContaining('13904311234') });
    lawyerId = added.json().id;
    const stored = await sql<{ n: number }>`SELECT count(*)::int AS n FROM legal_aid_staff WHERE convert_from(name_cipher, 'LATIN1') LIKE '%张建国%'`.execute(db());
    expect(stored.rows[0]!.n).toBe(0);
    const list = await viewer.get(`${base}/institutions/${institutionId}/staff`);
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain('张建国');
    expect(list.body).not.toContain('13904311234');
    expect(list.json().items).toEqual([expect.objectContaining({ id: lawyerId, name: '张**' })]);
    const audit = await sql<{ after: unknown }>`SELECT after FROM audit_events WHERE entity = 'appeals.legal_aid_staff'`.execute(db());
    expect(JSON.stringify(audit.rows)).not.toContain('张建国');
    expect((await officer.get(`${base}/institutions/${institutionId}`)).json().lawyers).toBe(1);
  });

  it('bad input and other roles and scopes: refused, nothing stored', async () => {
    const before = await databaseDigest(db());
    const bad = await officer.post(`${base}/institutions/${institutionId}/staff`, { kind: 'judge', name: '', phone: '12345' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['kind', 'name', 'phone']));
    expect((await viewer.post(`${base}/institutions/${institutionId}/staff`, { kind: 'volunteer', name: '李四' })).statusCode).toBe(403);
    expect((await sibling.post(`${base}/institutions/${institutionId}/staff`, { kind: 'volunteer', name: '李四' })).statusCode).toBe(404);
    expect((await sibling.get(`${base}/institutions/${institutionId}/staff`)).statusCode).toBe(404);
    expect(await databaseDigest(db())).toBe(before);
  });

  it('show their name and phone in full to staff who may reveal, each look audited; others 403, another scope 404', async () => {
    const path = `${base}/institutions/${institutionId}/staff/${lawyerId}/reveal`;
    expect((await officer.get(`${base}/institutions/${institutionId}/staff`)).json().items[0].abilities).toEqual({ reveal: true });
    expect((await viewer.get(`${base}/institutions/${institutionId}/staff`)).json().items[0].abilities).toEqual({ reveal: false });
    const before = await databaseDigest(db());
    expect((await viewer.post(path)).statusCode).toBe(403);
    expect((await sibling.post(path)).statusCode).toBe(404);
    expect((await officer.post(`${base}/institutions/${institutionId}/staff/99999/reveal`)).statusCode).toBe(404);
    expect(await databaseDigest(db())).toBe(before);
    const shown = await officer.post(path);
    expect(shown.statusCode, shown.body).toBe(200);
    expect(shown.json()).toEqual({ name: '张建国', phone: '13904311234' });
    const audit = await sql<{ action: string; entity_id: string; after: unknown }>`SELECT action, entity_id, after FROM audit_events WHERE entity = 'appeals.legal_aid_staff' AND action = 'reveal'`.execute(db());
    expect(audit.rows).toEqual([{ action: 'reveal', entity_id: String(lawyerId), after: { fields: ['name', 'phone'] } }]);
  });
});

describe('legal-aid cases', () => {
  let caseId: number;
  let appealId: number;

  it('are taken on for an appeal of the scope, one open at a time, with a line on the appeal timeline', async () => {
    appealId = (await makeAppeal(test, '220102')).id;
    expect((await viewer.post(`${base}/cases`, { institutionId, appealId })).statusCode).toBe(403);
    const taken = await officer.post(`${base}/cases`, { institutionId, appealId, staffId: lawyerId, note: '指派律师' });
    expect(taken.statusCode, taken.body).toBe(201);
    expect(taken.json()).toMatchObject({ institutionId, appealId, status: 'accepted', staffName: '张**', recoveredFen: 0, outcome: null, abilities: { assign: true, close: true } });
    caseId = taken.json().id;
    expect((await officer.post(`${base}/cases`, { institutionId, appealId })).statusCode).toBe(409);
    const appeal = (await officer.get(`/api/v1/appeals/${appealId}`)).json();
    expect(appeal.timeline.map((e: { step: string }) => e.step)).toContain('legalAidTaken');
  });

  it('a sibling county gets 404 for the appeal, the case and its steps', async () => {
    const siblingAppeal = (await makeAppeal(test, '220103')).id;
    // This county's officer and a case of the sibling: not found.
    expect((await officer.post(`${base}/cases`, { institutionId, appealId: siblingAppeal })).statusCode).toBe(404);
    expect((await sibling.post(`${base}/cases`, { institutionId, appealId })).statusCode).toBe(404);
    expect((await sibling.get(`${base}/cases/${caseId}`)).statusCode).toBe(404);
    expect((await sibling.post(`${base}/cases/${caseId}/close`, { outcome: 'won', recoveredFen: 100 })).statusCode).toBe(404);
    expect((await sibling.post(`${base}/cases/${caseId}/assign`, { staffId: lawyerId })).statusCode).toBe(404);
    expect((await sibling.get(`${base}/cases`)).json().items).toEqual([]);
    expect((await officer.post(`${base}/cases/999999/close`, { outcome: 'won', recoveredFen: 1 })).statusCode).toBe(404);
  });

  it('a city case reaches a county institution only when referred to legal aid', async () => {
    const cityAppeal = (await makeAppeal(test, '220100', { placeCode: '220102' })).id;
    const refused = await cityOfficer.post(`${base}/cases`, { institutionId, appealId: cityAppeal });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([expect.objectContaining({ path: 'appealId', code: 'not_referred' })]);
    // The county cannot see the city's case at all.
    expect((await officer.post(`${base}/cases`, { institutionId, appealId: cityAppeal })).statusCode).toBe(404);
    const referred = (await makeAppeal(test, '220100', { placeCode: '220102', kind: 'legal_aid' })).id;
    const taken = await cityOfficer.post(`${base}/cases`, { institutionId, appealId: referred });
    expect(taken.statusCode, taken.body).toBe(201);
  });

  it('bad input on close: 400 with field reasons, database unchanged', async () => {
    const before = await databaseDigest(db());
    for (const body of [{ outcome: 'won', recoveredFen: -1 }, { outcome: 'won', recoveredFen: 12.5 }, { outcome: 'draw', recoveredFen: 0 }, { outcome: 'won' }]) {
      const bad = await officer.post(`${base}/cases/${caseId}/close`, body);
      expect(bad.statusCode, JSON.stringify(body)).toBe(400);
      expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    const unknownStaff = await officer.post(`${base}/cases/${caseId}/assign`, { staffId: 999999 });
    expect(unknownStaff.statusCode).toBe(400);
    expect(unknownStaff.json().errors).toEqual([expect.objectContaining({ path: 'staffId', code: 'unknown_staff' })]);
    expect((await viewer.post(`${base}/cases/${caseId}/close`, { outcome: 'won', recoveredFen: 1 })).statusCode).toBe(403);
    expect(await databaseDigest(db())).toBe(before);
  });

  it('closes once with its outcome and amount, counted in the close year; a second close or assign is a 409', async () => {
    const closed = await officer.post(`${base}/cases/${caseId}/close`, { outcome: 'won', recoveredFen: 12_345_678, note: '仲裁胜诉，已执行' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', outcome: 'won', recoveredFen: 12_345_678, closedOn: expect.any(String), abilities: { assign: false, close: false } });
    expect(closed.json().history.map((e: { action: string }) => e.action)).toEqual(['close', 'take']);
    expect((await officer.post(`${base}/cases/${caseId}/close`, { outcome: 'lost', recoveredFen: 0 })).statusCode).toBe(409);
    expect((await officer.post(`${base}/cases/${caseId}/assign`, { staffId: lawyerId })).statusCode).toBe(409);
    expect(await aidCount('220102', 'recovered_fen', year)).toBe(12_345_678);
    expect(await figure('appeals.amount_recovered', '220102', year)).toBe(123_456.78);
    expect(await figure('appeals.amount_recovered', '220000', year)).toBe(123_456.78);
    const appeal = (await officer.get(`/api/v1/appeals/${appealId}`)).json();
    expect(appeal.timeline.map((e: { step: string }) => e.step)).toEqual(expect.arrayContaining(['legalAidTaken', 'legalAidClosed']));
    const listed = (await officer.get(`${base}/cases?status=closed`)).json();
    expect(listed.items.map((c: { id: number }) => c.id)).toEqual([caseId]);
  });

  it('`aggregates check` finds no difference after the writes', async () => {
    expect((await checkAggregates(db())).filter((d) => d.table === 'appeal_aid_counts')).toEqual([]);
  });
});
