import { Alert, App, Form, Input } from 'antd';
import { useEffect } from 'react';
import { call } from '../../../../web/api.ts';
import { FormDrawer } from '../../../../web/components/FormDrawer.tsx';
import { OrgPicker } from '../../../../web/components/OrgPicker.tsx';
import { useSave, zodRule } from '../../../../web/forms.ts';
import { useI18n } from '../../../../web/i18n.tsx';
import { createInstitutionRequest, legalAidEndpoints, type InstitutionDetail } from '../../legal-aid-schema.ts';

interface Values {
  orgCode?: string;
  name: string;
  establishedOn: string;
}

const rules = createInstitutionRequest.shape;
const levels: readonly string[] = ['province', 'city', 'county'];

/**
 * Sets up a federation's institution (`institution` absent) or edits its name and date. Only province, city and county
 * federations are offered; the server's refusals (one there already, out of scope) come back on the federation's field.
 */
export function InstitutionForm({ open, institution, orgCode, onClose, onSaved }: { open: boolean; institution?: InstitutionDetail; orgCode: string; onClose: () => void; onSaved: (institution: InstitutionDetail) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { saving, save } = useSave(form);
  useEffect(() => {
    if (open) form.setFieldsValue(institution ? { name: institution.name, establishedOn: institution.establishedOn } : { orgCode });
  }, [open, institution, orgCode, form]);
  const field = (name: string) => t(`appeals.legal_aid.ui.field.${name}`);
  const submit = (values: Values) =>
    save(async () => {
      const saved = institution
        ? await call(legalAidEndpoints.updateInstitution, { params: { institutionId: institution.id }, body: { name: values.name, establishedOn: values.establishedOn } })
        : await call(legalAidEndpoints.createInstitution, { body: { orgCode: values.orgCode!, name: values.name, establishedOn: values.establishedOn } });
      void message.success(t(institution ? 'appeals.legal_aid.ui.institution.saved' : 'appeals.legal_aid.ui.institution.created'));
      form.resetFields();
      onSaved(saved);
    });
  const title = institution ? t('appeals.legal_aid.ui.institution.edit.title', { name: institution.name }) : t('appeals.legal_aid.ui.institution.create.title');
  return (
    <FormDrawer title={title} open={open} onClose={onClose} onSave={() => form.submit()} saving={saving} saveTestId="legal-aid-institution-save">
      <Form form={form} name="legal-aid-institution-form" layout="vertical" onFinish={submit} data-testid="legal-aid-institution-form">
        {!institution && (
          <>
            <Alert type="info" showIcon title={t('appeals.legal_aid.ui.institution.org_hint')} style={{ marginBottom: 16 }} />
            <Form.Item label={field('orgCode')} name="orgCode" required rules={[zodRule(rules.orgCode, t)]}>
              <OrgPicker kind="federation" accept={(org) => levels.includes(org.level)} />
            </Form.Item>
          </>
        )}
        <Form.Item label={field('name')} name="name" required rules={[zodRule(rules.name, t)]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label={field('establishedOn')} name="establishedOn" required rules={[zodRule(rules.establishedOn, t)]}>
          <Input type="date" />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
