import type { FormRule } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import type { z } from 'zod';
import type { MessageParams } from '../../../core/errors.ts';
import { zodRule } from '../../../web/forms.ts';

type Translate = (key: string, params?: MessageParams) => string;

/** Fields of a member's audit records and their labels, in the form's order; the rest (ids, worker id) stay out. */
const memberAuditFields: Record<string, string> = {
  name: 'members.field.name',
  orgName: 'members.field.union',
  orgCode: 'members.field.unionCode',
  gender: 'members.field.gender',
  birthDate: 'members.field.birthDate',
  birthYear: 'members.field.birthYear',
  idNumber: 'members.field.idNumber',
  phone: 'members.field.phone',
  household: 'members.field.household',
  dispatched: 'members.field.dispatched',
  education: 'members.field.education',
  job: 'members.field.job',
  joinedOn: 'members.field.joinedOn',
  cardNumber: 'members.field.cardNumber',
  secondJob: 'members.ui.second_job',
  endedOn: 'members.field.endedOn',
  endReason: 'members.field.endReason',
  reason: 'members.field.endReason',
  field: 'members.ui.reveal.field',
  toOrgCode: 'members.field.toOrgCode',
  fromOrgCode: 'members.field.fromOrgCode',
  requestedOn: 'members.field.requestedOn',
  decidedOn: 'members.field.decidedOn',
};

export function memberAuditLabels(t: Translate) {
  return {
    fieldOrder: Object.keys(memberAuditFields),
    fieldLabel: (field: string) => (memberAuditFields[field] ? t(memberAuditFields[field]) : undefined),
    formatValue: (field: string, value: unknown) => {
      if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
      if (field === 'gender') return t(`members.gender.${String(value)}`);
      if (field === 'household') return t(`members.household.${String(value)}`);
      if (field === 'education') return t(`members.education.${String(value)}`);
      if (field === 'endReason' || field === 'reason') return t(`members.end_reason.${String(value)}`);
      if (field === 'field') return t(`members.field.${String(value)}`);
      return String(value);
    },
  };
}

/** Options of a Select over an enum, labelled from the catalogue. */
export function enumOptions(values: readonly string[], t: Translate, prefix: string) {
  return values.map((value) => ({ value, label: t(`${prefix}.${value}`) }));
}

/** A date as the server takes it (YYYY-MM-DD) from a DatePicker's value. */
export const isoDay = (value: Dayjs | null | undefined) => (value ? value.format('YYYY-MM-DD') : undefined);

/** DatePickers of past dates: nothing after today can be picked. */
export const afterToday = (day: Dayjs) => day.isAfter(dayjs(), 'day');

/** The server's rule for a date field, on a DatePicker's value. */
export function dateRule(schema: z.ZodType, t: Translate): FormRule {
  const rule = zodRule(schema, t) as { validator: (rule: unknown, value: unknown) => Promise<void> };
  return { validator: (_rule: unknown, value: Dayjs | null | undefined) => rule.validator(_rule, isoDay(value)) };
}
