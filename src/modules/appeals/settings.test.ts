import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseDigest } from '../../test/digest.ts';
import { createTestPlatform, makeUser, type Client, type TestPlatform } from '../../test/platform.ts';
import { treeRoot } from '../../core/tree.ts';
import { calendarFor } from './store.ts';
import { makeAppealIn } from './testing.ts';
import { addWorkingDays } from './working-days.ts';

let test: TestPlatform;
let provinceAdmin: Client;
let countyAdmin: Client;
let provinceOperator: Client;
let handlerId: number;

beforeAll(async () => {
  test = await createTestPlatform();
  provinceAdmin = await test.login((await makeUser(test, '220000', 'admin')).username);
  countyAdmin = await test.login((await makeUser(test, '220102', 'admin')).username);
  provinceOperator = await test.login((await makeUser(test, '220000', 'operator')).username);
  handlerId = (await makeUser(test, '220102', 'operator')).id;
});
afterAll(() => test?.close());

const audits = async (entity: string) => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_events WHERE entity = ${entity}`.execute(test.platform.db)).rows[0]!.n;

describe("the province's settings", () => {
  it('every member of staff reads them; only the province admin may change them', async () => {
    const read = (await countyAdmin.get('/api/v1/appeals/settings')).json();
    expect(read).toMatchObject({ deadlineSimple: 3, deadlineOrdinary: 7, deadlineComplex: 15, warningCount: 5, warningDays: 30, wagesWarningCount: 3, abilities: { update: false } });
    expect((await provinceAdmin.get('/api/v1/appeals/settings')).json().abilities.update).toBe(true);
    const before = await databaseDigest(test.platform.db);
    const county = await countyAdmin.patch('/api/v1/appeals/settings', { deadlineSimple: 2 });
    expect(county.statusCode).toBe(403);
    expect(county.json().detail).toContain('省总工会');
    expect((await provinceOperator.patch('/api/v1/appeals/settings', { deadlineSimple: 2 })).statusCode).toBe(403);
    expect(await databaseDigest(test.platform.db)).toBe(before);
  });

  it('refuses bad values with the field named, and deadlines that shrink with difficulty, changing nothing', async () => {
    const before = await databaseDigest(test.platform.db);
    const bad = await provinceAdmin.patch('/api/v1/appeals/settings', { deadlineSimple: 0, warningCount: 'many' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['deadlineSimple', 'warningCount']);
    const crossed = await provinceAdmin.patch('/api/v1/appeals/settings', { deadlineOrdinary: 20 });
    expect(crossed.statusCode).toBe(400);
    expect(crossed.json().errors).toEqual([expect.objectContaining({ path: 'deadlineComplex' })]);
    expect(await databaseDigest(test.platform.db)).toBe(before);
  });

  it('a change is audited and sets the deadline of the next case', async () => {
    const auditsBefore = await audits('appeals.settings');
    const changed = await provinceAdmin.patch('/api/v1/appeals/settings', { deadlineOrdinary: 10, wagesWarningCount: 4 });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ deadlineOrdinary: 10, wagesWarningCount: 4, deadlineSimple: 3 });
    expect(await audits('appeals.settings')).toBe(auditsBefore + 1);
    // makeAppealIn gives an ordinary difficulty: ten working days now.
    const open = await makeAppealIn(test, '220102', 'in_progress', handlerId);
    const { rows } = await sql<{ due_on: string; accepted_on: string }>`SELECT due_on, accepted_on FROM appeals WHERE id = ${open.id}`.execute(test.platform.db);
    const calendar = await calendarFor(test.platform.db, (await treeRoot(test.platform.db))!.id);
    expect(rows[0]!.due_on).toBe(addWorkingDays(calendar, rows[0]!.accepted_on, 10));
    await provinceAdmin.patch('/api/v1/appeals/settings', { deadlineOrdinary: 7, wagesWarningCount: 3 });
  });
});

describe('the holiday calendar', () => {
  it('lists a shipped year with its holidays and worked weekend days', async () => {
    const year = (await countyAdmin.get('/api/v1/appeals/calendar?year=2025')).json();
    expect(year.items).toContainEqual({ day: '2025-01-01', kind: 'holiday', name: '元旦' });
    expect(year.items).toContainEqual({ day: '2025-01-26', kind: 'workday', name: '春节调休上班' });
    expect(year.years).toEqual(expect.arrayContaining([2024, 2025, 2026]));
    expect(year.abilities.update).toBe(false);
  });

  it('the province admin adds a holiday and a worked Saturday, and removes one; each audited', async () => {
    const auditsBefore = await audits('appeals.calendar');
    const added = await provinceAdmin.post('/api/v1/appeals/calendar', { day: '2027-07-27', kind: 'holiday', name: '省内纪念日' });
    expect(added.statusCode, added.body).toBe(201);
    expect((await provinceAdmin.post('/api/v1/appeals/calendar', { day: '2027-07-31', kind: 'workday', name: '调休上班' })).statusCode).toBe(201);
    expect((await provinceAdmin.get('/api/v1/appeals/calendar?year=2027')).json().items.map((d: { day: string }) => d.day)).toEqual(['2027-07-27', '2027-07-31']);
    const removed = await provinceAdmin.request('DELETE', '/api/v1/appeals/calendar/2027-07-31');
    expect(removed.json()).toEqual({ day: '2027-07-31', kind: 'workday', name: '调休上班' });
    expect((await provinceAdmin.request('DELETE', '/api/v1/appeals/calendar/2027-07-31')).statusCode).toBe(404);
    expect(await audits('appeals.calendar')).toBe(auditsBefore + 3);
  });

  it('refuses a worked weekday, a day listed twice, and a county admin; nothing changes', async () => {
    const before = await databaseDigest(test.platform.db);
    const weekday = await provinceAdmin.post('/api/v1/appeals/calendar', { day: '2027-03-03', kind: 'workday', name: '调休' });
    expect(weekday.statusCode).toBe(400);
    expect(weekday.json().errors).toEqual([expect.objectContaining({ path: 'day', message: '调休上班日须是周六或周日' })]);
    const twice = await provinceAdmin.post('/api/v1/appeals/calendar', { day: '2025-01-01', kind: 'holiday', name: '元旦' });
    expect(twice.statusCode).toBe(409);
    expect((await provinceAdmin.post('/api/v1/appeals/calendar', { day: '2025-02-30', kind: 'holiday', name: 'x' })).statusCode).toBe(400);
    expect((await countyAdmin.post('/api/v1/appeals/calendar', { day: '2027-03-01', kind: 'holiday', name: '县里放假' })).statusCode).toBe(403);
    expect((await countyAdmin.request('DELETE', '/api/v1/appeals/calendar/2025-01-01')).statusCode).toBe(403);
    expect(await databaseDigest(test.platform.db)).toBe(before);
  });
});
