import { appendAudit } from '../../core/audit/store.ts';
import { today } from '../../core/dates.ts';
import type { Db } from '../../core/db/tables.ts';
import { inTransaction } from '../../core/db/transaction.ts';
import { conflict, invalid, notFound } from '../../core/errors.ts';
import type { PersonalDataCipher } from '../../core/personal-data.ts';
import { heldItem, type PublicActor } from '../../core/public/actor.ts';
import type { PublicSecrets } from '../../core/public/secrets.ts';
import { issueTrackingCode } from '../../core/public/tracking.ts';
import { wholeTree } from '../../core/scope.ts';
import { findOrgByIdInScope } from '../../core/tree.ts';
import { employersForPublic } from '../org/service.ts';
import { uploadFreshness, uploadHash } from './attachments.ts';
import { appealPolicy } from './policy.ts';
import type { PublicAppealRequest, PublicAppealView } from './public-schema.ts';
import * as publicStore from './public-store.ts';
import type { AppealFields, Rating } from './schema.ts';
import { insertCase, personalIssues, placeOf } from './service.ts';
import { rated } from './steps.ts';
import * as store from './store.ts';
import type { AppealRecord } from './store.ts';

/**
 * The public page's side of a case: a worker with no account submits one and, with its tracking code, follows it and
 * rates the answer. A public actor has no scope: it inserts at the org the routing chooses, and reads only the case
 * its code opens (heldItem), by id. README.md, "The public page".
 */

export const trackedEntity = 'appeals.case';

/** Routing: to the org running the employer's open centre (or station) when it has one, else to the place's federation. */
async function routeOf(db: Db, fields: AppealFields, placeOrgId: number): Promise<number> {
  if (fields.employerId !== undefined) {
    const centreOrg = await store.centreOrgOfEmployer(db, fields.employerId, today());
    if (centreOrg !== undefined) return centreOrg;
  }
  return placeOrgId;
}

export async function submitPublic(actor: PublicActor, db: Db, cipher: PersonalDataCipher, secrets: PublicSecrets, fields: PublicAppealRequest) {
  appealPolicy.assert(actor, 'submit');
  const place = await placeOf(db, fields.placeCode);
  const issues = personalIssues(fields);
  if (issues.length) throw invalid(issues);
  return inTransaction(db, async (tx) => {
    const orgId = await routeOf(tx, fields, place.id);
    const org = (await findOrgByIdInScope(tx, wholeTree, orgId))!;
    // The shared insert: its timeline row, its audit row, and whatever else a new case sets off (the early warning).
    const id = await insertCase(tx, actor, cipher, fields, { orgId, orgPath: org.path, channel: 'online', placeOrgId: place.id });
    const uploads = [...new Set(fields.attachments)];
    // An upload unknown, stale or already taken fails the whole submission: nothing of it is stored.
    if ((await publicStore.takeUploads(tx, id, uploads.map(uploadHash), uploadFreshness())) !== uploads.length) {
      throw invalid([{ path: 'attachments', code: 'unknown_upload', messageKey: 'appeals.unknown_upload' }]);
    }
    const trackingCode = await issueTrackingCode(tx, secrets, { entity: trackedEntity, itemId: String(id), orgPath: org.path });
    return { trackingCode, status: 'submitted' as const, submittedOn: today() };
  });
}

async function heldCase(actor: PublicActor, db: Db): Promise<AppealRecord> {
  const { itemId } = heldItem(actor, trackedEntity);
  const row = await store.findAppealAnywhere(db, Number(itemId));
  if (!row) throw notFound('public.tracking_not_found');
  return row;
}

const mayRate = (row: AppealRecord) => row.status === 'closed' && row.rating === null;

/** Only what the worker may see: no org, no staff member, no note; the steps the worker sees, with their dates. */
async function presentPublic(db: Db, row: AppealRecord): Promise<PublicAppealView> {
  const events = await store.eventsOf(db, row.id, { publicOnly: true });
  return {
    status: row.status,
    kind: row.kind,
    category: row.category,
    submittedOn: row.submitted_on,
    acceptedOn: row.accepted_on,
    dueOn: row.due_on,
    answeredOn: row.answered_on,
    // An answer that the quality check may still send back is not the worker's yet.
    answer: row.status === 'closed' || row.status === 'reviewing' ? row.answer : null,
    closedOn: row.closed_on,
    rating: row.rating,
    steps: events.map((event) => ({ step: event.step, happenedOn: event.happened_on })),
    attachments: await publicStore.attachmentCount(db, row.id),
    abilities: { rate: mayRate(row) },
  };
}

export async function trackPublic(actor: PublicActor, db: Db): Promise<PublicAppealView> {
  appealPolicy.assert(actor, 'follow');
  return presentPublic(db, await heldCase(actor, db));
}

/** The worker's own rating, once, of a closed case; not satisfied (with a reason) reopens it for the level above. */
export async function ratePublic(actor: PublicActor, db: Db, rating: Rating, reason: string | undefined): Promise<PublicAppealView> {
  appealPolicy.assert(actor, 'rateOnline');
  return inTransaction(db, async (tx) => {
    const row = await heldCase(actor, tx);
    if (!mayRate(row)) throw conflict(row.rating === null ? `appeals.refused.${row.status}` : 'appeals.already_rated');
    const outcome = rated(rating, reason || undefined, 'online');
    if (!(await store.updateAppeal(tx, wholeTree, row.id, row.status, { status: outcome.to, ...outcome.changes }))) throw conflict('appeals.changed_meanwhile');
    const on = today();
    const step = outcome.event!.step!;
    await store.insertEvent(tx, { appealId: row.id, step, fromStatus: row.status, toStatus: outcome.to, orgId: row.org_id, actorId: null, actorName: actor.username, happenedOn: on, note: reason ?? null, internal: false, data: outcome.event!.data });
    await appendAudit(tx, actor, { action: step, entity: trackedEntity, entityId: row.id, orgPath: row.org_path, before: { status: row.status }, after: { status: outcome.to, rating } });
    return presentPublic(tx, (await store.findAppealAnywhere(tx, row.id))!);
  });
}

/** Known employers by name, at most 10, name and county only: the form's employer search. */
export async function employersNamed(actor: PublicActor, db: Db, name: string) {
  appealPolicy.assert(actor, 'submit');
  return { items: await employersForPublic(db, name, 10) };
}

/** The county federations a worker may send an appeal to, with their city. */
export async function places(actor: PublicActor, db: Db) {
  appealPolicy.assert(actor, 'submit');
  const rows = await publicStore.countyPlaces(db, wholeTree);
  return { items: rows.map((row) => ({ code: row.code, name: row.name, cityName: row.city_name })) };
}
