import { App, Form, Modal } from 'antd';
import { call } from '../../../web/api.ts';
import { useSave, zodRule } from '../../../web/forms.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { appealEndpoints, type AppealDetail, type AppealStep } from '../schema.ts';
import { fieldLabel, stepFields } from './stepFields.tsx';

/** A step of the case's life cycle as a small form: its fields, sent to the step's route; the case comes back changed. */
export function StepModal({ appeal, step, onClose, onDone }: { appeal: AppealDetail; step: AppealStep | undefined; onClose: () => void; onDone: (appeal: AppealDetail) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Record<string, unknown>>();
  const { saving, save } = useSave(form);
  const fields = step ? stepFields[step] : [];
  const submit = (values: Record<string, unknown>) =>
    save(async () => {
      const body = Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined && value !== ''));
      const changed = await call(appealEndpoints[step!] as typeof appealEndpoints.accept, { params: { appealId: appeal.id }, body: body as never });
      void message.success(t('appeals.ui.done', { step: t(`appeals.step.${step}`) }));
      form.resetFields();
      onDone(changed);
    });
  return (
    <Modal
      title={step && t(`appeals.step.${step}`)}
      open={step !== undefined}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form form={form} name={`appeal-${step ?? 'step'}`} layout="vertical" onFinish={submit} data-testid={`appeal-step-${step}`}>
        {fields.map((field) => (
          <Form.Item key={field.name} label={fieldLabel(t, field.name)} name={field.name} required={field.required} rules={[zodRule(field.schema, t)]}>
            {field.input(t, appeal.id)}
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}
