import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Timestamp } from '../../core/db/tables.ts';
import type { OrgKind, OrgLevel } from './schema.ts';

export interface OrgsTable {
  id: ColumnType<number, number | undefined, never>;
  code: string;
  name: string;
  /** The name's pinyin initials (initials.ts), set by the store whenever the name is written. */
  name_initials: string | null;
  kind: OrgKind;
  level: OrgLevel;
  parent_id: number | null;
  path: string;
  region_code: string | null;
  industry: string | null;
  employer_id: number | null;
  founded_on: string | null;
  has_women_committee: Generated<boolean>;
  has_professional_chair: Generated<boolean>;
  party_union_joint: Generated<boolean>;
  child_sequence: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface EmployersTable {
  id: Generated<number>;
  name: string;
  credit_code: string | null;
  ownership: string;
  size_class: string;
  above_scale: Generated<boolean>;
  industry: string;
  region_code: string | null;
  org_id: number;
  employee_count: Generated<number>;
  address: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OrgMovesTable {
  id: Generated<number>;
  org_id: number;
  moved_on: string;
  from_parent_id: number;
  to_parent_id: number;
  from_path: string;
  to_path: string;
  moved_by: number | null;
  created_at: Timestamp;
}

// A type alias, not an interface: Kysely's withTables needs an index-signature-compatible type.
export type OrgTables = {
  orgs: OrgsTable;
  employers: EmployersTable;
  org_moves: OrgMovesTable;
};

export type OrgRow = Selectable<OrgsTable>;
export type NewOrg = Insertable<OrgsTable>;
export type OrgChanges = Updateable<OrgsTable>;
export type EmployerRow = Selectable<EmployersTable>;
export type NewEmployer = Insertable<EmployersTable>;
export type EmployerChanges = Updateable<EmployersTable>;
