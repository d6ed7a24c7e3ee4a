import type { Actor } from '../../core/actor.ts';
import { appendAudit } from '../../core/audit/store.ts';
import { findUser, listUsers } from '../../core/auth/store.ts';
import type { Db } from '../../core/db/tables.ts';
import { inTransaction } from '../../core/db/transaction.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../../core/errors.ts';
import { maskIdNumber, maskPhone, type PersonalDataCipher } from '../../core/personal-data.ts';
import type { PublicActor } from '../../core/public/actor.ts';
import { keysetPage, listWindow, type Page } from '../../core/paging.ts';
import { covers, scopeOf, type Scope } from '../../core/scope.ts';
import { findOrgAnywhere, findOrgInScope, subtreeScope, treeRoot, type TreeOrg } from '../../core/tree.ts';
import { membershipsInScopeOf } from '../members/service.ts';
import { getEmployer } from '../org/service.ts';
import { appealPolicy } from './policy.ts';
import type { AppealDetail, AppealFields, AppealStep, AppealView, CreateAppealRequest, ListAppealsQuery } from './schema.ts';
import { appealOrder, appealSteps } from './schema.ts';
import { addCaseCounts } from './counts.ts';
import * as store from './store.ts';
import type { AppealRecord } from './store.ts';
import { addWorkingDays } from './working-days.ts';
import { today } from '../../core/dates.ts';
import { detectWarnings } from './warnings.ts';

/**
 * Cases: entering one (staff) and the routing shared with the public page, lists, and what a record shows. The
 * steps of the life cycle are in steps.ts. README.md, "States", has the whole diagram.
 */


/** The first character and a star for each of the rest: 王秀兰 → 王**. */
export const maskName = (name: string) => [...name][0] + '*'.repeat(Math.max(1, [...name].length - 1));

/** Which steps the record's status allows: the one table the service and the abilities read. */
export const allowedFrom: Record<AppealStep, readonly AppealRecord['status'][]> = {
  accept: ['submitted'],
  forward: ['submitted', 'accepted'],
  escalate: ['submitted', 'accepted'],
  setDifficulty: ['accepted', 'in_progress'],
  assign: ['accepted', 'in_progress'],
  record: ['in_progress', 'waiting', 'reviewing'],
  wait: ['in_progress'],
  resume: ['waiting'],
  answer: ['in_progress'],
  review: ['answered'],
  requestExtension: ['in_progress', 'waiting'],
  decideExtension: ['in_progress', 'waiting', 'answered'],
  supervise: ['submitted', 'accepted', 'in_progress', 'waiting', 'answered', 'reviewing'],
  rate: ['closed'],
  reconsider: ['reviewing'],
};

/** An account of an org strictly above the case's handling org: the level above (supervision). */
export const isAbove = (actor: Actor, orgPath: string) => actor.scope.path !== orgPath && covers(actor.scope, orgPath);

/** The role each step needs (policy.ts); the level and the record's state are checked by `refusal`. */
export const roleOf: Record<AppealStep, Parameters<typeof appealPolicy.can>[1]> = {
  accept: 'accept',
  forward: 'route',
  escalate: 'route',
  setDifficulty: 'handle',
  assign: 'handle',
  record: 'handle',
  wait: 'handle',
  resume: 'handle',
  answer: 'handle',
  requestExtension: 'handle',
  review: 'review',
  decideExtension: 'decideAbove',
  supervise: 'supervise',
  rate: 'rateCallback',
  reconsider: 'decideAbove',
};

/**
 * Why the actor may not take a step on this record now, or undefined when they may: the role (403), the record's
 * status (409, naming it), then what the step itself asks (the level above: 403; a handler, a difficulty: 409).
 */
