import type { MessageBundle } from '../../core/i18n/catalogue.ts';

/** The registry's, the settings' and the calendar's messages (the server's; the pages add theirs in ui/). */
const zh = {
  'appeals.centre.kind.centre': '员工诉求中心',
  'appeals.centre.kind.station': '诉求工作站',
  'appeals.centre.export.sheet': '诉求中心和工作站',
  'appeals.centre.status.open': '运行中',
  'appeals.centre.status.closed': '已撤销',
  'appeals.centre.status.planned': '尚未设立',
  'appeals.centre.employer_or_area': '请选择服务的单位，或填写覆盖的区域',
  'appeals.centre.employer_outside_org': '这家单位不在该组织及其下级的范围内',
  'appeals.centre.closed_before_established': '撤销日期（{closedOn}）不能早于设立日期（{establishedOn}）',
  'appeals.centre.name_taken': '该组织已有名为“{name}”的诉求中心（站）',
  'appeals.centre.already_closed': '已于 {closedOn} 撤销',
  'appeals.settings.province_admin_only': '只有省总工会的管理员可以修改时限和日历',
  'appeals.settings.deadlines_order': '难度越高，办理时限不能越短（简单 ≤ 一般 ≤ 复杂）',
  'appeals.calendar.workday_on_weekday': '调休上班日须是周六或周日',
  'appeals.calendar.day_listed': '{day} 已在日历中',
  'appeals.calendar.kind.holiday': '放假',
  'appeals.calendar.kind.workday': '调休上班',
};

const en: Record<keyof typeof zh, string> = {
  'appeals.centre.kind.centre': 'Appeal centre',
  'appeals.centre.kind.station': 'Appeal station',
  'appeals.centre.export.sheet': 'Appeal centres and stations',
  'appeals.centre.status.open': 'Open',
  'appeals.centre.status.closed': 'Closed',
  'appeals.centre.status.planned': 'Not yet established',
  'appeals.centre.employer_or_area': 'Choose the employer it serves, or give the area it covers',
  'appeals.centre.employer_outside_org': 'This employer does not belong to that org or any org below it',
  'appeals.centre.closed_before_established': 'The closing date ({closedOn}) cannot come before the established date ({establishedOn})',
  'appeals.centre.name_taken': 'That org already runs a centre or station named “{name}”',
  'appeals.centre.already_closed': 'Closed on {closedOn} already',
  'appeals.settings.province_admin_only': "Only an admin of the province federation may change deadlines and the calendar",
  'appeals.settings.deadlines_order': 'A harder case cannot have a shorter deadline (simple ≤ ordinary ≤ complex)',
  'appeals.calendar.workday_on_weekday': 'A weekend day worked instead must be a Saturday or a Sunday',
  'appeals.calendar.day_listed': '{day} is in the calendar already',
  'appeals.calendar.kind.holiday': 'Holiday',
  'appeals.calendar.kind.workday': 'Worked weekend day',
};

export const registryMessages: MessageBundle = { 'zh-CN': zh, en };
