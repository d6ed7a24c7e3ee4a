import { Button, Space, Tag, type TableColumnsType as ColumnsType } from 'antd';
import { useI18n } from '../../../web/i18n.tsx';
import type { MemberView } from '../schema.ts';

export const memberColumnKeys = ['name', 'gender', 'birthYear', 'idNumber', 'phone', 'household', 'dispatched', 'union', 'joinedOn', 'status'] as const;

const mono = { fontFamily: 'monospace', whiteSpace: 'nowrap' } as const;
const nowrap = (value: string) => <span style={{ whiteSpace: 'nowrap' }}>{value}</span>;

/**
 * The roster's columns, masked as the server sends them; the name opens the member's drawer. The union and the date
 * joined sort, both by the roster's one indexed order (by union, then date joined), either way.
 */
export function useMemberColumns(open: (member: MemberView) => void, sortOrder?: (key: string) => 'ascend' | 'descend' | null): ColumnsType<MemberView> {
  const { t } = useI18n();
  const yesNo = (value: boolean) => (value ? t('common.yes') : t('common.no'));
  return [
    {
      key: 'name',
      title: t('members.field.name'),
      dataIndex: 'name',
      render: (name: string, member) => (
        <Button
          type="link"
          style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }}
          onClick={(event) => {
            event.stopPropagation();
            open(member);
          }}
        >
          {name}
        </Button>
      ),
    },
    { key: 'gender', title: t('members.field.gender'), dataIndex: 'gender', render: (value: string) => t(`members.gender.${value}`) },
    { key: 'birthYear', title: t('members.field.birthYear'), dataIndex: 'birthYear' },
    { key: 'idNumber', title: t('members.field.idNumber'), dataIndex: 'idNumber', render: (value: string) => <span style={mono}>{value}</span> },
    { key: 'phone', title: t('members.field.phone'), dataIndex: 'phone', render: (value: string | null) => (value ? <span style={mono}>{value}</span> : '—') },
    {
      key: 'household',
      title: t('members.field.household'),
      dataIndex: 'household',
      render: (value: MemberView['household'], member) => (member.migrant ? <Tag color="orange">{t('members.ui.migrant')}</Tag> : value ? t(`members.household.${value}`) : t('members.unknown')),
    },
    { key: 'dispatched', title: t('members.field.dispatched'), dataIndex: 'dispatched', render: (value: boolean | null) => (value === null ? t('members.unknown') : yesNo(value)) },
    { key: 'union', title: t('members.field.union'), dataIndex: 'orgName', sorter: Boolean(sortOrder), sortOrder: sortOrder?.('union') ?? null, sortDirections: ['ascend', 'descend', 'ascend'] },
    { key: 'joinedOn', title: t('members.field.joinedOn'), dataIndex: 'joinedOn', render: nowrap, sorter: Boolean(sortOrder), sortOrder: sortOrder?.('joinedOn') ?? null, sortDirections: ['ascend', 'descend', 'ascend'] },
    {
      key: 'status',
      title: t('members.field.status'),
      dataIndex: 'active',
      render: (active: boolean, member) => (
        <Space size={4}>
          {active ? <Tag color="green">{t('members.status.active')}</Tag> : <Tag>{t('members.status.ended')}</Tag>}
          {member.secondJob && <Tag>{t('members.ui.second_job')}</Tag>}
        </Space>
      ),
    },
  ];
}
