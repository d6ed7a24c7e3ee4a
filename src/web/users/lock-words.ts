import dayjs from 'dayjs';

type Translate = (key: string, params?: Record<string, string | number>) => string;

/**
 * When a locked account opens again, in words in the reader's own time: "15:11" today, with the day otherwise
 * (a lock of LOCKOUT_MINUTES can cross midnight). The server keeps and sends the moment in UTC; an officer should
 * never have to read "2026-12-04T14:56:36.568Z".
 */
export function lockEndsInWords(until: string | Date, t: Translate, locale: string, now: Date = new Date()): string {
  const end = dayjs(until);
  const time = end.format('HH:mm');
  if (end.isSame(now, 'day')) return t('users.locked_until', { time });
  const day = locale === 'en' ? end.locale('en').format('D MMM') : `${end.month() + 1}月${end.date()}日`;
  return t('users.locked_until_day', { day, time });
}
