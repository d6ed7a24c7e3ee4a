import type { AggregateTable, IndicatorDefinition } from '../../core/indicators/registry.ts';
import { orgCountColumns, orgCountsFromRecords } from './store.ts';

/** The org tree's figures, from `org_counts` (grassroots unions per org subtree and year of founding). */

export const orgAggregates: AggregateTable[] = [{ table: 'org_counts', module: 'org', columns: orgCountColumns, recompute: orgCountsFromRecords }];

const stock = (column: string) => ({ table: 'org_counts', terms: { [column]: 1 }, over: 'stock' }) as const;

export const orgIndicators: IndicatorDefinition[] = [
  { code: 'org.grassroots_unions', module: 'org', unit: 'union', kind: 'count', numerator: stock('grassroots_unions') },
  { code: 'org.new_grassroots_unions', module: 'org', unit: 'union', kind: 'count', numerator: { table: 'org_counts', terms: { grassroots_unions: 1 }, over: 'flow' } },
  { code: 'org.women_committee_rate', module: 'org', unit: 'rate', kind: 'rate', numerator: stock('women_committees'), denominator: stock('grassroots_unions') },
  { code: 'org.professional_chairs', module: 'org', unit: 'person', kind: 'count', numerator: stock('professional_chairs') },
];
