import { App, Form } from 'antd';
import { call } from '../../../web/api.ts';
import { FormDrawer } from '../../../web/components/FormDrawer.tsx';
import { useSave } from '../../../web/forms.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { orgEndpoints, updateOrgRequest, type OrgView } from '../schema.ts';
import { blank, employerScope, OrgFields, type OrgFormValues, type Trail } from './OrgFields.tsx';

/** 编辑: the org's own fields in a drawer; emptied optional fields are sent as null. */
export function OrgEditDrawer({ org, trail, open, onClose, onSaved }: { org: OrgView; trail: Trail; open: boolean; onClose: () => void; onSaved: (org: OrgView) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<OrgFormValues>();
  const { saving, save } = useSave(form);
  const grassroots = org.kind === 'grassroots';
  const parentTrail = trail.slice(0, -1);

  const submit = (values: OrgFormValues) =>
    save(async () => {
      const saved = await call(orgEndpoints.update, {
        params: { orgCode: org.code },
        body: {
          name: values.name,
          regionCode: blank(values.regionCode) ?? null,
          industry: values.industry ?? null,
          ...(grassroots && values.employerId !== undefined && values.employerId !== org.employerId ? { employerId: values.employerId } : {}),
          ...(values.foundedOn ? { foundedOn: values.foundedOn } : {}),
          hasWomenCommittee: values.hasWomenCommittee ?? false,
          hasProfessionalChair: values.hasProfessionalChair ?? false,
          partyUnionJoint: values.partyUnionJoint ?? false,
        },
      });
      void message.success(t('common.saved'));
      onSaved(saved);
    });

  return (
    <FormDrawer title={t('org.edit.title', { name: org.name })} open={open} onClose={onClose} width={560} saving={saving} onSave={() => form.submit()}>
      <Form
        form={form}
        name="org-edit"
        layout="vertical"
        onFinish={submit}
        data-testid="org-edit-form"
        initialValues={{
          name: org.name,
          regionCode: org.regionCode ?? '',
          industry: org.industry ?? undefined,
          employerId: org.employerId ?? undefined,
          foundedOn: org.foundedOn ?? undefined,
          hasWomenCommittee: org.hasWomenCommittee,
          hasProfessionalChair: org.hasProfessionalChair,
          partyUnionJoint: org.partyUnionJoint,
        }}
      >
        <OrgFields
          schema={updateOrgRequest.shape}
          {...(grassroots
            ? {
                employer: {
                  unionUnder: org.code,
                  registerUnder: employerScope(parentTrail),
                  required: false,
                  mayRegister: false,
                  ...(org.employerId !== null && org.employerName !== null ? { known: { id: org.employerId, name: org.employerName } } : {}),
                },
              }
            : {})}
        />
      </Form>
    </FormDrawer>
  );
}

