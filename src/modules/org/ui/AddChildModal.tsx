import { App, Form, Modal, Radio } from 'antd';
import type { Actor } from '../../../core/actor.ts';
import { call } from '../../../web/api.ts';
import { useSave, zodRule } from '../../../web/forms.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { useMe } from '../../../web/session.tsx';
import { orgPolicy } from '../policy.ts';
import { createOrgRequest, orgEndpoints, type OrgView } from '../schema.ts';
import { blank, employerScope, kindsAllowedUnder, OrgFields, type OrgFormValues, type Trail } from './OrgFields.tsx';

/** 新增下级组织: a township union, union alliance or grassroots union under the org, of the kinds allowed there. */
export function AddChildModal({ parent, trail, open, onClose, onCreated }: { parent: OrgView; trail: Trail; open: boolean; onClose: () => void; onCreated: (org: OrgView) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<OrgFormValues>();
  const { saving, save } = useSave(form);
  const me = useMe();
  const kinds = kindsAllowedUnder(parent);
  // Most of what is added is a grassroots union: it comes first where it may stand.
  const first = kinds.includes('grassroots') ? 'grassroots' : kinds[0];
  const kind = Form.useWatch('kind', form) ?? first;

  const submit = (values: OrgFormValues) =>
    save(async () => {
      const created = await call(orgEndpoints.create, {
        body: {
          parentCode: parent.code,
          kind: values.kind ?? first!,
          name: values.name ?? '',
          regionCode: blank(values.regionCode),
          industry: values.industry ?? undefined,
          employerId: values.kind === 'grassroots' ? values.employerId : undefined,
          foundedOn: values.foundedOn,
          hasWomenCommittee: values.hasWomenCommittee ?? false,
          hasProfessionalChair: values.hasProfessionalChair ?? false,
          partyUnionJoint: values.partyUnionJoint ?? false,
        },
      });
      void message.success(t('org.created', { name: created.name, code: created.code }));
      form.resetFields();
      onCreated(created);
    });

  return (
    <Modal
      title={t('org.add.title', { parent: parent.name })}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      width={640}
      destroyOnHidden
    >
      <Form form={form} name="org-add" layout="vertical" onFinish={submit} initialValues={{ kind: first, hasWomenCommittee: false, hasProfessionalChair: false, partyUnionJoint: false }} data-testid="org-add-form">
        <Form.Item label={t('org.field.kind')} name="kind" required rules={[zodRule(createOrgRequest.shape.kind, t)]}>
          <Radio.Group optionType="button" buttonStyle="solid" options={kinds.map((value) => ({ value, label: t(`org.kind.${value}`) }))} />
        </Form.Item>
        <OrgFields
          schema={createOrgRequest.shape}
          {...(kind === 'grassroots'
            ? { employer: { unionUnder: parent.code, registerUnder: employerScope(trail), required: parent.kind !== 'alliance', mayRegister: orgPolicy.can({ role: me.role } as Actor, 'createEmployer') } }
            : {})}
        />
      </Form>
    </Modal>
  );
}

