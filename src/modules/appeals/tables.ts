import type { Generated, Insertable, Selectable } from 'kysely';
import type { Timestamp } from '../../core/db/tables.ts';
import type { TreeTables } from '../../core/tree.ts';
import type { AppealCategory, AppealChannel, AppealKind, AppealStatus, CentreKind, Difficulty, Rating } from './schema.ts';

export interface AppealCentresTable {
  id: Generated<number>;
  org_id: number;
  kind: CentreKind;
  name: string;
  employer_id: number | null;
  area: string | null;
  established_on: string;
  closed_on: string | null;
  staff_count: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AppealHolidaysTable {
  province_org_id: number;
  day: string;
  kind: 'holiday' | 'workday';
  name: string;
}

export interface AppealSettingsTable {
  province_org_id: number;
  deadline_simple: Generated<number>;
  deadline_ordinary: Generated<number>;
  deadline_complex: Generated<number>;
  warning_count: Generated<number>;
  warning_days: Generated<number>;
  wages_warning_count: Generated<number>;
  wages_warning_days: Generated<number>;
  updated_at: Timestamp;
}

export interface AppealsTable {
  id: Generated<number>;
  org_id: number;
  received_org_id: number;
  dispatched_by_org_id: number | null;
  kind: AppealKind;
  category: AppealCategory;
  channel: AppealChannel;
  employer_id: number | null;
  employer_name: string;
  place_org_id: number;
  facts: string;
  request: string;
  group_involved: Generated<boolean>;
  anonymous: Generated<boolean>;
  name_cipher: Buffer | null;
  phone_cipher: Buffer | null;
  phone_hash: Buffer | null;
  id_number_cipher: Buffer | null;
  id_number_hash: Buffer | null;
  status: Generated<AppealStatus>;
  difficulty: Difficulty | null;
  handler_id: number | null;
  submitted_on: string;
  accepted_on: string | null;
  due_on: string | null;
  extension_days: Generated<number>;
  extension_requested: number | null;
  paused_on: string | null;
  paused_days: Generated<number>;
  answered_on: string | null;
  answer: string | null;
  closed_on: string | null;
  working_days_to_close: number | null;
  rating: Rating | null;
  rating_reason: string | null;
  rating_source: 'online' | 'callback' | null;
  supervised_at: Date | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AppealEventsTable {
  id: Generated<number>;
  appeal_id: number;
  step: string;
  from_status: AppealStatus | null;
  to_status: AppealStatus | null;
  org_id: number;
  actor_id: number | null;
  actor_name: string;
  happened_on: string;
  note: string | null;
  internal: Generated<boolean>;
  data: unknown;
  created_at: Timestamp;
}

export interface AppealAttachmentsTable {
  id: Generated<number>;
  upload_hash: Buffer;
  appeal_id: number | null;
  file_name: string;
  content_type: 'image/jpeg' | 'image/png' | 'application/pdf';
  size_bytes: number;
  stored_name: string;
  uploaded_at: Timestamp;
}

// Type aliases, not interfaces: Kysely's withTables needs index-signature-compatible types.
export type AppealTables = {
  appeal_centres: AppealCentresTable;
  appeal_holidays: AppealHolidaysTable;
  appeal_settings: AppealSettingsTable;
  appeals: AppealsTable;
  appeal_events: AppealEventsTable;
  appeal_attachments: AppealAttachmentsTable;
} & TreeTables;

export type CentreRow = Selectable<AppealCentresTable>;
export type AppealRow = Selectable<AppealsTable>;
export type NewAppeal = Insertable<AppealsTable>;
export type SettingsRow = Selectable<AppealSettingsTable>;
