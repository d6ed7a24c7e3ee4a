import { sql } from 'kysely';
import type { Db } from '../../core/db/tables.ts';
import type { AggregateTable, IndicatorDefinition } from '../../core/indicators/registry.ts';

/**
 * The early warning's and legal aid's figures, from `appeal_aid_counts` (README.md, "Indicators"). The case counts
 * (received, closed on time, satisfaction…) are kept elsewhere in the module.
 */

export const aidCountColumns = ['federations', 'legal_aid_federations', 'warnings', 'recovered_fen'] as const;

/**
 * A federation whose founding date is not recorded counts from 1949, i.e. in every year the platform reports on:
 * the province, city and county federations of the tree were all there before 2008.
 */
export const federationYear = sql<number>`coalesce(extract(year FROM founded_on)::int, 1949)`;

/** Each org's own flows, from the records alone. */
export function aidCountsFromRecords() {
  return sql<Record<string, unknown>>`
    SELECT id AS org_id, ${federationYear} AS year, 1 AS federations, 0 AS legal_aid_federations, 0 AS warnings, 0 AS recovered_fen
    FROM orgs WHERE kind = 'federation' AND level IN ('province', 'city', 'county')
    UNION ALL
    SELECT org_id, extract(year FROM established_on)::int, 0, 1, 0, 0 FROM legal_aid_institutions
    UNION ALL
    SELECT org_id, extract(year FROM raised_on)::int, 0, 0, 1, 0 FROM appeal_warnings
    UNION ALL
    SELECT i.org_id, extract(year FROM c.closed_on)::int, 0, 0, 0, c.recovered_fen
    FROM legal_aid_cases c JOIN legal_aid_institutions i ON i.id = c.institution_id WHERE c.status = 'closed'`;
}

export const aidAggregates: AggregateTable[] = [{ table: 'appeal_aid_counts', module: 'appeals', columns: aidCountColumns, recompute: aidCountsFromRecords }];

const stock = (column: string) => ({ table: 'appeal_aid_counts', terms: { [column]: 1 }, over: 'stock' }) as const;
const flow = (column: string) => ({ table: 'appeal_aid_counts', terms: { [column]: 1 }, over: 'flow' }) as const;

export const aidIndicators: IndicatorDefinition[] = [
  {
    code: 'appeals.legal_aid_institution_rate',
    module: 'appeals',
    unit: 'rate',
    kind: 'rate',
    numerator: stock('legal_aid_federations'),
    denominator: stock('federations'),
    text: {
      'zh-CN': {
        title: '工会法律援助机构建立率',
        definition: '分子：年末（12月31日）已建立工会法律援助机构（成立日期不晚于当日）的省、市、县三级总工会个数；分母：年末省、市、县三级总工会个数（未记成立日期的总工会各年都计入）。乡镇（街道）工会和基层工会不计入。',
      },
      en: {
        title: 'Legal-aid institution rate',
        definition:
          'Numerator: province, city and county federations that have a union legal-aid institution set up on or before the end of the year (31 December); denominator: province, city and county federations at the end of the year (one whose founding date is not recorded counts in every year). Township unions and grassroots unions do not count.',
      },
    },
  },
  {
    code: 'appeals.warnings_raised',
    module: 'appeals',
    unit: 'item',
    kind: 'count',
    numerator: flow('warnings'),
    text: {
      'zh-CN': {
        title: '矛盾纠纷预警数',
        definition: '预警日期在当年的矛盾纠纷预警个数：同一用人单位同一类别的诉求在窗口期内达到阈值（聚集预警，一次聚集只计一次，直至该预警办结），或一件涉及群体的诉求（群体性预警）；计入诉求发生地所在县级总工会；规划期累计为各年之和。',
      },
      en: {
        title: 'Dispute early warnings raised',
        definition:
          'Warnings raised in the year: appeals of one category against one employer reaching the threshold within the window (a cluster counts once until its warning is closed), or one appeal involving a group of workers; counted at the county federation of the place; over a period, the sum of its years.',
      },
    },
  },
  {
    code: 'appeals.amount_recovered',
    module: 'appeals',
    unit: 'yuan',
    kind: 'sum',
    numerator: flow('recovered_fen'),
    fromFen: true,
    text: {
      'zh-CN': {
        title: '法律援助为职工挽回经济损失',
        definition: '办结日期在当年的工会法律援助案件为职工追回的金额之和（元；记录以分为单位，按分求和后除以100），计入承办的法律援助机构所属总工会；规划期累计为各年之和。',
      },
      en: {
        title: 'Amount recovered for workers by legal aid',
        definition:
          "Sum of the amounts recovered for workers by union legal-aid cases closed in the year (yuan; kept in fen, summed in fen and divided by 100), counted at the federation of the institution that handled the case; over a period, the sum of its years.",
      },
    },
  },
];

/** The three figures counted straight from the records for an org's subtree and a year (the engine's cross-check). */
export async function recountAid(db: Db, orgId: number, year: number): Promise<Record<string, number | null>> {
  const { rows } = await sql<{ federations: number; with_aid: number; warnings: number; recovered: string }>`
    WITH sub AS (SELECT id, kind, level, founded_on FROM orgs WHERE path <@ (SELECT path FROM orgs WHERE id = ${orgId})),
    feds AS (SELECT id FROM sub WHERE kind = 'federation' AND level IN ('province', 'city', 'county') AND ${federationYear} <= ${year})
    SELECT (SELECT count(*) FROM feds)::int AS federations,
           (SELECT count(*) FROM legal_aid_institutions i WHERE i.org_id IN (SELECT id FROM sub) AND extract(year FROM i.established_on) <= ${year})::int AS with_aid,
           (SELECT count(*) FROM appeal_warnings w WHERE w.org_id IN (SELECT id FROM sub) AND extract(year FROM w.raised_on) = ${year})::int AS warnings,
           (SELECT coalesce(sum(c.recovered_fen), 0) FROM legal_aid_cases c JOIN legal_aid_institutions i ON i.id = c.institution_id
             WHERE i.org_id IN (SELECT id FROM sub) AND c.status = 'closed' AND extract(year FROM c.closed_on) = ${year})::text AS recovered`.execute(db);
  const row = rows[0]!;
  return {
    'appeals.legal_aid_institution_rate': row.federations === 0 ? null : row.with_aid / row.federations,
    'appeals.warnings_raised': row.warnings,
    'appeals.amount_recovered': Number(row.recovered) / 100,
  };
}
