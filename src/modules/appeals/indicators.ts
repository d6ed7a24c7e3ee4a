import type { AggregateTable, IndicatorDefinition, Measure } from '../../core/indicators/registry.ts';
import { appealCountsTable } from './counts.ts';
import { appealCountColumns, appealCountsFromRecords, dayBuckets, dayOverflow, histogramDays } from './counts-store.ts';

/**
 * The appeals module's figures, from `appeal_counts` (README.md, "Statistics"). appeals.centers, appeals.stations and
 * appeals.enterprise_center_rate keep the codes of the report's figures: the plan refers to them. Warnings raised,
 * the amount recovered and the legal-aid institution rate are counted with early warning and legal aid.
 */

export const appealAggregates: AggregateTable[] = [{ table: appealCountsTable, module: 'appeals', columns: appealCountColumns, recompute: appealCountsFromRecords }];

const stock = (added: string, taken: string): Measure => ({ table: appealCountsTable, terms: { [added]: 1, [taken]: -1 }, over: 'stock' });
const flow = (column: string): Measure => ({ table: appealCountsTable, terms: { [column]: 1 }, over: 'flow' });
const allDays = [...dayBuckets, dayOverflow];

const open = {
  'zh-CN': '年末（12月31日）在运行：设立日期不晚于当日，且当日尚未撤销（撤销日期为空或晚于当日）',
  en: 'running at the end of the year (31 December): established on or before that day and not closed by it (no closing date, or a later one)',
};
const closedCases = {
  'zh-CN': '当年办结的诉求：经质检办结、现为“已办结”状态、办结日期在当年的诉求，计入办结它的组织（被评为不满意而重新审查中的不计入，直至上级维持原答复）',
  en: 'cases closed in the year: closed after the quality check, in status “closed” now, with a closing date in the year, counted at the org that closed them (a case reopened by a not-satisfied rating is not counted until the level above upholds the answer)',
};

export const appealIndicators: IndicatorDefinition[] = [
  {
    code: 'appeals.centers',
    module: 'appeals',
    unit: 'center',
    kind: 'count',
    numerator: stock('centres_established', 'centres_closed'),
    text: {
      'zh-CN': { title: '员工诉求中心', definition: `登记簿中类型为“中心”、${open['zh-CN']}的员工诉求中心个数，计入运行它的组织。` },
      en: { title: 'Appeal centres', definition: `Registered appeal centres (kind “centre”) ${open.en}, counted at the org that runs each.` },
    },
  },
  {
    code: 'appeals.stations',
    module: 'appeals',
    unit: 'station',
    kind: 'count',
    numerator: stock('stations_established', 'stations_closed'),
    text: {
      'zh-CN': { title: '员工诉求工作站', definition: `登记簿中类型为“工作站”、${open['zh-CN']}的员工诉求工作站个数，计入运行它的组织。` },
      en: { title: 'Appeal stations', definition: `Registered appeal stations (kind “station”) ${open.en}, counted at the org that runs each.` },
    },
  },
  {
    code: 'appeals.enterprise_center_rate',
    module: 'appeals',
    unit: 'rate',
    kind: 'rate',
    numerator: stock('enterprises_gained', 'enterprises_lost'),
    denominator: { table: 'org_counts', terms: { grassroots_unions: 1 }, over: 'stock' },
    text: {
      'zh-CN': {
        title: '企业职工诉求中心组建率',
        definition:
          '分子：年末（12月31日）自身运行至少一个在运行的员工诉求中心（不含工作站）的基层工会个数；分母：年末基层工会个数（成立日期，未填则为录入日期，不晚于当日）。已建会企业即建有基层工会的用人单位，每个基层工会代表一家，各种所有制（含机关、事业单位）均计入；由乡镇、街道工会为区域设立的中心不计入分子。',
      },
      en: {
        title: 'Enterprises with an appeal centre',
        definition:
          'Numerator: grassroots unions that themselves run at least one appeal centre (stations do not count) open at the end of the year (31 December); denominator: grassroots unions at the end of the year (founded, or without a founding date entered, on or before that day). A unionised enterprise is an employer with a grassroots union, one per union, of every kind of ownership (government agencies and public institutions included); centres that township or street federations run for an area do not count in the numerator.',
      },
    },
  },
  {
    code: 'appeals.received',
    module: 'appeals',
    unit: 'item',
    kind: 'count',
    numerator: flow('received'),
    text: {
      'zh-CN': { title: '受理诉求', definition: '提交日期在当年的诉求件数（各渠道：网上、12351热线、来访、来信），计入诉求最初到达的组织（转办、上交、派单不改变）；规划期累计为各年之和。' },
      en: { title: 'Appeals received', definition: 'Cases submitted in the year, by every channel (online, the 12351 hotline, visits, letters), counted at the org where each first arrived (sending it on, up or down changes nothing); over a period, the sum of its years.' },
    },
  },
  {
    code: 'appeals.closed_on_time_rate',
    module: 'appeals',
    unit: 'rate',
    kind: 'rate',
    numerator: flow('closed_on_time'),
    denominator: flow('closed'),
    text: {
      'zh-CN': { title: '按期办结率', definition: `分子：${closedCases['zh-CN']}中，办结日期不晚于办理期限（按难易程度的工作日数，加上等待职工的工作日和批准的延期）的件数；分母：${closedCases['zh-CN']}的件数。` },
      en: { title: 'Closed on time', definition: `Numerator: of the ${closedCases.en}, those closed on or before their due date (the working days of their difficulty, plus the working days spent waiting for the worker and approved extensions); denominator: the ${closedCases.en}.` },
    },
  },
  {
    code: 'appeals.median_days_to_close',
    module: 'appeals',
    unit: 'day',
    kind: 'median',
    numerator: { table: appealCountsTable, terms: Object.fromEntries(allDays.map((column) => [column, 1 as const])), over: 'flow' },
    histogram: { table: appealCountsTable, buckets: dayBuckets, overflow: dayOverflow, over: 'flow' },
    text: {
      'zh-CN': {
        title: '办结用时中位数（工作日）',
        definition: `${closedCases['zh-CN']}的办结用时（自受理次日至办结当日的工作日数，减去等待职工的工作日；按办结当时的节假日安排，办结时确定）的中位数：件数为偶数时取中间两件的平均。中位数达到${histogramDays}个工作日以上时不给出数值。`,
      },
      en: {
        title: 'Median working days to close',
        definition: `The median, over the ${closedCases.en}, of the working days each took (from the day after acceptance to the day of closing, less the working days spent waiting for the worker; by the holiday calendar as it was when it closed, fixed then); for an even number of cases, the mean of the middle two. When the median is ${histogramDays} working days or more no value is given.`,
      },
    },
  },
  {
    code: 'appeals.satisfaction_rate',
    module: 'appeals',
    unit: 'rate',
    kind: 'rate',
    numerator: flow('satisfied'),
    denominator: flow('rated'),
    text: {
      'zh-CN': { title: '满意率', definition: '分子：已评价诉求中评价为“满意”或“基本满意”的件数；分母：已评价诉求（职工在网上评价或回访录入，办结日期在当年，含因不满意而重新审查中的）的件数，计入办结它的组织。上级要求重办的，原评价撤销。' },
      en: { title: 'Satisfaction rate', definition: 'Numerator: rated cases rated “satisfied” or “basically satisfied”; denominator: cases rated (online by the worker, or entered from a callback) whose closing date is in the year, reopened ones under review included, counted at the org that closed them. When the level above has a case redone, its rating is withdrawn.' },
    },
  },
];
