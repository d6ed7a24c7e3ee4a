import { sql } from 'kysely';
import type { Db } from '../../core/db/tables.ts';
import { inScope, type Scope } from '../../core/scope.ts';
import type { AppealAttachmentsTable, AppealTables } from './tables.ts';

/** The SQL of the public page's side: the places a worker chooses from, and attached files. */
const tables = (db: Db) => db.withTables<AppealTables>();

/** County federations with their city, in code order: the public form's choice of where. */
export async function countyPlaces(db: Db, scope: Scope) {
  return tables(db)
    .selectFrom('orgs as c')
    .innerJoin('orgs as p', 'p.id', 'c.parent_id')
    .select(['c.code', 'c.name', 'p.name as city_name'])
    .where('c.level', '=', 'county')
    .where('c.kind', '!=', 'grassroots')
    .where(inScope('c.path', scope))
    .orderBy('c.code')
    .execute();
}

export type NewAttachment = Pick<AppealAttachmentsTable, 'upload_hash' | 'file_name' | 'content_type' | 'size_bytes' | 'stored_name'>;

export async function insertUpload(db: Db, row: NewAttachment): Promise<number> {
  const inserted = await tables(db).insertInto('appeal_attachments').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(inserted.id);
}

/** Uploads no submission took before `before`: their rows are deleted here, their files are the caller's to remove. */
export async function deleteStaleUploads(db: Db, before: Date): Promise<string[]> {
  const rows = await tables(db).deleteFrom('appeal_attachments').where('appeal_id', 'is', null).where('uploaded_at', '<', before).returning('stored_name').execute();
  return rows.map((row) => row.stored_name);
}

/**
 * Gives the case the uploads named by these hashes, each only if no case has it yet and it is newer than `after`;
 * answers how many it took (fewer than named: one was unknown, stale or taken, and the caller's transaction fails).
 */
export async function takeUploads(tx: Db, appealId: number, hashes: Buffer[], after: Date): Promise<number> {
  if (!hashes.length) return 0;
  const rows = await tables(tx)
    .updateTable('appeal_attachments')
    .set({ appeal_id: appealId })
    .where('upload_hash', 'in', hashes)
    .where('appeal_id', 'is', null)
    .where('uploaded_at', '>', after)
    .returning('id')
    .execute();
  return rows.length;
}

/** A case's files, if the case is in the scope. */
export async function attachmentsOf(db: Db, scope: Scope, appealId: number) {
  return tables(db)
    .selectFrom('appeal_attachments as f')
    .innerJoin('appeals as a', 'a.id', 'f.appeal_id')
    .innerJoin('orgs as o', 'o.id', 'a.org_id')
    .select(['f.id', 'f.file_name', 'f.content_type', 'f.size_bytes', 'f.stored_name', 'f.uploaded_at'])
    .where('f.appeal_id', '=', appealId)
    .where(inScope('o.path', scope))
    .orderBy('f.id')
    .execute();
}

/** How many files a case has (the public view says only how many). */
export async function attachmentCount(db: Db, appealId: number): Promise<number> {
  const row = await tables(db).selectFrom('appeal_attachments').select(sql<number>`count(*)::int`.as('n')).where('appeal_id', '=', appealId).executeTakeFirstOrThrow();
  return Number(row.n);
}
