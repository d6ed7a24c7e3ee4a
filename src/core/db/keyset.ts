import { sql, type RawBuilder } from 'kysely';
import type { ListWindow } from '../paging.ts';

/**
 * The SQL of keyset paging (src/core/paging.ts), for stores. A list's order is a list of columns read in one
 * direction, the last one unique, with an index in that order (or its reverse): `(a, b, id) > (x, y, z)` then
 * starts the index scan at the cursor's place, and `ORDER BY a, b, id LIMIT n` stops it after the page.
 */

/** Whether the window reads the columns descending: the order's direction, flipped when walking back from a cursor. */
export function descending(order: 'asc' | 'desc', window: Pick<ListWindow, 'backward'>): boolean {
  return (order === 'desc') !== window.backward;
}

/** `(columns) > (key)` (or `<` when descending): the rows beyond the window's key; true when it has none. */
export function beyond(columns: readonly RawBuilder<unknown>[], window: Pick<ListWindow, 'key'>, isDescending: boolean): RawBuilder<boolean> {
  if (window.key === undefined) return sql<boolean>`true`;
  const key = window.key;
  if (key.length !== columns.length) throw new Error(`a key of ${key.length} values for an order of ${columns.length} columns`);
  const comparison = isDescending ? sql`<` : sql`>`;
  return sql<boolean>`(${sql.join(columns)}) ${comparison} (${sql.join(key.map((value) => sql`${value}`))})`;
}

/** `ORDER BY` for the columns, all ascending or all descending. */
export function orderedBy(columns: readonly RawBuilder<unknown>[], isDescending: boolean): RawBuilder<unknown> {
  const direction = isDescending ? sql`DESC` : sql`ASC`;
  return sql`${sql.join(columns.map((column) => sql`${column} ${direction}`))}`;
}
