import { Button, Tag, type TableColumnsType } from 'antd';
import { useI18n } from '../../../../web/i18n.tsx';
import type { WarningView } from '../../warning-schema.ts';

export const warningColumnKeys = ['id', 'status', 'employer', 'category', 'reason', 'appealCount', 'raisedOn', 'acknowledgedOn', 'closedOn', 'org'] as const;

const statusColour = { open: 'red', acknowledged: 'gold', closed: 'green' } as const;
const nowrap = (value: string | null) => <span style={{ whiteSpace: 'nowrap' }}>{value ?? '—'}</span>;

/** The warning list's columns; the number opens the warning's drawer. */
export function useWarningColumns(open: (warning: WarningView) => void): TableColumnsType<WarningView> {
  const { t } = useI18n();
  return [
    {
      key: 'id',
      title: t('appeals.warnings.field.id'),
      dataIndex: 'id',
      render: (id: number, warning) => (
        <Button
          type="link"
          style={{ padding: 0, height: 'auto' }}
          onClick={(event) => {
            event.stopPropagation();
            open(warning);
          }}
        >
          {id}
        </Button>
      ),
    },
    { key: 'status', title: t('appeals.warnings.field.status'), dataIndex: 'status', render: (status: WarningView['status']) => <Tag color={statusColour[status]}>{t(`appeals.warning.status.${status}`)}</Tag> },
    { key: 'employer', title: t('appeals.warnings.field.employer'), dataIndex: 'employerName' },
    { key: 'category', title: t('appeals.warnings.field.category'), dataIndex: 'category', render: (category: string) => t(`appeals.category.${category}`) },
    { key: 'reason', title: t('appeals.warnings.field.reason'), dataIndex: 'reason', render: (reason: string) => t(`appeals.warning.reason.${reason}`) },
    { key: 'appealCount', title: t('appeals.warnings.field.appealCount'), dataIndex: 'appealCount', align: 'right' },
    { key: 'raisedOn', title: t('appeals.warnings.field.raisedOn'), dataIndex: 'raisedOn', render: nowrap },
    { key: 'acknowledgedOn', title: t('appeals.warnings.field.acknowledgedOn'), dataIndex: 'acknowledgedOn', render: nowrap },
    { key: 'closedOn', title: t('appeals.warnings.field.closedOn'), dataIndex: 'closedOn', render: nowrap },
    { key: 'org', title: t('appeals.warnings.field.org'), dataIndex: 'orgName' },
  ];
}
