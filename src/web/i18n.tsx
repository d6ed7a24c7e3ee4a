import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { addMessages, pickLocale, translate, type Locale } from '../core/i18n/catalogue.ts';
import { coreMessages } from '../core/i18n/core-messages.ts';
import type { MessageParams } from '../core/errors.ts';
import { moduleUis } from './modules.ts';

addMessages(coreMessages);
for (const module of moduleUis) addMessages(module.messages);

/** The cookie the server reads too, so its problem+json details come in the language of the page. */
const localeCookie = 'qiaoliang_locale';

function storedLocale(): Locale {
  const cookie = document.cookie.split('; ').find((part) => part.startsWith(`${localeCookie}=`));
  return pickLocale(cookie?.split('=')[1], 'zh-CN');
}

interface I18n {
  locale: Locale;
  t: (key: string, params?: MessageParams) => string;
  setLocale: (locale: Locale) => void;
}

const I18nContext = createContext<I18n | undefined>(undefined);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(storedLocale);
  const setLocale = useCallback((next: Locale) => {
    document.cookie = `${localeCookie}=${next}; path=/; max-age=${365 * 86400}; samesite=lax`;
    document.documentElement.lang = next;
    setLocaleState(next);
  }, []);
  const t = useCallback((key: string, params?: MessageParams) => translate(locale, key, params), [locale]);
  const value = useMemo(() => ({ locale, t, setLocale }), [locale, t, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n outside I18nProvider');
  return context;
}
