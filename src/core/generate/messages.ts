import type { MessageBundle } from '../i18n/catalogue.ts';

const zh = {
  'generate.not_empty': '数据库中已有 {count} 个基层工会：合成省份只能在没有基层工会的数据库中生成（换一个空的 DATA_DIR 或数据库）',
  'generate.invalid_scale': '规模须在 0.0001 到 10 之间',
  'generate.invalid_until': '截止年份须在 2012 到 {max} 之间',
} as const;

const en: Record<keyof typeof zh, string> = {
  'generate.not_empty': 'The database already has {count} grassroots union(s): the synthetic province is generated only into a database without any (use an empty DATA_DIR or database)',
  'generate.invalid_scale': 'The scale must be between 0.0001 and 10',
  'generate.invalid_until': 'The last year must be between 2012 and {max}',
};

export const generateMessages: MessageBundle = { 'zh-CN': zh, en };
