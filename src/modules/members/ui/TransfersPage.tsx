import { App, Button, Card, Form, Input, Popconfirm, Select, Space, Tabs, Tag, Typography, type TableColumnsType as ColumnsType } from 'antd';
import { useState } from 'react';
import { ApiError, call } from '../../../web/api.ts';
import { ServerTable, TableFilters } from '../../../web/components/ServerTable.tsx';
import { useServerTable } from '../../../web/components/useServerTable.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { memberEndpoints, type TransferView } from '../schema.ts';
import { DecideModal, type Decision } from './TransferDecideModal.tsx';

const statusColour: Record<TransferView['status'], string> = { pending: 'gold', accepted: 'green', rejected: 'red', cancelled: 'default' };
const directions = ['incoming', 'outgoing', 'all'] as const;
const statuses = ['pending', 'accepted', 'rejected', 'cancelled'] as const;

/**
 * 会员转移: transfers into and out of the unions in scope, with what the user may do with each. The direction and the
 * status are in the address, so the home page's queue (waiting for this union's decision) opens this list filtered.
 */
export default function TransfersPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const table = useServerTable(memberEndpoints.transfers, { query: { limit: 200 }, filters: ['direction', 'status', 'q'], defaults: { direction: 'incoming' }, paged: false });
  const [decision, setDecision] = useState<Decision>();

  const withdraw = async (transfer: TransferView) => {
    try {
      await call(memberEndpoints.cancelTransfer, { params: { transferId: transfer.id } });
      void message.success(t('members.ui.transfer.cancelled'));
      table.reload();
    } catch (error) {
      void message.error(error instanceof ApiError ? error.problem.detail : String(error));
    }
  };

  const union = (name: string, code: string) => (
    <span>
      {name}
      <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }}>
        {code}
      </Typography.Text>
    </span>
  );
  const columns: ColumnsType<TransferView> = [
    { key: 'memberName', title: t('members.field.name'), dataIndex: 'memberName' },
    { key: 'idNumber', title: t('members.field.idNumber'), dataIndex: 'idNumber', render: (value: string) => <span style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{value}</span> },
    { key: 'from', title: t('members.field.fromUnion'), render: (_: unknown, row) => union(row.fromOrgName, row.fromOrgCode) },
    { key: 'to', title: t('members.field.toUnion'), render: (_: unknown, row) => union(row.toOrgName, row.toOrgCode) },
    { key: 'requestedOn', title: t('members.field.requestedOn'), dataIndex: 'requestedOn', render: (value: string) => <span style={{ whiteSpace: 'nowrap' }}>{value}</span> },
    {
      key: 'status',
      title: t('members.field.transferStatus'),
      dataIndex: 'status',
      render: (status: TransferView['status'], row) => (
        <Space size={4} wrap>
          <Tag color={statusColour[status]}>{t(`members.transfer.status.${status}`)}</Tag>
          {row.decidedOn && <Typography.Text type="secondary">{row.decidedOn}</Typography.Text>}
        </Space>
      ),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_: unknown, row) => (
        <Space size={4} wrap>
          {row.abilities.accept && (
            <Button size="small" type="primary" onClick={() => setDecision({ transfer: row, verdict: 'accept' })} data-testid={`transfer-accept-${row.id}`}>
              {t('members.ui.transfer.accept')}
            </Button>
          )}
          {row.abilities.reject && (
            <Button size="small" danger onClick={() => setDecision({ transfer: row, verdict: 'reject' })} data-testid={`transfer-reject-${row.id}`}>
              {t('members.ui.transfer.reject')}
            </Button>
          )}
          {row.abilities.cancel && (
            <Popconfirm title={t('members.ui.transfer.cancel.confirm', { name: row.memberName })} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => withdraw(row)}>
              <Button size="small" data-testid={`transfer-cancel-${row.id}`}>
                {t('members.ui.transfer.cancel')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  const filters = (
    <TableFilters table={table} name="transfer-filters" label={t('members.ui.transfers.title')} typed={['q']}>
      <Form.Item label={t('members.ui.transfers.q')} name="q">
        <Input allowClear placeholder={t('members.ui.transfers.q.placeholder')} style={{ width: 220 }} />
      </Form.Item>
      <Form.Item label={t('members.field.transferStatus')} name="status">
        <Select allowClear placeholder={t('common.all')} options={statuses.map((value) => ({ value, label: t(`members.transfer.status.${value}`) }))} style={{ width: 110 }} />
      </Form.Item>
    </TableFilters>
  );
  return (
    <Card title={<Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>{t('members.ui.transfers.title')}</Typography.Title>}>
      <Tabs
        activeKey={table.filters.direction}
        onChange={(key) => table.setFilters({ direction: key })}
        aria-label={t('members.ui.transfers.direction')}
        items={directions.map((key) => ({ key, label: t(`members.ui.transfers.${key}`) }))}
      />
      <ServerTable table={table} columns={columns} rowKey="id" testId="transfer-table" label={t('members.ui.transfers.title')} filters={filters} emptyText={t('members.ui.transfers.empty')} />
      <DecideModal
        decision={decision}
        onClose={() => setDecision(undefined)}
        onDone={() => {
          setDecision(undefined);
          table.reload();
        }}
      />
    </Card>
  );
}
