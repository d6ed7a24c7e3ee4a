import type { ColumnType, Generated, Insertable, Kysely, Selectable, Transaction } from 'kysely';

/** Read as T, written as T, never written by the application (identity columns, defaults set by SQL). */
type Identity = Generated<number>;
/** A timestamptz with a default (created_at, updated_at): read as a Date, written as a Date or ISO text, or left to SQL. Every module's tables use this one. */
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string | undefined, string>;

export interface UsersTable {
  id: Identity;
  username: string;
  display_name: string;
  org_id: number;
  role: 'admin' | 'operator' | 'reviewer' | 'viewer';
  password_hash: string;
  locale: Generated<'zh-CN' | 'en'>;
  disabled: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  must_change_password: Generated<boolean>;
  password_changed_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionsTable {
  token_hash: Buffer;
  user_id: number;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Date;
}

export interface AuditEventsTable {
  id: Identity;
  at: Timestamp;
  actor_id: number | null;
  actor_name: string;
  action: string;
  entity: string;
  entity_id: string;
  org_path: string;
  before: Json | null;
  after: Json | null;
  request_id: string | null;
}

export interface JobsTable {
  id: Identity;
  kind: string;
  status: Generated<'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled'>;
  org_path: string;
  created_by: number | null;
  params: Json;
  checkpoint: Json | null;
  progress_done: ColumnType<number, number | undefined, number>;
  progress_total: number | null;
  cancel_requested: Generated<boolean>;
  result: Json | null;
  error: Json | null;
  attempts: Generated<number>;
  created_at: Timestamp;
  started_at: Date | null;
  finished_at: Date | null;
  heartbeat_at: Date | null;
}

export interface SchemaMigrationsTable {
  module: string;
  version: string;
  name: string;
  applied_at: Timestamp;
}

/** A public challenge that has been used (src/core/public/challenge.ts). */
export interface PublicChallengesUsedTable {
  id: Buffer;
  expires_at: Date;
}

/** A tracking code as two keyed hashes, and the one item it opens (src/core/public/tracking.ts). */
export interface TrackingCodesTable {
  selector_hash: Buffer;
  verifier_hash: Buffer;
  entity: string;
  item_id: string;
  org_path: string;
  created_at: Timestamp;
}

export interface CoreTables {
  users: UsersTable;
  sessions: SessionsTable;
  audit_events: AuditEventsTable;
  jobs: JobsTable;
  schema_migrations: SchemaMigrationsTable;
  public_challenges_used: PublicChallengesUsedTable;
  tracking_codes: TrackingCodesTable;
}

/**
 * What stores receive: the database or an open transaction. Modules add their own tables to the type with
 * `db.withTables<TheirTables>()`, so core never names a module's tables.
 */
export type Db = Kysely<CoreTables>;
export type Tx = Transaction<CoreTables>;

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type AuditEvent = Selectable<AuditEventsTable>;
export type Job = Selectable<JobsTable>;
