import { z } from 'zod';
import { invalid } from './errors.ts';

/**
 * The list contract every register follows (docs/decisions.md, "Lists page by keyset").
 *
 * - A page ends with cursors: `next` (its last row's place in the list's order) and `prev` (its first row's). The
 *   next page is `?after=<next>`, the previous one `?before=<prev>`: the rows beyond that place, found by the index
 *   that gives the order, so a deep page costs what the first one does and a link to it stays valid while records
 *   are added and removed (it shows the rows after the same place).
 * - A page may also be asked by number (`?page=N`) within the first `countCap` rows, where OFFSET skips at most that
 *   many index entries: the pager numbers the pages of a list that short, and offers first, previous and next beyond.
 * - Lists sort only on orders an index gives; every order ends with a unique column, so a place is one row.
 * - Totals: exact where an aggregate holds them or where the list ended on this page; else counted up to `countCap`
 *   (`capped`: "10,000+"), or, where counting costs more than the page, only when asked (`count=1`; `total` null).
 */
export const countCap = 10_000;

const cursorText = z.string().max(600).regex(/^[\w-]*$/);

/** The query parameters of every list of records. */
export const pageQuery = {
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  /** A page by its number; for keyset lists only within the first `countCap` rows. */
  page: z.coerce.number().int().min(1).max(100000).optional(),
  /** The rows after this cursor (a page's `next`). */
  after: cursorText.optional(),
  /** The rows before this cursor (a page's `prev`). */
  before: cursorText.optional(),
  /** 1: count the rows (up to `countCap`) even where that costs more than the page. */
  count: z.enum(['0', '1']).optional(),
};

/** A page of a list as every list endpoint answers it. */
export function pageOf<Item extends z.ZodType>(item: Item) {
  return z.object({
    items: z.array(item),
    /** Exact, or at least this many when `capped`; null when not counted (ask again with count=1). */
    total: z.number().nullable(),
    capped: z.boolean(),
    /** The page's number when it was asked by number (or is the first); null when asked by a cursor. */
    page: z.number().nullable(),
    pageSize: z.number(),
    /** Cursor of the next page (`after`), null on the last page. */
    next: z.string().nullable(),
    /** Cursor of the previous page (`before`), null on the first. */
    prev: z.string().nullable(),
  });
}

export interface PageRequest {
  pageSize: number;
  page?: number | undefined;
  after?: string | undefined;
  before?: string | undefined;
  count?: '0' | '1' | undefined;
}

export interface Page<Item> {
  items: Item[];
  total: number | null;
  capped: boolean;
  page: number | null;
  pageSize: number;
  next: string | null;
  prev: string | null;
}

/** A total as lists report it. */
export interface ListTotal {
  total: number | null;
  capped: boolean;
}

/** A count made with `LIMIT countCap + 1`, as a total. */
export function cappedTotal(counted: number): ListTotal {
  return counted > countCap ? { total: countCap, capped: true } : { total: counted, capped: false };
}

export const uncounted: ListTotal = { total: null, capped: false };

// Offset paging: lists short enough to number every page (the user accounts of a scope).

/** Rows to skip and to take for a page asked by number. */
export function rowRange(query: PageRequest): { offset: number; limit: number } {
  return { offset: ((query.page ?? 1) - 1) * query.pageSize, limit: query.pageSize };
}

/** A page of a list paged by number only: its total is exact and it has no cursors. */
export function page<Item>(query: PageRequest, items: Item[], total: number): Page<Item> {
  return { items, total, capped: false, page: query.page ?? 1, pageSize: query.pageSize, next: null, prev: null };
}

// Keyset paging.

/** Where a page starts in a list's order, as a store reads it. */
export interface ListWindow<Key extends readonly unknown[] = readonly unknown[]> {
  /** The rows beyond this key; undefined: from the start of the list. */
  key: Key | undefined;
  /** Walk the order backwards from the key (the page before it); the store returns those rows nearest first. */
  backward: boolean;
  /** Rows to skip first (a page asked by number; at most countCap). */
  offset: number;
  /** Rows to take: the page size and one more, which tells whether there is another page. */
  limit: number;
}

