import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { authEndpoints, changePasswordRequest } from '../../core/auth/schema.ts';
import { maxPasswordLength, minPasswordLength } from '../../core/auth/password-rules.ts';
import { call } from '../api.ts';
import { useFormErrors, zodRule } from '../forms.ts';
import { useI18n } from '../i18n.tsx';
import { useSession } from '../session.tsx';

/**
 * 修改密码: the rules a new password must meet, shown before it is typed; the new password twice. A forced change
 * (a new or reset account) ends on the page the user was going to, 首页 by default.
 */
export default function PasswordPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { me, refresh } = useSession();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const [form] = Form.useForm();
  const showErrors = useFormErrors(form);
  const forced = me?.mustChangePassword === true;
  const submit = async (values: { currentPassword: string; newPassword: string }) => {
    try {
      await call(authEndpoints.changePassword, { body: { currentPassword: values.currentPassword, newPassword: values.newPassword } });
      form.resetFields();
      void message.success(t('users.password_changed'));
      if (forced) {
        // The session now reads mustChangePassword false and the shell opens where the user was going.
        const next = search.get('next');
        await refresh();
        navigate(next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/password') ? next : '/', { replace: true });
      }
    } catch (error) {
      showErrors(error);
    }
  };
  return (
    <Card title={<Typography.Title level={1} style={{ margin: 0, fontSize: 20 }}>{t('shell.change_password')}</Typography.Title>} style={{ maxWidth: 520 }} data-testid="password-page">
      {forced && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('users.must_change_password')} />}
      <div data-testid="password-rules" style={{ marginBottom: 16 }}>
        <Typography.Text strong>{t('password.rules.title')}</Typography.Text>
        <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
          <li>{t('password.rules.length', { min: minPasswordLength, max: maxPasswordLength })}</li>
          <li>{t('password.rules.repetitive')}</li>
          <li>{t('password.rules.common')}</li>
          <li>{t('password.rules.username')}</li>
        </ul>
      </div>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item label={t('users.current_password')} name="currentPassword" rules={[zodRule(changePasswordRequest.shape.currentPassword, t)]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item label={t('users.new_password')} name="newPassword" rules={[zodRule(changePasswordRequest.shape.newPassword, t)]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label={t('password.confirm')}
          name="confirmPassword"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('validation.required') },
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) => (!value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('password.confirm.mismatch')))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}
