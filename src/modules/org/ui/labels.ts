import type { MessageParams } from '../../../core/errors.ts';

type Translate = (key: string, params?: MessageParams) => string;

/** Fields of an org's audit records and the labels they are shown with; the rest (ids, paths) stay out. */
const orgAuditFields: Record<string, string> = {
  name: 'org.field.name',
  code: 'org.field.code',
  kind: 'org.field.kind',
  level: 'org.field.level',
  parentCode: 'org.field.parent',
  regionCode: 'org.field.regionCode',
  industry: 'org.field.industry',
  employerName: 'org.field.employer',
  foundedOn: 'org.field.foundedOn',
  hasWomenCommittee: 'org.field.hasWomenCommittee',
  hasProfessionalChair: 'org.field.hasProfessionalChair',
  partyUnionJoint: 'org.field.partyUnionJoint',
  movedOn: 'org.field.movedOn',
};

const employerAuditFields: Record<string, string> = {
  name: 'employer.field.name',
  creditCode: 'employer.field.creditCode',
  ownership: 'employer.field.ownership',
  sizeClass: 'employer.field.sizeClass',
  aboveScale: 'employer.field.aboveScale',
  industry: 'employer.field.industry',
  regionCode: 'employer.field.regionCode',
  employeeCount: 'employer.field.employeeCount',
  address: 'employer.field.address',
  orgName: 'employer.field.org',
  unionName: 'employer.field.union',
};

const yesNo = (t: Translate, value: unknown) => (value ? t('common.yes') : t('common.no'));

export function orgAuditLabels(t: Translate) {
  return {
    fieldOrder: Object.keys(orgAuditFields),
    fieldLabel: (field: string) => (orgAuditFields[field] ? t(orgAuditFields[field]) : undefined),
    formatValue: (field: string, value: unknown) => {
      if (typeof value === 'boolean') return yesNo(t, value);
      if (field === 'kind') return t(`org.kind.${String(value)}`);
      if (field === 'level') return t(`org.level.${String(value)}`);
      if (field === 'industry') return t(`org.industry.${String(value)}`);
      return String(value);
    },
  };
}

export function employerAuditLabels(t: Translate) {
  return {
    fieldOrder: Object.keys(employerAuditFields),
    fieldLabel: (field: string) => (employerAuditFields[field] ? t(employerAuditFields[field]) : undefined),
    formatValue: (field: string, value: unknown) => {
      if (typeof value === 'boolean') return yesNo(t, value);
      if (field === 'ownership') return t(`employer.ownership.${String(value)}`);
      if (field === 'sizeClass') return t(`employer.size.${String(value)}`);
      if (field === 'industry') return `${String(value)} ${t(`employer.industry.${String(value)}`)}`;
      return String(value);
    },
  };
}

/** Options of a Select over an enum, labelled from the catalogue. */
export function enumOptions(values: readonly string[], t: Translate, prefix: string, withCode = false) {
  return values.map((value) => ({ value, label: withCode ? `${value} ${t(`${prefix}.${value}`)}` : t(`${prefix}.${value}`) }));
}
