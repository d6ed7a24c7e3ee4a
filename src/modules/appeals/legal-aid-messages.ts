import type { MessageBundle } from '../../core/i18n/catalogue.ts';

/** Legal aid's words (README.md, "Legal aid"): the server's; the pages add theirs in ui/legal-aid/. */
const zh = {
  'appeals.legal_aid.federations_only': '只有省、市、县三级总工会可以设立法律援助机构',
  'appeals.legal_aid.institution_exists': '该总工会已设立法律援助机构',
  'appeals.legal_aid.unknown_institution': '找不到这个法律援助机构',
  'appeals.legal_aid.unknown_staff': '该律师或志愿者不属于承办的法律援助机构',
  'appeals.legal_aid.not_referred': '该诉求不在本机构所属总工会的范围内，也未转交法律援助',
  'appeals.legal_aid.case_open': '该诉求已有一件办理中的法律援助案件（编号 {id}）',
  'appeals.legal_aid.refused.accepted': '案件当前为“办理中”，不能进行这一步',
  'appeals.legal_aid.refused.closed': '案件已结案，不能再进行这一步',
  'appeals.legal_aid.bad_phone': '请填写手机号码或带区号的固定电话',
  'appeals.legal_aid.staff.lawyer': '律师',
  'appeals.legal_aid.staff.volunteer': '志愿者',
  'appeals.legal_aid.status.accepted': '办理中',
  'appeals.legal_aid.status.closed': '已结案',
  'appeals.legal_aid.outcome.won': '胜诉',
  'appeals.legal_aid.outcome.mediated': '调解结案',
  'appeals.legal_aid.outcome.partly_won': '部分胜诉',
  'appeals.legal_aid.outcome.lost': '败诉',
  'appeals.legal_aid.outcome.withdrawn': '撤回',
  'appeals.event.legalAidTaken': '法律援助机构受理',
  'appeals.event.legalAidClosed': '法律援助结案',
};

const en: Record<keyof typeof zh, string> = {
  'appeals.legal_aid.federations_only': 'Only a province, city or county federation sets up a legal-aid institution',
  'appeals.legal_aid.institution_exists': 'This federation has a legal-aid institution already',
  'appeals.legal_aid.unknown_institution': 'No such legal-aid institution',
  'appeals.legal_aid.unknown_staff': 'This lawyer or volunteer does not belong to the institution handling the case',
  'appeals.legal_aid.not_referred': "This appeal is neither handled within the institution's federation nor referred to legal aid",
  'appeals.legal_aid.case_open': 'This appeal has an open legal-aid case already (no. {id})',
  'appeals.legal_aid.refused.accepted': 'The case is “In progress”: this step is not possible now',
  'appeals.legal_aid.refused.closed': 'The case is closed: this step is not possible any more',
  'appeals.legal_aid.bad_phone': 'Give a mobile number or a landline with its area code',
  'appeals.legal_aid.staff.lawyer': 'Lawyer',
  'appeals.legal_aid.staff.volunteer': 'Volunteer',
  'appeals.legal_aid.status.accepted': 'In progress',
  'appeals.legal_aid.status.closed': 'Closed',
  'appeals.legal_aid.outcome.won': 'Won',
  'appeals.legal_aid.outcome.mediated': 'Settled by mediation',
  'appeals.legal_aid.outcome.partly_won': 'Partly won',
  'appeals.legal_aid.outcome.lost': 'Lost',
  'appeals.legal_aid.outcome.withdrawn': 'Withdrawn',
  'appeals.event.legalAidTaken': 'Taken on by legal aid',
  'appeals.event.legalAidClosed': 'Legal-aid case closed',
};

export const legalAidMessages: MessageBundle = { 'zh-CN': zh, en };
