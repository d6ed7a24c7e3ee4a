import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import type { Actor } from '../../../../core/actor.ts';
import { urlOf } from '../../../../web/api.ts';
import { useColumnChoice } from '../../../../web/components/ColumnChooser.tsx';
import { ServerTable, TableFilters } from '../../../../web/components/ServerTable.tsx';
import { useServerTable } from '../../../../web/components/useServerTable.ts';
import { useI18n } from '../../../../web/i18n.tsx';
import { useMe } from '../../../../web/session.tsx';
import { useViewState } from '../../../../web/view-state.ts';
import { registryPolicy } from '../../policy.ts';
import { centreStatuses, registryEndpoints, type CentreView, type ExportCentresQuery } from '../../registry-schema.ts';
import { centreKinds } from '../../schema.ts';
import { enumOptions } from '../labels.ts';
import { CentreDrawer } from './CentreDrawer.tsx';
import { CentreForm } from './CentreForm.tsx';

const columnKeys = ['name', 'kind', 'status', 'org', 'served', 'establishedOn', 'closedOn', 'staffCount'] as const;
const statusColour = { open: 'green', closed: 'default', planned: 'blue' } as const;
const exportFilters = ({ q, kind, status, on }: Record<string, string | undefined>) => ({ q, kind, status, on }) as Pick<ExportCentresQuery, 'q' | 'kind' | 'status' | 'on'>;

/**
 * 诉求中心（站）: the registry of the org in view and below — kind, status as of a day (today unless asked), name —
 * with the register form for officers; a row opens the centre's drawer (edit, close, history).
 */
export default function CentresPage() {
  const { t } = useI18n();
  const me = useMe();
  const { orgCode } = useViewState();
  const table = useServerTable(registryEndpoints.list, { query: { orgCode }, filters: ['q', 'kind', 'status', 'on'], sort: { key: 'name' } });
  const choice = useColumnChoice('appeal-centres', columnKeys, ['closedOn']);
  const [openId, setOpenId] = useState<number>();
  const [creating, setCreating] = useState(false);
  const mayEnter = registryPolicy.can({ role: me.role } as Actor, 'enter');
  const field = (name: string) => t(`appeals.centres.field.${name}`);
  const columns: TableColumnsType<CentreView> = [
    {
      key: 'name',
      title: field('name'),
      dataIndex: 'name',
      sorter: true,
      sortOrder: table.sortOrder('name'),
      render: (name: string, centre) => (
        <Button type="link" style={{ padding: 0, height: 'auto' }} onClick={(event) => (event.stopPropagation(), setOpenId(centre.id))}>
          {name}
        </Button>
      ),
    },
    { key: 'kind', title: field('kind'), dataIndex: 'kind', render: (kind: string) => t(`appeals.centre.kind.${kind}`) },
    { key: 'status', title: field('status'), dataIndex: 'status', render: (status: CentreView['status']) => <Tag color={statusColour[status]}>{t(`appeals.centre.status.${status}`)}</Tag> },
    { key: 'org', title: field('org'), dataIndex: 'orgName' },
    { key: 'served', title: field('served'), render: (_: unknown, centre) => centre.employerName ?? centre.area ?? '—' },
    { key: 'establishedOn', title: field('establishedOn'), dataIndex: 'establishedOn', sorter: true, sortOrder: table.sortOrder('establishedOn') },
    { key: 'closedOn', title: field('closedOn'), dataIndex: 'closedOn', render: (day: string | null) => day ?? '—' },
    { key: 'staffCount', title: field('staffCount'), dataIndex: 'staffCount', align: 'right' },
  ];
  const filters = (
    <TableFilters table={table} name="centre-filters" label={t('appeals.centres.filters')} typed={['q', 'on']}>
      <Form.Item label={t('appeals.centres.q')} name="q">
        <Input allowClear style={{ width: 160 }} />
      </Form.Item>
      <Form.Item label={field('kind')} name="kind">
        <Select allowClear placeholder={t('common.all')} options={enumOptions(centreKinds, t, 'appeals.centre.kind')} style={{ width: 140 }} />
      </Form.Item>
      <Form.Item label={field('status')} name="status">
        <Select allowClear placeholder={t('common.all')} options={enumOptions(centreStatuses, t, 'appeals.centre.status')} style={{ width: 130 }} />
      </Form.Item>
      <Form.Item label={field('on')} name="on">
        <Input type="date" style={{ width: 150 }} />
      </Form.Item>
    </TableFilters>
  );
  return (
    <Card
      title={
        <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
          {t('appeals.centres.title')}
        </Typography.Title>
      }
      extra={
        <Space wrap>
          {/* The list as it is filtered now, in the import's columns: edited and imported again, it updates the registry. */}
          <Button icon={<DownloadOutlined />} href={urlOf(registryEndpoints.export, { query: { orgCode, ...exportFilters(table.filters) } })} download data-testid="centre-export">
            {t('appeals.ui.export.button')}
          </Button>
          {mayEnter && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="centre-create">
              {t('appeals.centres.create')}
            </Button>
          )}
        </Space>
      }
    >
      <ServerTable table={table} columns={columns} rowKey="id" testId="centre-table" label={t('appeals.centres.title')} filters={filters} choice={{ ...choice, locked: ['name'] }} emptyText={t('appeals.centres.empty')} onOpen={(centre) => setOpenId(centre.id)} />
      <CentreDrawer centreId={openId} onClose={() => setOpenId(undefined)} onChanged={table.reload} />
      {mayEnter && (
        <CentreForm
          open={creating}
          orgCode={orgCode}
          onClose={() => setCreating(false)}
          onSaved={(centre) => {
            setCreating(false);
            table.reload();
            setOpenId(centre.id);
          }}
        />
      )}
    </Card>
  );
}
