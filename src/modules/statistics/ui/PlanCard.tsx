import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Popconfirm, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useI18n } from '../../../web/i18n.tsx';
import type { BaselineView, IndicatorInfo, PlanView, TargetView } from '../schema.ts';
import { baselineFigure, baselineWhen, formatTarget } from './format.ts';

/** One plan: its targets (to edit, add or delete) and the report's baseline it carries, in two tabs. */
export function PlanCard({ plan, indicators, onTarget, onRemove }: { plan: PlanView; indicators: IndicatorInfo[]; onTarget: (target?: TargetView) => void; onRemove: (target: TargetView) => void }) {
  const { t, locale } = useI18n();
  const indicatorOf = (code: string) => indicators.find((item) => item.code === code);
  /**
   * A plan may name indicators no module defines yet (the report's whole plan is loaded at once): they are shown by
   * their code, and read as rates when the plan's baseline says so or their code does (…_rate, …_coverage).
   */
  const measured = (code: string) => {
    const known = indicatorOf(code);
    if (known) return known;
    const baseline = plan.baseline.find((item) => item.indicator === code);
    const rate = baseline?.kind === 'rate' || /_(rate|coverage|participation)$/.test(code);
    return { kind: rate ? ('rate' as const) : ('count' as const), unit: rate ? 'rate' : (baseline?.unit ?? '') };
  };
  const titleOf = (code: string) => indicatorOf(code)?.title ?? code;
  const indicatorCell = (code: string) =>
    indicatorOf(code) ? (
      <Space orientation="vertical" size={0}>
        <span>{titleOf(code)}</span>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {code}
        </Typography.Text>
      </Space>
    ) : (
      <Typography.Text type="secondary">{code}</Typography.Text>
    );
  const quoteCell = (quote: string | null) => (quote ? <Typography.Paragraph style={{ margin: 0, maxWidth: 420, fontSize: 13 }} type="secondary" ellipsis={{ rows: 2, tooltip: quote }}>{quote}</Typography.Paragraph> : '—');

  return (
    <Card
          data-testid={`plan-${plan.code}`}
      title={
        <Space wrap>
          <span>{plan.name}</span>
          <Tag>{plan.code}</Tag>
          <Typography.Text type="secondary">{t('statistics.ui.plans.period', { from: plan.fromYear, to: plan.toYear })}</Typography.Text>
        </Space>
      }
      extra={
        <Button icon={<PlusOutlined />} onClick={() => onTarget()} data-testid="target-add">
          {t('statistics.ui.target.add')}
        </Button>
      }
      styles={{ body: { paddingTop: 4 } }}
    >
      <Tabs
        items={[
          {
            key: 'targets',
            label: t('statistics.ui.plans.targets', { count: plan.targets.length }),
            children: (
              <Table<TargetView>
                rowKey="id"
                size="small"
                dataSource={plan.targets}
                pagination={false}
                locale={{ emptyText: t('statistics.ui.plans.targets.empty') }}
                scroll={{ x: 'max-content' }}
                columns={[
                  { key: 'indicator', title: t('statistics.ui.field.indicator'), dataIndex: 'indicator', render: indicatorCell },
                  { key: 'target', title: t('statistics.ui.col.target'), render: (_: unknown, target) => <span style={{ whiteSpace: 'nowrap' }}>{formatTarget(target, measured(target.indicator), t, locale, plan.fromYear)}</span> },
                  { key: 'quote', title: t('statistics.ui.field.quote'), dataIndex: 'quote', render: quoteCell },
                  {
                    key: 'actions',
                    title: t('common.actions'),
                    width: 150,
                    render: (_: unknown, target) => (
                      <Space size={0}>
                        <Button type="link" size="small" icon={<EditOutlined />} onClick={() => onTarget(target)} aria-label={`${t('common.edit')} ${titleOf(target.indicator)}`}>
                          {t('common.edit')}
                        </Button>
                        <Popconfirm
                          title={t('statistics.ui.target.delete.confirm', { title: titleOf(target.indicator) })}
                          okText={t('statistics.ui.target.delete')}
                          cancelText={t('common.cancel')}
                          okButtonProps={{ danger: true }}
                          onConfirm={() => onRemove(target)}
                        >
                          <Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label={`${t('statistics.ui.target.delete')} ${titleOf(target.indicator)}`}>
                            {t('statistics.ui.target.delete')}
                          </Button>
                        </Popconfirm>
                      </Space>
                    ),
                  },
                ]}
              />
            ),
          },
          {
            key: 'baseline',
            label: t('statistics.ui.plans.baseline', { count: plan.baseline.length }),
            children: (
              <Table<BaselineView>
                rowKey="id"
                size="small"
                dataSource={plan.baseline}
                pagination={false}
                locale={{ emptyText: t('statistics.ui.plans.baseline.empty') }}
                scroll={{ x: 'max-content' }}
                columns={[
                  { key: 'indicator', title: t('statistics.ui.field.indicator'), dataIndex: 'indicator', render: indicatorCell },
                  { key: 'kind', title: t('statistics.ui.field.kind'), dataIndex: 'kind', render: (kind: string) => t(`statistics.ui.baseline_kind.${kind}`) },
                  { key: 'value', title: t('statistics.ui.col.value'), align: 'end', render: (_: unknown, baseline) => <span style={{ whiteSpace: 'nowrap' }}>{baselineFigure(baseline, measured(baseline.indicator), t, locale)}</span> },
                  { key: 'period', title: t('statistics.ui.field.period'), render: (_: unknown, baseline) => <span style={{ whiteSpace: 'nowrap' }}>{baselineWhen(baseline, t)}</span> },
                  { key: 'quote', title: t('statistics.ui.field.quote'), dataIndex: 'quote', render: quoteCell },
                ]}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}
