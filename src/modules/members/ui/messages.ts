import type { MessageBundle } from '../../../core/i18n/catalogue.ts';

/** Words of the member pages beyond the module's own catalogue (../messages.ts): how its records read in the home page's recent changes. */
const zh = {
  'audit.entity.member': '会员',
  'audit.entity.member_import': '会员导入',
} as const;

const en: Record<keyof typeof zh, string> = {
  'audit.entity.member': 'Member',
  'audit.entity.member_import': 'Roster import',
};

export const memberUiMessages: MessageBundle = { 'zh-CN': zh, en };
