import type { MessageBundle } from '../../../core/i18n/catalogue.ts';

/** Words of the org pages beyond the module's own catalogue (../messages.ts): how its records read in the home page's recent changes. */
const zh = {
  'audit.entity.org': '组织',
  'audit.entity.employer': '单位',
} as const;

const en: Record<keyof typeof zh, string> = {
  'audit.entity.org': 'Org',
  'audit.entity.employer': 'Employer',
};

export const orgUiMessages: MessageBundle = { 'zh-CN': zh, en };
