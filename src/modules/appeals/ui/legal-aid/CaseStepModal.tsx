import { App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { call } from '../../../../web/api.ts';
import { useSave, zodRule } from '../../../../web/forms.ts';
import { useI18n } from '../../../../web/i18n.tsx';
import { closeCaseRequest, legalAidEndpoints, legalAidOutcomes, type LegalAidCaseDetail, type LegalAidOutcome } from '../../legal-aid-schema.ts';
import { enumOptions } from '../labels.ts';
import { fenOfYuan } from './money.ts';
import { StaffSelect } from './StaffSelect.tsx';

export type CaseStep = 'assign' | 'close';

interface Values {
  staffId?: number;
  outcome?: LegalAidOutcome;
  recoveredYuan?: number;
  note?: string;
}

const rules = closeCaseRequest.shape;

/**
 * A step on an open legal-aid case: give it to a lawyer or volunteer of its institution, or close it with the outcome
 * and the amount recovered — typed in yuan (to the fen), sent in fen as the API and the records keep it.
 */
export function CaseStepModal({ legalAidCase, step, onClose, onDone }: { legalAidCase: LegalAidCaseDetail; step: CaseStep | undefined; onClose: () => void; onDone: (changed: LegalAidCaseDetail) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  // The amount's field is in yuan; the server names `recoveredFen`.
  const { saving, save } = useSave(form, (problem) => (problem.errors?.some((issue) => issue.path === 'recoveredFen') ? { field: 'recoveredYuan', message: problem.errors.find((issue) => issue.path === 'recoveredFen')!.message } : undefined));
  const field = (name: string) => t(`appeals.legal_aid.ui.case.field.${name}`);
  const submit = (values: Values) =>
    save(async () => {
      const params = { legalAidCaseId: legalAidCase.id };
      const note = values.note?.trim();
      const changed =
        step === 'assign'
          ? await call(legalAidEndpoints.assignCase, { params, body: { staffId: values.staffId! } })
          : await call(legalAidEndpoints.closeCase, { params, body: { outcome: values.outcome!, recoveredFen: fenOfYuan(values.recoveredYuan ?? 0), ...(note ? { note } : {}) } });
      void message.success(t(step === 'assign' ? 'appeals.legal_aid.ui.case.assigned' : 'appeals.legal_aid.ui.case.closed'));
      form.resetFields();
      onDone(changed);
    });
  return (
    <Modal title={step && t(`appeals.legal_aid.ui.case.${step}`)} open={step !== undefined} onCancel={onClose} onOk={() => form.submit()} okText={t('common.confirm')} cancelText={t('common.cancel')} confirmLoading={saving} destroyOnHidden>
      <Form form={form} name={`legal-aid-${step ?? 'step'}`} layout="vertical" onFinish={submit} data-testid={`legal-aid-step-${step}`} initialValues={{ staffId: legalAidCase.staffId ?? undefined, recoveredYuan: 0 }}>
        {step === 'assign' && (
          <Form.Item label={field('staffId')} name="staffId" required rules={[{ required: true, message: t('validation.required') }]}>
            <StaffSelect institutionId={legalAidCase.institutionId} />
          </Form.Item>
        )}
        {step === 'close' && (
          <>
            <Form.Item label={field('outcome')} name="outcome" required rules={[zodRule(rules.outcome, t)]}>
              <Select options={enumOptions(legalAidOutcomes, t, 'appeals.legal_aid.outcome')} data-testid="legal-aid-outcome" />
            </Form.Item>
            <Form.Item label={field('recoveredFen')} name="recoveredYuan" required extra={t('appeals.legal_aid.ui.case.yuan_hint')} rules={[{ required: true, message: t('validation.required') }]}>
              <InputNumber min={0} max={1_000_000_000} precision={2} step={100} style={{ width: 220 }} />
            </Form.Item>
            <Form.Item label={field('note')} name="note" rules={[zodRule(rules.note, t)]}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
