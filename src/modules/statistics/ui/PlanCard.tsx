import { DeleteOutlined, DownloadOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { urlOf } from '../../../web/api.ts';
import { Button, Card, Popconfirm, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useI18n } from '../../../web/i18n.tsx';
import { statisticsEndpoints, type BaselineView, type PlanView, type TargetView } from '../schema.ts';
import { baselineFigure, baselineWhen, formatTarget, measuredOf } from './format.ts';

/** One plan: its targets (to edit, add or delete) and the report's baseline it carries, in two tabs. */
export function PlanCard({ plan, onTarget, onRemove }: { plan: PlanView; onTarget: (target?: TargetView) => void; onRemove: (target: TargetView) => void }) {
  const { t, locale } = useI18n();
  const editable = plan.abilities.update;
  /**
   * A target carries its title (the indicator's, or for one no module computes yet the plan's own wording) and its
   * unit; a baseline figure of an indicator the plan has a target for is read with that target's title and unit.
   */
  const targetOf = (code: string) => plan.targets.find((item) => item.indicator === code);
  const titleOf = (code: string) => targetOf(code)?.title ?? code;
  const targetCell = (target: TargetView) => (
    <Space orientation="vertical" size={0}>
      <span>
        <span>{target.title}</span>
        {!target.measured && (
          <Tag style={{ marginInlineStart: 8 }} data-testid="not-measured">
            {t('statistics.ui.target.not_measured')}
          </Tag>
        )}
      </span>
    </Space>
  );
  const baselineCell = (code: string) => {
    const target = targetOf(code);
    return target ? targetCell(target) : <Typography.Text>{code}</Typography.Text>;
  };
  const measured = (code: string) => {
    const target = targetOf(code);
    return target ? measuredOf(target) : { kind: 'count' as const, unit: '' };
  };
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
        <Space wrap>
          <Button icon={<DownloadOutlined />} href={urlOf(statisticsEndpoints.planWorkbook, { params: { planId: plan.id } })} download data-testid="plan-export">
            {t('statistics.ui.plans.export')}
          </Button>
          {editable && (
            <Button icon={<PlusOutlined />} onClick={() => onTarget()} data-testid="target-add">
              {t('statistics.ui.target.add')}
            </Button>
          )}
        </Space>
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
                  { key: 'indicator', title: t('statistics.ui.field.indicator'), render: (_: unknown, target) => targetCell(target) },
                  { key: 'target', title: t('statistics.ui.col.target'), render: (_: unknown, target) => <span style={{ whiteSpace: 'nowrap' }}>{formatTarget(target, undefined, t, locale, plan.fromYear)}</span> },
                  { key: 'quote', title: t('statistics.ui.field.quote'), dataIndex: 'quote', render: quoteCell },
                  ...(editable ? [{
                    key: 'actions',
                    title: t('common.actions'),
                    width: 150,
                    render: (_: unknown, target: TargetView) => (
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
                  }] : []),
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
                  { key: 'indicator', title: t('statistics.ui.field.indicator'), dataIndex: 'indicator', render: baselineCell },
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
