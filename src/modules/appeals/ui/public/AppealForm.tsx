import { Alert, Button, Checkbox, Form, Input, Select, Spin } from 'antd';
import type { ReactNode } from 'react';
import { zodRule } from '../../../../web/forms.ts';
import { useI18n } from '../../../../web/i18n.tsx';
import { appealCategories, appealFields, appealKinds } from '../../schema.ts';
import { enumOptions } from '../labels.ts';
import { AttachmentsField } from './AttachmentsField.tsx';
import { EmployerField } from './EmployerField.tsx';
import { PlaceField } from './PlaceField.tsx';
import { useSubmitAppeal, type AppealValues, type Receipt } from './useSubmitAppeal.ts';

const rule = appealFields.shape;
type Field = keyof typeof rule;

/**
 * The appeal as a worker writes it on a phone: one column, full-width controls, the same Zod rules the server
 * checks (appealFields), and whatever the server still refuses shown on its field or above the button.
 */
export function AppealForm({ onSent }: { onSent: (receipt: Receipt) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<AppealValues>();
  const anonymous = Form.useWatch('anonymous', form);
  const { phase, problem, submit } = useSubmitAppeal(form, onSent);

  const item = (name: Field, label: string, child: ReactNode, extra?: { help?: string; required?: boolean }) => (
    <Form.Item label={t(label)} name={name} required={extra?.required ?? true} rules={[zodRule(rule[name], t)]} extra={extra?.help && t(extra.help)}>
      {child}
    </Form.Item>
  );

  return (
    <Form form={form} name="appeal" layout="vertical" size="large" onFinish={submit} initialValues={{ kind: 'help', groupInvolved: false, anonymous: false }} data-testid="appeal-form" disabled={phase !== 'idle'}>
      {item('kind', 'appeals.public.field.kind', <Select options={enumOptions(appealKinds, t, 'appeals.kind')} />)}
      {item('category', 'appeals.public.field.category', <Select options={enumOptions(appealCategories, t, 'appeals.category')} />)}
      {item('employerName', 'appeals.public.field.employer', <EmployerField onPick={(employerId) => form.setFieldValue('employerId', employerId)} />, { help: 'appeals.public.field.employer.help' })}
      <Form.Item name="employerId" hidden>
        <Input type="hidden" />
      </Form.Item>
      {item('placeCode', 'appeals.public.field.place', <PlaceField />)}
      {item('facts', 'appeals.public.field.facts', <Input.TextArea rows={5} maxLength={4000} />, { help: 'appeals.public.field.facts.help' })}
      {item('request', 'appeals.public.field.request', <Input.TextArea rows={3} maxLength={2000} showCount />)}
      <Form.Item name="groupInvolved" valuePropName="checked">
        <Checkbox>{t('appeals.public.field.groupInvolved')}</Checkbox>
      </Form.Item>
      <Form.Item name="anonymous" valuePropName="checked" extra={anonymous ? t('appeals.public.field.anonymous.help') : undefined}>
        <Checkbox>{t('appeals.public.field.anonymous')}</Checkbox>
      </Form.Item>
      {!anonymous && item('name', 'appeals.public.field.name', <Input maxLength={50} autoComplete="name" />, { required: false })}
      {!anonymous && item('phone', 'appeals.public.field.phone', <Input maxLength={20} inputMode="tel" autoComplete="tel" />, { required: false })}
      <Form.Item label={t('appeals.public.field.attachments')} name="files" valuePropName="value" extra={t('appeals.public.field.attachments.help')}>
        <AttachmentsField />
      </Form.Item>
      {problem && <Alert type="error" showIcon title={problem} role="alert" style={{ marginBottom: 16 }} data-testid="appeal-problem" />}
      {phase !== 'idle' && (
        <Alert type="info" role="status" style={{ marginBottom: 16 }} data-testid="appeal-progress" showIcon icon={<Spin size="small" />} title={t(phase === 'solving' ? 'appeals.public.solving' : 'appeals.public.sending')} />
      )}
      <Button type="primary" htmlType="submit" block loading={phase !== 'idle'} data-testid="appeal-send">
        {t('appeals.public.send')}
      </Button>
    </Form>
  );
}
