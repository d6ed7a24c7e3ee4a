import { App, Alert, Form, Input, InputNumber, Radio } from 'antd';
import { useEffect } from 'react';
import { call } from '../../../../web/api.ts';
import { FormDrawer } from '../../../../web/components/FormDrawer.tsx';
import { OrgPicker } from '../../../../web/components/OrgPicker.tsx';
import { useSave, zodRule } from '../../../../web/forms.ts';
import { useI18n } from '../../../../web/i18n.tsx';
import { registryEndpoints, createCentreRequest, type CentreDetail } from '../../registry-schema.ts';
import { centreKinds } from '../../schema.ts';
import { enumOptions } from '../labels.ts';
import { EmployerSearch } from './EmployerSearch.tsx';

interface Values {
  orgCode?: string;
  kind: string;
  name: string;
  employerId?: number;
  area?: string;
  establishedOn: string;
  staffCount?: number;
}

const rules = createCentreRequest.shape;

/** Registers a centre or station (`centre` absent) or edits one: the running org only when registering. */
export function CentreForm({ open, centre, orgCode, onClose, onSaved }: { open: boolean; centre?: CentreDetail | undefined; orgCode: string; onClose: () => void; onSaved: (centre: CentreDetail) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { saving, save } = useSave(form);
  const runningOrg = Form.useWatch('orgCode', form) ?? centre?.orgCode;
  useEffect(() => {
    if (open) form.setFieldsValue(centre ? { kind: centre.kind, name: centre.name, employerId: centre.employerId ?? undefined, area: centre.area ?? undefined, establishedOn: centre.establishedOn, staffCount: centre.staffCount } : { orgCode, kind: 'centre', staffCount: 0 });
  }, [open, centre, orgCode, form]);
  const field = (name: string) => t(`appeals.centres.field.${name}`);
  const submit = (values: Values) =>
    save(async () => {
      const fields = { kind: values.kind as 'centre', name: values.name, establishedOn: values.establishedOn, staffCount: values.staffCount ?? 0 };
      const area = values.area?.trim() || undefined;
      const saved = centre
        ? await call(registryEndpoints.update, { params: { centreId: centre.id }, body: { ...fields, employerId: values.employerId ?? null, area: area ?? null } })
        : await call(registryEndpoints.create, { body: { ...fields, orgCode: values.orgCode!, ...(values.employerId ? { employerId: values.employerId } : {}), ...(area ? { area } : {}) } });
      void message.success(t('appeals.centres.saved'));
      onSaved(saved);
    });
  return (
    <FormDrawer title={centre ? t('appeals.centres.edit.title', { name: centre.name }) : t('appeals.centres.create.title')} open={open} onClose={onClose} onSave={() => form.submit()} saving={saving} saveTestId="centre-save">
      <Form form={form} name="centre-form" layout="vertical" onFinish={submit} data-testid="centre-form">
        {!centre && (
          <Form.Item label={field('org')} name="orgCode" required rules={[zodRule(rules.orgCode, t)]}>
            <OrgPicker />
          </Form.Item>
        )}
        <Form.Item label={field('kind')} name="kind" required rules={[zodRule(rules.kind, t)]}>
          <Radio.Group optionType="button" options={enumOptions(centreKinds, t, 'appeals.centre.kind')} />
        </Form.Item>
        <Form.Item label={field('name')} name="name" required rules={[zodRule(rules.name, t)]}>
          <Input maxLength={100} />
        </Form.Item>
        <Alert type="info" showIcon title={t('appeals.centres.employer_or_area_hint')} style={{ marginBottom: 16 }} />
        <Form.Item label={field('employerId')} name="employerId">
          <EmployerSearch orgCode={runningOrg} known={centre?.employerId ? { id: centre.employerId, name: centre.employerName ?? '' } : undefined} />
        </Form.Item>
        <Form.Item label={field('area')} name="area" rules={[zodRule(rules.area, t)]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label={field('establishedOn')} name="establishedOn" required rules={[zodRule(rules.establishedOn, t)]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item label={field('staffCount')} name="staffCount" rules={[zodRule(rules.staffCount, t)]}>
          <InputNumber min={0} max={10000} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
