import type { Generated, Selectable } from 'kysely';
import type { Timestamp } from '../../core/db/tables.ts';

export interface PlansTable {
  id: Generated<number>;
  code: string;
  name: string;
  from_year: number;
  to_year: number;
  baseline_from_year: number | null;
  baseline_to_year: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PlanTargetsTable {
  id: Generated<number>;
  plan_id: number;
  indicator: string;
  comparison: '>=' | '<=';
  value: number;
  mode: 'by' | 'per_year' | 'cumulative';
  year: number;
  quote: string | null;
  /** 'percent' for a rate (the value is still a fraction), else what is counted; null where unknown. */
  unit: string | null;
  /** The plan file's own wording of the target, shown while no module computes its indicator. */
  title: string | null;
}

export interface PlanBaselinesTable {
  id: Generated<number>;
  plan_id: number;
  indicator: string;
  kind: 'stock' | 'cumulative' | 'rate' | 'per_year';
  value: number;
  unit: string | null;
  from_year: number;
  to_year: number;
  quote: string | null;
}

export type StatisticsTables = {
  plans: PlansTable;
  plan_targets: PlanTargetsTable;
  plan_baselines: PlanBaselinesTable;
};

export type PlanRow = Selectable<PlansTable>;
export type TargetRow = Selectable<PlanTargetsTable>;
export type BaselineRow = Selectable<PlanBaselinesTable>;
