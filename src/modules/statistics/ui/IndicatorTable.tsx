import { InfoCircleOutlined } from '@ant-design/icons';
import { Button, Card, Segmented, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../../web/i18n.tsx';
import type { Overview } from '../schema.ts';
import { baselineFigure } from './format.ts';
import { useRowText } from './rowText.tsx';
import { Sparkline } from './Sparkline.tsx';
import { statusColor, statusOf, type ViewRow } from './status.ts';

/** The indicator table's columns: the indicator (a button that chooses it), value and status, target, baseline, trend. */
function useIndicatorColumns(overview: Overview, selectedCode: string | undefined, choose: (code: string) => void): TableColumnsType<ViewRow> {
  const { t, locale } = useI18n();
  const text = useRowText(overview);
  return [
    {
      key: 'title',
      title: t('statistics.ui.col.indicator'),
      dataIndex: 'title',
      width: 190,
      render: (title: string, row) => (
        <Space size={2} align="start">
          <Button
            type="link"
            style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start', fontWeight: row.code === selectedCode ? 600 : undefined }}
            onClick={(event) => {
              event.stopPropagation();
              choose(row.code);
            }}
            aria-pressed={row.code === selectedCode}
          >
            {title}
          </Button>
          <Tooltip title={<div style={{ maxWidth: 360 }}>{row.definition}</div>}>
            <Button type="text" size="small" icon={<InfoCircleOutlined />} aria-label={t('statistics.ui.definition', { title })} style={{ color: '#8c8c8c', height: 22, width: 22 }} />
          </Tooltip>
        </Space>
      ),
    },
    {
      key: 'value',
      title: t('statistics.ui.col.value_status'),
      dataIndex: 'value',
      align: 'end',
      render: (value: number | null, row) => {
        const status = statusOf(row, overview.year);
        return (
          <>
            <Tooltip title={text.fraction(row)}>
              <span style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums', fontWeight: 500 }}>{text.show(row, value)}</span>
            </Tooltip>
            {status !== 'no_target' && (
              <Tag color={statusColor[status]} style={{ display: 'table', marginInline: '0 0', marginInlineStart: 'auto', marginTop: 2 }}>
                {t(`statistics.ui.status.${status}`)}
              </Tag>
            )}
          </>
        );
      },
    },
    {
      key: 'target',
      title: t('statistics.ui.col.target'),
      width: 180,
      render: (_: unknown, row) => (
        <>
          <span>{text.target(row) ?? '—'}</span>
          {text.sumSoFar(row) && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {text.sumSoFar(row)}
            </Typography.Text>
          )}
        </>
      ),
    },
    {
      key: 'baseline',
      title: t('statistics.ui.col.baseline'),
      render: (_: unknown, row) =>
        row.baseline ? (
          <Tooltip title={row.baseline.quote ? t('statistics.ui.baseline.quote', { quote: row.baseline.quote }) : undefined}>
            <span tabIndex={row.baseline.quote ? 0 : undefined} style={{ whiteSpace: 'nowrap' }}>
              <span style={{ borderBottom: row.baseline.quote ? '1px dotted #8c8c8c' : undefined }}>{baselineFigure(row.baseline, row, t, locale)}</span>
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {text.when(row)}
              </Typography.Text>
            </span>
          </Tooltip>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    { key: 'trend', title: t('statistics.ui.col.trend'), width: 84, render: (_: unknown, row) => <Sparkline values={row.trend.map((point) => point.value)} width={68} /> },
  ];
}

type Filter = 'all' | 'with_target' | 'attention';

/** Every indicator of the overview as a table, filtered to those with a target or those that need attention; a row chooses the indicator. */
export function IndicatorTable({ overview, rows, loading, selectedCode, choose }: { overview: Overview; rows: ViewRow[]; loading: boolean; selectedCode: string | undefined; choose: (code: string) => void }) {
  const { t } = useI18n();
  const [filter, setFilter] = useState<Filter>('all');
  const columns = useIndicatorColumns(overview, selectedCode, choose);
  const visibleRows = rows.filter((row) => (filter === 'all' ? true : filter === 'with_target' ? !!row.target : ['not_met', 'off_track'].includes(statusOf(row, overview.year))));
  return (
    <Card
      title={t('statistics.ui.indicators')}
      extra={<Segmented<Filter> size="small" aria-label={t('statistics.ui.filter')} value={filter} onChange={setFilter} options={(['all', 'with_target', 'attention'] as const).map((value) => ({ value, label: t(`statistics.ui.filter.${value}`) }))} />}
      styles={{ body: { padding: 0 } }}
    >
      <div data-testid="indicator-table">
        <Table<ViewRow>
          rowKey="code"
          size="small"
          loading={loading}
          columns={columns}
          dataSource={visibleRows}
          pagination={false}
          scroll={{ x: 'max-content', y: 560 }}
          locale={{ emptyText: t('statistics.ui.empty') }}
          onRow={(row) => ({ onClick: () => choose(row.code), style: { cursor: 'pointer' }, className: row.code === selectedCode ? 'ant-table-row-selected' : undefined })}
        />
      </div>
      <Typography.Paragraph type="secondary" style={{ margin: '8px 12px', fontSize: 12 }}>
        {t('statistics.ui.indicators.count', { count: rows.length, targets: rows.filter((row) => row.target).length })} · {t('statistics.ui.select_hint')}
      </Typography.Paragraph>
    </Card>
  );
}
