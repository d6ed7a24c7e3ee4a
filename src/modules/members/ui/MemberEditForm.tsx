import { Alert, App, Button, Col, Form, Input, Row, Space } from 'antd';
import dayjs from 'dayjs';
import { call } from '../../../web/api.ts';
import { useSave, zodRule } from '../../../web/forms.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { createMemberRequest, memberEndpoints, type MemberView } from '../schema.ts';
import { isoDay } from './labels.ts';
import { blank, CommonFields, editConflict, type MemberFormValues } from './MemberFields.tsx';

/** The edit form inside a member's drawer; emptied optional fields are sent as null. */
export function MemberEditForm({ member, onSaved, onCancel }: { member: MemberView; onSaved: (member: MemberView) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<MemberFormValues>();
  const { saving, save } = useSave(form, editConflict);

  const submit = (values: MemberFormValues) =>
    save(async () => {
      const saved = await call(memberEndpoints.update, {
        params: { membershipId: member.id },
        // A person kept by another union's membership: only this membership's own fields are sent.
        body: keepOnlyMembership(member, {
          name: values.name,
          // The list shows the phone masked: an empty field leaves it as it is.
          ...(blank(values.phone) ? { phone: blank(values.phone) } : {}),
          // Unknown (imported without it) and left so: it stays unknown.
          household: values.household ?? undefined,
          dispatched: values.dispatched ?? undefined,
          education: values.education ?? null,
          job: blank(values.job) ?? null,
          joinedOn: isoDay(values.joinedOn),
          cardNumber: blank(values.cardNumber) ?? null,
        }),
      });
      void message.success(t('common.saved'));
      onSaved(saved);
    });

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
      <Row gutter={16}>
        <Col span={24}>
          {member.keptElsewhere && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('members.ui.kept_elsewhere')} />}
          <Form.Item label={t('members.field.name')} name="name" required rules={[zodRule(createMemberRequest.shape.name, t)]}>
            <Input maxLength={50} disabled={!member.abilities.updatePerson} />
          </Form.Item>
        </Col>
        <CommonFields maskedPhone={member.phone} personReadOnly={!member.abilities.updatePerson} />
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

/** The edit's body without the person's own fields, when the caller may not change the person (MemberView.abilities.updatePerson). */
function keepOnlyMembership<Body extends { job?: unknown; joinedOn?: unknown; cardNumber?: unknown }>(member: MemberView, body: Body): Body | Pick<Body, 'job' | 'joinedOn' | 'cardNumber'> {
  if (member.abilities.updatePerson) return body;
  return { job: body.job, joinedOn: body.joinedOn, cardNumber: body.cardNumber };
}
