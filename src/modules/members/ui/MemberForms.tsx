import { Alert, App, Button, Checkbox, Col, DatePicker, Form, Input, Row, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { ApiError, call } from '../../../web/api.ts';
import { useFormErrors, zodRule } from '../../../web/forms.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { orgEndpoints, type OrgView } from '../../org/schema.ts';
import { OrgPicker } from '../../../web/components/OrgPicker.tsx';
import { parseIdNumber } from '../id-number.ts';
import { createMemberRequest, educations, households, knownRegion, memberEndpoints, type MemberView } from '../schema.ts';
import { afterToday, dateRule, enumOptions, isoDay } from './labels.ts';
import { FormDrawer } from '../../../web/components/FormDrawer.tsx';

export interface MemberFormValues {
  orgCode?: string;
  name?: string;
  idNumber?: string;
  phone?: string;
  household?: MemberView['household'];
  dispatched?: boolean;
  education?: NonNullable<MemberView['education']>;
  job?: string;
  joinedOn?: Dayjs | null;
  cardNumber?: string;
  secondJob?: boolean;
}

const blank = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : value.trim());

/** What the ID number typed says of the person: birth date and gender, once it is a valid number. */
function IdNumberReading({ value }: { value: string | undefined }) {
  const { t } = useI18n();
  if (!value) return null;
  const parsed = parseIdNumber(value, knownRegion);
  if (typeof parsed === 'string') return null;
  return (
    <span data-testid="id-number-reading">
      {t('members.ui.idNumber.read', { birthDate: parsed.birthDate, gender: t(`members.gender.${parsed.gender}`) })}
      {parsed.upgraded && <> · {t('members.ui.idNumber.upgraded', { value: parsed.value })}</>}
    </span>
  );
}

/** Fields shared by the create and edit forms, each checked by the server's own schema for it. */
function CommonFields({ maskedPhone }: { maskedPhone?: string | null }) {
  const { t } = useI18n();
  const create = createMemberRequest.shape;
  return (
    <>
      <Col xs={24} sm={12}>
        <Form.Item label={t('members.field.phone')} name="phone" rules={[zodRule(create.phone, t)]} extra={maskedPhone ? t('members.ui.phone.keep') : undefined}>
          <Input maxLength={30} inputMode="tel" placeholder={maskedPhone ?? undefined} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item label={t('members.field.household')} name="household" required rules={[zodRule(create.household, t)]}>
          <Select options={enumOptions(households, t, 'members.household')} placeholder={t('members.ui.choose')} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item label={t('members.field.education')} name="education">
          <Select allowClear options={enumOptions(educations, t, 'members.education')} placeholder={t('members.ui.choose')} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item label={t('members.field.job')} name="job" rules={[zodRule(create.job, t)]}>
          <Input maxLength={50} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item label={t('members.field.joinedOn')} name="joinedOn" required rules={[dateRule(create.joinedOn, t)]}>
          <DatePicker disabledDate={afterToday} style={{ width: '100%' }} placeholder="YYYY-MM-DD" />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item label={t('members.field.cardNumber')} name="cardNumber" rules={[zodRule(create.cardNumber, t)]}>
          <Input maxLength={30} />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item name="dispatched" valuePropName="checked" style={{ marginBottom: 8 }}>
          <Checkbox>{t('members.field.dispatched')}</Checkbox>
        </Form.Item>
      </Col>
    </>
  );
}

/** 新增会员: the drawer with the member's fields; a conflict (a member elsewhere, a name mismatch) shows above them. */
export function MemberCreateDrawer({ open, orgCode, onClose, onCreated }: { open: boolean; orgCode: string; onClose: () => void; onCreated: (member: MemberView) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<MemberFormValues>();
  const showErrors = useFormErrors(form);
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState<string>();
  const [inView, setInView] = useState<OrgView>();
  const idNumber = Form.useWatch('idNumber', form);

  useEffect(() => {
    if (!open) return;
    setConflict(undefined);
    void call(orgEndpoints.get, { params: { orgCode } }).then((org) => {
      if (org.kind !== 'grassroots') return;
      setInView(org);
      if (!form.getFieldValue('orgCode')) form.setFieldValue('orgCode', org.code);
    }, () => undefined);
  }, [open, orgCode, form]);

  const submit = async (values: MemberFormValues) => {
    setSaving(true);
    setConflict(undefined);
    try {
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
    } catch (error) {
      if (error instanceof ApiError && error.problem.status === 409) setConflict(error.problem.detail);
      else showErrors(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <FormDrawer title={t('members.ui.create.title')} open={open} onClose={onClose} width={600} saving={saving} onSave={() => form.submit()} saveTestId="member-save">
      {conflict && <Alert type="error" showIcon title={t('members.ui.conflict')} description={conflict} style={{ marginBottom: 16 }} data-testid="member-conflict" />}
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

/** The edit form inside a member's drawer; emptied optional fields are sent as null. */
export function MemberEditForm({ member, onSaved, onCancel }: { member: MemberView; onSaved: (member: MemberView) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<MemberFormValues>();
  const showErrors = useFormErrors(form);
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState<string>();

  const submit = async (values: MemberFormValues) => {
    setSaving(true);
    setConflict(undefined);
    try {
      const saved = await call(memberEndpoints.update, {
        params: { membershipId: member.id },
        body: {
          name: values.name,
          // The list shows the phone masked: an empty field leaves it as it is.
          ...(blank(values.phone) ? { phone: blank(values.phone) } : {}),
          household: values.household,
          dispatched: values.dispatched,
          education: values.education ?? null,
          job: blank(values.job) ?? null,
          joinedOn: isoDay(values.joinedOn),
          cardNumber: blank(values.cardNumber) ?? null,
        },
      });
      void message.success(t('common.saved'));
      onSaved(saved);
    } catch (error) {
      if (error instanceof ApiError && error.problem.status === 409) setConflict(error.problem.detail);
      else showErrors(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form
      form={form}
      name="member-edit"
      layout="vertical"
      onFinish={submit}
      data-testid="member-edit-form"
      initialValues={{
        name: member.name,
        phone: '',
        household: member.household,
        dispatched: member.dispatched,
        education: member.education ?? undefined,
        job: member.job ?? '',
        joinedOn: dayjs(member.joinedOn),
        cardNumber: member.cardNumber ?? '',
      }}
    >
      {conflict && <Alert type="error" showIcon title={t('members.ui.conflict')} description={conflict} style={{ marginBottom: 16 }} />}
      <Row gutter={16}>
        <Col span={24}>
          <Form.Item label={t('members.field.name')} name="name" required rules={[zodRule(createMemberRequest.shape.name, t)]}>
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <CommonFields maskedPhone={member.phone} />
      </Row>
      <Space>
        <Button type="primary" htmlType="submit" loading={saving}>
          {t('common.save')}
        </Button>
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}
