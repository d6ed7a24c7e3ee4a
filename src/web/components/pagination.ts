import type { TablePaginationConfig } from 'antd';
import type { MessageParams } from '../../core/errors.ts';

/** The pager of a table paged on the server: where it is, how many there are in all, page sizes to choose. */
export function serverPagination(t: (key: string, params?: MessageParams) => string, page: number, pageSize: number, total: number | undefined): TablePaginationConfig {
  return { current: page, pageSize, total: total ?? 0, showSizeChanger: true, showTotal: (all) => t('common.total', { total: all }) };
}
