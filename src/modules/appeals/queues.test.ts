import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../core/actor.ts';
import { today } from '../../core/dates.ts';
import { createTestPlatform, makeUser, type Client, type TestPlatform } from '../../test/platform.ts';
import * as steps from './steps.ts';
import { makeAppeal, makeAppealIn } from './testing.ts';

/**
 * The case queues as GET /queues counts them for each user (README.md, "Work queues"): the county's officer, its
 * reviewer, the city above it (supervision), and a sibling county that must count nothing of the county's. Each
 * count is the total of the list its link opens.
 */

let test: TestPlatform;
let officer: Client;
let reviewer: Client;
let city: Client;
let sibling: Client;
let viewer: Client;

type QueueItem = { module: string; code: string; title: string; count: number; href: string };
const queues = async (client: Client): Promise<Record<string, QueueItem>> => {
  const response = await client.get('/api/v1/queues');
  expect(response.statusCode).toBe(200);
  const items = (response.json() as { items: QueueItem[] }).items.filter((item) => item.module === 'appeals');
  return Object.fromEntries(items.map((item) => [item.code, item]));
};
const counts = async (client: Client) => Object.fromEntries(Object.entries(await queues(client)).map(([code, item]) => [code, item.count]));

beforeAll(async () => {
  test = await createTestPlatform();
  const db = test.platform.db;
  const operator = await makeUser(test, '220102', 'operator');
  officer = await test.login(operator.username);
  reviewer = await test.login((await makeUser(test, '220102', 'reviewer')).username);
  city = await test.login((await makeUser(test, '220100', 'reviewer')).username);
  viewer = await test.login((await makeUser(test, '220102', 'viewer')).username);
  const siblingAdmin = await makeUser(test, '220103', 'admin');
  sibling = await test.login(siblingAdmin.username);
  const handler = operator.id;

  await makeAppeal(test, '220102'); // new at the county
  const late = await makeAppealIn(test, '220102', 'in_progress', handler);
  await sql`UPDATE appeals SET due_on = '2020-01-06' WHERE id = ${late.id}`.execute(db); // overdue
  const soon = await makeAppealIn(test, '220102', 'in_progress', handler);
  await sql`UPDATE appeals SET due_on = ${today()} WHERE id = ${soon.id}`.execute(db); // due today: due soon
  await makeAppealIn(test, '220102', 'answered', handler); // the county's own quality check
  const asking = await makeAppealIn(test, '220102', 'in_progress', handler);
  await steps.requestExtension(systemActor('test'), db, test.platform.cipher, asking.id, 3, '需要调取考勤记录'); // for the city
  await makeAppealIn(test, '220102', 'waiting', handler); // mine, the clock stopped

  // The sibling county's own: one new, one overdue.
  await makeAppeal(test, '220103');
  const siblingLate = await makeAppealIn(test, '220103', 'in_progress', siblingAdmin.id);
  await sql`UPDATE appeals SET due_on = '2020-01-06' WHERE id = ${siblingLate.id}`.execute(db);
});
afterAll(() => test?.close());

describe('case queues', () => {
  it('counts the officer’s queues in the county, linked to the filtered list', async () => {
    const mine = await queues(officer);
    expect(mine.mine).toEqual({ module: 'appeals', code: 'mine', title: '我办理的诉求', count: 4, href: '/appeals?queue=mine' });
    expect(await counts(officer)).toEqual({ mine: 4, new: 1, due_soon: 1, overdue: 1, warnings_open: 0 });
  });

  it('gives the reviewer the answers waiting for the county’s quality check, and the city what waits for the level above', async () => {
    expect((await counts(reviewer)).review).toBe(1);
    // The city: the extension asked of it, and its subtree's overdue cases (supervision): both counties' ones.
    expect(await counts(city)).toMatchObject({ review: 1, overdue: 2 });
  });

  it('counts in a sibling county nothing of the county’s: only its own', async () => {
    // Its admin handles its one case in progress.
    expect(await counts(sibling)).toEqual({ mine: 1, new: 1, due_soon: 0, overdue: 1, review: 0, warnings_open: 0 });
  });

  it('counts what the linked list shows', async () => {
    for (const [code, item] of Object.entries(await queues(officer))) {
      const list = (await officer.get(`/api/v1${item.href}`)).json();
      expect(list.total, code).toBe(item.count);
    }
  });

  it('shows no queue to a viewer, who handles nothing', async () => {
    expect(await counts(viewer)).toEqual({});
  });

  it('counts as of now: a pressed overdue case answered leaves the officer’s overdue queue', async () => {
    const { items } = (await officer.get('/api/v1/appeals?queue=overdue')).json() as { items: { id: number }[] };
    await steps.answer(systemActor('test'), test.platform.db, test.platform.cipher, items[0]!.id, '已协调补发');
    expect(await counts(officer)).toMatchObject({ overdue: 0, mine: 3 });
    expect((await counts(reviewer)).review).toBe(2);
  });
});
