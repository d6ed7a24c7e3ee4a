import { addDays } from './working-days.ts';

/**
 * The State Council's holiday notices as data (README.md, "Working days"), loaded into a province's calendar at the
 * first start. Each break is its first and last day off; `worked` are the weekend days worked instead (调休).
 * Only years whose notice was checked word for word are here.
 */
interface Break {
  name: string;
  from: string;
  to: string;
  worked?: string[];
}

export const officialYears: Record<number, { notice: string; breaks: Break[] }> = {
  2024: {
    notice: '国办发明电〔2023〕7号',
    breaks: [
      { name: '元旦', from: '2024-01-01', to: '2024-01-01' },
      { name: '春节', from: '2024-02-10', to: '2024-02-17', worked: ['2024-02-04', '2024-02-18'] },
      { name: '清明节', from: '2024-04-04', to: '2024-04-06', worked: ['2024-04-07'] },
      { name: '劳动节', from: '2024-05-01', to: '2024-05-05', worked: ['2024-04-28', '2024-05-11'] },
      { name: '端午节', from: '2024-06-10', to: '2024-06-10' },
      { name: '中秋节', from: '2024-09-15', to: '2024-09-17', worked: ['2024-09-14'] },
      { name: '国庆节', from: '2024-10-01', to: '2024-10-07', worked: ['2024-09-29', '2024-10-12'] },
    ],
  },
  2025: {
    notice: '国办发明电〔2024〕12号',
    breaks: [
      { name: '元旦', from: '2025-01-01', to: '2025-01-01' },
      { name: '春节', from: '2025-01-28', to: '2025-02-04', worked: ['2025-01-26', '2025-02-08'] },
      { name: '清明节', from: '2025-04-04', to: '2025-04-06' },
      { name: '劳动节', from: '2025-05-01', to: '2025-05-05', worked: ['2025-04-27'] },
      { name: '端午节', from: '2025-05-31', to: '2025-06-02' },
      { name: '国庆节、中秋节', from: '2025-10-01', to: '2025-10-08', worked: ['2025-09-28', '2025-10-11'] },
    ],
  },
  2026: {
    notice: '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）',
    breaks: [
      { name: '元旦', from: '2026-01-01', to: '2026-01-03', worked: ['2026-01-04'] },
      { name: '春节', from: '2026-02-15', to: '2026-02-23', worked: ['2026-02-14', '2026-02-28'] },
      { name: '清明节', from: '2026-04-04', to: '2026-04-06' },
      { name: '劳动节', from: '2026-05-01', to: '2026-05-05', worked: ['2026-05-09'] },
      { name: '端午节', from: '2026-06-19', to: '2026-06-21' },
      { name: '中秋节', from: '2026-09-25', to: '2026-09-27' },
      { name: '国庆节', from: '2026-10-01', to: '2026-10-07', worked: ['2026-09-20', '2026-10-10'] },
    ],
  },
};

export interface CalendarDay {
  day: string;
  kind: 'holiday' | 'workday';
  name: string;
}

/** Every day of the shipped years, as rows of appeal_holidays. */
export function officialDays(): CalendarDay[] {
  return Object.values(officialYears).flatMap(({ breaks }) =>
    breaks.flatMap((b) => {
      const days: CalendarDay[] = [];
      for (let day = b.from; day <= b.to; day = addDays(day, 1)) days.push({ day, kind: 'holiday', name: b.name });
      for (const day of b.worked ?? []) days.push({ day, kind: 'workday', name: `${b.name}调休上班` });
      return days;
    }),
  );
}
