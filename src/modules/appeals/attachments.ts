import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createReadStream, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Actor } from '../../core/actor.ts';
import { appendAudit } from '../../core/audit/store.ts';
import type { Db } from '../../core/db/tables.ts';
import { notFound } from '../../core/errors.ts';
import type { Download, FileSignature, Upload, UploadSpec } from '../../core/files.ts';
import type { PublicActor } from '../../core/public/actor.ts';
import { appealPolicy } from './policy.ts';
import { maxAttachmentBytes } from './public-schema.ts';
import * as publicStore from './public-store.ts';
import type { AppealAttachmentsTable } from './tables.ts';
import * as store from './store.ts';

/**
 * Files a worker attaches to a public appeal: photos (JPEG, PNG) and PDFs, told by their first bytes and not by their
 * names, 5 MB each, 5 to an appeal. Each is uploaded on its own and answers a one-time upload id; the submission names
 * the ids and takes the files in its own transaction, so a refused submission takes none. The files live under
 * DATA_DIR/appeal-attachments (0700, each 0600) by a random name; staff in the case's scope download them, audited.
 */

export const attachmentSpec: UploadSpec = { types: {}, byContent: ['jpeg', 'png', 'pdf'], maxBytes: maxAttachmentBytes };

const contentTypes: Partial<Record<FileSignature, AppealAttachmentsTable['content_type']>> = { jpeg: 'image/jpeg', png: 'image/png', pdf: 'application/pdf' };

/** An upload no submission took within this long is removed. */
const keepPendingMs = 3_600_000;
/** How an upload id is kept: its SHA-256 (the id is 128 random bits, so no key is needed). */
export const uploadHash = (uploadId: string) => createHash('sha256').update(uploadId).digest();

export const uploadFreshness = (now = Date.now()) => new Date(now - keepPendingMs);

export function attachmentsDir(dataDir: string): string {
  const dir = join(dataDir, 'appeal-attachments');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

export async function uploadAttachment(actor: PublicActor, db: Db, dataDir: string, upload: Upload) {
  appealPolicy.assert(actor, 'submit');
  const dir = attachmentsDir(dataDir);
  const storedName = randomUUID();
  const path = join(dir, storedName);
  // Refused (a type it is not, too large), saveTo removes what it wrote.
  const sizeBytes = await upload.saveTo(path);
  const contentType = contentTypes[upload.kind()!]!;
  const uploadId = randomBytes(16).toString('base64url');
  try {
    await publicStore.insertUpload(db, { upload_hash: uploadHash(uploadId), file_name: upload.fileName, content_type: contentType, size_bytes: sizeBytes, stored_name: storedName });
  } catch (error) {
    rmSync(path, { force: true });
    throw error;
  }
  // Uploads nobody took go as later ones come: no periodic job to forget.
  for (const stale of await publicStore.deleteStaleUploads(db, uploadFreshness())) rmSync(join(dir, stale), { force: true });
  return { uploadId, fileName: upload.fileName, contentType, sizeBytes };
}

async function caseInScope(actor: Actor, db: Db, appealId: number) {
  const row = await store.findAppeal(db, actor.scope, appealId);
  if (!row) throw notFound();
  return row;
}

export async function listAttachments(actor: Actor, db: Db, appealId: number) {
  appealPolicy.assert(actor, 'read');
  await caseInScope(actor, db, appealId);
  const rows = await publicStore.attachmentsOf(db, actor.scope, appealId);
  return { items: rows.map((row) => ({ id: Number(row.id), fileName: row.file_name, contentType: row.content_type, sizeBytes: row.size_bytes, uploadedAt: new Date(row.uploaded_at).toISOString() })) };
}

/** A file of a case in the caller's scope, as a download; each download is an audited event (files hold personal data). */
export async function downloadAttachment(actor: Actor, db: Db, dataDir: string, appealId: number, attachmentId: number): Promise<Download> {
  appealPolicy.assert(actor, 'reveal');
  const row = await caseInScope(actor, db, appealId);
  const file = (await publicStore.attachmentsOf(db, actor.scope, appealId)).find((candidate) => Number(candidate.id) === attachmentId);
  if (!file) throw notFound();
  await appendAudit(db, actor, { action: 'download_attachment', entity: 'appeals.case', entityId: appealId, orgPath: row.org_path, after: { attachmentId, fileName: file.file_name } });
  return { fileName: file.file_name, contentType: file.content_type, body: createReadStream(join(attachmentsDir(dataDir), file.stored_name)) };
}
