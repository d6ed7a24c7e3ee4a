import { App, Form, Input, InputNumber, Modal } from 'antd';
import { call } from '../../../../web/api.ts';
import { useSave, zodRule, type ErrorMapper } from '../../../../web/forms.ts';
import { useI18n } from '../../../../web/i18n.tsx';
import { legalAidEndpoints, takeCaseRequest, type LegalAidCaseDetail } from '../../legal-aid-schema.ts';
import { InstitutionSelect } from './InstitutionSelect.tsx';
import { StaffSelect } from './StaffSelect.tsx';

interface Values {
  institutionId?: number;
  appealId?: number;
  staffId?: number;
  note?: string;
}

const rules = takeCaseRequest.shape;
/** An appeal out of reach (404) or with an open legal-aid case (409) is about the appeal's number. */
const onAppeal: ErrorMapper = (problem) => (problem.status === 404 || problem.messageKey === 'appeals.legal_aid.case_open' ? { field: 'appealId' } : undefined);

/**
 * Takes on a legal-aid case for an appeal: from the legal-aid page by the appeal's number, or from the appeal's drawer
 * (`appealId` given, not asked). The server's refusals (not referred, another case open) come back on the fields.
 */
export function TakeCaseModal({ open, appealId, onClose, onTaken }: { open: boolean; appealId?: number; onClose: () => void; onTaken: (taken: LegalAidCaseDetail) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { saving, save } = useSave(form, appealId === undefined ? onAppeal : undefined);
  const institutionId = Form.useWatch('institutionId', form);
  const field = (name: string) => t(`appeals.legal_aid.ui.case.field.${name}`);
  const submit = (values: Values) =>
    save(async () => {
      const note = values.note?.trim();
      const body = { institutionId: values.institutionId!, appealId: appealId ?? values.appealId!, ...(values.staffId ? { staffId: values.staffId } : {}), ...(note ? { note } : {}) };
      const taken = await call(legalAidEndpoints.takeCase, { body });
      void message.success(t('appeals.legal_aid.ui.case.taken'));
      form.resetFields();
      onTaken(taken);
    });
  const title = appealId ? t('appeals.legal_aid.ui.case.take.appeal', { id: appealId }) : t('appeals.legal_aid.ui.case.take.title');
  return (
    <Modal title={title} open={open} onCancel={onClose} onOk={() => form.submit()} okText={t('common.confirm')} cancelText={t('common.cancel')} confirmLoading={saving} destroyOnHidden>
      <Form form={form} name="legal-aid-take" layout="vertical" onFinish={submit} data-testid="legal-aid-take-form" preserve={false}>
        {appealId === undefined && (
          <Form.Item label={field('appealId')} name="appealId" required rules={[zodRule(rules.appealId, t)]}>
            <InputNumber min={1} precision={0} style={{ width: 200 }} />
          </Form.Item>
        )}
        <Form.Item label={field('institutionId')} name="institutionId" required rules={[zodRule(rules.institutionId, t)]}>
          <InstitutionSelect />
        </Form.Item>
        <Form.Item label={field('staffId')} name="staffId">
          <StaffSelect institutionId={institutionId} />
        </Form.Item>
        <Form.Item label={field('note')} name="note" rules={[zodRule(rules.note, t)]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
