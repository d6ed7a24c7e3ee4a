import { Select } from 'antd';
import { useI18n } from '../i18n.tsx';
import { useViewState } from '../view-state.ts';

/** Statistics years are calendar years; the report's records begin in 2008. */
export const firstYear = 2008;

export function YearPicker() {
  const { t } = useI18n();
  const { year, update } = useViewState();
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: thisYear - firstYear + 1 }, (_, index) => thisYear - index);
  return (
    <Select
      aria-label={t('shell.year')}
      style={{ width: 96 }}
      value={year}
      options={years.map((value) => ({ value, label: String(value) }))}
      onChange={(value: number) => update({ year: value === thisYear ? undefined : value })}
      data-testid="year-picker"
    />
  );
}
