import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, call } from '../../../../web/api.ts';
import { useI18n } from '../../../../web/i18n.tsx';
import { publicAppealEndpoints, type PublicAppealView } from '../../public-schema.ts';
import { CaseView } from './CaseView.tsx';

/**
 * /appeal/track: the worker types the tracking code and sees that one appeal. The code is never part of this page's
 * address (no /appeal/track/:code): addresses end up in the browser's history, in bookmarks shared by mistake and in
 * any proxy's log, and the code is all it takes to read the answer. It is kept in memory and sent with fetch only.
 */
export default function TrackPage() {
  const { t } = useI18n();
  const [form] = Form.useForm<{ code: string }>();
  const [code, setCode] = useState<string>();
  const [view, setView] = useState<PublicAppealView>();
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);

  const track = async ({ code: typed }: { code: string }) => {
    setBusy(true);
    setProblem(undefined);
    setView(undefined);
    try {
      setView(await call(publicAppealEndpoints.track, { params: { trackingCode: typed.trim() } }));
      setCode(typed.trim());
    } catch (error) {
      // A wrong or unknown code is a bare 404 by design: one plain sentence, nothing more to learn from it.
      setProblem(error instanceof ApiError && error.problem.status === 404 ? t('appeals.public.track.not_found') : error instanceof ApiError ? error.problem.detail : String(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Card style={{ marginBottom: 16 }}>
        <Typography.Title level={2} style={{ marginTop: 0 }}>
          {t('appeals.public.track.title')}
        </Typography.Title>
        <Form form={form} name="appeal-track" layout="vertical" size="large" onFinish={track} data-testid="appeal-track-form">
          <Form.Item label={t('appeals.public.track.code')} name="code" extra={t('appeals.public.track.code.help')} rules={[{ required: true, whitespace: true, message: t('appeals.public.track.code.required') }]}>
            <Input maxLength={64} autoComplete="off" autoCapitalize="characters" spellCheck={false} style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace' }} />
          </Form.Item>
          {problem && <Alert type="error" showIcon title={problem} role="alert" style={{ marginBottom: 16 }} data-testid="appeal-track-problem" />}
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="appeal-track-go">
            {t('appeals.public.track.go')}
          </Button>
        </Form>
        <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0 }}>
          <Link to="/appeal">{t('appeals.public.track.new')}</Link>
        </Typography.Paragraph>
      </Card>
      {view && code && <CaseView view={view} code={code} onRated={setView} />}
    </>
  );
}
