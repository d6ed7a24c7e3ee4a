import { App, Button, Form, Space } from 'antd';
import { useEffect, useState } from 'react';
import { call } from '../../../web/api.ts';
import { FormDrawer } from '../../../web/components/FormDrawer.tsx';
import { OrgPicker } from '../../../web/components/OrgPicker.tsx';
import { useSave, zodRule } from '../../../web/forms.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { mayRegisterEmployers } from '../rules.ts';
import { createEmployerRequest, employerEndpoints, orgEndpoints, type EmployerView, type OrgView } from '../schema.ts';
import { blankToUndefined, EmployerFields, type EmployerFormValues } from './EmployerFields.tsx';

/**
 * 新增单位: a drawer with the employer's fields and where it is: the street or township union (or the federation)
 * it is registered under, picked by name or code. `registerUnder` fills that in (a union's dialog knows its street);
 * otherwise only a street in view is taken for granted, never a county or city: the user says where the employer is.
 * One toast says it is done: `createdMessage` words it for a caller that does more with the new employer (a union's
 * dialog chooses it), so the user never reads two.
 */
export function EmployerCreateDrawer({
  open,
  orgCode,
  registerUnder,
  onClose,
  onCreated,
  createdMessage,
}: {
  open: boolean;
  orgCode: string;
  registerUnder?: string | undefined;
  onClose: () => void;
  onCreated: (employer: EmployerView) => void;
  createdMessage?: (employer: EmployerView) => string;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<EmployerFormValues>();
  const { saving, save } = useSave(form);
  const [inView, setInView] = useState<OrgView>();

  useEffect(() => {
    if (!open) return;
    void call(orgEndpoints.get, { params: { orgCode: registerUnder ?? orgCode } }).then((org) => {
      setInView(org);
      const given = registerUnder !== undefined || org.kind === 'township';
      if (!form.getFieldValue('orgCode') && given && mayRegisterEmployers(org.kind)) form.setFieldValue('orgCode', org.code);
    });
  }, [open, orgCode, registerUnder, form]);

  const submit = (values: EmployerFormValues) =>
    save(async () => {
      const employer = await call(employerEndpoints.create, {
        body: {
          orgCode: values.orgCode!,
          name: values.name!,
          creditCode: blankToUndefined(values.creditCode),
          ownership: values.ownership!,
          sizeClass: values.sizeClass!,
          aboveScale: values.aboveScale ?? false,
          industry: values.industry!,
          employeeCount: values.employeeCount ?? 0,
          address: blankToUndefined(values.address),
        },
      });
      void message.success(createdMessage ? createdMessage(employer) : t('employer.created', { name: employer.name }));
      form.resetFields();
      onCreated(employer);
    });

  return (
    <FormDrawer title={t('employer.create.title')} open={open} onClose={onClose} width={560} saving={saving} onSave={() => form.submit()} saveTestId="employer-save">
      <Form form={form} name="employer-create" layout="vertical" onFinish={submit} initialValues={{ aboveScale: false }} data-testid="employer-create-form">
        <Form.Item label={t('employer.field.org')} name="orgCode" required rules={[zodRule(createEmployerRequest.shape.orgCode, t)]} extra={t('employer.org.hint')}>
          <OrgPicker registers="employers" accept={(org) => mayRegisterEmployers(org.kind)} known={inView && mayRegisterEmployers(inView.kind) ? [inView] : []} placeholder={t('employer.org.search')} />
        </Form.Item>
        <EmployerFields mode="create" />
      </Form>
    </FormDrawer>
  );
}

/** The edit form inside an employer's drawer; sends the edit request, with emptied optional fields as null. */
export function EmployerEditForm({ employer, onSaved, onCancel }: { employer: EmployerView; onSaved: (employer: EmployerView) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<EmployerFormValues>();
  const { saving, save } = useSave(form);

  const submit = (values: EmployerFormValues) =>
    save(async () => {
      const saved = await call(employerEndpoints.update, {
        params: { employerId: employer.id },
        body: {
          name: values.name,
          creditCode: blankToUndefined(values.creditCode) ?? null,
          ownership: values.ownership,
          sizeClass: values.sizeClass,
          aboveScale: values.aboveScale,
          industry: values.industry,
          employeeCount: values.employeeCount,
          address: blankToUndefined(values.address) ?? null,
        },
      });
      void message.success(t('common.saved'));
      onSaved(saved);
    });

  return (
    <Form
      form={form}
      name="employer-edit"
      layout="vertical"
      onFinish={submit}
      data-testid="employer-edit-form"
      initialValues={{
        name: employer.name,
        creditCode: employer.creditCode ?? '',
        ownership: employer.ownership,
        sizeClass: employer.sizeClass,
        aboveScale: employer.aboveScale,
        industry: employer.industry,
        employeeCount: employer.employeeCount,
        address: employer.address ?? '',
      }}
    >
      <EmployerFields mode="edit" />
      <Space>
        <Button type="primary" htmlType="submit" loading={saving}>
          {t('common.save')}
        </Button>
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}
