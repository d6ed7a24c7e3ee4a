import { App, Col, DatePicker, Form, Input, Modal, Radio, Row, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { call } from '../../../web/api.ts';
import { useSave, zodRule } from '../../../web/forms.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { levelOf, mayRegisterEmployers, mayStandUnder } from '../rules.ts';
import { createOrgRequest, creatableKinds, industryUnions, moveOrgRequest, orgEndpoints, updateOrgRequest, type OrgKind, type OrgView } from '../schema.ts';
import { enumOptions } from './labels.ts';
import { EmployerSelect, OrgSelect } from './pickers.tsx';
import { FormDrawer } from '../../../web/components/FormDrawer.tsx';

export type Trail = { code: string; name: string; kind: OrgKind }[];

interface OrgFormValues {
  kind?: (typeof creatableKinds)[number];
  name?: string;
  regionCode?: string;
  industry?: OrgView['industry'];
  employerId?: number;
  foundedOn?: string;
  hasWomenCommittee?: boolean;
  hasProfessionalChair?: boolean;
  partyUnionJoint?: boolean;
}

/** The kinds that may be added under an org, by the same rule the server applies. */
export function kindsAllowedUnder(org: Pick<OrgView, 'kind' | 'level'>) {
  return creatableKinds.filter((kind) => mayStandUnder(kind, levelOf(kind), org));
}

/** Where a grassroots union's employer is looked for: the nearest org on the trail that registers employers. */
function employerScope(trail: Trail): string | undefined {
  return [...trail].reverse().find((org) => mayRegisterEmployers(org.kind))?.code ?? trail[0]?.code;
}

const today = () => dayjs().endOf('day');
/** DatePicker values are dayjs objects; the form and the schema hold ISO dates. */
const dateItemProps = {
  getValueProps: (value: string | undefined) => ({ value: value ? dayjs(value) : undefined }),
  normalize: (value: Dayjs | null) => (value ? value.format('YYYY-MM-DD') : undefined),
};
const blank = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : value.trim());

/** The fields an org has besides its place in the tree; `schema` is the create or the edit request. */
function OrgFields({ schema, employer }: { schema: typeof createOrgRequest.shape | typeof updateOrgRequest.shape; employer?: { scope: string; required: boolean; known?: { id: number; name: string } } }) {
  const { t } = useI18n();
  return (
    <Row gutter={16}>
      <Col span={24}>
        <Form.Item label={t('org.field.name')} name="name" required rules={[zodRule(createOrgRequest.shape.name, t)]}>
          <Input maxLength={100} />
        </Form.Item>
      </Col>
      {employer && (
        <Col span={24}>
          <Form.Item label={t('org.field.employer')} name="employerId" required={employer.required} rules={employer.required ? [{ required: true, message: t('org.employer_required') }] : []} extra={t('org.employer_picker.hint')}>
            <EmployerSelect orgCode={employer.scope} withoutUnion {...(employer.known ? { known: employer.known } : {})} />
          </Form.Item>
        </Col>
      )}
      <Col xs={24} sm={12}>
        <Form.Item label={t('org.field.regionCode')} name="regionCode" rules={[zodRule(schema.regionCode, t)]} extra={t('org.regionCode.hint')}>
          <Input maxLength={9} inputMode="numeric" />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item label={t('org.field.foundedOn')} name="foundedOn" rules={[zodRule(schema.foundedOn, t)]} {...dateItemProps}>
          <DatePicker style={{ width: '100%' }} disabledDate={(date) => date.isAfter(today())} />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item label={t('org.field.industry')} name="industry" rules={[zodRule(schema.industry, t)]}>
          <Select allowClear options={enumOptions(industryUnions, t, 'org.industry')} placeholder={t('common.none')} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={8}>
        <Form.Item label={t('org.field.hasWomenCommittee')} name="hasWomenCommittee" valuePropName="checked" rules={[zodRule(schema.hasWomenCommittee, t)]}>
          <Switch checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={8}>
        <Form.Item label={t('org.field.hasProfessionalChair')} name="hasProfessionalChair" valuePropName="checked" rules={[zodRule(schema.hasProfessionalChair, t)]}>
          <Switch checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={8}>
        <Form.Item label={t('org.field.partyUnionJoint')} name="partyUnionJoint" valuePropName="checked" rules={[zodRule(schema.partyUnionJoint, t)]}>
          <Switch checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} />
        </Form.Item>
      </Col>
    </Row>
  );
}

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
                  scope: employerScope(parentTrail) ?? org.code,
                  required: false,
                  ...(org.employerId !== null && org.employerName !== null ? { known: { id: org.employerId, name: org.employerName } } : {}),
                },
              }
            : {})}
        />
      </Form>
    </FormDrawer>
  );
}

