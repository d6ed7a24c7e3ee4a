import { Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { createUserRequest, resetPasswordRequest, updateUserRequest, userEndpoints, type UserView } from '../../core/auth/schema.ts';
import type { Role } from '../../core/roles.ts';
import { ApiError, call } from '../api.ts';
import { useFormErrors, zodRule } from '../forms.ts';
import { useI18n } from '../i18n.tsx';

// antd's secondary grey falls short of WCAG AA contrast; this one does not.
const quiet = { color: '#595959' };

/** The dialogs of the user admin page: create an account, edit its name and role, reset its password. */

export interface RoleOption {
  value: Role;
  label: string;
}

/** A taken username is a conflict without field errors; it belongs on the username field all the same. */
function usernameTaken(error: unknown): string | undefined {
  return error instanceof ApiError && error.problem.messageKey === 'auth.username_taken' ? error.problem.detail : undefined;
}

export function CreateUserModal({ orgCode, roleOptions, onClose, onCreated }: { orgCode: string; roleOptions: RoleOption[]; onClose: () => void; onCreated: (user: UserView) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const showErrors = useFormErrors(form);
  const [busy, setBusy] = useState(false);
  const submit = async (values: { username: string; displayName: string; orgCode: string; role: Role; password: string }) => {
    setBusy(true);
    try {
      onCreated(await call(userEndpoints.create, { body: values }));
    } catch (error) {
      const taken = usernameTaken(error);
      if (taken) form.setFields([{ name: 'username', errors: [taken] }]);
      else showErrors(error);
    } finally {
      setBusy(false);
    }
  };
  const shape = createUserRequest.shape;
  return (
    <Modal
      open
      title={t('users.create_title')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      maskClosable={false}
    >
      <Form form={form} name="user-create" layout="vertical" onFinish={submit} initialValues={{ orgCode, role: 'operator' }}>
        <Form.Item label={t('users.username')} name="username" rules={[zodRule(shape.username, t)]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('users.displayName')} name="displayName" rules={[zodRule(shape.displayName, t)]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('users.org_code')} name="orgCode" rules={[zodRule(shape.orgCode, t)]} extra={t('users.org_code_help')}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('users.role')} name="role" rules={[zodRule(shape.role, t)]}>
          <Select options={roleOptions} />
        </Form.Item>
        <Form.Item label={t('users.password')} name="password" rules={[zodRule(shape.password, t)]} extra={t('users.password_help')}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function EditUserModal({ user, roleOptions, onClose, onSaved }: { user: UserView; roleOptions: RoleOption[]; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const showErrors = useFormErrors(form);
  const [busy, setBusy] = useState(false);
  const submit = async (values: { displayName: string; role: Role }) => {
    setBusy(true);
    try {
      await call(userEndpoints.update, { params: { userId: user.id }, body: values });
      onSaved();
    } catch (error) {
      showErrors(error);
    } finally {
      setBusy(false);
    }
  };
  const shape = updateUserRequest.shape;
  return (
    <Modal
      open
      title={t('users.edit_title', { username: user.username })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      maskClosable={false}
    >
      <Form form={form} name="user-edit" layout="vertical" onFinish={submit} initialValues={{ displayName: user.displayName, role: user.role }}>
        <Form.Item label={t('users.displayName')} name="displayName" rules={[zodRule(shape.displayName.unwrap(), t)]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('users.role')} name="role" rules={[zodRule(shape.role.unwrap(), t)]}>
          <Select options={roleOptions.some((option) => option.value === user.role) ? roleOptions : [...roleOptions, { value: user.role, label: t(`role.${user.role}`) }]} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function ResetPasswordModal({ user, onClose, onDone }: { user: UserView; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const showErrors = useFormErrors(form);
  const [busy, setBusy] = useState(false);
  const submit = async (values: { password: string }) => {
    setBusy(true);
    try {
      await call(userEndpoints.resetPassword, { params: { userId: user.id }, body: values });
      onDone();
    } catch (error) {
      showErrors(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('users.reset_title', { username: user.username })}
      okText={t('users.reset_password')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      maskClosable={false}
    >
      <Typography.Paragraph style={quiet}>{t('users.reset_note')}</Typography.Paragraph>
      <Form form={form} name="user-reset" layout="vertical" onFinish={submit}>
        <Form.Item label={t('users.new_password')} name="password" rules={[zodRule(resetPasswordRequest.shape.password, t)]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
