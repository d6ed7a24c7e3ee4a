import type { MessageBundle } from '../../core/i18n/catalogue.ts';

/** The early warning's and legal aid's words (README.md, "Early warning", "Legal aid"). */
const zh = {
  'appeals.queue.warnings_open': '待签收的矛盾纠纷预警',
  'appeals.warning.reason.cluster': '同一单位同类诉求聚集',
  'appeals.warning.reason.group': '群体性诉求',
  'appeals.warning.status.open': '待签收',
  'appeals.warning.status.acknowledged': '已签收跟进中',
  'appeals.warning.status.closed': '已办结',
  'appeals.warning.step.raised': '发出预警',
  'appeals.warning.step.joined': '新的同类诉求并入',
  'appeals.warning.step.acknowledge': '签收',
  'appeals.warning.step.followUp': '跟进处置',
  'appeals.warning.step.close': '办结',
  'appeals.warning.refused.open': '预警当前为“待签收”，不能进行这一步',
  'appeals.warning.refused.acknowledged': '预警当前为“已签收跟进中”，不能进行这一步',
  'appeals.warning.refused.closed': '预警当前为“已办结”，不能进行这一步',
};

const en: Record<keyof typeof zh, string> = {
  'appeals.queue.warnings_open': 'Dispute early warnings to acknowledge',
  'appeals.warning.reason.cluster': 'Appeals of one kind clustering at one employer',
  'appeals.warning.reason.group': 'An appeal involving a group of workers',
  'appeals.warning.status.open': 'To acknowledge',
  'appeals.warning.status.acknowledged': 'Acknowledged, being followed up',
  'appeals.warning.status.closed': 'Closed',
  'appeals.warning.step.raised': 'Warning raised',
  'appeals.warning.step.joined': 'Another appeal of the cluster joined',
  'appeals.warning.step.acknowledge': 'Acknowledged',
  'appeals.warning.step.followUp': 'Follow-up',
  'appeals.warning.step.close': 'Closed',
  'appeals.warning.refused.open': 'The warning is “To acknowledge”: this step is not possible now',
  'appeals.warning.refused.acknowledged': 'The warning is “Acknowledged, being followed up”: this step is not possible now',
  'appeals.warning.refused.closed': 'The warning is “Closed”: this step is not possible now',
};

export const aidMessages: MessageBundle = { 'zh-CN': zh, en };