export function refusal(actor: Actor, row: AppealRecord, step: AppealStep): AppError | undefined {
  if (!appealPolicy.can(actor, roleOf[step]) || !covers(actor.scope, row.org_path)) return forbidden();
  if (!allowedFrom[step].includes(row.status)) return conflict(`appeals.refused.${row.status}`);
  switch (step) {
    case 'forward':
    case 'escalate':
      return row.org_path.includes('.') || step === 'forward' ? undefined : conflict('appeals.no_level_above');
    case 'assign':
      return row.difficulty === null ? conflict('appeals.needs_difficulty') : undefined;
    case 'answer':
      return row.difficulty === null || row.handler_id === null ? conflict('appeals.needs_handler') : undefined;
    case 'requestExtension':
      if (row.due_on === null) return conflict('appeals.needs_difficulty');
      return row.extension_requested !== null ? conflict('appeals.extension_pending') : undefined;
    case 'review':
      // A case dispatched down comes back up for the dispatching org's sign-off.
      return row.dispatched_by_org_path === null || covers(actor.scope, row.dispatched_by_org_path) ? undefined : forbidden('appeals.dispatcher_signs_off');
    case 'decideExtension':
      if (!isAbove(actor, row.org_path)) return forbidden('appeals.level_above_only');
      return row.extension_requested === null ? conflict('appeals.no_extension_requested') : undefined;
    case 'supervise':
    case 'reconsider':
      return isAbove(actor, row.org_path) ? undefined : forbidden('appeals.level_above_only');
    case 'rate':
      return row.rating !== null ? conflict('appeals.already_rated') : undefined;
    default:
      return undefined;
  }
}

export const may = (actor: Actor, row: AppealRecord, step: AppealStep) => refusal(actor, row, step) === undefined;

export function present(actor: Actor, cipher: PersonalDataCipher, row: AppealRecord, on = today()): AppealView {
  return {
    id: row.id,
    status: row.status,
    kind: row.kind,
    category: row.category,
    channel: row.channel,
    orgCode: row.org_code,
    orgName: row.org_name,
    receivedOrgName: row.received_org_name,
    dispatchedByOrgName: row.dispatched_by_org_name,
    placeName: row.place_name,
    employerId: row.employer_id,
    employerName: row.employer_name,
    facts: row.facts,
    request: row.request,
    groupInvolved: row.group_involved,
    anonymous: row.anonymous,
    name: row.name_cipher ? maskName(cipher.decrypt(row.name_cipher)) : null,
    phone: row.phone_cipher ? maskPhone(cipher.decrypt(row.phone_cipher)) : null,
    idNumber: row.id_number_cipher ? maskIdNumber(cipher.decrypt(row.id_number_cipher)) : null,
    difficulty: row.difficulty,
    handlerId: row.handler_id,
    submittedOn: row.submitted_on,
    acceptedOn: row.accepted_on,
    dueOn: row.due_on,
    overdue: (row.status === 'accepted' || row.status === 'in_progress') && row.due_on !== null && row.due_on < on,
    pausedOn: row.paused_on,
    extensionDays: row.extension_days,
    extensionRequested: row.extension_requested,
    answeredOn: row.answered_on,
    answer: row.answer,
    closedOn: row.closed_on,
    rating: row.rating,
    ratingReason: row.rating_reason,
    ratingSource: row.rating_source,
    supervisedAt: row.supervised_at ? new Date(row.supervised_at).toISOString() : null,
    abilities: Object.fromEntries(appealSteps.map((step) => [step, may(actor, row, step)])) as AppealView['abilities'],
  };
}

/** A case with its whole timeline (staff see every row) and its handler's name. */
export async function detail(actor: Actor, db: Db, cipher: PersonalDataCipher, row: AppealRecord): Promise<AppealDetail> {
  const events = await store.eventsOf(db, row.id);
  const handler = row.handler_id === null ? undefined : await findUser(db, scopeOf(row.org_id, row.org_path), row.handler_id);
  return {
    ...present(actor, cipher, row),
    handlerName: handler?.display_name ?? null,
    rosterMemberships: row.id_number_hash ? await membershipsInScopeOf(actor, db, row.id_number_hash) : [],
    timeline: events.map((event) => ({
      id: event.id,
      step: event.step,
      fromStatus: event.from_status,
      toStatus: event.to_status,
      orgName: event.org_name,
      actorName: event.actor_name,
      happenedOn: event.happened_on,
      at: new Date(event.created_at).toISOString(),
      note: event.note,
      internal: event.internal,
    })),
  };
}

