import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Select, Space, Table, Tag, type TableColumnsType as ColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError, call } from '../../../web/api.ts';
import { ColumnChooser, useColumnChoice } from '../../../web/components/ColumnChooser.tsx';
import { useI18n } from '../../../web/i18n.tsx';
import { employerEndpoints, ownerships, sizeClasses, type EmployerView, type ListEmployersQuery } from '../schema.ts';
import { EmployerDrawer } from './EmployerDrawer.tsx';
import { EmployerCreateDrawer } from './EmployerForms.tsx';
import { enumOptions } from './labels.ts';
import { useDebounced } from './pickers.tsx';
import { serverPagination } from '../../../web/components/pagination.ts';

const columnKeys = ['name', 'creditCode', 'ownership', 'sizeClass', 'aboveScale', 'industry', 'employeeCount', 'org', 'union'] as const;

interface Filters {
  q?: string;
  ownership?: ListEmployersQuery['ownership'];
  sizeClass?: ListEmployersQuery['sizeClass'];
  unionised?: ListEmployersQuery['unionised'];
}

/**
 * The employers registered in an org's subtree: filters above, sorted and paged by the server, a row opens the
 * employer's drawer. The employers page and the org page's 单位 tab both show it.
 */
export function EmployerTable({ orgCode, allowCreate, testId = 'employer-table' }: { orgCode: string; allowCreate: boolean; testId?: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [filters, setFilters] = useState<Filters>({});
  const q = useDebounced(filters.q?.trim() ?? '', 300);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [sort, setSort] = useState<{ sort: ListEmployersQuery['sort']; order: ListEmployersQuery['order'] }>({ sort: 'name', order: 'asc' });
  const [data, setData] = useState<{ items: EmployerView[]; total: number }>();
  const [loading, setLoading] = useState(false);
  const [reload, setReload] = useState(0);
  const [openId, setOpenId] = useState<number>();
  const [creating, setCreating] = useState(false);
  const { visible, setVisible } = useColumnChoice('employers', columnKeys, ['creditCode']);

  useEffect(() => setPage(1), [orgCode, q, filters.ownership, filters.sizeClass, filters.unionised]);

  useEffect(() => {
    let current = true;
    setLoading(true);
    call(employerEndpoints.list, {
      query: { orgCode, q: q || undefined, ownership: filters.ownership, sizeClass: filters.sizeClass, unionised: filters.unionised, sort: sort.sort, order: sort.order, page, pageSize },
    })
      .then((result) => current && setData(result))
      .catch((error: unknown) => current && void message.error(error instanceof ApiError ? error.problem.detail : String(error)))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [orgCode, q, filters.ownership, filters.sizeClass, filters.unionised, sort, page, pageSize, reload, message]);

  const sortOrder = (key: string) => (sort.sort === key ? (sort.order === 'asc' ? ('ascend' as const) : ('descend' as const)) : null);
  const allColumns: ColumnsType<EmployerView> = [
    {
      key: 'name',
      title: t('employer.field.name'),
      dataIndex: 'name',
      sorter: true,
      sortOrder: sortOrder('name'),
      render: (name: string, employer) => (
        <Button
          type="link"
          style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }}
          onClick={(event) => {
            event.stopPropagation();
            setOpenId(employer.id);
          }}
        >
          {name}
        </Button>
      ),
    },
    { key: 'creditCode', title: t('employer.field.creditCode'), dataIndex: 'creditCode', render: (code: string | null) => code ?? '—' },
    { key: 'ownership', title: t('employer.field.ownership'), dataIndex: 'ownership', render: (value: string) => t(`employer.ownership.${value}`) },
    { key: 'sizeClass', title: t('employer.field.sizeClass'), dataIndex: 'sizeClass', render: (value: string) => t(`employer.size.${value}`) },
    { key: 'aboveScale', title: t('employer.column.aboveScale'), dataIndex: 'aboveScale', render: (value: boolean) => (value ? t('common.yes') : t('common.no')) },
    { key: 'industry', title: t('employer.field.industry'), dataIndex: 'industry', ellipsis: true, render: (value: string) => t(`employer.industry.${value}`) },
    { key: 'employeeCount', title: t('employer.field.employeeCount'), dataIndex: 'employeeCount', align: 'right', sorter: true, sortOrder: sortOrder('employeeCount'), render: (value: number) => value.toLocaleString() },
    { key: 'org', title: t('employer.field.org'), dataIndex: 'orgName' },
    {
      key: 'union',
      title: t('employer.field.union'),
      dataIndex: 'unionName',
      render: (value: string | null) => (value ? value : <Tag color="orange">{t('employer.not_unionised')}</Tag>),
    },
  ];
  const columns = allColumns.filter((column) => visible.includes(String(column.key)));

  return (
    <>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, justifyContent: 'space-between', alignItems: 'flex-start', marginBottom: 12 }}>
        <Form name="employer-filters" layout="inline" onValuesChange={(_, all: Filters) => setFilters(all)} style={{ rowGap: 8 }}>
          <Form.Item label={t('org.ui.keyword')} name="q">
            <Input allowClear placeholder={t('employer.search')} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item label={t('employer.field.ownership')} name="ownership">
            <Select allowClear placeholder={t('common.all')} options={enumOptions(ownerships, t, 'employer.ownership')} style={{ width: 110 }} />
          </Form.Item>
          <Form.Item label={t('employer.field.sizeClass')} name="sizeClass">
            <Select allowClear placeholder={t('common.all')} options={enumOptions(sizeClasses, t, 'employer.size')} style={{ width: 90 }} />
          </Form.Item>
          <Form.Item label={t('employer.field.unionised')} name="unionised">
            <Select
              allowClear
              placeholder={t('common.all')}
              options={[
                { value: 'yes', label: t('employer.unionised.yes') },
                { value: 'no', label: t('employer.unionised.no') },
              ]}
              style={{ width: 100 }}
            />
          </Form.Item>
        </Form>
        <Space>
          <ColumnChooser columns={allColumns.map((column) => ({ key: String(column.key), title: String(column.title) }))} visible={visible} onChange={setVisible} locked={['name']} />
          {allowCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="employer-create">
              {t('employer.create.button')}
            </Button>
          )}
        </Space>
      </div>
      <div data-testid={testId}>
        <Table<EmployerView>
          rowKey="id"
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={data?.items ?? []}
          onRow={(employer) => ({ onClick: () => setOpenId(employer.id), style: { cursor: 'pointer' } })}
          onChange={(pagination, _filters, sorter) => {
            const single = Array.isArray(sorter) ? sorter[0] : sorter;
            const key = single?.order ? (single.columnKey as ListEmployersQuery['sort']) : 'name';
            const order = single?.order === 'descend' ? 'desc' : 'asc';
            if (key !== sort.sort || order !== sort.order) {
              setSort({ sort: key, order });
              setPage(1);
            } else {
              setPage(pagination.current ?? 1);
            }
            setPageSize(pagination.pageSize ?? 20);
          }}
          pagination={serverPagination(t, page, pageSize, data?.total)}
          locale={{ emptyText: t('employer.empty') }}
          scroll={{ x: 'max-content' }}
        />
      </div>
      <EmployerDrawer employerId={openId} onClose={() => setOpenId(undefined)} onChanged={() => setReload((n) => n + 1)} />
      {allowCreate && (
        <EmployerCreateDrawer
          open={creating}
          orgCode={orgCode}
          onClose={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            setReload((n) => n + 1);
          }}
        />
      )}
    </>
  );
}
