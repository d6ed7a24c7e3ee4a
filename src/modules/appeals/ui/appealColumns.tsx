import { Button, Space, Tag, type TableColumnsType } from 'antd';
import { useI18n } from '../../../web/i18n.tsx';
import type { AppealView } from '../schema.ts';

export const appealColumnKeys = ['id', 'status', 'kind', 'category', 'employer', 'name', 'phone', 'org', 'channel', 'submittedOn', 'dueOn', 'difficulty'] as const;

const nowrap = (value: string | null) => <span style={{ whiteSpace: 'nowrap' }}>{value ?? '—'}</span>;

/** The register's columns, personal data masked as the server sends it; the number opens the case's drawer. */
export function useAppealColumns(open: (appeal: AppealView) => void): TableColumnsType<AppealView> {
  const { t } = useI18n();
  return [
    {
      key: 'id',
      title: t('appeals.field.id'),
      dataIndex: 'id',
      render: (id: number, appeal) => (
        <Button
          type="link"
          style={{ padding: 0, height: 'auto' }}
          onClick={(event) => {
            event.stopPropagation();
            open(appeal);
          }}
        >
          {id}
        </Button>
      ),
    },
    {
      key: 'status',
      title: t('appeals.field.status'),
      dataIndex: 'status',
      render: (status: AppealView['status'], appeal) => (
        <Space size={4} wrap>
          {appeal.supervisedAt && status !== 'closed' && <Tag color="red">{t('appeals.ui.pressed')}</Tag>}
          {appeal.overdue && <Tag color="volcano">{t('appeals.ui.overdue')}</Tag>}
          <Tag color={status === 'closed' ? 'green' : status === 'submitted' ? 'blue' : 'gold'}>{t(`appeals.status.${status}`)}</Tag>
        </Space>
      ),
    },
    { key: 'kind', title: t('appeals.field.kind'), dataIndex: 'kind', render: (kind: string) => t(`appeals.kind.${kind}`) },
    { key: 'category', title: t('appeals.field.category'), dataIndex: 'category', render: (category: string) => t(`appeals.category.${category}`) },
    { key: 'employer', title: t('appeals.field.employer'), dataIndex: 'employerName' },
    { key: 'name', title: t('appeals.field.name'), dataIndex: 'name', render: (name: string | null) => name ?? t('appeals.ui.anonymous') },
    { key: 'phone', title: t('appeals.field.phone'), dataIndex: 'phone', render: (phone: string | null) => <span style={{ fontFamily: 'monospace' }}>{phone ?? '—'}</span> },
    { key: 'org', title: t('appeals.field.org'), dataIndex: 'orgName' },
    { key: 'channel', title: t('appeals.field.channel'), dataIndex: 'channel', render: (channel: string) => t(`appeals.channel.${channel}`) },
    { key: 'submittedOn', title: t('appeals.field.submittedOn'), dataIndex: 'submittedOn', render: nowrap },
    { key: 'dueOn', title: t('appeals.field.dueOn'), dataIndex: 'dueOn', render: nowrap },
    { key: 'difficulty', title: t('appeals.field.difficulty'), dataIndex: 'difficulty', render: (value: string | null) => (value ? t(`appeals.difficulty.${value}`) : '—') },
  ];
}