export async function getAppeal(actor: Actor, db: Db, cipher: PersonalDataCipher, id: number): Promise<AppealDetail> {
  appealPolicy.assert(actor, 'read');
  const row = await store.findAppeal(db, actor.scope, id);
  if (!row) throw notFound();
  return detail(actor, db, cipher, row);
}

/** The filters of a list or a queue's count as of `on`: "due soon" is up to 2 working days ahead by the province's calendar. */
export async function filtersFor(actor: Actor, db: Db, scope: Scope, on: string, query: Omit<ListAppealsQuery, 'pageSize'>): Promise<store.AppealFilters> {
  const calendar = await store.calendarFor(db, store.provinceOf(scope.path || (await provincePath(db))));
  return { status: query.status, category: query.category, kind: query.kind, queue: query.queue, year: query.year, userId: actor.userId, today: on, dueSoonUntil: addWorkingDays(calendar, on, 2) };
}

export async function listAppeals(actor: Actor, db: Db, cipher: PersonalDataCipher, query: ListAppealsQuery): Promise<Page<AppealView>> {
  appealPolicy.assert(actor, 'read');
  const window = listWindow(query, appealOrder);
  const scope = await subtreeScope(db, actor.scope, query.orgCode);
  const on = today();
  const { rows, total } = await store.listAppeals(db, scope, await filtersFor(actor, db, scope, on, query), window);
  return keysetPage(query, window, appealOrder, rows, store.appealKeyOf, (row) => present(actor, cipher, row, on), total);
}

/** Whom the case may be assigned to (README.md, "States": an account of the handling org or below that handles cases). */
export async function handlersOf(actor: Actor, db: Db, id: number): Promise<{ items: { id: number; name: string; orgName: string }[] }> {
  appealPolicy.assert(actor, 'handle');
  const row = await store.findAppeal(db, actor.scope, id);
  if (!row) throw notFound();
  // The handling org's own accounts come first (ordered by org path); a picker needs no more than the first hundred of each role.
  const lists = await Promise.all(appealPolicy.rolesFor('handle').map((role) => listUsers(db, scopeOf(row.org_id, row.org_path), { role, offset: 0, limit: 100 })));
  const users = lists.flatMap((list) => list.rows).filter((user) => !user.disabled);
  return { items: users.map((user) => ({ id: user.id, name: user.display_name, orgName: user.org_name })) };
}

/** The system actor's scope is the whole tree (an empty path): its province is the tree's root. */
async function provincePath(db: Db): Promise<string> {
  return (await treeRoot(db))?.path ?? '0';
}

/** Where a case is to happen: a county or township federation of the province. */
async function placeOf(db: Db, code: string): Promise<TreeOrg> {
  const place = await findOrgAnywhere(db, code);
  if (!place || (place.level !== 'county' && place.level !== 'township') || place.kind === 'grassroots') {
    throw invalid([{ path: 'placeCode', code: 'unknown_place', messageKey: 'appeals.unknown_place', params: { code } }]);
  }
  return place;
}

function personalIssues(fields: AppealFields) {
  if (!fields.anonymous && !fields.name) return [{ path: 'name', code: 'required', messageKey: 'appeals.name_or_anonymous' }];
  if (!fields.anonymous && !fields.phone) return [{ path: 'phone', code: 'required', messageKey: 'appeals.phone_or_anonymous' }];
  return [];
}

