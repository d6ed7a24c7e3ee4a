import { Alert, App, Button, Card, Form, Input } from 'antd';
import { authEndpoints, changePasswordRequest } from '../../core/auth/schema.ts';
import { call } from '../api.ts';
import { useFormErrors, zodRule } from '../forms.ts';
import { useI18n } from '../i18n.tsx';
import { useSession } from '../session.tsx';

export default function PasswordPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { me, refresh } = useSession();
  const [form] = Form.useForm();
  const showErrors = useFormErrors(form);
  const submit = async (values: { currentPassword: string; newPassword: string }) => {
    try {
      await call(authEndpoints.changePassword, { body: values });
      form.resetFields();
      void message.success(t('users.password_changed'));
      // A forced change is over: the session reads mustChangePassword false and the shell opens.
      if (me?.mustChangePassword) await refresh();
    } catch (error) {
      showErrors(error);
    }
  };
  return (
    <Card title={t('shell.change_password')} style={{ maxWidth: 480 }}>
      {me?.mustChangePassword && <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('users.must_change_password')} />}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item label={t('users.current_password')} name="currentPassword" rules={[zodRule(changePasswordRequest.shape.currentPassword, t)]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item label={t('users.new_password')} name="newPassword" rules={[zodRule(changePasswordRequest.shape.newPassword, t)]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}
