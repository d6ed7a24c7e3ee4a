import { App, type TablePaginationConfig, type TableProps } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Endpoint, QueryOf, ResponseOf } from '../../core/contract.ts';
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
  /** False for a list the server answers whole (no page, pageSize or total): the table pages it here. */
  paged?: boolean;
  /** Change it to read the list again (after a change elsewhere on the page). */
  reloadKey?: unknown;
  /** What to do with a refused or failed call; by default its detail shows in a message. */
  onError?: (error: unknown) => void;
}

const pageSizes = [10, 20, 50, 100];
const defaultPageSize = 20;

/**
 * A list page's table wired to its endpoint: page, page size, sort and filters live in the address (so a link, back
 * and reload show the same rows; the home page's queues link straight to a filtered list), the call is made when any
 * of them changes (a late answer to an older question is dropped), and the table gets its rows, pager and sorter.
 */
export function useServerTable<E extends Endpoint, F extends keyof QueryOf<E> & string = never>(endpoint: E, options: ServerTableOptions<E, F> = {}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { search, update } = useViewState();
  const { prefix = '', paged = true, defaults = {} as Partial<Record<F, string>>, onError } = options;
  const names = options.filters ?? [];
  const param = (name: string) => search.get(prefix + name) ?? undefined;

  const page = Math.max(1, Number(param('page')) || 1);
  const size = Number(param('size'));
  const pageSize = pageSizes.includes(size) ? size : defaultPageSize;
  const sortKey = param('sort') ?? options.sort?.key;
  const order: Order = param('order') === 'desc' ? 'desc' : param('order') === 'asc' ? 'asc' : (options.sort?.order ?? 'asc');
  const filters = Object.fromEntries(names.map((name) => [name, param(name) ?? defaults[name]])) as Record<F, string | undefined>;

  const query = {
    ...options.query,
    ...Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined)),
    ...(options.sort ? { sort: sortKey, order } : {}),
    ...(paged ? { page, pageSize } : {}),
  };
  const queryKey = JSON.stringify(query);

  const [data, setData] = useState<{ items: ItemOf<E>[]; total: number }>();
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
        const list = answer as { items: ItemOf<E>[]; total?: number };
        setData({ items: list.items, total: list.total ?? list.items.length });
        setError(undefined);
      })
      .catch((failure: unknown) => {
        if (!current) return;
        setError(failure);
        if (errorHandler.current) errorHandler.current(failure);
        else void message.error({ content: failure instanceof ApiError ? failure.problem.detail : String(failure), duration: 8 });
      })
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
    // The query is compared by its text: a page passes a new object at every render.
  }, [endpoint, queryKey, reloads, options.reloadKey, message]);

  /** Sets filters (an empty value clears one, a default one leaves the address) and goes back to the first page. */
  const setFilters = (changes: Partial<Record<F, string | number | null | undefined>>) => {
    const next: Record<string, string | undefined> = { [prefix + 'page']: undefined };
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
      update({ [prefix + 'sort']: isDefault ? undefined : key, [prefix + 'order']: isDefault ? undefined : chosen, [prefix + 'page']: undefined });
    } else if (extra.action === 'filter') {
      const changes = Object.fromEntries(names.filter((name) => name in columnFilters).map((name) => [name, columnFilters[name]?.[0] as string | undefined]));
      setFilters(changes as Partial<Record<F, string>>);
    } else if (paged) {
      const nextSize = pagination.pageSize ?? defaultPageSize;
      const nextPage = nextSize !== pageSize ? 1 : (pagination.current ?? 1);
      update({ [prefix + 'page']: nextPage === 1 ? undefined : nextPage, [prefix + 'size']: nextSize === defaultPageSize ? undefined : nextSize });
    }
  };

  const pagination: TablePaginationConfig = paged
    ? { current: page, pageSize, total: data?.total ?? 0, showSizeChanger: true, pageSizeOptions: pageSizes, showTotal: (all) => t('common.total', { total: all }) }
    : { pageSize: defaultPageSize, hideOnSinglePage: true, showTotal: (all) => t('common.total', { total: all }) };

  /** A column's controlled sort arrow. */
  const sortOrder = (key: string) => (sortKey === key ? (order === 'asc' ? ('ascend' as const) : ('descend' as const)) : null);
  /** A column's controlled filter (one value), for a filter chosen in the column's header. */
  const columnFilter = (name: F) => ({ filteredValue: filters[name] ? [filters[name]] : null, filterMultiple: false });

  const tableProps = { loading, dataSource: data?.items ?? [], pagination, onChange };
  return { items: data?.items, total: data?.total, loading, error, filters, setFilters, reload, sortOrder, columnFilter, tableProps };
}

/** What the table's parts (its filters, the table itself) take from the hook. */
export interface ServerTableState<Item = unknown, F extends string = string> {
  filters: Record<F, string | undefined>;
  setFilters(changes: Partial<Record<F, string | number | null | undefined>>): void;
  reload(): void;
  tableProps: Pick<TableProps<Item>, 'loading' | 'dataSource' | 'pagination' | 'onChange'>;
}
