import { Checkbox, Col, DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import type { ErrorMapper } from '../../../web/forms.ts';
import { zodRule } from '../../../web/forms.ts';
import { useI18n } from '../../../web/i18n.tsx';
import { parseIdNumber } from '../id-number.ts';
import { createMemberRequest, educations, households, knownRegion, type MemberView } from '../schema.ts';
import { afterToday, dateRule, enumOptions } from './labels.ts';

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

export const blank = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : value.trim());

/** What the ID number typed says of the person: birth date and gender, once it is a valid number. */
export function IdNumberReading({ value }: { value: string | undefined }) {
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
/** `personReadOnly`: the person is kept by another union's membership (MemberView.keptElsewhere): their own fields are shown, not edited. */
export function CommonFields({ maskedPhone, personReadOnly = false }: { maskedPhone?: string | null; personReadOnly?: boolean }) {
  const { t } = useI18n();
  const create = createMemberRequest.shape;
  return (
    <>
      <Col xs={24} sm={12}>
        <Form.Item label={t('members.field.phone')} name="phone" rules={[zodRule(create.phone, t)]} extra={maskedPhone ? t('members.ui.phone.keep') : undefined}>
          <Input maxLength={30} inputMode="tel" placeholder={maskedPhone ?? undefined} disabled={personReadOnly} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item label={t('members.field.household')} name="household" required rules={[zodRule(create.household, t)]}>
          <Select options={enumOptions(households, t, 'members.household')} placeholder={t('members.ui.choose')} disabled={personReadOnly} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item label={t('members.field.education')} name="education">
          <Select allowClear options={enumOptions(educations, t, 'members.education')} placeholder={t('members.ui.choose')} disabled={personReadOnly} />
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
          <Checkbox disabled={personReadOnly}>{t('members.field.dispatched')}</Checkbox>
        </Form.Item>
      </Col>
    </>
  );
}

/**
 * A conflict on saving a member is about the person: a name that does not match the ID number's worker goes on the
 * name; a worker who is a member elsewhere (or here already) on the ID number.
 */
export const memberConflict: ErrorMapper = (problem) => (problem.status !== 409 ? undefined : problem.messageKey === 'members.name_mismatch' ? { field: 'name' } : { field: 'idNumber' });

/** Editing has no ID number field: only a name that does not match goes on a field. */
export const editConflict: ErrorMapper = (problem) => (problem.status === 409 && problem.messageKey === 'members.name_mismatch' ? { field: 'name' } : undefined);
