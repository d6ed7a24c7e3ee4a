import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { systemActor } from '../../core/actor.ts';
import type { PlatformContext } from '../../core/http/context.ts';
import { issueTrackingCode } from '../../core/public/tracking.ts';
import { publicSecrets } from '../../core/public/secrets.ts';
import { wholeTree } from '../../core/scope.ts';
import { attachmentsDir, uploadHash } from './attachments.ts';
import { insertUpload, takeUploads } from './public-store.ts';
import { findAppeal } from './store.ts';
import type { AppealStatus, CreateAppealRequest } from './schema.ts';
import { createAppeal } from './service.ts';
import * as steps from './steps.ts';

/** Factories for tests: cases entered as an officer enters one, and moved on through the steps as staff would. */

type Test = { platform: Pick<PlatformContext, 'db' | 'cipher'> };
let made = 0;

/** A case received by the hotline at `orgCode`, about an employer of the place `placeCode` (a county or township). */
export async function makeAppeal(test: Test, orgCode: string, overrides: Partial<CreateAppealRequest> = {}) {
  made++;
  return createAppeal(systemActor('test'), test.platform.db, test.platform.cipher, {
    orgCode,
    channel: 'hotline',
    kind: 'help',
    category: 'wages',
    employerName: `测试用人单位${made}`,
    placeCode: orgCode,
    facts: '三个月没有发工资',
    request: '请帮助讨回工资',
    groupInvolved: false,
    anonymous: false,
    name: '王秀兰',
    phone: '13904310000',
    ...overrides,
  });
}

/**
 * A case moved on by the steps, as the platform itself (an admin of the whole tree), to `status`: accepted, given a
 * difficulty (ordinary) and a handler, waiting, answered, closed, or reopened by a not-satisfied rating.
 */
export async function makeAppealIn(test: Test, orgCode: string, status: AppealStatus, handlerId: number, overrides: Partial<CreateAppealRequest> = {}) {
  const { db, cipher } = test.platform;
  const actor = systemActor('test');
  const created = await makeAppeal(test, orgCode, overrides);
  const id = created.id;
  if (status === 'submitted') return created;
  let view = await steps.accept(actor, db, cipher, id);
  if (status === 'accepted') return view;
  await steps.setDifficulty(actor, db, cipher, id, 'ordinary');
  view = await steps.assign(actor, db, cipher, id, handlerId);
  if (status === 'in_progress') return view;
  if (status === 'waiting') return steps.wait(actor, db, cipher, id, '请职工补充工资条');
  view = await steps.answer(actor, db, cipher, id, '已协调单位于本月底前补发工资');
  if (status === 'answered') return view;
  view = await steps.review(actor, db, cipher, id, 'approve');
  if (status === 'closed') return view;
  return steps.rate(actor, db, cipher, id, 'not_satisfied', '只补发了一个月');
}

/** The first bytes of a PNG, and enough after them to be a file: what a test attaches. */
export const pngBytes = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('a test image')]);

/** A file attached to a case as a public submission would attach it (its row and its file under DATA_DIR): its id. */
export async function attachTo(test: { platform: Pick<PlatformContext, 'db' | 'config'> }, appealId: number, fileName = '工资条.png'): Promise<number> {
  const { db, config } = test.platform;
  const storedName = randomUUID();
  writeFileSync(join(attachmentsDir(config.dataDir), storedName), pngBytes, { mode: 0o600 });
  const uploadId = randomUUID().replace(/-/g, '').slice(0, 22);
  const id = await insertUpload(db, { upload_hash: uploadHash(uploadId), file_name: fileName, content_type: 'image/png', size_bytes: pngBytes.length, stored_name: storedName });
  await takeUploads(db, appealId, [uploadHash(uploadId)], new Date(0));
  return id;
}

/** A tracking code issued for a case, as a public submission issues one (a staff-entered case has none). */
export async function trackingCodeOf(test: { platform: Pick<PlatformContext, 'db' | 'cipher'> }, appealId: number): Promise<string> {
  const { db, cipher } = test.platform;
  const row = (await findAppeal(db, wholeTree, appealId))!;
  return issueTrackingCode(db, publicSecrets(cipher), { entity: 'appeals.case', itemId: String(appealId), orgPath: row.org_path });
}