/** 新增下级组织: a township union, union alliance or grassroots union under the org, of the kinds allowed there. */
export function AddChildModal({ parent, trail, open, onClose, onCreated }: { parent: OrgView; trail: Trail; open: boolean; onClose: () => void; onCreated: (org: OrgView) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<OrgFormValues>();
  const { saving, save } = useSave(form);
  const kinds = kindsAllowedUnder(parent);
  const kind = Form.useWatch('kind', form) ?? kinds[0];

  const submit = (values: OrgFormValues) =>
    save(async () => {
      const created = await call(orgEndpoints.create, {
        body: {
          parentCode: parent.code,
          kind: values.kind ?? kinds[0]!,
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
      <Form form={form} name="org-add" layout="vertical" onFinish={submit} initialValues={{ kind: kinds[0], hasWomenCommittee: false, hasProfessionalChair: false, partyUnionJoint: false }} data-testid="org-add-form">
        <Form.Item label={t('org.field.kind')} name="kind" required rules={[zodRule(createOrgRequest.shape.kind, t)]}>
          <Radio.Group optionType="button" buttonStyle="solid" options={kinds.map((value) => ({ value, label: t(`org.kind.${value}`) }))} />
        </Form.Item>
        <OrgFields schema={createOrgRequest.shape} {...(kind === 'grassroots' ? { employer: { scope: employerScope(trail) ?? parent.code, required: parent.kind !== 'alliance' } } : {})} />
      </Form>
    </Modal>
  );
}

/** 迁移: a new parent and the date the move takes effect, confirmed before anything moves. */
export function MoveModal({ org, open, onClose, onMoved }: { org: OrgView; open: boolean; onClose: () => void; onMoved: (org: OrgView) => void }) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<{ parentCode?: string; movedOn?: string }>();
  const { saving, save } = useSave(form);
  const [parentName, setParentName] = useState<string>();

  const accept = (candidate: OrgView) =>
    mayStandUnder(org.kind, org.level, candidate) && candidate.code !== org.parentCode && candidate.path !== org.path && !candidate.path.startsWith(`${org.path}.`);

  const confirmAndMove = async () => {
    const values = await form.validateFields().catch(() => undefined);
    const parentCode = values?.parentCode;
    const movedOn = values?.movedOn;
    if (!parentCode || !movedOn) return;
    const confirmed = await modal.confirm({
      title: t('org.move.confirm_title'),
      content: t('org.move.confirm', { name: org.name, count: org.childCount, parent: parentName ?? parentCode, date: movedOn }),
      okText: t('org.move.do'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true },
    });
    if (!confirmed) return;
    await save(async () => {
      const moved = await call(orgEndpoints.move, { params: { orgCode: org.code }, body: { parentCode, movedOn } });
      void message.success(t('org.moved', { name: moved.name, parent: moved.parentName ?? parentCode }));
      onMoved(moved);
    });
  };

  return (
    <Modal
      title={t('org.move.title', { name: org.name })}
      open={open}
      onCancel={onClose}
      onOk={() => void confirmAndMove()}
      okText={t('org.move.do')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form form={form} name="org-move" layout="vertical" initialValues={{ movedOn: dayjs().format('YYYY-MM-DD') }} data-testid="org-move-form">
        <Form.Item label={t('org.move.current_parent')}>
          <Input value={org.parentName ? `${org.parentName}（${org.parentCode}）` : t('common.none')} disabled />
        </Form.Item>
        <Form.Item label={t('org.move.new_parent')} name="parentCode" required rules={[zodRule(moveOrgRequest.shape.parentCode, t)]} extra={t('org.move.hint')}>
          <OrgSelect accept={accept} onChange={(_value, option) => setParentName(option?.label)} />
        </Form.Item>
        <Form.Item label={t('org.field.movedOn')} name="movedOn" required rules={[zodRule(moveOrgRequest.shape.movedOn, t)]} {...dateItemProps}>
          <DatePicker style={{ width: '100%' }} disabledDate={(date) => date.isAfter(today())} allowClear={false} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
