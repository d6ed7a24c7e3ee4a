import type { TreeTables } from '../../core/tree.ts';
import type { Generated, Insertable, Selectable } from 'kysely';
import type { Timestamp } from '../../core/db/tables.ts';

export interface WorkersTable {
  id: Generated<number>;
  name: string;
  id_number_cipher: Buffer;
  id_number_hash: Buffer;
  /** The keyed hash of the last six characters (idNumberTailHash); null only until the start fills it in (migration 0006). */
  id_number_tail_hash: Buffer | null;
  gender: 'male' | 'female';
  birth_date: string;
  phone_cipher: Buffer | null;
  phone_hash: Buffer | null;
  /** Null: not known (imported from a roster without the column). */
  household: 'urban' | 'rural' | null;
  dispatched: boolean | null;
  education: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MembershipsTable {
  id: Generated<number>;
  worker_id: number;
  org_id: number;
  joined_on: string;
  ended_on: string | null;
  end_reason: 'left' | 'retired' | 'deceased' | 'transferred' | null;
  card_number: string | null;
  job: string | null;
  second_job: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MemberTransfersTable {
  id: Generated<number>;
  membership_id: number;
  from_org_id: number;
  to_org_id: number;
  requested_on: string;
  requested_by: number | null;
  status: Generated<'pending' | 'accepted' | 'rejected' | 'cancelled'>;
  decided_on: string | null;
  decided_by: number | null;
  new_membership_id: number | null;
  created_at: Timestamp;
}

export interface MemberCountsTable {
  org_id: number;
  year: number;
  joined: Generated<number>;
  ended: Generated<number>;
  joined_women: Generated<number>;
  ended_women: Generated<number>;
  joined_migrant: Generated<number>;
  ended_migrant: Generated<number>;
  joined_dispatched: Generated<number>;
  ended_dispatched: Generated<number>;
  joined_household_unknown: Generated<number>;
  ended_household_unknown: Generated<number>;
  joined_dispatched_unknown: Generated<number>;
  ended_dispatched_unknown: Generated<number>;
}


// Type aliases, not interfaces: Kysely's withTables needs index-signature-compatible types.
export type MemberTables = {
  workers: WorkersTable;
  memberships: MembershipsTable;
  member_transfers: MemberTransfersTable;
  member_counts: MemberCountsTable;
} & TreeTables;

export type WorkerRow = Selectable<WorkersTable>;
export type NewWorker = Insertable<WorkersTable>;
export type MembershipRow = Selectable<MembershipsTable>;
export type NewMembership = Insertable<MembershipsTable>;
