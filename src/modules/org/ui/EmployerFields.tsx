import { Col, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import { zodRule } from '../../../web/forms.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { createEmployerRequest, industries, ownerships, sizeClasses, updateEmployerRequest, type EmployerView } from '../schema.ts';
import { enumOptions } from './labels.ts';

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
export function EmployerFields({ mode }: { mode: 'create' | 'edit' }) {
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

export const blankToUndefined = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : value);

