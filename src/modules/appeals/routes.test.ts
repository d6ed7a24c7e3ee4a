import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, makeUser, type Client, type TestPlatform } from '../../test/platform.ts';
import { makeIdNumber } from '../members/testing.ts';
import { makeAppeal, makeAppealIn } from './testing.ts';

let test: TestPlatform;
let officer: Client;
let reviewer: Client;
let viewer: Client;
let cityReviewer: Client;
let sibling: Client;
let handlerId: number;

beforeAll(async () => {
  test = await createTestPlatform();
  const operator = await makeUser(test, '220102', 'operator');
  handlerId = operator.id;
  officer = await test.login(operator.username);
  reviewer = await test.login((await makeUser(test, '220102', 'reviewer')).username);
  viewer = await test.login((await makeUser(test, '220102', 'viewer')).username);
  cityReviewer = await test.login((await makeUser(test, '220100', 'reviewer')).username);
  sibling = await test.login((await makeUser(test, '220103', 'admin')).username);
});
afterAll(() => test?.close());

const post = (client: Client, id: number, step: string, body: unknown = {}, language = 'zh-CN') =>
  client.request('POST', `/api/v1/appeals/${id}/${step}`, body, { 'accept-language': language });

describe('a case through its whole life cycle', () => {
  it('is entered, accepted, given a deadline and a handler, paused, answered, checked, closed, rated and reopened', async () => {
    const idNumber = makeIdNumber();
    const created = await officer.post('/api/v1/appeals', {
      orgCode: '220102', channel: 'hotline', kind: 'help', category: 'wages', employerName: '南关机械厂', placeCode: '220102',
      facts: '三个月没有发工资', request: '请帮助讨回工资', name: '王秀兰', phone: '139 0431 2345', idNumber,
    });
    expect(created.statusCode, created.body).toBe(201);
    const view = created.json();
    // Personal data is masked in what staff see.
    expect(view).toMatchObject({ status: 'submitted', name: '王**', phone: '139****2345', idNumber: `**************${idNumber.slice(-4)}` });
    expect(created.body).not.toContain('13904312345');
    const id = view.id as number;

    expect((await post(officer, id, 'answer', { answer: '太早了' })).statusCode).toBe(409);
    expect((await post(officer, id, 'accept')).json()).toMatchObject({ status: 'accepted' });
    expect((await post(officer, id, 'accept')).statusCode).toBe(409);
    // A handler before a difficulty: refused.
    expect((await post(officer, id, 'assign', { handlerId })).statusCode).toBe(409);
    const withDeadline = (await post(officer, id, 'difficulty', { difficulty: 'simple' })).json();
    expect(withDeadline.dueOn).toBeTruthy();
    expect(withDeadline.dueOn > withDeadline.acceptedOn).toBe(true);
    expect((await post(officer, id, 'assign', { handlerId: 999999 })).statusCode).toBe(400);
    const assigned = (await post(officer, id, 'assign', { handlerId })).json();
    expect(assigned).toMatchObject({ status: 'in_progress', handlerId, handlerName: expect.any(String) });
    expect((await post(officer, id, 'actions', { kind: 'contact', note: '电话联系单位财务' })).statusCode).toBe(200);
    expect((await post(officer, id, 'wait', { note: '请职工提供工资条' })).json()).toMatchObject({ status: 'waiting' });
    expect((await post(officer, id, 'answer', { answer: '等待中不能答复' })).statusCode).toBe(409);
    // Waiting since three working days before: the deadline moves on by the working days waited.
    await sql`UPDATE appeals SET paused_on = paused_on - 7 WHERE id = ${id}`.execute(test.platform.db);
    const resumed = (await post(officer, id, 'resume')).json();
    expect(resumed.status).toBe('in_progress');
    expect(resumed.dueOn > withDeadline.dueOn).toBe(true);
    // An extension: asked by the handling org, decided only by the level above.
    expect((await post(officer, id, 'extension', { days: 2, reason: '需要调取考勤' })).json().extensionRequested).toBe(2);
    expect((await post(officer, id, 'extension', { days: 2, reason: '再申请一次' })).statusCode).toBe(409);
    const ownDecision = await post(reviewer, id, 'extension/decide', { approve: true });
    expect(ownDecision.statusCode).toBe(403);
    expect(ownDecision.json().detail).toContain('上级');
    const extended = (await post(cityReviewer, id, 'extension/decide', { approve: true })).json();
    expect(extended).toMatchObject({ extensionDays: 2, extensionRequested: null });
    expect(extended.dueOn > resumed.dueOn).toBe(true);
    // 督办 from the city: the case carries it, its timeline shows it.
    expect((await post(officer, id, 'supervise', { note: '请加快' })).statusCode).toBe(403);
    const pressed = (await post(cityReviewer, id, 'supervise', { note: '请三日内答复' })).json();
    expect(pressed.supervisedAt).toBeTruthy();
    expect(pressed.timeline.map((e: { step: string }) => e.step)).toContain('supervise');

    expect((await post(officer, id, 'answer', { answer: '已协调单位月底前补发工资' })).json()).toMatchObject({ status: 'answered' });
    // The quality check is a reviewer's, not an officer's.
    expect((await post(officer, id, 'review', { decision: 'approve' })).statusCode).toBe(403);
    expect((await post(reviewer, id, 'review', { decision: 'return', note: '答复不具体' })).json()).toMatchObject({ status: 'in_progress' });
    await post(officer, id, 'answer', { answer: '单位已于本月25日补发三个月工资' });
    const closed = (await post(reviewer, id, 'review', { decision: 'approve' })).json();
    expect(closed).toMatchObject({ status: 'closed', closedOn: expect.any(String) });
    expect((await post(officer, id, 'wait')).statusCode).toBe(409);
    // Not satisfied needs a reason, and reopens the case for the level above.
    expect((await post(officer, id, 'rating', { rating: 'not_satisfied' })).statusCode).toBe(400);
    expect((await post(officer, id, 'rating', { rating: 'not_satisfied', reason: '只补发了一个月' })).json()).toMatchObject({ status: 'reviewing', ratingSource: 'callback' });
    expect((await post(reviewer, id, 'reconsider', { decision: 'redo', note: '重办' })).statusCode).toBe(403);
    const redone = (await post(cityReviewer, id, 'reconsider', { decision: 'redo', note: '请核实补发金额' })).json();
    expect(redone).toMatchObject({ status: 'in_progress', rating: null, answer: null });

    const timeline = redone.timeline.map((e: { step: string }) => e.step);
    expect(timeline).toEqual(['submitted', 'accept', 'setDifficulty', 'assign', 'contact', 'wait', 'resume', 'requestExtension', 'extension_approved', 'supervise', 'answer', 'return', 'answer', 'close', 'reopen', 'redo']);
    // Each step has its audit row.
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_events WHERE entity = 'appeals.case' AND entity_id = ${String(id)}`.execute(test.platform.db);
    expect(rows[0]!.n).toBe(timeline.length);
  });

  it('refuses in both languages, naming the status', async () => {
    const closed = await makeAppealIn(test, '220102', 'closed', handlerId);
    const zh = await post(officer, closed.id, 'accept', {}, 'zh-CN');
    const english = await test.login((await makeUser(test, '220102', 'operator')).username);
    await english.request('PUT', '/api/v1/me/locale', { locale: 'en' });
    const en = await post(english, closed.id, 'accept', {}, 'en');
    expect(zh.statusCode).toBe(409);
    expect(zh.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(zh.json().detail).toContain('已办结');
    expect(en.json().detail).toContain('Closed');
  });

  it('a viewer reads but takes no step; every ability is false for them', async () => {
    const open = await makeAppealIn(test, '220102', 'in_progress', handlerId);
    const seen = (await viewer.get(`/api/v1/appeals/${open.id}`)).json();
    expect(Object.values(seen.abilities).every((v) => v === false)).toBe(true);
    expect((await post(viewer, open.id, 'answer', { answer: 'x' })).statusCode).toBe(403);
    const mine = (await officer.get(`/api/v1/appeals/${open.id}`)).json();
    expect(mine.abilities).toMatchObject({ answer: true, wait: true, accept: false, review: false, supervise: false });
  });

  it('is sent on, up, or dispatched down; a dispatched case is signed off by the dispatching org', async () => {
    const upper = await makeAppeal(test, '220100', { placeCode: '220102' });
    // The city dispatches it down to the county (派单).
    const cityOfficer = await test.login((await makeUser(test, '220100', 'operator')).username);
    const dispatched = (await post(cityOfficer, upper.id, 'forward', { orgCode: '220102', reason: '属地办理' })).json();
    expect(dispatched).toMatchObject({ status: 'submitted', orgCode: '220102', dispatchedByOrgName: expect.any(String) });
    await post(officer, upper.id, 'accept');
    await post(officer, upper.id, 'difficulty', { difficulty: 'ordinary' });
    await post(officer, upper.id, 'assign', { handlerId });
    await post(officer, upper.id, 'answer', { answer: '已办理' });
    const ownCheck = await post(reviewer, upper.id, 'review', { decision: 'approve' });
    expect(ownCheck.statusCode).toBe(403);
    expect((await post(cityReviewer, upper.id, 'review', { decision: 'approve' })).json().status).toBe('closed');

    const sent = await makeAppeal(test, '220102');
    const up = (await post(officer, sent.id, 'escalate', { reason: '超出本级权限' })).json();
    expect(up.orgCode).toBe('220100');
    // Now above the county: the county no longer sees it.
    expect((await officer.get(`/api/v1/appeals/${sent.id}`)).statusCode).toBe(404);
    expect((await post(officer, (await makeAppeal(test, '220102')).id, 'forward', { orgCode: 'NO-SUCH', reason: 'x' })).statusCode).toBe(400);
  });

  it('is seen by the handling org and its ancestors only: a sibling county gets 404', async () => {
    const open = await makeAppealIn(test, '220102', 'in_progress', handlerId);
    expect((await sibling.get(`/api/v1/appeals/${open.id}`)).statusCode).toBe(404);
    expect((await post(sibling, open.id, 'answer', { answer: 'x' })).statusCode).toBe(404);
    expect((await cityReviewer.get(`/api/v1/appeals/${open.id}`)).statusCode).toBe(200);
    const list = (await sibling.get('/api/v1/appeals')).json();
    expect(list.items.map((i: { id: number }) => i.id)).not.toContain(open.id);
  });

  it('bad input is a 400 naming the field, and nothing is stored', async () => {
    const before = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM appeals`.execute(test.platform.db)).rows[0]!.n;
    const bad = await officer.post('/api/v1/appeals', { orgCode: '220102', channel: 'hotline', kind: 'help', category: 'wages', employerName: 'x', placeCode: '220102', facts: 'x', request: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toContain('name');
    const badPhone = await officer.post('/api/v1/appeals', { orgCode: '220102', channel: 'hotline', kind: 'help', category: 'wages', employerName: 'x', placeCode: '220102', facts: 'x', request: 'x', name: '王', phone: '123' });
    expect(badPhone.json().errors.map((e: { path: string }) => e.path)).toContain('phone');
    const badPlace = await officer.post('/api/v1/appeals', { orgCode: '220102', channel: 'hotline', kind: 'help', category: 'wages', employerName: 'x', placeCode: '220000', facts: 'x', request: 'x', anonymous: true });
    expect(badPlace.json().errors.map((e: { path: string }) => e.path)).toContain('placeCode');
    expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM appeals`.execute(test.platform.db)).rows[0]!.n).toBe(before);
  });

  it('lists the queues: new at my org, mine, overdue', async () => {
    const fresh = await makeAppeal(test, '220102');
    const open = await makeAppealIn(test, '220102', 'in_progress', handlerId);
    await sql`UPDATE appeals SET due_on = '2020-01-06' WHERE id = ${open.id}`.execute(test.platform.db);
    const ids = async (queue: string) => ((await officer.get(`/api/v1/appeals?queue=${queue}&pageSize=200`)).json().items as { id: number }[]).map((i) => i.id);
    expect(await ids('new')).toContain(fresh.id);
    expect(await ids('mine')).toContain(open.id);
    expect(await ids('overdue')).toContain(open.id);
    expect(await ids('overdue')).not.toContain(fresh.id);
    // The city sees its subtree's overdue cases.
    const cityOverdue = ((await cityReviewer.get('/api/v1/appeals?queue=overdue&pageSize=200')).json().items as { id: number; overdue: boolean }[]);
    expect(cityOverdue.find((i) => i.id === open.id)?.overdue).toBe(true);
  });
});
