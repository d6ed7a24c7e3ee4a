import type { ColumnSpec } from '../../core/import/headers.ts';

/**
 * Headers users give each column of a roster, in Chinese and English; the export writes the first of each, so it
 * re-imports. Pure data: the import reads sheets with it and the import page shows it (which columns, which are
 * required, the names each is known by).
 */
export const memberColumns = {
  union: { headers: ['所属工会', '工会名称', '工会编码', '基层工会', '工会', '单位工会', 'union', 'union code', 'grassroots union'], kind: 'id' },
  name: { headers: ['姓名', '名字', '会员姓名', '职工姓名', 'name', 'full name'], required: true },
  gender: { headers: ['性别', 'gender', 'sex'] },
  idNumber: { headers: ['身份证号', '身份证号码', '公民身份号码', '公民身份证号码', '证件号码', '身份证件号码', '身份证', '居民身份证号码', 'id number', 'resident id number', 'id'], kind: 'id', required: true },
  phone: { headers: ['手机号', '手机', '手机号码', '联系电话', '电话', '联系方式', '移动电话', '电话号码', 'mobile', 'phone'], kind: 'id' },
  household: { headers: ['户籍类型', '户籍', '户口性质', '户籍性质', '户口类型', 'household', 'household registration'] },
  dispatched: { headers: ['劳务派遣', '是否劳务派遣', '劳务派遣工', 'dispatched', 'dispatched worker'] },
  education: { headers: ['学历', '文化程度', 'education'] },
  job: { headers: ['岗位', '工作岗位', '职务', 'job', 'position'] },
  joinedOn: { headers: ['入会时间', '入会日期', '入会年月', '入会年份', '加入工会时间', '加入工会日期', '参加工会时间', 'joined on', 'join date', 'joined'], kind: 'date', required: true },
  cardNumber: { headers: ['会员证号', '会员证号码', '会员卡号', 'member card number', 'card number'], kind: 'id' },
} satisfies ColumnSpec;
export type MemberField = keyof typeof memberColumns;

/** The job kind of a roster import: the jobs list and the import page find the imports by it. */
export const importJobKind = 'members.import';