/**
 * Inserts a case and its first timeline row, in the caller's transaction: for an officer entering one received by
 * phone, visit or letter (at their org), and for the public page (routed: README.md, "Routing").
 */
export async function insertCase(
  tx: Db,
  actor: Actor | PublicActor,
  cipher: PersonalDataCipher,
  fields: AppealFields,
  where: { orgId: number; orgPath: string; channel: AppealRecord['channel']; placeOrgId: number },
): Promise<number> {
  const on = today();
  const named = !fields.anonymous;
  let id: number;
  try {
    id = await store.insertAppeal(tx, {
      org_id: where.orgId,
      received_org_id: where.orgId,
      kind: fields.kind,
      category: fields.category,
      channel: where.channel,
      employer_id: fields.employerId ?? null,
      employer_name: fields.employerName,
      place_org_id: where.placeOrgId,
      facts: fields.facts,
      request: fields.request,
      group_involved: fields.groupInvolved,
      anonymous: fields.anonymous,
      name_cipher: named && fields.name ? cipher.encrypt(fields.name) : null,
      phone_cipher: named && fields.phone ? cipher.encrypt(fields.phone) : null,
      phone_hash: named && fields.phone ? cipher.lookupHash(fields.phone) : null,
      id_number_cipher: named && fields.idNumber ? cipher.encrypt(fields.idNumber) : null,
      id_number_hash: named && fields.idNumber ? cipher.lookupHash(fields.idNumber) : null,
      submitted_on: on,
    });
  } catch (error) {
    // The employer named by id does not exist (its foreign key).
    if ((error as { code?: string }).code === '23503') throw invalid([{ path: 'employerId', code: 'unknown_employer', messageKey: 'appeals.unknown_employer' }]);
    throw error;
  }
  await addCaseCounts(tx, [id]);
  await store.insertEvent(tx, { appealId: id, step: 'submitted', fromStatus: null, toStatus: 'submitted', orgId: where.orgId, actorId: actor.userId, actorName: actor.username, happenedOn: on, internal: false, data: { channel: where.channel } });
  await appendAudit(tx, actor, { action: 'submit', entity: 'appeals.case', entityId: id, orgPath: where.orgPath, after: { kind: fields.kind, category: fields.category, channel: where.channel } });
  // The early warning is part of the appeal's own transaction: no appeal is stored without its cluster counted.
  await detectWarnings(tx, actor, { id, category: fields.category, employerId: fields.employerId ?? null, employerName: fields.employerName, placeOrgId: where.placeOrgId, groupInvolved: fields.groupInvolved, on });
  return id;
}

export async function createAppeal(actor: Actor, db: Db, cipher: PersonalDataCipher, input: CreateAppealRequest): Promise<AppealDetail> {
  appealPolicy.assert(actor, 'submit');
  const org = await findOrgInScope(db, actor.scope, input.orgCode);
  if (!org) throw invalid([{ path: 'orgCode', code: 'unknown_org', messageKey: 'appeals.unknown_org', params: { code: input.orgCode } }]);
  const place = await placeOf(db, input.placeCode);
  const issues = personalIssues(input);
  if (issues.length) throw invalid(issues);
  // Employers are rows shared by the province: an officer names one by id only through their own scope (the org
  // module's 404 outside it), answered as an unknown employer, without its name; one elsewhere is typed by name.
  if (input.employerId !== undefined) {
    await getEmployer(actor, db, input.employerId).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'not_found') throw invalid([{ path: 'employerId', code: 'unknown_employer', messageKey: 'appeals.unknown_employer' }]);
      throw error;
    });
  }
  return inTransaction(db, async (tx) => {
    const id = await insertCase(tx, actor, cipher, input, { orgId: org.id, orgPath: org.path, channel: input.channel, placeOrgId: place.id });
    return detail(actor, tx, cipher, (await store.findAppeal(tx, actor.scope, id))!);
  });
}

export { placeOf, personalIssues };
