import { App, Checkbox, Col, Form, Input, Row, Select } from 'antd';
import { useEffect, useState } from 'react';
import { call } from '../../../web/api.ts';
import { FormDrawer } from '../../../web/components/FormDrawer.tsx';
import { OrgPicker } from '../../../web/components/OrgPicker.tsx';
import { useSave, zodRule } from '../../../web/forms.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { orgEndpoints, type OrgView } from '../../org/schema.ts';
import { appealCategories, appealEndpoints, appealKinds, createAppealRequest, type AppealDetail, type CreateAppealRequest } from '../schema.ts';
import { enumOptions } from './labels.ts';

type Values = Partial<CreateAppealRequest>;
const rule = createAppealRequest.shape;
/** A place is a county or township federation (the service's `placeOf`). */
const isPlace = (org: OrgView) => (org.level === 'county' || org.level === 'township') && org.kind !== 'grassroots';
const blank = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);

/** 登记诉求: an officer enters a case received by the hotline, a visit or a letter, at an org of theirs. */
export function AppealCreateDrawer({ open, orgCode, onClose, onCreated }: { open: boolean; orgCode: string; onClose: () => void; onCreated: (appeal: AppealDetail) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { saving, save } = useSave(form);
  const [inView, setInView] = useState<OrgView>();
  const anonymous = Form.useWatch('anonymous', form);
  useEffect(() => {
    if (!open) return;
    void call(orgEndpoints.get, { params: { orgCode } }).then((org) => {
      setInView(org);
      if (!form.getFieldValue('orgCode')) form.setFieldValue('orgCode', org.code);
      if (isPlace(org) && !form.getFieldValue('placeCode')) form.setFieldValue('placeCode', org.code);
    }, () => undefined);
  }, [open, orgCode, form]);

  const submit = (values: Values) =>
    save(async () => {
      const appeal = await call(appealEndpoints.create, {
        body: {
          orgCode: values.orgCode!, channel: values.channel!, kind: values.kind!, category: values.category!, employerName: values.employerName!, placeCode: values.placeCode!,
          facts: values.facts!, request: values.request!, groupInvolved: values.groupInvolved ?? false, anonymous: values.anonymous ?? false,
          ...(values.anonymous ? {} : { name: blank(values.name), phone: blank(values.phone), idNumber: blank(values.idNumber) }),
        },
      });
      void message.success(t('appeals.ui.created', { id: appeal.id }));
      form.resetFields();
      onCreated(appeal);
    });

  const item = (name: keyof Values, span: number, child: React.ReactNode, required = true) => (
    <Col xs={24} sm={span}>
      <Form.Item label={t(`appeals.field.${name}`)} name={name} required={required} rules={[zodRule(rule[name], t)]}>
        {child}
      </Form.Item>
    </Col>
  );
  const known = inView ? [inView] : [];
  return (
    <FormDrawer title={t('appeals.ui.create.title')} open={open} onClose={onClose} width={640} saving={saving} onSave={() => form.submit()} saveTestId="appeal-save">
      <Form form={form} name="appeal-create" layout="vertical" onFinish={submit} initialValues={{ channel: 'hotline', kind: 'help', groupInvolved: false, anonymous: false }} data-testid="appeal-create-form">
        <Row gutter={16}>
          {item('orgCode', 12, <OrgPicker known={known} />)}
          {item('channel', 12, <Select options={enumOptions(['hotline', 'visit', 'letter'], t, 'appeals.channel')} />)}
          {item('kind', 12, <Select options={enumOptions(appealKinds, t, 'appeals.kind')} />)}
          {item('category', 12, <Select options={enumOptions(appealCategories, t, 'appeals.category')} />)}
          {item('employerName', 12, <Input maxLength={100} />)}
          {item('placeCode', 12, <OrgPicker known={inView && isPlace(inView) ? known : []} accept={isPlace} />)}
          {item('facts', 24, <Input.TextArea rows={4} maxLength={4000} showCount />)}
          {item('request', 24, <Input.TextArea rows={2} maxLength={2000} />)}
          <Col xs={12}>
            <Form.Item name="groupInvolved" valuePropName="checked">
              <Checkbox>{t('appeals.field.groupInvolved')}</Checkbox>
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item name="anonymous" valuePropName="checked">
              <Checkbox>{t('appeals.field.anonymous')}</Checkbox>
            </Form.Item>
          </Col>
          {!anonymous && item('name', 8, <Input maxLength={50} autoComplete="off" />, false)}
          {!anonymous && item('phone', 8, <Input maxLength={20} autoComplete="off" style={{ fontFamily: 'monospace' }} />, false)}
          {!anonymous && item('idNumber', 8, <Input maxLength={40} autoComplete="off" style={{ fontFamily: 'monospace' }} />, false)}
        </Row>
      </Form>
    </FormDrawer>
  );
}
