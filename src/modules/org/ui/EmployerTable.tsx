import { PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Select, Tag, type TableColumnsType as ColumnsType } from 'antd';
import { useState } from 'react';
import { useColumnChoice } from '../../../web/components/ColumnChooser.tsx';
import { ServerTable, TableFilters } from '../../../web/components/ServerTable.tsx';
import { useServerTable } from '../../../web/components/useServerTable.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { employerEndpoints, ownerships, sizeClasses, type EmployerView } from '../schema.ts';
import { EmployerDrawer } from './EmployerDrawer.tsx';
import { EmployerCreateDrawer } from './EmployerForms.tsx';
import { enumOptions } from './labels.ts';

const columnKeys = ['name', 'creditCode', 'ownership', 'sizeClass', 'aboveScale', 'industry', 'employeeCount', 'org', 'union'] as const;

/**
 * The employers registered in an org's subtree: filters above, sorted and paged by the server, a row opens the
 * employer's drawer. The employers page and the org page's 单位 tab both show it.
 */
export function EmployerTable({ orgCode, allowCreate, testId = 'employer-table', prefix }: { orgCode: string; allowCreate: boolean; testId?: string; prefix?: string }) {
  const { t } = useI18n();
  const table = useServerTable(employerEndpoints.list, { query: { orgCode }, filters: ['q', 'ownership', 'sizeClass', 'unionised'], sort: { key: 'name' }, prefix });
  const choice = useColumnChoice('employers', columnKeys, ['creditCode']);
  const [openId, setOpenId] = useState<number>();
  const [creating, setCreating] = useState(false);

  const columns: ColumnsType<EmployerView> = [
    {
      key: 'name',
      title: t('employer.field.name'),
      dataIndex: 'name',
      sorter: true,
      sortOrder: table.sortOrder('name'),
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
    { key: 'employeeCount', title: t('employer.field.employeeCount'), dataIndex: 'employeeCount', align: 'right', sorter: true, sortOrder: table.sortOrder('employeeCount'), render: (value: number) => value.toLocaleString() },
    { key: 'org', title: t('employer.field.org'), dataIndex: 'orgName' },
    { key: 'union', title: t('employer.field.union'), dataIndex: 'unionName', render: (value: string | null) => value ?? <Tag color="orange">{t('employer.not_unionised')}</Tag> },
  ];

  const filters = (
    <TableFilters table={table} name="employer-filters" typed={['q']}>
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
        <Select allowClear placeholder={t('common.all')} options={(['yes', 'no'] as const).map((value) => ({ value, label: t(`employer.unionised.${value}`) }))} style={{ width: 100 }} />
      </Form.Item>
    </TableFilters>
  );
  const create = allowCreate && (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="employer-create">
      {t('employer.create.button')}
    </Button>
  );

  return (
    <>
      <ServerTable table={table} columns={columns} rowKey="id" testId={testId} filters={filters} actions={create} choice={{ ...choice, locked: ['name'] }} emptyText={t('employer.empty')} onOpen={(employer) => setOpenId(employer.id)} />
      <EmployerDrawer employerId={openId} onClose={() => setOpenId(undefined)} onChanged={table.reload} />
      {allowCreate && (
        <EmployerCreateDrawer
          open={creating}
          orgCode={orgCode}
          onClose={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            table.reload();
          }}
        />
      )}
    </>
  );
}
