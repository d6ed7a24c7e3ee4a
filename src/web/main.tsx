import { App as AntApp, ConfigProvider, type ConfigProviderProps } from 'antd';
import * as enModule from 'antd/es/locale/en_US.js';
import * as zhModule from 'antd/es/locale/zh_CN.js';
import 'dayjs/locale/zh-cn';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { I18nProvider, useI18n } from './i18n.tsx';
import { SessionProvider } from './session.tsx';
import './styles.css';

// antd ships its locales as ES modules without "type": "module", so TypeScript sees a namespace where Vite sees
// the default export: take whichever is there.
type AntLocale = NonNullable<ConfigProviderProps['locale']>;
const unwrap = (module: unknown): AntLocale => {
  const value = module as { default?: AntLocale } & AntLocale;
  return value.default ?? value;
};
const enUS = unwrap(enModule);
const zhCN = unwrap(zhModule);

function Themed() {
  const { locale } = useI18n();
  return (
    <ConfigProvider
      locale={locale === 'en' ? enUS : zhCN}
      theme={{
        // Darker link, secondary and placeholder colours than antd's defaults: WCAG AA contrast (4.5:1) on white.
        token: {
          colorPrimary: '#b71c1c',
          colorLink: '#0958d9',
          colorTextSecondary: 'rgba(0, 0, 0, 0.66)',
          colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
          colorTextDescription: 'rgba(0, 0, 0, 0.62)',
          colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
          // Red text (danger links and buttons, errors): antd's #ff4d4f reaches only 3.3:1 on white. The status tags'
          // words are darkened in styles.css.
          colorError: '#c41d1d',
          // What an empty table says (antd: rgba(0,0,0,0.25), 1.8:1).
          colorTextQuaternary: 'rgba(0, 0, 0, 0.55)',
          borderRadius: 4,
          fontFamily: '"Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif',
        },
      }}
    >
      <AntApp>
        <SessionProvider>
          <App />
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <Themed />
    </I18nProvider>
  </StrictMode>,
);
