import { Layout, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';

/**
 * The frame of the pages that workers open on a phone (and of the login page): no navigation, one column,
 * large touch targets (antd's size="large" everywhere inside, 44 px and more).
 */
export function PublicLayout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  return (
    <Layout style={{ minHeight: '100vh', background: '#f0f4f8' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', background: '#b71c1c', paddingInline: 16 }}>
        <Typography.Title level={1} style={{ color: '#fff', margin: 0, fontSize: 20 }}>
          {t('shell.title')} · {t('shell.subtitle')}
        </Typography.Title>
        <LanguageSwitch />
      </Layout.Header>
      <Layout.Content style={{ width: '100%', maxWidth: 480, margin: '0 auto', padding: '24px 16px' }}>
        {children}
      </Layout.Content>
    </Layout>
  );
}
