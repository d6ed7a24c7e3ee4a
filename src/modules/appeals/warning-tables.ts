import type { Generated } from 'kysely';
import type { Timestamp } from '../../core/db/tables.ts';
import type { AppealCategory } from './schema.ts';
import type { AppealTables } from './tables.ts';

/** The early warning's and legal aid's tables (migrations 0006, 0007; README.md, "Early warning", "Legal aid"). */

export type WarningReason = 'cluster' | 'group';
export type WarningStatus = 'open' | 'acknowledged' | 'closed';

export interface AppealWarningsTable {
  id: Generated<number>;
  org_id: number;
  reason: WarningReason;
  category: AppealCategory;
  employer_id: number | null;
  employer_name: string;
  employer_key: string;
  threshold: number;
  window_days: number;
  appeal_count: number;
  raised_on: string;
  status: Generated<WarningStatus>;
  acknowledged_on: string | null;
  closed_on: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AppealWarningAppealsTable {
  warning_id: number;
  appeal_id: number;
}

export interface AppealWarningEventsTable {
  id: Generated<number>;
  warning_id: number;
  step: string;
  org_id: number;
  actor_id: number | null;
  actor_name: string;
  happened_on: string;
  note: string | null;
  appeal_id: number | null;
  created_at: Timestamp;
}

export interface LegalAidInstitutionsTable {
  id: Generated<number>;
  org_id: number;
  name: string;
  established_on: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type LegalAidStaffKind = 'lawyer' | 'volunteer';

export interface LegalAidStaffTable {
  id: Generated<number>;
  institution_id: number;
  kind: LegalAidStaffKind;
  name_cipher: Buffer;
  phone_cipher: Buffer | null;
  created_at: Timestamp;
}

export type LegalAidCaseStatus = 'accepted' | 'closed';

export interface LegalAidCasesTable {
  id: Generated<number>;
  institution_id: number;
  appeal_id: number;
  staff_id: number | null;
  accepted_on: string;
  status: Generated<LegalAidCaseStatus>;
  outcome: string | null;
  recovered_fen: Generated<number>;
  closed_on: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

// Type aliases, not interfaces: Kysely's withTables needs index-signature-compatible types.
export type WarningTables = AppealTables & {
  appeal_warnings: AppealWarningsTable;
  appeal_warning_appeals: AppealWarningAppealsTable;
  appeal_warning_events: AppealWarningEventsTable;
  legal_aid_institutions: LegalAidInstitutionsTable;
  legal_aid_staff: LegalAidStaffTable;
  legal_aid_cases: LegalAidCasesTable;
};
