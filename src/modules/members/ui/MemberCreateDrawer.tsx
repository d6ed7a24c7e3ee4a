import { App, Checkbox, Col, Form, Input, Row } from 'antd';
import { useEffect, useState } from 'react';
import { call } from '../../../web/api.ts';
import { FormDrawer } from '../../../web/components/FormDrawer.tsx';
import { OrgPicker } from '../../../web/components/OrgPicker.tsx';
import { useSave, zodRule } from '../../../web/forms.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { orgEndpoints, type OrgView } from '../../org/schema.ts';
import { createMemberRequest, memberEndpoints, type MemberView } from '../schema.ts';
import { isoDay } from './labels.ts';
import { blank, CommonFields, IdNumberReading, memberConflict, type MemberFormValues } from './MemberFields.tsx';

/** 新增会员: the drawer with the member's fields; a conflict (a member elsewhere, a name mismatch) shows on the field it is about. */
export function MemberCreateDrawer({ open, orgCode, onClose, onCreated }: { open: boolean; orgCode: string; onClose: () => void; onCreated: (member: MemberView) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<MemberFormValues>();
  const { saving, save } = useSave(form, memberConflict);
  const [inView, setInView] = useState<OrgView>();
  const idNumber = Form.useWatch('idNumber', form);

  useEffect(() => {
    if (!open) return;
    void call(orgEndpoints.get, { params: { orgCode } }).then((org) => {
      if (org.kind !== 'grassroots') return;
      setInView(org);
      if (!form.getFieldValue('orgCode')) form.setFieldValue('orgCode', org.code);
    }, () => undefined);
  }, [open, orgCode, form]);

  const submit = (values: MemberFormValues) =>
    save(async () => {
      const member = await call(memberEndpoints.create, {
        body: {
          orgCode: values.orgCode!,
          name: values.name!,
          idNumber: values.idNumber!,
          phone: blank(values.phone),
          household: values.household!,
          dispatched: values.dispatched ?? false,
          education: values.education,
          job: blank(values.job),
          joinedOn: isoDay(values.joinedOn)!,
          cardNumber: blank(values.cardNumber),
          secondJob: values.secondJob ?? false,
        },
      });
      void message.success(t('members.ui.created', { name: member.name }));
      form.resetFields();
      onCreated(member);
    });

  return (
    <FormDrawer title={t('members.ui.create.title')} open={open} onClose={onClose} width={600} saving={saving} onSave={() => form.submit()} saveTestId="member-save">
      <Form
        form={form}
        name="member-create"
        layout="vertical"
        onFinish={submit}
        initialValues={{ dispatched: false, secondJob: false, household: 'urban' }}
        data-testid="member-create-form"
      >
        <Row gutter={16}>
          <Col span={24}>
            <Form.Item label={t('members.field.union')} name="orgCode" required rules={[zodRule(createMemberRequest.shape.orgCode, t)]}>
              <OrgPicker kind="grassroots" known={inView ? [inView] : []} placeholder={t('members.ui.union.search')} nothingKey="members.ui.union.nothing" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label={t('members.field.name')} name="name" required rules={[zodRule(createMemberRequest.shape.name, t)]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              label={t('members.field.idNumber')}
              name="idNumber"
              required
              rules={[zodRule(createMemberRequest.shape.idNumber, t)]}
              extra={<IdNumberReading value={idNumber} />}
            >
              <Input maxLength={40} style={{ fontFamily: 'monospace' }} autoComplete="off" />
            </Form.Item>
          </Col>
          <CommonFields />
          <Col span={24}>
            <Form.Item name="secondJob" valuePropName="checked">
              <Checkbox>{t('members.field.secondJob')}</Checkbox>
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </FormDrawer>
  );
}

