import type { AggregateTable, IndicatorDefinition, Measure } from '../../core/indicators/registry.ts';
import { countColumns, countsFromRecords } from './store.ts';

/**
 * The member roster's figures, from `member_counts` (joins and ends per org subtree and year). The codes the
 * report's figures use (org.members, org.new_members) are kept as they are: the plan refers to them.
 */

export const memberAggregates: AggregateTable[] = [{ table: 'member_counts', module: 'members', columns: countColumns, recompute: countsFromRecords }];

const stock = (joined: string, ended: string): Measure => ({ table: 'member_counts', terms: { [joined]: 1, [ended]: -1 }, over: 'stock' });
const activeAtYearEnd = { 'zh-CN': '年末（12月31日）在册会员：入会日期不晚于当日且当日尚未离会（离会日期为空或晚于当日）的会籍', en: 'Members at the end of the year (31 December): memberships joined on or before that day and not ended by it' };

export const memberIndicators: IndicatorDefinition[] = [
  {
    code: 'org.members',
    module: 'members',
    unit: 'person',
    kind: 'count',
    numerator: stock('joined', 'ended'),
    text: {
      'zh-CN': { title: '会员数', definition: `${activeAtYearEnd['zh-CN']}的个数（兼职会籍各计一次）。` },
      en: { title: 'Members', definition: `${activeAtYearEnd.en}, counted once per membership (a declared second job counts again).` },
    },
  },
  {
    code: 'org.new_members',
    module: 'members',
    unit: 'person',
    kind: 'count',
    numerator: { table: 'member_counts', terms: { joined: 1 }, over: 'flow' },
    text: {
      'zh-CN': { title: '新发展会员', definition: '入会日期在当年的会籍个数（转入的会员也计入）；规划期累计为各年之和。' },
      en: { title: 'New members', definition: 'Memberships whose joining date falls in the year (transfers in count too); over a period, the sum of its years.' },
    },
  },
  {
    code: 'members.women',
    module: 'members',
    unit: 'person',
    kind: 'count',
    numerator: stock('joined_women', 'ended_women'),
    text: {
      'zh-CN': { title: '女会员', definition: `${activeAtYearEnd['zh-CN']}中，性别为女（按身份证号）的个数。` },
      en: { title: 'Women members', definition: `${activeAtYearEnd.en}, of women (by the resident ID number).` },
    },
  },
  {
    code: 'members.migrant_workers',
    module: 'members',
    unit: 'person',
    kind: 'count',
    numerator: stock('joined_migrant', 'ended_migrant'),
    text: {
      'zh-CN': { title: '农民工会员', definition: `${activeAtYearEnd['zh-CN']}中，户籍为农村（农民工）的个数（按现在的户籍；户籍不详的不计入，其个数见“户籍不详会员”）。` },
      en: { title: 'Migrant-worker members', definition: `${activeAtYearEnd.en}, of people with rural household registration (as registered now; those whose registration is unknown are not counted: see “Members of unknown household registration”).` },
    },
  },
  {
    code: 'members.dispatched_workers',
    module: 'members',
    unit: 'person',
    kind: 'count',
    numerator: stock('joined_dispatched', 'ended_dispatched'),
    text: {
      'zh-CN': { title: '劳务派遣工会员', definition: `${activeAtYearEnd['zh-CN']}中，劳务派遣工的个数（按现状；是否派遣不详的不计入，其个数见“派遣情况不详会员”）。` },
      en: { title: 'Dispatched-worker members', definition: `${activeAtYearEnd.en}, of dispatched workers (as flagged now; those not known either way are not counted: see “Members of unknown dispatch status”).` },
    },
  },
  {
    code: 'members.household_unknown',
    module: 'members',
    unit: 'person',
    kind: 'count',
    numerator: stock('joined_household_unknown', 'ended_household_unknown'),
    text: {
      'zh-CN': { title: '户籍不详会员', definition: `${activeAtYearEnd['zh-CN']}中，户籍不详（导入的名册未填户籍）的个数：这些会员不计入农民工会员，也不算作城镇户籍。` },
      en: { title: 'Members of unknown household registration', definition: `${activeAtYearEnd.en}, of people whose household registration is unknown (imported from a roster without it): counted neither as migrant workers nor as urban.` },
    },
  },
  {
    code: 'members.dispatched_unknown',
    module: 'members',
    unit: 'person',
    kind: 'count',
    numerator: stock('joined_dispatched_unknown', 'ended_dispatched_unknown'),
    text: {
      'zh-CN': { title: '派遣情况不详会员', definition: `${activeAtYearEnd['zh-CN']}中，是否劳务派遣不详（导入的名册未填）的个数：这些会员不计入劳务派遣工会员。` },
      en: { title: 'Members of unknown dispatch status', definition: `${activeAtYearEnd.en}, of people not known to be dispatched workers or not (imported from a roster without the flag): not counted as dispatched workers.` },
    },
  },
];
