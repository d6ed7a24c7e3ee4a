import { App, type TablePaginationConfig, type TableProps } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Endpoint, QueryOf, ResponseOf } from '../../core/contract.ts';
import { countCap } from '../../core/paging.ts';
import { ApiError, call } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { useViewState } from '../view-state.ts';

type ItemOf<E> = ResponseOf<E> extends { items: (infer Item)[] } ? Item : never;
type Order = 'asc' | 'desc';

export interface ServerTableOptions<E extends Endpoint, F extends string> {
  /** Parameters of the endpoint's query that are the table's filters, kept in the address (?status=ended). */
  filters?: readonly F[];
  /** A filter's value when the address has none (the roster shows members in the roster unless asked). */
  defaults?: Partial<Record<F, string>>;
  /** The rest of the query, from outside the table: the org in view, the parent whose children are listed. */
  query?: Partial<QueryOf<E>>;
  /** The server's sort when none is chosen; leave out for a list the server sorts one way only. */
  sort?: { key: string; order?: Order };
  /** Prefix of the table's parameters in the address, when a page shows more than one table. */
  prefix?: string;
  /** False for a list the server answers whole (no paging parameters, no total): the table pages it here. */
  paged?: boolean;
  /** Change it to read the list again (after a change elsewhere on the page). */
  reloadKey?: unknown;
  /** What to do with a refused or failed call; by default its detail shows in a message. */
  onError?: (error: unknown) => void;
}

const pageSizes = [10, 20, 50, 100];
const defaultPageSize = 20;

/** A page as a paged list answers it (src/core/paging.ts). */
interface Answer<Item> {
  items: Item[];
  total: number | null;
  capped: boolean;
  page: number | null;
  next: string | null;
  prev: string | null;
}

/** The pager of a list too long to number its pages: first, previous, next, the page size and the total (or a count). */
export interface KeysetPager {
  hasPrev: boolean;
  hasNext: boolean;
  first(): void;
  prev(): void;
  next(): void;
  pageSize: number;
  pageSizes: number[];
  setPageSize(size: number): void;
  /** Null: not counted yet (`count` asks the server). */
  total: number | null;
  capped: boolean;
  count(): void;
  counting: boolean;
}

/**
 * A list page's table wired to its endpoint: the place in the list, page size, sort and filters live in the address
 * (so a link, back and reload show the same rows; the home page's queues link straight to a filtered list), the call
 * is made when any of them changes (a late answer to an older question is dropped), and the table gets its rows,
 * pager and sorter. The place is a page number (`?page=3`) while the list is short enough for the server to number
 * its pages (an exact total within the first 10,000 rows: antd's numbered pager), else a cursor (`?after=…` or
 * `?before=…`, the page's `next` and `prev`: `pager` gives first, previous and next), which stays valid while records
 * change (src/core/paging.ts).
 */
