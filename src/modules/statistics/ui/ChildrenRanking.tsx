import { Button, Table, Tag, Tooltip, Typography } from 'antd';
import { useI18n } from '../../../web/i18n.tsx';
import type { ChildrenList } from '../schema.ts';
import { formatValue } from './format.ts';

type Child = ChildrenList['items'][number];

/**
 * The org's children ranked by the chosen indicator (the server's order: the best first), each with a bar against
 * the best value and this year's target as a dashed mark. A name opens that org: the page drills down.
 */
export function ChildrenRanking({ list, loading, onOpen }: { list: ChildrenList | undefined; loading: boolean; onOpen: (code: string) => void }) {
  const { t, locale } = useI18n();
  const items = list?.items ?? [];
  const indicator = list?.indicator;
  const values = items.map((item) => item.value ?? 0);
  // A rate's target holds for every part of the org as for the whole; a count's or a sum's is the whole's total,
  // which no single child is meant to reach, so it is neither drawn nor judged child by child.
  const judged = indicator?.kind === 'rate';
  const target = judged ? (list?.targetValue ?? null) : null;
  const scale = Math.max(...values, target ?? 0, indicator?.kind === 'rate' ? 0 : 1) || 1;
  const show = (value: number | null) => (indicator ? formatValue(value, indicator, t, locale) : '—');

  return (
    <div data-testid="children-table">
      <Table<Child>
        rowKey="code"
        size="small"
        loading={loading}
        dataSource={items}
        pagination={items.length > 20 ? { pageSize: 20, showSizeChanger: false, showTotal: (total) => t('common.total', { total }) } : false}
        locale={{ emptyText: t('statistics.ui.children.empty') }}
        columns={[
          { key: 'rank', title: t('statistics.ui.children.rank'), width: 56, align: 'center', render: (_: unknown, __: Child, index: number) => index + 1 },
          {
            key: 'name',
            title: t('statistics.ui.children.org'),
            dataIndex: 'name',
            render: (name: string, child) => (
              <Button type="link" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }} onClick={() => onOpen(child.code)} aria-label={t('statistics.ui.children.open', { name })}>
                {name}
              </Button>
            ),
          },
          {
            key: 'value',
            title: indicator?.title ?? t('statistics.ui.col.value'),
            dataIndex: 'value',
            width: '45%',
            render: (value: number | null, child) => (
              <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
                <div style={{ position: 'relative', flex: 1, height: 12, background: '#f5f5f5', borderRadius: 2 }} aria-hidden="true">
                  <div style={{ width: `${((value ?? 0) / scale) * 100}%`, height: '100%', background: judged && child.met === false ? '#f4a261' : '#b71c1c', borderRadius: 2 }} />
                  {target !== null && <div style={{ position: 'absolute', top: -3, bottom: -3, left: `${(target / scale) * 100}%`, borderInlineStart: '2px dashed #389e0d' }} />}
                </div>
                <Tooltip title={child.denominator !== null ? t('statistics.ui.fraction', { numerator: child.numerator.toLocaleString(), denominator: child.denominator.toLocaleString() }) : undefined}>
                  <span style={{ minWidth: 84, textAlign: 'end', fontVariantNumeric: 'tabular-nums' }}>{show(value)}</span>
                </Tooltip>
              </div>
            ),
          },
          ...(judged ? [{
            key: 'met',
            title: t('statistics.ui.col.status'),
            dataIndex: 'met',
            width: 96,
            render: (met: boolean | null) => (met === null ? <Typography.Text type="secondary">—</Typography.Text> : met ? <Tag color="green">{t('statistics.ui.status.met')}</Tag> : <Tag color="orange">{t('statistics.ui.status.not_met')}</Tag>),
          }] : []),
        ]}
      />
      {target !== null && indicator && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('statistics.ui.children.target_line', { figure: show(target) })}
        </Typography.Text>
      )}
    </div>
  );
}
