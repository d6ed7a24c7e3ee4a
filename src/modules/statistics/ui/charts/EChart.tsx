import type { ECElementEvent, ECharts } from 'echarts/core';
import { useEffect, useRef } from 'react';
import { useI18n } from '../../../../web/i18n.tsx';
import { echarts, type ChartOption } from './echarts.ts';

/**
 * One ECharts instance in a div that follows its container's size. The option replaces the previous one whole, so
 * what is drawn is always what the props say. The div is an image to assistive technology, named by `label`;
 * ECharts' aria feature adds a spoken description of the data to it.
 */
export function EChart({ option, height, label, onClick, testId }: { option: ChartOption; height: number; label: string; onClick?: (event: ECElementEvent) => void; testId?: string }) {
  const { locale } = useI18n();
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | undefined>(undefined);

  useEffect(() => {
    const instance = echarts.init(element.current!, undefined, { locale: locale === 'en' ? 'EN' : 'ZH', renderer: 'canvas' });
    chart.current = instance;
    // Tests and screenshots wait for this: drawn, animations over.
    instance.on('finished', () => element.current?.setAttribute('data-ready', 'true'));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element.current!);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = undefined;
    };
  }, [locale]);

  useEffect(() => {
    element.current?.removeAttribute('data-ready');
    chart.current?.setOption(option, { notMerge: true });
  }, [option, locale]);

  useEffect(() => {
    const instance = chart.current;
    if (!instance || !onClick) return;
    instance.on('click', onClick);
    return () => {
      if (!instance.isDisposed()) instance.off('click', onClick);
    };
  }, [onClick, locale]);

  return <div ref={element} role="img" aria-label={label} data-testid={testId} style={{ width: '100%', height }} />;
}
