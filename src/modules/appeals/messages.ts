import type { MessageBundle } from '../../core/i18n/catalogue.ts';

const zh = {
  'module.appeals': '职工诉求',
};

const en: Record<keyof typeof zh, string> = {
  'module.appeals': 'Worker appeals',
};

export const appealMessages: MessageBundle = { 'zh-CN': zh, en };
