import type { MessageParams } from '../../../core/errors.ts';

type Translate = (key: string, params?: MessageParams) => string;

/** Options of a Select over an enum, labelled from the catalogue. */
export function enumOptions(values: readonly string[], t: Translate, prefix: string) {
  return values.map((value) => ({ value, label: t(`${prefix}.${value}`) }));
}

/** Fields of a case's audit records and their labels; the rest (ids) stay out. */
const auditFields: Record<string, string> = {
  status: 'appeals.field.status',
  kind: 'appeals.field.kind',
  category: 'appeals.field.category',
  channel: 'appeals.field.channel',
  difficulty: 'appeals.field.difficulty',
  dueOn: 'appeals.field.dueOn',
  days: 'appeals.field.days',
  toOrgCode: 'appeals.field.org',
  rating: 'appeals.field.rating',
  pausedWorkingDays: 'appeals.field.extensionDays',
};

const enums: Record<string, string> = { status: 'appeals.status', kind: 'appeals.kind', category: 'appeals.category', channel: 'appeals.channel', difficulty: 'appeals.difficulty', rating: 'appeals.rating' };

export function appealAuditLabels(t: Translate) {
  return {
    fieldOrder: Object.keys(auditFields),
    fieldLabel: (field: string) => (auditFields[field] ? t(auditFields[field]) : undefined),
    formatValue: (field: string, value: unknown) => (enums[field] ? t(`${enums[field]}.${String(value)}`) : typeof value === 'boolean' ? t(value ? 'common.yes' : 'common.no') : String(value)),
  };
}
