import { Button, Form, Select, Space, Table, Typography, type TableColumnsType, type TableProps } from 'antd';
import { useEffect, useRef, type CSSProperties, type ReactNode } from 'react';
import { ColumnChooser } from './ColumnChooser.tsx';
import { useI18n } from '../i18n.tsx';
import type { KeysetPager, ServerTableState } from './useServerTable.ts';

const asText = (values: Record<string, unknown>) =>
  JSON.stringify(Object.fromEntries(Object.entries(values).flatMap(([key, value]) => (value === undefined || value === null || String(value).trim() === '' ? [] : [[key, String(value).trim()]]))));

/**
 * The filters above a list: an inline form whose fields (named as the endpoint's query parameters) set the table's
 * filters in the address. What is typed (`typed`) goes there once typing pauses; a choice goes at once. When the
 * address changes otherwise (back, a link), the fields follow it.
 */
export function TableFilters({ table, name, label, typed = [], children }: { table: Pick<ServerTableState, 'filters' | 'setFilters'>; name: string; label?: string; typed?: readonly string[]; children: ReactNode }) {
  const [form] = Form.useForm();
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const inAddress = asText(table.filters);
  useEffect(() => {
    if (asText(form.getFieldsValue()) !== inAddress) form.setFieldsValue(table.filters);
    // Only a change of the address moves the fields.
  }, [inAddress]);
  useEffect(() => () => clearTimeout(timer.current), []);
  return (
    <Form
      form={form}
      name={name}
      aria-label={label}
      role="search"
      layout="inline"
      initialValues={table.filters}
      style={{ rowGap: 8 }}
      onValuesChange={(changed: Record<string, unknown>, all: Record<string, string | number | null | undefined>) => {
        clearTimeout(timer.current);
        if (Object.keys(changed).some((key) => typed.includes(key))) timer.current = setTimeout(() => table.setFilters(all), 300);
        else table.setFilters(all);
      }}
    >
      {children}
    </Form>
  );
}

/**
 * The pager of a list paged by cursor (too long to number its pages): first, previous and next, the page size, and
 * the total — exact, "10,000+", or a button that asks the server to count.
 */
export function ListPager({ pager, testId }: { pager: KeysetPager; testId?: string }) {
  const { t } = useI18n();
  const total =
    pager.total === null ? (
      <Button size="small" type="link" onClick={pager.count} loading={pager.counting} data-testid={testId && `${testId}-count`}>
        {t('list.count')}
      </Button>
    ) : (
      <Typography.Text type="secondary">{pager.capped ? t('list.total_capped', { total: pager.total.toLocaleString() }) : t('common.total', { total: pager.total.toLocaleString() })}</Typography.Text>
    );
  return (
    <nav aria-label={t('list.pager')} style={{ display: 'flex', flexWrap: 'wrap', justifyContent: 'flex-end', alignItems: 'center', gap: 8, marginTop: 16 }} data-testid={testId && `${testId}-pager`}>
      {total}
      <Button size="small" onClick={pager.first} disabled={!pager.hasPrev}>
        {t('list.first')}
      </Button>
      <Button size="small" onClick={pager.prev} disabled={!pager.hasPrev}>
        {t('list.prev')}
      </Button>
      <Button size="small" onClick={pager.next} disabled={!pager.hasNext}>
        {t('list.next')}
      </Button>
      <Select
        size="small"
        aria-label={t('list.page_size')}
        value={pager.pageSize}
        onChange={pager.setPageSize}
        options={pager.pageSizes.map((size) => ({ value: size, label: t('list.per_page', { size }) }))}
        style={{ width: 100 }}
      />
    </nav>
  );
}

/** Which columns show (useColumnChoice) and which cannot be hidden. */
export interface ColumnChoice {
  visible: string[];
  setVisible: (visible: string[]) => void;
  locked?: string[];
}

/**
 * A list as every list page shows it: filters on the left and the column chooser and actions on the right above the
 * table; the table paged, sorted and filtered by the server; a click on a row opens the record.
 */
export function ServerTable<Item extends object>({
  table,
  columns,
  rowKey,
  testId,
  filters,
  actions,
  choice,
  emptyText,
  onOpen,
  style,
  label,
}: {
  table: ServerTableState<Item>;
  columns: TableColumnsType<Item>;
  rowKey: TableProps<Item>['rowKey'];
  testId: string;
  filters?: ReactNode;
  actions?: ReactNode;
  choice?: ColumnChoice;
  emptyText: string;
  onOpen?: (item: Item) => void;
  style?: CSSProperties;
  /** What the list is (the page's title), for the scrolling region's name. */
  label?: string;
}) {
  const { t } = useI18n();
  const chosen = choice ? columns.filter((column) => choice.visible.includes(String(column.key))) : columns;
  // A record's actions stay at the right edge while the rest of a wide table scrolls under them.
  const shown = chosen.map((column) => (column.key === 'actions' && column.fixed === undefined ? { ...column, fixed: 'right' as const } : column));
  const box = useRef<HTMLDivElement>(null);
  // The part of a wide table that scrolls sideways takes the keyboard's focus and says what it is (WCAG 2.1.1).
  useEffect(() => {
    for (const scroller of box.current?.querySelectorAll<HTMLElement>('.ant-table-content, .ant-table-body') ?? []) {
      scroller.tabIndex = 0;
      scroller.setAttribute('role', 'region');
      scroller.setAttribute('aria-label', t('list.table', { name: label ?? '' }).trim());
    }
  });
  return (
    <div style={style}>
      {(filters || actions || choice) && (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, justifyContent: 'space-between', alignItems: 'flex-start', marginBottom: 12 }}>
          {filters ?? <span />}
          <Space wrap>
            {choice && <ColumnChooser columns={columns.map((column) => ({ key: String(column.key), title: String(column.title) }))} visible={choice.visible} onChange={choice.setVisible} locked={choice.locked ?? []} />}
            {actions}
          </Space>
        </div>
      )}
      <div data-testid={testId} ref={box}>
        <Table<Item>
          rowKey={rowKey}
          size="middle"
          columns={shown}
          {...table.tableProps}
          onRow={onOpen ? (item) => ({ onClick: () => onOpen(item), style: { cursor: 'pointer' } }) : undefined}
          locale={{ emptyText }}
          scroll={{ x: 'max-content' }}
        />
        {table.pager && <ListPager pager={table.pager} testId={testId} />}
      </div>
    </div>
  );
}
