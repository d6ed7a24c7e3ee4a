import { App, Button, Card, DatePicker, Form, Modal, Popconfirm, Space, Table, Tabs, Tag, Typography, type TableColumnsType as ColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { ApiError, call } from '../../../web/api.ts';
import { useSave } from '../../../web/forms.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { decideTransferRequest, memberEndpoints, type TransferView } from '../schema.ts';
import { afterToday, dateRule, isoDay } from './labels.ts';

type Direction = 'incoming' | 'outgoing' | 'all';
type Decision = { transfer: TransferView; verdict: 'accept' | 'reject' };

const statusColour: Record<TransferView['status'], string> = { pending: 'gold', accepted: 'green', rejected: 'red', cancelled: 'default' };

/** Accepting or refusing at the destination: the date decided (not before the request, not after today). */
function DecideModal({ decision, onClose, onDone }: { decision: Decision | undefined; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ decidedOn?: Dayjs }>();
  const { saving, save } = useSave(form);
  if (!decision) return null;
  const { transfer, verdict } = decision;
  const submit = (values: { decidedOn?: Dayjs }) =>
    save(async () => {
      const endpoint = verdict === 'accept' ? memberEndpoints.acceptTransfer : memberEndpoints.rejectTransfer;
      await call(endpoint, { params: { transferId: transfer.id }, body: { decidedOn: isoDay(values.decidedOn)! } });
      void message.success(t(verdict === 'accept' ? 'members.ui.transfer.accepted' : 'members.ui.transfer.rejected'));
      onDone();
    });
  return (
    <Modal
      open
      title={t(`members.ui.transfer.${verdict}.title`, { name: transfer.memberName })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t(`members.ui.transfer.${verdict}`)}
      okButtonProps={{ danger: verdict === 'reject' }}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form form={form} name="transfer-decide" layout="vertical" onFinish={submit} initialValues={{ decidedOn: dayjs() }} data-testid="transfer-decide-form">
        <Form.Item label={t('members.field.decidedOn')} name="decidedOn" required rules={[dateRule(decideTransferRequest.shape.decidedOn, t)]}>
          <DatePicker disabledDate={(day) => afterToday(day) || day.isBefore(dayjs(transfer.requestedOn), 'day')} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 会员转移: transfers into and out of the unions in scope, with what the user may do with each. */
export default function TransfersPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [direction, setDirection] = useState<Direction>('incoming');
  const [items, setItems] = useState<TransferView[]>();
  const [reload, setReload] = useState(0);
  const [decision, setDecision] = useState<Decision>();

  useEffect(() => {
    let current = true;
    setItems(undefined);
    call(memberEndpoints.transfers, { query: { direction, limit: 200 } })
      .then((result) => current && setItems(result.items))
      .catch((error: unknown) => {
        if (!current) return;
        setItems([]);
        void message.error(error instanceof ApiError ? error.problem.detail : String(error));
      });
    return () => {
      current = false;
    };
  }, [direction, reload, message]);

  const withdraw = async (transfer: TransferView) => {
    try {
      await call(memberEndpoints.cancelTransfer, { params: { transferId: transfer.id } });
      void message.success(t('members.ui.transfer.cancelled'));
      setReload((n) => n + 1);
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

  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('members.ui.transfers.title')}
        </Typography.Title>
      }
    >
      <Tabs
        activeKey={direction}
        onChange={(key) => setDirection(key as Direction)}
        aria-label={t('members.ui.transfers.direction')}
        items={(['incoming', 'outgoing', 'all'] as const).map((key) => ({ key, label: t(`members.ui.transfers.${key}`) }))}
      />
      <div data-testid="transfer-table">
        <Table<TransferView>
          rowKey="id"
          size="middle"
          loading={items === undefined}
          columns={columns}
          dataSource={items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
          locale={{ emptyText: t('members.ui.transfers.empty') }}
          scroll={{ x: 'max-content' }}
        />
      </div>
      <DecideModal
        decision={decision}
        onClose={() => setDecision(undefined)}
        onDone={() => {
          setDecision(undefined);
          setReload((n) => n + 1);
        }}
      />
    </Card>
  );
}
