import { useMemo } from 'react';
import { useI18n } from '../../../../web/i18n.tsx';
import type { OverviewRow } from '../../schema.ts';
import { formatAxis, formatValue, targetFraction } from '../format.ts';
import { EChart } from './EChart.tsx';
import type { ChartOption } from './echarts.ts';

const red = '#b71c1c';

/** Up to a round figure (1, 1.5, 2, 2.5 … × 10ⁿ), so the axis' top label reads like the others: 277 → 300. */
function roundUp(value: number): number {
  if (value <= 0) return 1;
  const step = 10 ** Math.floor(Math.log10(value)) / 2;
  return Math.ceil(value / step) * step;
}
const grey = '#8c8c8c';

/**
 * An indicator over the years: the recorded values, the target as a dashed level, and the server's projection
 * carried from the last recorded year to the target's year. A cumulative target is a sum over the plan's period, so
 * its chart adds the running sum from the period's first year: the target and the projection are drawn against it.
 */
export default function TrendChart({ row, planFrom, height = 260 }: { row: OverviewRow; planFrom?: number | undefined; height?: number }) {
  const { t, locale } = useI18n();
  const option = useMemo<ChartOption>(() => {
    const cumulative = row.target?.mode === 'cumulative' && planFrom !== undefined;
    const recorded = row.trend.filter((point) => point.value !== null);
    const years: number[] = row.trend.map((point) => point.year);
    const lastYear = Math.max(...years, row.projection?.year ?? 0, row.target && row.target.mode !== 'per_year' ? row.target.year : 0);
    for (let year = (years.at(-1) ?? lastYear) + 1; year <= lastYear; year++) years.push(year);
    const valueIn = new Map(row.trend.map((point) => [point.year, point.value]));
    let running = 0;
    const sums = new Map(cumulative ? row.trend.filter((point) => point.year >= planFrom).map((point) => [point.year, (running += point.value ?? 0)]) : []);
    const drawn = cumulative ? [...sums].map(([year, value]) => ({ year, value })) : recorded;
    const last = drawn.at(-1);
    const projection = row.projection && last && last.value !== null ? new Map([[last.year, last.value], [row.projection.year, row.projection.value]]) : undefined;
    const level = row.target ? targetFraction(row.target) : undefined;
    const rate = row.kind === 'rate';
    const show = (value: number) => formatValue(value, row, t, locale);
    const described = recorded.map((point) => `${point.year}: ${show(point.value!)}`).join('; ');
    const targetLine =
      level !== undefined
        ? {
            symbol: 'none' as const,
            silent: true,
            lineStyle: { type: 'dashed' as const, color: '#389e0d', width: 2 },
            label: { formatter: `${t('statistics.ui.chart.target')} ${show(level)}`, position: 'insideEndTop' as const, color: '#237804' },
            data: [{ yAxis: level }],
          }
        : undefined;
    const series: ChartOption['series'] = [
      {
        name: t('statistics.ui.chart.actual'),
        type: 'line',
        data: years.map((year) => valueIn.get(year) ?? null),
        symbolSize: 7,
        lineStyle: { width: 3, color: red },
        itemStyle: { color: red },
        markLine: cumulative ? undefined : targetLine,
      },
      ...(cumulative
        ? [
            {
              name: t('statistics.ui.chart.cumulative', { from: planFrom }),
              type: 'line' as const,
              data: years.map((year) => sums.get(year) ?? null),
              symbolSize: 7,
              lineStyle: { width: 3, color: '#1677ff' },
              itemStyle: { color: '#1677ff' },
              markLine: targetLine,
            },
          ]
        : []),
      ...(projection
        ? [
            {
              name: t('statistics.ui.chart.projection'),
              type: 'line' as const,
              data: years.map((year) => projection.get(year) ?? null),
              connectNulls: true,
              symbolSize: 6,
              lineStyle: { type: 'dashed' as const, width: 2, color: grey },
              itemStyle: { color: grey },
            },
          ]
        : []),
    ];
    return {
      aria: { enabled: true, label: { description: `${t('statistics.ui.chart.trend', { title: row.title })}. ${described}` } },
      grid: { left: 48, right: 24, top: 36, bottom: 28 },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', valueFormatter: (value) => (typeof value === 'number' ? show(value) : '—') },
      xAxis: { type: 'category', data: years.map(String), boundaryGap: false },
      yAxis: {
        type: 'value',
        // A rate moves by a few points a year: its axis spans what is drawn (and the target), at most 0–100%.
        min: rate ? ({ min }: { min: number }) => Math.max(0, Math.floor((Math.min(min, level ?? 1) - 0.02) * 20) / 20) : 0,
        max: rate
          ? ({ max }: { max: number }) => Math.min(1, Math.ceil((Math.max(max, level ?? 0) + 0.01) * 20) / 20)
          : level !== undefined
            ? ({ max }: { max: number }) => roundUp(Math.max(max, level) * 1.05)
            : undefined,
        axisLabel: { formatter: (value: number) => formatAxis(value, row, locale) },
      },
      series,
    };
  }, [row, planFrom, t, locale]);
  return <EChart option={option} height={height} label={t('statistics.ui.chart.trend', { title: row.title })} testId="trend-chart" />;
}
