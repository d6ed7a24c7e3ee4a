import { Alert, Skeleton } from 'antd';
import type { ECElementEvent } from 'echarts/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useI18n } from '../../../../web/i18n.tsx';
import type { ChildrenList, IndicatorInfo } from '../../schema.ts';
import { formatAxis, formatValue } from '../format.ts';
import { EChart } from './EChart.tsx';
import { echarts, type ChartOption } from './echarts.ts';

const escape = (text: string) => echarts.format.encodeHTML(text);
import { loadRegionMap } from './maps.ts';

type Child = ChildrenList['items'][number];
interface RegionDatum {
  name: string;
  /** ECharts' mark of a missing value is '-'. */
  value: number | '-';
  code: string;
  orgName: string;
}

/**
 * The region's cities (or a city's counties) coloured by the chosen indicator, joined to the child orgs by their
 * GB/T 2260 region code. Hovering a region tells its value; clicking one opens it (drills down).
 */
export default function RegionMap({
  regionCode,
  orgName,
  indicator,
  items,
  onOpen,
  height = 420,
}: {
  regionCode: string;
  orgName: string;
  indicator: Pick<IndicatorInfo, 'title' | 'kind' | 'unit'>;
  items: Child[];
  onOpen: (code: string) => void;
  height?: number;
}) {
  const { t, locale } = useI18n();
  // Kept with the code of the map they belong to: after a drill-down, the next render must not draw the new region
  // with the old names before its map is registered.
  const [loaded, setLoaded] = useState<{ regionCode: string; names: Map<string, string> }>();
  const [failed, setFailed] = useState<string>();
  const names = loaded?.regionCode === regionCode ? loaded.names : undefined;

  useEffect(() => {
    let current = true;
    setFailed(undefined);
    loadRegionMap(regionCode).then(
      (found) => current && setLoaded({ regionCode, names: found }),
      (error: unknown) => current && setFailed(String(error)),
    );
    return () => {
      current = false;
    };
  }, [regionCode]);

  const option = useMemo<ChartOption | undefined>(() => {
    if (!names) return undefined;
    const show = (value: number | '-' | null | undefined) => formatValue(value === '-' ? null : value, indicator, t, locale);
    const data: RegionDatum[] = items.filter((item) => item.regionCode && names.has(item.regionCode)).map((item) => ({ name: item.regionCode!, value: item.value ?? '-', code: item.code, orgName: item.name }));
    const values = data.map((datum) => datum.value).filter((value): value is number => value !== '-');
    const isRate = indicator.kind === 'rate';
    const min = values.length ? Math.min(...values) : 0;
    const max = values.length ? Math.max(...values) : isRate ? 1 : 1;
    const orgOf = (code: string) => data.find((datum) => datum.name === code)?.orgName ?? names.get(code) ?? code;
    const described = data.map((datum) => `${datum.orgName} ${show(datum.value)}`).join('; ');
    return {
      aria: { enabled: true, label: { description: `${t('statistics.ui.map.label', { org: orgName, title: indicator.title })}: ${described}` } },
      tooltip: {
        trigger: 'item',
        formatter: (params) => {
          const item = Array.isArray(params) ? params[0] : params;
          const datum = item?.data as RegionDatum | undefined;
          const value = datum ? show(datum.value) : t('statistics.ui.map.no_data');
          // Org names are people's input: escaped, as the tooltip is HTML.
          return `<strong>${escape(orgOf(String(item?.name)))}</strong><br/>${escape(indicator.title)}：${escape(value)}`;
        },
      },
      visualMap: {
        type: 'continuous',
        min: min === max ? Math.max(0, min - (isRate ? 0.05 : 1)) : min,
        max: min === max ? max + (isRate ? 0.05 : 1) : max,
        left: 8,
        bottom: 8,
        calculable: false,
        text: [formatAxis(max, indicator, locale), formatAxis(min, indicator, locale)],
        inRange: { color: ['#fde4e1', '#f28b82', '#b71c1c'] },
        formatter: (value: unknown) => formatAxis(Number(value), indicator, locale),
      },
      series: [
        {
          type: 'map',
          map: regionCode,
          nameProperty: 'adcode',
          roam: false,
          left: 64,
          right: 8,
          top: 8,
          bottom: 8,
          selectedMode: false,
          labelLayout: { hideOverlap: true },
          label: { show: true, fontSize: names.size > 12 ? 10 : 12, color: '#1f1f1f', formatter: (params: { name: string }) => names.get(params.name) ?? params.name },
          itemStyle: { areaColor: '#f0f0f0', borderColor: '#ffffff', borderWidth: 1 },
          emphasis: { label: { show: true, fontWeight: 'bold' }, itemStyle: { areaColor: '#ffd666' } },
          data,
        },
      ],
    };
  }, [names, items, indicator, regionCode, orgName, t, locale]);

  const open = useCallback(
    (event: ECElementEvent) => {
      const datum = event.data as RegionDatum | undefined;
      if (datum?.code) onOpen(datum.code);
    },
    [onOpen],
  );

  if (failed) return <Alert type="warning" showIcon title={failed} />;
  if (!option) return <Skeleton.Node active style={{ width: '100%', height }} />;
  return <EChart option={option} height={height} label={t('statistics.ui.map.label', { org: orgName, title: indicator.title })} onClick={open} testId="region-map" />;
}
