import { App, Form, Input, Modal } from 'antd';
import { call } from '../../../../web/api.ts';
import { useSave, zodRule } from '../../../../web/forms.ts';
import { useI18n } from '../../../../web/i18n.tsx';
import { acknowledgeRequest, warningEndpoints, warningNoteRequest, type WarningDetail, type WarningStep } from '../../warning-schema.ts';

/** The note each step takes, validated by the step's own request schema: optional to acknowledge, required after. */
const noteOf = { acknowledge: acknowledgeRequest.shape.note, followUp: warningNoteRequest.shape.note, close: warningNoteRequest.shape.note };
const noteLabel = { acknowledge: 'appeals.warnings.note.optional', followUp: 'appeals.warnings.field.note', close: 'appeals.warnings.note.outcome' };

/** A step on a warning as a small form (its note); the warning comes back changed. */
export function WarningStepModal({ warning, step, onClose, onDone }: { warning: WarningDetail; step: WarningStep | undefined; onClose: () => void; onDone: (warning: WarningDetail) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note?: string }>();
  const { saving, save } = useSave(form);
  const submit = ({ note }: { note?: string }) =>
    save(async () => {
      const body = note?.trim() ? { note: note.trim() } : {};
      const changed = await call(warningEndpoints[step!] as typeof warningEndpoints.followUp, { params: { warningId: warning.id }, body: body as { note: string } });
      void message.success(t('appeals.warnings.done', { step: t(`appeals.warnings.action.${step}`) }));
      form.resetFields();
      onDone(changed);
    });
  return (
    <Modal
      title={step && t(`appeals.warnings.action.${step}`)}
      open={step !== undefined}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      destroyOnHidden
    >
      {step && (
        <Form form={form} name={`warning-${step}`} layout="vertical" onFinish={submit} data-testid={`warning-step-${step}`}>
          <Form.Item label={t(noteLabel[step])} name="note" required={step !== 'acknowledge'} rules={[zodRule(noteOf[step], t)]}>
            <Input.TextArea rows={4} maxLength={2000} showCount />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
