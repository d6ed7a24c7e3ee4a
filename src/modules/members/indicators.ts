import type { AggregateTable, IndicatorDefinition } from '../../core/indicators/registry.ts';
import { countColumns, countsFromRecords } from './store.ts';

/**
 * The member roster's figures, from `member_counts` (joins and ends per org subtree and year). The codes the
 * report's figures use (org.members, org.new_members) are kept as they are: the plan refers to them.
 */

export const memberAggregates: AggregateTable[] = [{ table: 'member_counts', module: 'members', columns: countColumns, recompute: countsFromRecords }];

const stock = (joined: string, ended: string) => ({ table: 'member_counts', terms: { [joined]: 1, [ended]: -1 }, over: 'stock' }) as const;

export const memberIndicators: IndicatorDefinition[] = [
  { code: 'org.members', module: 'members', unit: 'person', kind: 'count', numerator: stock('joined', 'ended') },
  { code: 'org.new_members', module: 'members', unit: 'person', kind: 'count', numerator: { table: 'member_counts', terms: { joined: 1 }, over: 'flow' } },
  { code: 'members.women', module: 'members', unit: 'person', kind: 'count', numerator: stock('joined_women', 'ended_women') },
  { code: 'members.migrant_workers', module: 'members', unit: 'person', kind: 'count', numerator: stock('joined_migrant', 'ended_migrant') },
  { code: 'members.dispatched_workers', module: 'members', unit: 'person', kind: 'count', numerator: stock('joined_dispatched', 'ended_dispatched') },
];
