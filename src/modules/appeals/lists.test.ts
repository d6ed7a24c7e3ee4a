import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../core/actor.ts';
import { createTestPlatform, makeUser, type Client, type TestPlatform } from '../../test/platform.ts';
import * as steps from './steps.ts';
import { makeAppeal, makeAppealIn } from './testing.ts';

/**
 * The case list follows the shared keyset contract (src/core/paging.ts): pressed cases still open first, then by due
 * date, then the oldest; cursors walk it both ways, and the filters hold on every page.
 */

let test: TestPlatform;
let county: Client;
let handlerId: number;
/** The county's cases in the order the list must give: built by hand below. */
let expected: number[];

type Item = { id: number; dueOn: string | null; supervisedAt: string | null; status: string };
type ListPage = { items: Item[]; total: number | null; capped: boolean; page: number | null; next: string | null; prev: string | null };

beforeAll(async () => {
  test = await createTestPlatform();
  const operator = await makeUser(test, '220104', 'operator');
  handlerId = operator.id;
  county = await test.login(operator.username);
  const db = test.platform.db;
  const made: { id: number; due: string | null; pressed: boolean }[] = [];
  // Deadlines set by hand, two of them equal (the id decides), one case with none yet, one pressed by the city.
  const dues = ['2026-03-10', '2026-03-02', '2026-03-10', '2026-02-20', null, '2026-04-01', '2026-03-05'];
  for (const [index, due] of dues.entries()) {
    const view = due === null ? await makeAppeal(test, '220104') : await makeAppealIn(test, '220104', 'in_progress', handlerId);
    if (due !== null) await sql`UPDATE appeals SET due_on = ${due} WHERE id = ${view.id}`.execute(db);
    made.push({ id: view.id, due, pressed: index === 5 });
  }
  await steps.supervise(systemActor('test'), db, test.platform.cipher, made[5]!.id, '请尽快办理');
  // A closed case that was pressed once is no longer first.
  const closed = await makeAppealIn(test, '220104', 'closed', handlerId);
  await sql`UPDATE appeals SET supervised_at = now(), due_on = '2026-01-05', submitted_on = '2019-05-01' WHERE id = ${closed.id}`.execute(db);
  made.push({ id: closed.id, due: '2026-01-05', pressed: false });
  expected = [...made]
    .sort((a, b) => Number(b.pressed) - Number(a.pressed) || (a.due ?? '9999-12-31').localeCompare(b.due ?? '9999-12-31') || a.id - b.id)
    .map((row) => row.id);
});
afterAll(() => test?.close());

const list = async (query: string): Promise<ListPage> => {
  const response = await county.get(`/api/v1/appeals?orgCode=220104&${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};

describe('the case list, by keyset', () => {
  it('walks forward by cursor in the order pressed, due, id, with the total on every page', async () => {
    const first = await list('pageSize=3');
    expect(first).toMatchObject({ total: expected.length, capped: false, page: 1, prev: null });
    const seen = first.items.map((item) => item.id);
    let cursor = first.next;
    while (cursor) {
      const page = await list(`pageSize=3&after=${cursor}`);
      expect(page.page).toBeNull();
      expect(page.total).toBe(expected.length);
      seen.push(...page.items.map((item) => item.id));
      cursor = page.next;
    }
    expect(seen).toEqual(expected);
    expect(first.items[0]!.supervisedAt).not.toBeNull();
  });

  it('walks back by cursor to the same pages', async () => {
    const first = await list('pageSize=3');
    const second = await list(`pageSize=3&after=${first.next}`);
    const back = await list(`pageSize=3&before=${second.prev}`);
    expect(back.items.map((item) => item.id)).toEqual(first.items.map((item) => item.id));
    expect(back.prev).toBeNull();
  });

  it('answers a page by number within the cap, the same rows as the cursor', async () => {
    const second = await list('pageSize=3&page=2');
    expect(second.page).toBe(2);
    expect(second.items.map((item) => item.id)).toEqual(expected.slice(3, 6));
  });

  it('keeps the filters on every page: status, year, queue', async () => {
    const open = await list('status=in_progress&pageSize=2');
    expect(open.total).toBe(6);
    const next = await list(`status=in_progress&pageSize=2&after=${open.next}`);
    expect(next.items.every((item) => item.status === 'in_progress')).toBe(true);
    const of2019 = await list('year=2019');
    expect(of2019.items.map((item) => item.status)).toEqual(['closed']);
    const overdue = await list('queue=overdue&pageSize=200');
    // Every deadline set here is before today (2026-12 or later); the closed one and the one without a deadline are not counting.
    expect(overdue.items.map((item) => item.id)).toEqual(expected.filter((id) => overdue.items.some((item) => item.id === id)));
    expect(overdue.items.every((item) => item.status === 'in_progress')).toBe(true);
  });

  it('refuses a cursor that is not one, or two positions at once, with a 400', async () => {
    expect((await county.get('/api/v1/appeals?after=bm90LWEtY3Vyc29y')).statusCode).toBe(400);
    const first = await list('pageSize=3');
    expect((await county.get(`/api/v1/appeals?page=2&after=${first.next}`)).statusCode).toBe(400);
  });
});
