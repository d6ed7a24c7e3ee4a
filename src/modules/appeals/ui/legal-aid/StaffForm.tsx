import { App, Form, Input, Modal, Radio } from 'antd';
import { call } from '../../../../web/api.ts';
import { useSave, zodRule } from '../../../../web/forms.ts';
import { useI18n } from '../../../../web/i18n.tsx';
import { addStaffRequest, legalAidEndpoints, legalAidStaffKinds, type AddStaffRequest } from '../../legal-aid-schema.ts';
import { enumOptions } from '../labels.ts';

const rules = addStaffRequest.shape;

/** Adds a lawyer or volunteer to an institution: name and phone are sealed by the server and shown masked after. */
export function StaffForm({ institutionId, open, onClose, onAdded }: { institutionId: number; open: boolean; onClose: () => void; onAdded: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<AddStaffRequest>();
  const { saving, save } = useSave(form);
  const submit = (values: AddStaffRequest) =>
    save(async () => {
      const phone = values.phone?.trim() || undefined;
      await call(legalAidEndpoints.addStaff, { params: { institutionId }, body: { kind: values.kind, name: values.name, ...(phone ? { phone } : {}) } });
      void message.success(t('appeals.legal_aid.ui.staff.added'));
      form.resetFields();
      onAdded();
    });
  return (
    <Modal title={t('appeals.legal_aid.ui.staff.add')} open={open} onCancel={onClose} onOk={() => form.submit()} okText={t('common.confirm')} cancelText={t('common.cancel')} confirmLoading={saving} destroyOnHidden>
      <Form form={form} name="legal-aid-staff-form" layout="vertical" onFinish={submit} initialValues={{ kind: 'lawyer' }} data-testid="legal-aid-staff-form">
        <Form.Item label={t('appeals.legal_aid.ui.staff.kind')} name="kind" required rules={[zodRule(rules.kind, t)]}>
          <Radio.Group optionType="button" options={enumOptions(legalAidStaffKinds, t, 'appeals.legal_aid.staff')} />
        </Form.Item>
        <Form.Item label={t('appeals.legal_aid.ui.staff.name')} name="name" required rules={[zodRule(rules.name, t)]}>
          <Input maxLength={50} autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('appeals.legal_aid.ui.staff.phone')} name="phone" rules={[zodRule(rules.phone, t)]}>
          <Input maxLength={13} inputMode="tel" autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
