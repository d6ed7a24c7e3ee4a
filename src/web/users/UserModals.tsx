import { Form, Input, Modal, Select, Typography } from 'antd';
import type { ReactNode } from 'react';
import { createUserRequest, resetPasswordRequest, updateUserRequest, userEndpoints, type UserView } from '../../core/auth/schema.ts';
import type { Role } from '../../core/roles.ts';
import { call } from '../api.ts';
import { OrgPicker } from '../components/OrgPicker.tsx';
import { useSave, zodRule, type ErrorMapper } from '../forms.ts';
import { useI18n } from '../i18n.tsx';

// antd's secondary grey falls short of WCAG AA contrast; this one does not.
const quiet = { color: '#595959' };

/** The dialogs of the user admin page: create an account, edit its name and role, reset its password. */

export interface RoleOption {
  value: Role;
  label: string;
}

/** A taken username is a conflict without field errors; it belongs on the username field all the same. */
const usernameTaken: ErrorMapper = (problem) => (problem.messageKey === 'auth.username_taken' ? { field: 'username' } : undefined);

/** A dialog around one form: 保存 submits it, the form's save shows the server's refusal on its fields. */
function FormModal({ title, okText, saving, onOk, onClose, children }: { title: string; okText: string; saving: boolean; onOk: () => void; onClose: () => void; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <Modal open title={title} okText={okText} cancelText={t('common.cancel')} confirmLoading={saving} onOk={onOk} onCancel={onClose} maskClosable={false}>
      {children}
    </Modal>
  );
}

/** 新增用户: the account's org is picked by name or code (the org in view by default), never typed as a code. */
export function CreateUserModal({ org, roleOptions, onClose, onCreated }: { org: { code: string; name: string | undefined }; roleOptions: RoleOption[]; onClose: () => void; onCreated: (user: UserView) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const { saving, save } = useSave(form, usernameTaken);
  const submit = (values: { username: string; displayName: string; orgCode: string; role: Role; password: string }) => save(async () => onCreated(await call(userEndpoints.create, { body: values })));
  const shape = createUserRequest.shape;
  return (
    <FormModal title={t('users.create_title')} okText={t('common.save')} saving={saving} onOk={() => form.submit()} onClose={onClose}>
      <Form form={form} name="user-create" layout="vertical" onFinish={submit} initialValues={{ orgCode: org.code, role: 'operator' }}>
        <Form.Item label={t('users.username')} name="username" rules={[zodRule(shape.username, t)]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('users.displayName')} name="displayName" rules={[zodRule(shape.displayName, t)]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('users.org_code')} name="orgCode" rules={[zodRule(shape.orgCode, t)]} extra={t('users.org_code_help')}>
          <OrgPicker known={org.name ? [{ code: org.code, name: org.name }] : []} />
        </Form.Item>
        <Form.Item label={t('users.role')} name="role" rules={[zodRule(shape.role, t)]}>
          <Select options={roleOptions} />
        </Form.Item>
        <Form.Item label={t('users.password')} name="password" rules={[zodRule(shape.password, t)]} extra={t('users.password_help')}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

export function EditUserModal({ user, roleOptions, onClose, onSaved }: { user: UserView; roleOptions: RoleOption[]; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const { saving, save } = useSave(form);
  const submit = (values: { displayName: string; role: Role }) =>
    save(async () => {
      await call(userEndpoints.update, { params: { userId: user.id }, body: values });
      onSaved();
    });
  const shape = updateUserRequest.shape;
  // A role the admin may not grant is still the user's: it stays among the choices.
  const options = roleOptions.some((option) => option.value === user.role) ? roleOptions : [...roleOptions, { value: user.role, label: t(`role.${user.role}`) }];
  return (
    <FormModal title={t('users.edit_title', { username: user.username })} okText={t('common.save')} saving={saving} onOk={() => form.submit()} onClose={onClose}>
      <Form form={form} name="user-edit" layout="vertical" onFinish={submit} initialValues={{ displayName: user.displayName, role: user.role }}>
        <Form.Item label={t('users.displayName')} name="displayName" rules={[zodRule(shape.displayName.unwrap(), t)]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('users.role')} name="role" rules={[zodRule(shape.role.unwrap(), t)]}>
          <Select options={options} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

export function ResetPasswordModal({ user, onClose, onDone }: { user: UserView; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const { saving, save } = useSave(form);
  const submit = (values: { password: string }) =>
    save(async () => {
      await call(userEndpoints.resetPassword, { params: { userId: user.id }, body: values });
      onDone();
    });
  return (
    <FormModal title={t('users.reset_title', { username: user.username })} okText={t('users.reset_password')} saving={saving} onOk={() => form.submit()} onClose={onClose}>
      <Typography.Paragraph style={quiet}>{t('users.reset_note')}</Typography.Paragraph>
      <Form form={form} name="user-reset" layout="vertical" onFinish={submit}>
        <Form.Item label={t('users.new_password')} name="password" rules={[zodRule(resetPasswordRequest.shape.password, t)]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
