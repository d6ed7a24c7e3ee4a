import { PlusOutlined } from '@ant-design/icons';
import { Button, Col, DatePicker, Flex, Form, Input, Row, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { zodRule } from '../../../web/forms.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { levelOf, mayRegisterEmployers, mayStandUnder } from '../rules.ts';
import type { updateOrgRequest} from '../schema.ts';
import { createOrgRequest, creatableKinds, industryUnions, type OrgKind, type OrgView } from '../schema.ts';
import { enumOptions } from './labels.ts';
import { EmployerCreateDrawer } from './EmployerForms.tsx';
import { EmployerSelect } from './pickers.tsx';

export type Trail = { code: string; name: string; kind: OrgKind }[];

export interface OrgFormValues {
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

/** Where an employer registered for a union goes by default: the nearest org on the trail that registers employers. */
export function employerScope(trail: Trail): string | undefined {
  return [...trail].reverse().find((org) => mayRegisterEmployers(org.kind))?.code;
}

export const today = () => dayjs().endOf('day');
/** DatePicker values are dayjs objects; the form and the schema hold ISO dates. */
export const dateItemProps = {
  getValueProps: (value: string | undefined) => ({ value: value ? dayjs(value) : undefined }),
  normalize: (value: Dayjs | null) => (value ? value.format('YYYY-MM-DD') : undefined),
};
export const blank = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : value.trim());

export interface EmployerChoice {
  /** The org the union stands (or will stand) under: the server offers the employers of its area. */
  unionUnder: string;
  /** Where an employer registered from here goes by default: the street or federation of that area. */
  registerUnder: string | undefined;
  required: boolean;
  known?: { id: number; name: string };
  /** Whether the user may register an employer in place. */
  mayRegister: boolean;
}

/**
 * The employer of a grassroots union: the employers its area may take, or one registered in place (a drawer over the
 * dialog), chosen at once.
 */
function EmployerItem({ employer }: { employer: EmployerChoice }) {
  const { t } = useI18n();
  const form = Form.useFormInstance<OrgFormValues>();
  const [registering, setRegistering] = useState(false);
  const [registered, setRegistered] = useState<{ id: number; name: string }>();
  return (
    <>
      <Form.Item label={t('org.field.employer')} required={employer.required} extra={t('org.employer_picker.hint')}>
        <Flex gap={8} wrap>
          <Form.Item noStyle name="employerId" rules={employer.required ? [{ required: true, message: t('org.employer_required') }] : []}>
            <EmployerSelect aria-label={t('org.field.employer')} unionUnder={employer.unionUnder} known={registered ?? employer.known} reloadKey={registered?.id} style={{ flex: '1 1 280px', minWidth: 0 }} />
          </Form.Item>
          {employer.mayRegister && (
            <Button icon={<PlusOutlined />} onClick={() => setRegistering(true)} data-testid="employer-register-here">
              {t('org.employer_picker.register')}
            </Button>
          )}
        </Flex>
      </Form.Item>
      {employer.mayRegister && (
        <EmployerCreateDrawer
          open={registering}
          orgCode={employer.registerUnder ?? employer.unionUnder}
          registerUnder={employer.registerUnder}
          onClose={() => setRegistering(false)}
          createdMessage={(created) => t('org.employer_picker.registered', { name: created.name })}
          onCreated={(created) => {
            setRegistering(false);
            setRegistered({ id: created.id, name: created.name });
            form.setFieldValue('employerId', created.id);
            void form.validateFields(['employerId']);
          }}
        />
      )}
    </>
  );
}

/** The fields an org has besides its place in the tree; `schema` is the create or the edit request. */
export function OrgFields({ schema, employer }: { schema: typeof createOrgRequest.shape | typeof updateOrgRequest.shape; employer?: EmployerChoice }) {
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
          <EmployerItem employer={employer} />
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

