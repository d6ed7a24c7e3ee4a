import { App, Button, Col, Form, Input, InputNumber, Row, Select, Space, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { call } from '../../../web/api.ts';
import { useSave, zodRule } from '../../../web/forms.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { mayRegisterEmployers } from '../rules.ts';
import {
  createEmployerRequest,
  employerEndpoints,
  industries,
  orgEndpoints,
  ownerships,
  sizeClasses,
  updateEmployerRequest,
  type EmployerView,
  type OrgView,
} from '../schema.ts';
import { enumOptions } from './labels.ts';
import { OrgSelect } from './pickers.tsx';
import { FormDrawer } from '../../../web/components/FormDrawer.tsx';

export interface EmployerFormValues {
  orgCode?: string;
  name?: string;
  creditCode?: string;
  ownership?: EmployerView['ownership'];
  sizeClass?: EmployerView['sizeClass'];
  aboveScale?: boolean;
  industry?: EmployerView['industry'];
  employeeCount?: number;
  address?: string;
}

/**
 * The fields of an employer, each checked by the server's own schema for it: the create request's when adding, the
 * edit request's when editing (its required fields unwrapped, since an edit may not empty them).
 */
function EmployerFields({ mode }: { mode: 'create' | 'edit' }) {
  const { t } = useI18n();
  const create = createEmployerRequest.shape;
  const edit = updateEmployerRequest.shape;
  const rule = (field: keyof typeof create & keyof typeof edit) => zodRule(mode === 'create' ? create[field] : edit[field].unwrap(), t);
  const optionalRule = (field: 'creditCode' | 'address') => zodRule(mode === 'create' ? create[field] : edit[field], t);
  return (
    <Row gutter={16}>
      <Col span={24}>
        <Form.Item label={t('employer.field.name')} name="name" required rules={[rule('name')]}>
          <Input maxLength={200} />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item label={t('employer.field.creditCode')} name="creditCode" rules={[optionalRule('creditCode')]} extra={t('employer.creditCode.hint')}>
          <Input maxLength={40} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item label={t('employer.field.ownership')} name="ownership" required rules={[rule('ownership')]}>
          <Select options={enumOptions(ownerships, t, 'employer.ownership')} placeholder={t('org.ui.choose')} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item label={t('employer.field.sizeClass')} name="sizeClass" required rules={[rule('sizeClass')]}>
          <Select options={enumOptions(sizeClasses, t, 'employer.size')} placeholder={t('org.ui.choose')} />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item label={t('employer.field.industry')} name="industry" required rules={[rule('industry')]}>
          <Select options={enumOptions(industries, t, 'employer.industry', true)} showSearch={{ optionFilterProp: 'label' }} placeholder={t('org.ui.choose')} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item label={t('employer.field.employeeCount')} name="employeeCount" rules={[rule('employeeCount')]}>
          <InputNumber min={0} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item label={t('employer.field.aboveScale')} name="aboveScale" valuePropName="checked" rules={[rule('aboveScale')]}>
          <Switch checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item label={t('employer.field.address')} name="address" rules={[optionalRule('address')]}>
          <Input maxLength={200} />
        </Form.Item>
      </Col>
    </Row>
  );
}

const blankToUndefined = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : value);

/** 新增单位: a drawer with the employer's fields, registered under the org in view (or another one picked). */
export function EmployerCreateDrawer({ open, orgCode, onClose, onCreated }: { open: boolean; orgCode: string; onClose: () => void; onCreated: (employer: EmployerView) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<EmployerFormValues>();
  const { saving, save } = useSave(form);
  const [inView, setInView] = useState<OrgView>();

  useEffect(() => {
    if (!open) return;
    void call(orgEndpoints.get, { params: { orgCode } }).then((org) => {
      setInView(org);
      if (!form.getFieldValue('orgCode') && mayRegisterEmployers(org.kind)) form.setFieldValue('orgCode', org.code);
    });
  }, [open, orgCode, form]);

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
      void message.success(t('employer.created', { name: employer.name }));
      form.resetFields();
      onCreated(employer);
    });

  return (
    <FormDrawer title={t('employer.create.title')} open={open} onClose={onClose} width={560} saving={saving} onSave={() => form.submit()}>
      <Form form={form} name="employer-create" layout="vertical" onFinish={submit} initialValues={{ aboveScale: false }} data-testid="employer-create-form">
        <Form.Item label={t('employer.field.org')} name="orgCode" required rules={[zodRule(createEmployerRequest.shape.orgCode, t)]} extra={t('employer.org.hint')}>
          <OrgSelect accept={(org) => mayRegisterEmployers(org.kind)} known={inView && mayRegisterEmployers(inView.kind) ? [inView] : []} />
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
