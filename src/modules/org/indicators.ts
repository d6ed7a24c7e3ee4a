import type { AggregateTable, IndicatorDefinition } from '../../core/indicators/registry.ts';
import { orgCountColumns, orgCountsFromRecords } from './store.ts';

/** The org tree's figures, from `org_counts` (grassroots unions per org subtree and year of founding). */

export const orgAggregates: AggregateTable[] = [{ table: 'org_counts', module: 'org', columns: orgCountColumns, recompute: orgCountsFromRecords }];

const stock = (column: string) => ({ table: 'org_counts', terms: { [column]: 1 }, over: 'stock' }) as const;

export const orgIndicators: IndicatorDefinition[] = [
  {
    code: 'org.grassroots_unions',
    module: 'org',
    unit: 'union',
    kind: 'count',
    numerator: stock('grassroots_unions'),
    text: {
      'zh-CN': { title: '基层工会组织数', definition: '年末（12月31日）基层工会个数：成立日期（未填则为录入日期）在当年年末以前的基层工会。' },
      en: { title: 'Grassroots unions', definition: 'Grassroots unions at the end of the year (31 December): those founded (or, without a founding date, entered) on or before it.' },
    },
  },
  {
    code: 'org.new_grassroots_unions',
    module: 'org',
    unit: 'union',
    kind: 'count',
    numerator: { table: 'org_counts', terms: { grassroots_unions: 1 }, over: 'flow' },
    text: {
      'zh-CN': { title: '新建基层工会', definition: '当年新建的基层工会个数：成立日期（未填则为录入日期）在当年的基层工会；规划期累计为各年之和。' },
      en: { title: 'New grassroots unions', definition: 'Grassroots unions founded (or, without a founding date, entered) in the year; over a period, the sum of its years.' },
    },
  },
  {
    code: 'org.women_committee_rate',
    module: 'org',
    unit: 'rate',
    kind: 'rate',
    numerator: stock('women_committees'),
    denominator: stock('grassroots_unions'),
    text: {
      'zh-CN': { title: '女职工委员会组建率', definition: '分子：年末基层工会中建有女职工委员会的个数（按现状）；分母：年末基层工会个数。' },
      en: { title: "Women workers' committee formation rate", definition: "Numerator: grassroots unions at the end of the year that have a women workers' committee (as they are now); denominator: grassroots unions at the end of the year." },
    },
  },
  {
    code: 'org.professional_chairs',
    module: 'org',
    unit: 'person',
    kind: 'count',
    numerator: stock('professional_chairs'),
    text: {
      'zh-CN': { title: '职业化工会主席', definition: '年末基层工会中由工会方聘用职业化主席的个数（按现状），每个工会计一人。' },
      en: { title: 'Professional union chairs', definition: 'Grassroots unions at the end of the year whose chair is employed by the union side (as they are now), one per union.' },
    },
  },
];
