import type { MessageParams } from '../../../core/errors.ts';
import { hasMessage, type Locale } from '../../../core/i18n/catalogue.ts';
import { percent, type BaselineView, type IndicatorInfo, type TargetView } from '../schema.ts';

type Translate = (key: string, params?: MessageParams) => string;
type Measured = Pick<IndicatorInfo, 'kind' | 'unit'>;

const intlLocale = (locale: Locale) => (locale === 'en' ? 'en-GB' : 'zh-CN');

/** A rate (a fraction 0..1) as a percentage: 0.8 → 80%, 0.8634 → 86.3%. */
export function formatRate(value: number, locale: Locale): string {
  return new Intl.NumberFormat(intlLocale(locale), { style: 'percent', maximumFractionDigits: 1 }).format(value);
}

/**
 * Money in yuan as the report writes it: 175.1亿元, 1.2万元 (¥17.51B, ¥12K in English); below ten thousand, in full.
 */
export function formatYuan(value: number, locale: Locale): string {
  if (Math.abs(value) < 10_000) return locale === 'en' ? `¥${formatCount(value, locale)}` : `${formatCount(value, locale)}元`;
  const compact = new Intl.NumberFormat(intlLocale(locale), { notation: 'compact', maximumFractionDigits: 2 }).format(value);
  return locale === 'en' ? `¥${compact}` : `${compact}元`;
}

/** A whole number with thousands separators (a rounded figure when a sum is not whole). */
export function formatCount(value: number, locale: Locale): string {
  return new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: Number.isInteger(value) ? 0 : 1 }).format(value);
}

/** The name of a unit (人, 件, 个 …), or the unit's code when the catalogue does not know it. */
export function unitLabel(unit: string | null | undefined, t: Translate): string {
  if (!unit || unit === 'rate' || unit === 'yuan') return '';
  const key = `statistics.ui.unit.${unit}`;
  return hasMessage(key) ? t(key) : unit;
}

/** A figure of an indicator as a person reads it: rates as %, money in yuan, counts with their unit. */
export function formatValue(value: number | null | undefined, measured: Measured, t: Translate, locale: Locale, withUnit = true): string {
  if (value === null || value === undefined) return '—';
  if (measured.kind === 'rate' || measured.unit === 'rate') return formatRate(value, locale);
  if (measured.unit === 'yuan') return formatYuan(value, locale);
  const unit = withUnit ? unitLabel(measured.unit, t) : '';
  return unit ? `${formatCount(value, locale)} ${unit}` : formatCount(value, locale);
}

/** A short form for chart axes: 86%, 1.9万, 175亿. */
export function formatAxis(value: number, measured: Measured, locale: Locale): string {
  if (measured.kind === 'rate' || measured.unit === 'rate') return new Intl.NumberFormat(intlLocale(locale), { style: 'percent', maximumFractionDigits: 0 }).format(value);
  return new Intl.NumberFormat(intlLocale(locale), { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

export const comparisonSign = (comparison: TargetView['comparison']) => (comparison === '>=' ? '≥' : '≤');

/** A target's value as the figures are (a rate as a fraction): the API gives a rate's target in per cent. */
export const targetFraction = (target: Pick<TargetView, 'value' | 'unit'>) => (target.unit === percent ? target.value / 100 : target.value);

/** What a target measures, from its own unit (a target of an indicator no module computes yet has no other). */
export const measuredOf = (target: Pick<TargetView, 'unit'>, measured?: Measured): Measured =>
  target.unit === percent ? { kind: 'rate', unit: 'rate' } : { kind: measured?.kind === 'rate' ? 'count' : (measured?.kind ?? 'count'), unit: target.unit || measured?.unit || '' };

/** 到2018年 ≥ 90%, 每年 ≥ 400 人, 2013–2018年累计 ≥ 100,000 人次. */
export function formatTarget(target: Pick<TargetView, 'comparison' | 'value' | 'unit' | 'mode' | 'year'>, measured: Measured | undefined, t: Translate, locale: Locale, fromYear?: number): string {
  const figure = `${comparisonSign(target.comparison)} ${formatValue(targetFraction(target), measuredOf(target, measured), t, locale)}`;
  if (target.mode === 'by') return t('statistics.ui.target.by', { year: target.year, figure });
  if (target.mode === 'per_year') return t('statistics.ui.target.per_year', { figure });
  return fromYear ? t('statistics.ui.target.cumulative', { from: fromYear, to: target.year, figure }) : t('statistics.ui.target.cumulative_to', { to: target.year, figure });
}

/** The baseline's figure alone: 1,177 个, 188.5万元, 80%. */
export function baselineFigure(baseline: BaselineView, measured: Measured, t: Translate, locale: Locale): string {
  return formatValue(baseline.value, { kind: baseline.kind === 'rate' ? 'rate' : measured.kind, unit: baseline.unit ?? measured.unit }, t, locale);
}

/** When the baseline holds: 2012年底, 2008–2012年累计, 2008–2012年年均. */
export function baselineWhen(baseline: BaselineView, t: Translate): string {
  return t(`statistics.ui.baseline_when.${baseline.kind}`, { from: baseline.fromYear, to: baseline.toYear });
}

/** 2012年底 1,177 个; 2008–2012年累计 188.5万件; a rate as it is. */
export function formatBaseline(baseline: BaselineView, measured: Measured, t: Translate, locale: Locale): string {
  return t(`statistics.ui.baseline.${baseline.kind}`, { figure: baselineFigure(baseline, measured, t, locale), from: baseline.fromYear, to: baseline.toYear });
}
