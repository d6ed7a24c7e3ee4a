import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { authEndpoints } from '../../core/auth/schema.ts';
import { ApiError, call } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { moduleUis } from '../modules.ts';
import { useSession } from '../session.tsx';
import { PublicLayout } from '../shell/PublicLayout.tsx';

/** The public pages the modules name (职工诉求 …): a worker who opens the platform's address finds them here. */
const publicLinks = moduleUis.flatMap((module) => (module.publicRoutes ?? []).filter((route) => route.labelKey));

export default function LoginPage() {
  const { t, setLocale } = useI18n();
  const { setMe } = useSession();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (values: { username: string; password: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      const me = await call(authEndpoints.login, { body: values });
      setLocale(me.locale);
      setMe(me);
      const next = search.get('next');
      navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.problem.detail : String(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <PublicLayout>
      <Card>
        <Typography.Title level={2} style={{ marginTop: 0 }}>
          {t('login.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('login.welcome')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" data-testid="login-error" />}
        <Form layout="vertical" size="large" onFinish={submit} requiredMark={false}>
          <Form.Item label={t('login.username')} name="username" rules={[{ required: true, message: t('validation.required') }]}>
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label={t('login.password')} name="password" rules={[{ required: true, message: t('validation.required') }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
      {publicLinks.length > 0 && (
        <Flex component="nav" aria-label={t('login.public')} wrap gap={16} justify="center" style={{ marginTop: 24 }}>
          {publicLinks.map((route) => (
            <Link key={route.path} to={route.path} data-testid={`public-link-${route.path.slice(1)}`}>
              {t(route.labelKey!)}
            </Link>
          ))}
        </Flex>
      )}
    </PublicLayout>
  );
}