export function useServerTable<E extends Endpoint, F extends keyof QueryOf<E> & string = never>(endpoint: E, options: ServerTableOptions<E, F> = {}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { search, update } = useViewState();
  const { prefix = '', paged = true, defaults = {} as Partial<Record<F, string>>, onError } = options;
  const names = options.filters ?? [];
  const param = (name: string) => search.get(prefix + name) ?? undefined;

  const page = Math.max(1, Number(param('page')) || 1);
  const after = param('after');
  const before = after === undefined ? param('before') : undefined;
  const size = Number(param('size'));
  const pageSize = pageSizes.includes(size) ? size : defaultPageSize;
  const sortKey = param('sort') ?? options.sort?.key;
  const order: Order = param('order') === 'desc' ? 'desc' : param('order') === 'asc' ? 'asc' : (options.sort?.order ?? 'asc');
  const filters = Object.fromEntries(names.map((name) => [name, param(name) ?? defaults[name]])) as Record<F, string | undefined>;
  /** The address's changes that take the list back to its start. */
  const atStart = { [prefix + 'page']: undefined, [prefix + 'after']: undefined, [prefix + 'before']: undefined };

  const query = {
    ...options.query,
    ...Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined)),
    ...(options.sort ? { sort: sortKey, order } : {}),
    ...(paged ? { pageSize } : {}),
  };
  // The list asked, without its place: a total the server counted on request is kept while paging through it.
  const listKey = JSON.stringify(query);
  const known = useRef<{ listKey: string; total: number; capped: boolean }>(undefined);
  const [countAsked, setCountAsked] = useState<string>();
  const counting = paged && countAsked === listKey && known.current?.listKey !== listKey;
  const position = !paged ? {} : after !== undefined ? { after } : before !== undefined ? { before } : page > 1 ? { page } : {};
  const queryKey = JSON.stringify({ ...query, ...position, ...(counting ? { count: '1' } : {}) });

  const [data, setData] = useState<{ items: ItemOf<E>[]; total: number | null; capped: boolean; numbered: boolean; next: string | null; prev: string | null }>();
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>();
  const [reloads, setReloads] = useState(0);
  const reload = useCallback(() => setReloads((n) => n + 1), []);
  // The latest handler, without asking again when a page passes a new function at each render.
  const errorHandler = useRef(onError);
  errorHandler.current = onError;

  useEffect(() => {
    let current = true;
    setLoading(true);
    call(endpoint, { query: JSON.parse(queryKey) as unknown } as never)
      .then((answer) => {
        if (!current) return;
        const list = answer as Partial<Answer<ItemOf<E>>> & { items: ItemOf<E>[] };
        const total = list.total === undefined ? list.items.length : list.total;
        const next = list.next ?? null;
        const prev = list.prev ?? null;
        // Numbered while the server numbers the page and the whole list fits the first countCap rows (or has no cursors).
        const numbered = list.page !== null && !list.capped && total !== null && (total <= countCap || (next === null && prev === null));
        // Back at the start by "previous": the first page in full, not the few rows before the cursor.
        if (before !== undefined && prev === null) update({ [prefix + 'before']: undefined });
        if (total !== null && countAsked === listKey) known.current = { listKey, total, capped: list.capped ?? false };
        const kept = total === null && known.current?.listKey === listKey ? known.current : undefined;
        setData({ items: list.items, total: kept ? kept.total : total, capped: kept ? kept.capped : (list.capped ?? false), numbered, next, prev });
        setError(undefined);
      })
      .catch((failure: unknown) => {
        if (!current) return;
        // A place of another list (another sort, an old link): the list from its start.
        if (failure instanceof ApiError && failure.problem.errors?.some((issue) => ['invalid_cursor', 'cursor_of_other_order', 'page_too_deep'].includes(issue.code))) {
          update({ [prefix + 'after']: undefined, [prefix + 'before']: undefined, [prefix + 'page']: undefined });
          return;
        }
        setError(failure);
        if (errorHandler.current) errorHandler.current(failure);
        else void message.error({ content: failure instanceof ApiError ? failure.problem.detail : String(failure), duration: 8 });
      })
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
    // The query is compared by its text: a page passes a new object at every render.
  }, [endpoint, queryKey, reloads, options.reloadKey, message, update, prefix]);

  /** Sets filters (an empty value clears one, a default one leaves the address) and goes back to the first page. */
  const setFilters = (changes: Partial<Record<F, string | number | null | undefined>>) => {
    const next: Record<string, string | undefined> = { [prefix + 'page']: undefined, [prefix + 'after']: undefined, [prefix + 'before']: undefined };
    for (const [name, raw] of Object.entries(changes) as [F, string | number | null | undefined][]) {
      const value = raw === null || raw === undefined ? '' : String(raw).trim();
      next[prefix + name] = value === '' || value === defaults[name] ? undefined : value;
    }
    update(next);
  };

  const onChange: NonNullable<TableProps<ItemOf<E>>['onChange']> = (pagination, columnFilters, sorter, extra) => {
    if (extra.action === 'sort') {
      const single = Array.isArray(sorter) ? sorter[0] : sorter;
      const key = single?.order ? String(single.columnKey) : undefined;
      const chosen = single?.order === 'descend' ? 'desc' : 'asc';
      const isDefault = !key || (key === options.sort?.key && chosen === (options.sort?.order ?? 'asc'));
      update({ [prefix + 'sort']: isDefault ? undefined : key, [prefix + 'order']: isDefault ? undefined : chosen, ...atStart });
    } else if (extra.action === 'filter') {
      const changes = Object.fromEntries(names.filter((name) => name in columnFilters).map((name) => [name, columnFilters[name]?.[0] as string | undefined]));
      setFilters(changes as Partial<Record<F, string>>);
    } else if (paged) {
      const nextSize = pagination.pageSize ?? defaultPageSize;
      const nextPage = nextSize !== pageSize ? 1 : (pagination.current ?? 1);
      update({ ...atStart, [prefix + 'page']: nextPage === 1 ? undefined : nextPage, [prefix + 'size']: nextSize === defaultPageSize ? undefined : nextSize });
    }
  };

  // Until the first answer says otherwise, a list asked by number is numbered and one asked by cursor is not.
  const numbered = data ? data.numbered : after === undefined && before === undefined;
  const pagination: TablePaginationConfig | false = !paged
    ? { pageSize: defaultPageSize, hideOnSinglePage: true, showTotal: (all) => t('common.total', { total: all }) }
    : numbered
      ? { current: page, pageSize, total: data?.total ?? 0, showSizeChanger: true, pageSizeOptions: pageSizes, showTotal: (all) => t('common.total', { total: all }) }
      : false;
  const pager: KeysetPager | undefined =
    paged && !numbered
      ? {
          hasPrev: (data?.prev ?? null) !== null,
          hasNext: (data?.next ?? null) !== null,
          first: () => update(atStart),
          prev: () => data?.prev && update({ ...atStart, [prefix + 'before']: data.prev }),
          next: () => data?.next && update({ ...atStart, [prefix + 'after']: data.next }),
          pageSize,
          pageSizes,
          setPageSize: (size) => update({ ...atStart, [prefix + 'size']: size === defaultPageSize ? undefined : size }),
          total: data?.total ?? null,
          capped: data?.capped ?? false,
          count: () => setCountAsked(listKey),
          counting: counting && loading,
        }
      : undefined;

  /** A column's controlled sort arrow. */
  const sortOrder = (key: string) => (sortKey === key ? (order === 'asc' ? ('ascend' as const) : ('descend' as const)) : null);
  /** A column's controlled filter (one value), for a filter chosen in the column's header. */
  const columnFilter = (name: F) => ({ filteredValue: filters[name] ? [filters[name]] : null, filterMultiple: false });

  const tableProps = { loading, dataSource: data?.items ?? [], pagination, onChange };
  return { items: data?.items, total: data?.total ?? undefined, loading, error, filters, setFilters, reload, sortOrder, columnFilter, tableProps, pager };
}

/** What the table's parts (its filters, the table itself) take from the hook. */
export interface ServerTableState<Item = unknown, F extends string = string> {
  filters: Record<F, string | undefined>;
  setFilters(changes: Partial<Record<F, string | number | null | undefined>>): void;
  reload(): void;
  tableProps: Pick<TableProps<Item>, 'loading' | 'dataSource' | 'pagination' | 'onChange'>;
  /** The pager below the table, for a list paged by cursor. */
  pager?: KeysetPager | undefined;
}
