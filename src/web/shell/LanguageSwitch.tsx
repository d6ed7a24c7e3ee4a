import { Segmented } from 'antd';
import { authEndpoints } from '../../core/auth/schema.ts';
import type { Locale } from '../../core/i18n/catalogue.ts';
import { call } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { useSession } from '../session.tsx';

/** 中文 / English: remembered in a cookie (for the server's messages too) and, once logged in, on the account. */
export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  const { me } = useSession();
  const change = (next: Locale) => {
    setLocale(next);
    if (me) void call(authEndpoints.setLocale, { body: { locale: next } }).catch(() => undefined);
  };
  return (
    <Segmented
      aria-label={t('shell.language')}
      value={locale}
      onChange={(value) => change(value as Locale)}
      options={[
        { value: 'zh-CN', label: '中文' },
        { value: 'en', label: 'English' },
      ]}
      data-testid="language-switch"
    />
  );
}