/** The order a list is read in: its name (the sort, and its direction), and the shape of a row's place in it. */
export interface ListOrder<Key extends readonly unknown[]> {
  name: string;
  key: z.ZodType<Key>;
}

function encodeCursor(order: string, key: readonly unknown[]): string {
  return Buffer.from(JSON.stringify([order, ...key]), 'utf8').toString('base64url');
}

function decodeCursor<Key extends readonly unknown[]>(text: string, field: 'after' | 'before', order: ListOrder<Key>): Key {
  const wrong = () => invalid([{ path: `query.${field}`, code: 'invalid_cursor', messageKey: 'paging.invalid_cursor' }]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw wrong();
  }
  if (!Array.isArray(parsed) || parsed.length === 0) throw wrong();
  // A cursor of another sort names a place in another order: the list would start somewhere unrelated.
  if (parsed[0] !== order.name) throw invalid([{ path: `query.${field}`, code: 'cursor_of_other_order', messageKey: 'paging.cursor_of_other_order' }]);
  const key = order.key.safeParse(parsed.slice(1));
  if (!key.success) throw wrong();
  return key.data;
}

/** Where the page a query asks for starts: after or before a cursor, at a page number, or at the start. */
export function listWindow<Key extends readonly unknown[]>(query: PageRequest, order: ListOrder<Key>): ListWindow<Key> {
  const given = [query.after, query.before, query.page].filter((value) => value !== undefined).length;
  if (given > 1) throw invalid([{ path: 'query.page', code: 'one_position', messageKey: 'paging.one_position' }]);
  const limit = query.pageSize + 1;
  if (query.after !== undefined) return { key: decodeCursor(query.after, 'after', order), backward: false, offset: 0, limit };
  if (query.before !== undefined) return { key: decodeCursor(query.before, 'before', order), backward: true, offset: 0, limit };
  const offset = ((query.page ?? 1) - 1) * query.pageSize;
  if (offset >= countCap) {
    throw invalid([{ path: 'query.page', code: 'page_too_deep', messageKey: 'paging.page_too_deep', params: { rows: countCap.toLocaleString('en') } }]);
  }
  return { key: undefined, backward: false, offset, limit };
}

/**
 * The page answered from the rows a store read for a window (up to `limit`, nearest first), with its cursors. Where
 * the total is not given, it is exact anyway when the list ended on this page.
 */
export function keysetPage<Row, Item, Key extends readonly unknown[]>(
  query: PageRequest,
  window: ListWindow<Key>,
  order: ListOrder<Key>,
  rows: Row[],
  keyOf: (row: Row) => Key,
  present: (row: Row) => Item,
  total: ListTotal,
): Page<Item> {
  const more = rows.length > query.pageSize;
  const shown = rows.slice(0, query.pageSize);
  if (window.backward) shown.reverse();
  const cursor = (row: Row | undefined) => (row === undefined ? null : encodeCursor(order.name, keyOf(row)));
  const fromStart = window.key === undefined;
  const edge = window.key === undefined ? null : encodeCursor(order.name, window.key);
  let next: string | null;
  let prev: string | null;
  if (window.backward) {
    next = cursor(shown.at(-1)) ?? edge;
    prev = more ? cursor(shown[0]) : null;
  } else {
    next = more ? cursor(shown.at(-1)) : null;
    prev = fromStart && window.offset === 0 ? null : (cursor(shown[0]) ?? edge);
  }
  const complete = fromStart && !more;
  return {
    items: shown.map(present),
    ...(total.total === null && complete ? { total: window.offset + shown.length, capped: false } : total),
    page: fromStart ? window.offset / query.pageSize + 1 : null,
    pageSize: query.pageSize,
    next,
    prev,
  };
}
