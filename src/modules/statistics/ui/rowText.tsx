import { useI18n } from '../../../web/i18n.tsx';
import type { Overview } from '../schema.ts';
import { baselineWhen, formatTarget, formatValue, targetFraction } from './format.ts';
import type { ViewRow } from './status.ts';

/** How an overview's row reads: its figures, its target (or the province's, for reference), when its baseline holds, its projection. */
export function useRowText(overview: Overview) {
  const { t, locale } = useI18n();
  const plan = overview.plan;
  const show = (row: ViewRow, value: number | null | undefined) => formatValue(value, row, t, locale);
  const target = (row: ViewRow) => (row.target ? formatTarget(row.target, row, t, locale, plan?.fromYear) : undefined);
  const when = (row: ViewRow) => (row.baseline ? (overview.org.level === 'province' ? baselineWhen(row.baseline, t) : t('statistics.ui.baseline.province', { when: baselineWhen(row.baseline, t) })) : '');
  // A cumulative target is held against the period's sum so far (the server's `progress`), not the year's value.
  const sumSoFar = (row: ViewRow) =>
    row.target?.mode === 'cumulative' && plan && row.progress !== null && overview.year >= plan.fromYear
      ? t('statistics.ui.progress.cumulative', { from: plan.fromYear, year: overview.year, figure: show(row, row.progress) })
      : undefined;
  const projection = (row: ViewRow) => {
    if (!row.target || !row.projection) return t('statistics.ui.projection.none');
    const values = { year: row.projection.year, value: show(row, row.projection.value), target: show(row, targetFraction(row.target)), from: plan?.fromYear ?? '' };
    return t(row.target.mode === 'cumulative' && plan ? 'statistics.ui.projection.cumulative' : 'statistics.ui.projection', values);
  };
  const fraction = (row: Pick<ViewRow, 'numerator' | 'denominator'>) => (row.denominator !== null ? t('statistics.ui.fraction', { numerator: row.numerator.toLocaleString(), denominator: row.denominator.toLocaleString() }) : undefined);
  return { show, target, when, sumSoFar, projection, fraction };
}
