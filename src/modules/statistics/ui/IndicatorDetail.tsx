import { Alert, Card, Descriptions, Skeleton, Space, Tag, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { useI18n } from '../../../web/i18n.tsx';
import type { Overview } from '../schema.ts';
import { ChartBoundary } from './ChartBoundary.tsx';
import { baselineFigure } from './format.ts';
import { useRowText } from './rowText.tsx';
import { projectionMeets, statusColor, statusOf, type ViewRow } from './status.ts';

// ECharts loads with the first chart, so the table is on screen before it.
const TrendChart = lazy(() => import('./charts/TrendChart.tsx'));

/** The chosen indicator: its definition, value and status, target, baseline, trend chart and projection. */
export function IndicatorDetail({ overview, row }: { overview: Overview; row: ViewRow }) {
  const { t, locale } = useI18n();
  const text = useRowText(overview);
  const status = statusOf(row, overview.year);
  const fraction = text.fraction(row);
  return (
    <Card title={row.title} data-testid="indicator-detail" style={{ height: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {row.definition}
      </Typography.Paragraph>
      <Descriptions
        size="small"
        column={1}
        items={[
          {
            key: 'value',
            label: t('statistics.ui.detail.value', { year: overview.year }),
            children: (
              <Space size={8} wrap>
                <Typography.Text strong style={{ fontSize: 18 }} data-testid="indicator-value">
                  {text.show(row, row.value)}
                </Typography.Text>
                {fraction && <Typography.Text type="secondary">({fraction})</Typography.Text>}
                {status !== 'no_target' && <Tag color={statusColor[status]}>{t(`statistics.ui.status.${status}`)}</Tag>}
              </Space>
            ),
          },
          ...(row.target
            ? [
                {
                  key: 'target',
                  label: t('statistics.ui.detail.target'),
                  children: (
                    <span>
                      {text.target(row)}
                      {text.sumSoFar(row) && <Typography.Text type="secondary"> · {text.sumSoFar(row)}</Typography.Text>}
                    </span>
                  ),
                },
              ]
            : []),
          ...(row.baseline
            ? [
                {
                  key: 'baseline',
                  label: t('statistics.ui.detail.baseline'),
                  children: (
                    <span>
                      {baselineFigure(row.baseline, row, t, locale)} · {text.when(row)}
                      {row.baseline.quote && <Typography.Text type="secondary"> · {t('statistics.ui.baseline.quote', { quote: row.baseline.quote })}</Typography.Text>}
                    </span>
                  ),
                },
              ]
            : []),
        ]}
      />
      <ChartBoundary key={`${overview.org.code}-${row.code}`}>
        <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: 260 }} />}>
          <TrendChart row={row} planFrom={overview.plan?.fromYear} />
        </Suspense>
      </ChartBoundary>
      {row.target && (row.projection || overview.year < row.target.year) && (
        <Alert data-testid="projection" style={{ marginTop: 12 }} type={!row.projection ? 'info' : projectionMeets(row) ? 'success' : 'warning'} showIcon title={text.projection(row)} />
      )}
    </Card>
  );
}
