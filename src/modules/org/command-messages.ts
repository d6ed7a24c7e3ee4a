import type { MessageBundle } from '../../core/i18n/catalogue.ts';

/** The org commands' help and output (`qiaoliang org …`). */
const zh = {
  'org.cli.help.org': '管理组织架构',
  'org.cli.help.org.add': '新建乡镇（街道）工会、工会联合会或基层工会（基层工会连同其所在单位一并登记）',
  'org.cli.help.org.list': '列出组织',
  'org.cli.option.parent': '上级组织的编码',
  'org.cli.option.kind': '类型：township、alliance 或 grassroots',
  'org.cli.option.name': '名称',
  'org.cli.option.credit_code': '所在单位的统一社会信用代码（基层工会）',
  'org.cli.option.employer_name': '所在单位名称（默认为工会名称去掉末尾的“工会”）',
  'org.cli.option.ownership': '所在单位的经济类型（默认 private）',
  'org.cli.option.size': '所在单位的规模：large、medium、small 或 micro（默认 small）',
  'org.cli.option.industry': '所在单位的行业门类 A–T（默认 C 制造业）',
  'org.cli.option.list_parent': '列出这个组织的下级（默认全部组织）',
  'org.cli.option.subtree': '列出全部下级，而不只是直属下级',
  'org.cli.option.list_kind': '只列出这种类型：federation、township、alliance 或 grassroots',
  'org.cli.org.created': '已创建{kind} {code}“{name}”',
  'org.cli.org.with_employer': '所在单位：“{name}”（单位编号 {id}）',
  'org.cli.org.count': '共 {total} 个组织',
} as const;

const en: Record<keyof typeof zh, string> = {
  'org.cli.help.org': 'manage the org tree',
  'org.cli.help.org.add': 'add a township union, union alliance or grassroots union (a grassroots union together with its employer)',
  'org.cli.help.org.list': 'list orgs',
  'org.cli.option.parent': 'code of the parent org',
  'org.cli.option.kind': 'kind: township, alliance or grassroots',
  'org.cli.option.name': 'name',
  'org.cli.option.credit_code': 'unified social credit code of the employer (grassroots unions)',
  'org.cli.option.employer_name': 'employer name (default: the union’s name without a trailing 工会)',
  'org.cli.option.ownership': 'ownership of the employer (default: private)',
  'org.cli.option.size': 'size of the employer: large, medium, small or micro (default: small)',
  'org.cli.option.industry': 'industry section A–T of the employer (default: C, manufacturing)',
  'org.cli.option.list_parent': 'list the orgs below this one (default: every org)',
  'org.cli.option.subtree': 'list everything below, not only the direct children',
  'org.cli.option.list_kind': 'only this kind: federation, township, alliance or grassroots',
  'org.cli.org.created': 'Created {kind} {code} “{name}”',
  'org.cli.org.with_employer': 'Employer: “{name}” (employer no. {id})',
  'org.cli.org.count': '{total} org(s)',
};

export const orgCommandMessages: MessageBundle = { 'zh-CN': zh, en };
