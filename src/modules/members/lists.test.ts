import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../core/actor.ts';
import { countCap, type ListWindow } from '../../core/paging.ts';
import { wholeTree, scopeOf } from '../../core/scope.ts';
import { createTestPlatform, type Client, type TestPlatform } from '../../test/platform.ts';
import { makeTownship, makeUnion } from '../org/testing.ts';
import { rosterOrder } from './schema.ts';
import { endMembership } from './service.ts';
import * as store from './store.ts';
import { makeIdNumber, makeMember } from './testing.ts';
import { today } from '../../core/dates.ts';

// The roster's list and search against a plain query over the records: for random scopes, filters and page sizes,
// the pages put together (by `next`, and by `prev` from the end) are exactly the rows the plain query finds, in the
// roster's order, and the total, where given, is their number. Then: pages neither skip nor repeat a member while
// others are added and ended between them.

let test: TestPlatform;
let admin: Client;
/** The orgs a scope can be: the province, cities, counties, a township, unions. */
const scopes: string[] = [];
const idNumbers: string[] = [];
const cards: string[] = [];

/** A seeded generator, so the roster is the same at every run. */
let seed = 2013;
const random = () => ((seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const surnames = ['王', '李', '张', '欧阳'];
const givenNames = ['芳', '建国', '晓丹', '华', '秀兰'];
const day = (from: number, to: number) => new Date(Date.UTC(from, 0, 1) + Math.floor(random() * (to - from) * 365) * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  test = await createTestPlatform();
  admin = await test.login('admin');
  const township = (await makeTownship(test, '220102')).code;
  const unions = [
    (await makeUnion(test, '220102', '南关机械厂工会')).union.code,
    (await makeUnion(test, '220102', '南关纺织厂工会')).union.code,
    (await makeUnion(test, township, '街道食品厂工会')).union.code,
    (await makeUnion(test, '220103', '宽城汽配厂工会')).union.code,
    (await makeUnion(test, '220202', '昌邑化工厂工会')).union.code,
  ];
  scopes.push('220000', '220100', '220200', '220102', '220103', township, ...unions);
  for (let i = 0; i < 60; i++) {
    const idNumber = makeIdNumber(random() < 0.5 ? 'male' : 'female');
    const card = random() < 0.3 ? `KH${1000 + i}` : undefined;
    const union = pick(unions);
    const member = await makeMember(test, union, `${pick(surnames)}${pick(givenNames)}`, {
      idNumber,
      household: random() < 0.3 ? 'rural' : 'urban',
      dispatched: random() < 0.2,
      joinedOn: day(2005, 2020),
      ...(card ? { cardNumber: card } : {}),
    });
    idNumbers.push(idNumber);
    if (card) cards.push(card);
    if (random() < 0.25) await endMembership(systemActor('test'), test.platform.db, test.platform.cipher, member.id, day(2021, 2024), 'left');
    // A second job elsewhere: the same person twice in the roster.
    if (random() < 0.1) {
      const other = unions.find((code) => code !== union)!;
      await makeMember(test, other, member.name, { idNumber, household: member.household ?? 'urban', joinedOn: day(2010, 2020), secondJob: true });
    }
  }
});
afterAll(() => test?.close());

interface Filters {
  orgCode: string;
  status?: 'active' | 'ended' | 'all';
  q?: string;
  household?: 'urban' | 'rural';
  dispatched?: 'yes' | 'no';
  joinedYear?: number;
  idNumber?: string;
  cardNumber?: string;
}

interface Row {
  id: number;
  worker_id: number;
  name: string;
  joined_on: string;
  ended_on: string | null;
  household: string | null;
  dispatched: boolean | null;
  card_number: string | null;
  id_number_hash: Buffer;
}

/** The plain query: every membership of the subtree in the roster's order, filtered here, one condition at a time. */
async function plainly(filters: Filters): Promise<number[]> {
  const { rows } = await sql<Row>`
    SELECT m.id, m.worker_id, w.name, m.joined_on, m.ended_on, w.household, w.dispatched, m.card_number, w.id_number_hash
    FROM memberships m JOIN workers w ON w.id = m.worker_id JOIN orgs o ON o.id = m.org_id
    WHERE o.path <@ (SELECT path FROM orgs WHERE code = ${filters.orgCode})
    ORDER BY o.code, m.joined_on, m.id`.execute(test.platform.db);
  const now = today();
  const active = (row: Row) => row.joined_on <= now && (row.ended_on === null || row.ended_on > now);
  let named: (row: Row) => boolean = () => true;
  if (filters.q) {
    const q = filters.q;
    const length = [...q].length;
    const rule = (name: string) => (length === 1 ? name.startsWith(q) : length === 2 ? name.startsWith(q) || name.endsWith(q) : name.includes(q));
    const everyone = (await sql<{ id: number; name: string }>`SELECT id, name FROM workers`.execute(test.platform.db)).rows;
    if (everyone.some((person) => rule(person.name)) || length < 2) named = (row) => rule(row.name);
    else {
      const like = new Set((await sql<{ id: number }>`SELECT id FROM workers WHERE similarity(name, ${q}) > 0.4`.execute(test.platform.db)).rows.map((row) => Number(row.id)));
      named = (row) => like.has(Number(row.worker_id));
    }
  }
  const idHash = filters.idNumber ? test.platform.cipher.lookupHash(filters.idNumber) : undefined;
  return rows
    .filter((row) => (filters.status ?? 'active') === 'all' || ((filters.status ?? 'active') === 'active') === active(row))
    .filter(named)
    .filter((row) => filters.household === undefined || row.household === filters.household)
    .filter((row) => filters.dispatched === undefined || row.dispatched === (filters.dispatched === 'yes'))
    .filter((row) => filters.joinedYear === undefined || row.joined_on.startsWith(String(filters.joinedYear)))
    .filter((row) => filters.cardNumber === undefined || row.card_number === filters.cardNumber)
    .filter((row) => idHash === undefined || row.id_number_hash.equals(idHash))
    .map((row) => Number(row.id));
}

const queryOf = (filters: Filters, extra: Record<string, string | number>) =>
  new URLSearchParams(Object.entries({ ...filters, ...extra }).filter(([, value]) => value !== undefined).map(([key, value]) => [key, String(value)])).toString();

interface Answer {
  items: { id: number }[];
  total: number | null;
  capped: boolean;
  page: number | null;
  next: string | null;
  prev: string | null;
}

async function ask(filters: Filters, extra: Record<string, string | number>): Promise<Answer> {
  const response = await admin.get(`/api/v1/members?${queryOf(filters, extra)}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as Answer;
}

/** Every page from the first by `next`, then back from the last by `prev`; both must give the same rows. */
async function everyPage(filters: Filters, pageSize: number): Promise<{ forward: number[]; backward: number[]; totals: Answer[] }> {
  const pages: Answer[] = [];
  let page = await ask(filters, { pageSize });
  pages.push(page);
  while (page.next) {
    page = await ask(filters, { pageSize, after: page.next });
    pages.push(page);
  }
  const forward = pages.flatMap((each) => each.items.map((item) => item.id));
  const backward: number[][] = [];
  let last = pages.at(-1)!;
  while (last.prev) {
    last = await ask(filters, { pageSize, before: last.prev });
    backward.unshift(last.items.map((item) => item.id));
  }
  // Walking back ends at the first page; the last page itself was read going forward.
  return { forward, backward: [...backward.flat(), ...pages.at(-1)!.items.map((item) => item.id)], totals: pages };
}

/** Rarely given, so that most lists are long enough to page through. */
/** Every page of the store's roster list for `asked` in its org's scope, walked forward by keyset; the first page's total. */
async function walkTheStore(asked: Filters, name: Pick<store.MemberFilters, 'name' | 'order'>, pageSize: number, candidates: number, surnameWalk?: number) {
  const org = (await sql<{ id: number; path: string }>`SELECT id, path::text AS path FROM orgs WHERE code = ${asked.orgCode}`.execute(test.platform.db)).rows[0]!;
  const scope = scopeOf(Number(org.id), org.path);
  const filters: store.MemberFilters = {
    ...name,
    status: asked.status ?? 'active',
    onDate: today(),
    household: asked.household,
    dispatched: asked.dispatched === undefined ? undefined : asked.dispatched === 'yes',
    joinedYear: asked.joinedYear,
    count: true,
  };
  const seen: number[] = [];
  let firstTotal: unknown;
  let window: ListWindow<store.MemberKey> = { key: undefined, backward: false, offset: 0, limit: pageSize + 1 };
  for (;;) {
    const { rows, total } = await store.listMembers(test.platform.db, scope, filters, window, candidates, surnameWalk);
    if (window.key === undefined) firstTotal = total;
    seen.push(...rows.slice(0, pageSize).map((row) => Number(row.id)));
    if (rows.length <= pageSize) return { seen, firstTotal };
    window = { ...window, key: store.memberKeyOf(rows[pageSize - 1]!) };
  }
}

const sometimes = <T>(arbitrary: fc.Arbitrary<T>) => fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary, weight: 1 });

const filters = (): fc.Arbitrary<Filters> =>
  fc.record({
    orgCode: fc.constantFrom(...scopes),
    status: fc.constantFrom('active' as const, 'ended' as const, 'all' as const),
    // Surnames (one or two characters), full names, given names, a part of one, and a name nobody has (names like it).
    q: sometimes(fc.constantFrom('王', '欧阳', '王芳', '建国', '李建国', '欧阳晓丹', '晓丹', '秀', '张建军', '王晓')),
    household: sometimes(fc.constantFrom('urban' as const, 'rural' as const)),
    dispatched: sometimes(fc.constantFrom('yes' as const, 'no' as const)),
    joinedYear: sometimes(fc.integer({ min: 2005, max: 2019 })),
    idNumber: sometimes(fc.constantFrom(...idNumbers.slice(0, 20))),
    cardNumber: sometimes(fc.constantFrom(...(cards.length ? cards.slice(0, 10) : ['none']))),
  });

describe('the roster as a list', () => {
  it('gives, page after page and back, exactly the rows of a plain query over the records, with their total', async () => {
    await fc.assert(
      fc.asyncProperty(filters(), fc.integer({ min: 3, max: 9 }), async (asked, pageSize) => {
        const expected = await plainly(asked);
        const { forward, backward, totals } = await everyPage(asked, pageSize);
        expect(forward).toEqual(expected);
        expect(backward).toEqual(expected);
        // A total given is exact here (the roster is far below countCap); one not given is counted on request.
        const first = totals[0]!;
        const total = first.total ?? (await ask(asked, { pageSize, count: 1 })).total;
        expect(total).toBe(expected.length);
        expect(first.capped).toBe(false);
        // The pages by number are the same pages.
        if (expected.length > pageSize) expect((await ask(asked, { pageSize, page: 2 })).items.map((item) => item.id)).toEqual(expected.slice(pageSize, 2 * pageSize));
      }),
      { numRuns: 20, seed: 2013 },
    );
  });

  it('gives the same rows when a name is matched while walking the roster instead of being looked up first', async () => {
    const actor = systemActor('test');
    expect(actor.scope).toBe(wholeTree);
    await fc.assert(
      fc.asyncProperty(filters(), fc.integer({ min: 3, max: 9 }), async (asked, pageSize) => {
        if (!asked.q) return;
        const expected = await plainly({ ...asked, idNumber: undefined, cardNumber: undefined });
        // No more than 0 people looked up first: the name is always matched while walking.
        const { seen, firstTotal } = await walkTheStore(asked, { name: asked.q }, pageSize, 0);
        expect(firstTotal).toEqual({ total: expected.length, capped: false });
        expect(seen).toEqual(expected);
      }),
      { numRuns: 20, seed: 2014 },
    );
  });

  it('gives the same rows when a surname is looked for among only the next few memberships, before it is looked up', async () => {
    await fc.assert(
      fc.asyncProperty(filters(), fc.constantFrom('王', '李', '张', '欧'), fc.integer({ min: 3, max: 9 }), fc.integer({ min: 1, max: 40 }), fc.boolean(), async (asked, surname, pageSize, walk, desc) => {
        const expected = await plainly({ ...asked, q: surname, idNumber: undefined, cardNumber: undefined });
        if (desc) expected.reverse();
        // Only `walk` memberships looked at before the surname is looked up: pages found either way, and mixed.
        const { seen, firstTotal } = await walkTheStore(asked, { name: surname, order: desc ? 'desc' : 'asc' }, pageSize, store.nameCandidates, walk);
        expect(firstTotal).toEqual({ total: expected.length, capped: false });
        expect(seen).toEqual(expected);
      }),
      { numRuns: 20, seed: 2015 },
    );
  });

  it('refuses a cursor of another list and a page number past the first 10,000 rows, by field', async () => {
    const other = Buffer.from(JSON.stringify(['orgs.code.asc', '220102'])).toString('base64url');
    const refused = await admin.get(`/api/v1/members?after=${other}`);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([expect.objectContaining({ path: 'query.after', code: 'cursor_of_other_order' })]);
    expect((await admin.get('/api/v1/members?after=not-a-cursor')).json().errors[0]).toMatchObject({ path: 'query.after', code: 'invalid_cursor' });
    const deep = await admin.get(`/api/v1/members?pageSize=20&page=${countCap / 20 + 1}`);
    expect(deep.json().errors[0]).toMatchObject({ path: 'query.page', code: 'page_too_deep' });
    expect(rosterOrder.name).toBe('roster');
  });

  it('neither skips nor repeats a member while others are added and ended between its pages', async () => {
    const unions = scopes.slice(6);
    const before = await plainly({ orgCode: '220000', status: 'active' });
    const seen: number[] = [];
    const ended = new Set<number>();
    let page = await ask({ orgCode: '220000' }, { pageSize: 4 });
    for (;;) {
      seen.push(...page.items.map((item) => item.id));
      // Members joining on random dates land before and after the cursor's place; some of those not yet shown end.
      for (let i = 0; i < 2; i++) await makeMember(test, pick(unions), `${pick(surnames)}${pick(givenNames)}`, { joinedOn: day(2005, 2020) });
      const later = before.filter((id) => !seen.includes(id) && !ended.has(id));
      if (later.length > 3 && random() < 0.5) {
        const id = pick(later);
        await endMembership(systemActor('test'), test.platform.db, test.platform.cipher, id, today(), 'left');
        ended.add(id);
      }
      if (!page.next) break;
      page = await ask({ orgCode: '220000' }, { pageSize: 4, after: page.next });
    }
    expect(new Set(seen).size).toBe(seen.length);
    // Every member active from the first page to the last was shown, exactly once.
    const throughout = before.filter((id) => !ended.has(id));
    expect(throughout.filter((id) => !seen.includes(id))).toEqual([]);
  });
});
