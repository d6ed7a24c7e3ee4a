import type { Actor } from '../../core/actor.ts';
import type { Config } from '../../core/config.ts';
import { appendAudit, countAuditEvents } from '../../core/audit/store.ts';
import type { Db } from '../../core/db/tables.ts';
import { inTransaction } from '../../core/db/transaction.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../../core/errors.ts';
import { xlsxContentType, type Download } from '../../core/files.ts';
import { keysetPage, listWindow, type Page } from '../../core/paging.ts';
import { maskBirthDate, maskIdNumber, maskPhone, type PersonalDataCipher } from '../../core/personal-data.ts';
import { narrowTo } from '../../core/scope.ts';
import { getOrg, orgOrOwn } from '../org/service.ts';
import { deltasOf } from './counts.ts';
import { idNumberTailHash, idNumberTailLength, parseIdNumber } from './id-number.ts';
import { memberPolicy } from './policy.ts';
import { prepareExport } from './export.ts';
import { knownRegion, rosterOrder, rosterOrderDescending, type CreateMemberRequest, type ExportQuery, type ListMembersQuery, type MemberView, type UpdateMemberRequest } from './schema.ts';
import * as store from './store.ts';
import type { MemberRecord } from './store.ts';
import { today } from '../../core/dates.ts';

/** The roster: members of grassroots unions, kept by the union's officers and read by every level above. */


/**
 * A membership as the actor may see it. `keptHere`: the actor's scope covers the person's principal membership
 * (store.keptInScope), whose union keeps the person's own fields; through any other membership (a second job in
 * another county) those fields are read-only, and the phone that union entered is not shown at all.
 */
export function presentMember(actor: Actor, cipher: PersonalDataCipher, row: MemberRecord, keptHere: boolean): MemberView {
  const active = row.joined_on <= today() && (row.ended_on === null || row.ended_on > today());
  return {
    id: row.id,
    workerId: row.worker_id,
    name: row.name,
    gender: row.gender,
    birthYear: Number(maskBirthDate(row.birth_date)),
    idNumber: maskIdNumber(cipher.decrypt(row.id_number_cipher)),
    phone: keptHere && row.phone_cipher ? maskPhone(cipher.decrypt(row.phone_cipher)) : null,
    keptElsewhere: !keptHere,
    household: row.household,
    migrant: row.household === 'rural',
    dispatched: row.dispatched,
    education: row.education as MemberView['education'],
    job: row.job,
    cardNumber: row.card_number,
    orgCode: row.org_code,
    orgName: row.org_name,
    joinedOn: row.joined_on,
    endedOn: row.ended_on,
    endReason: row.end_reason,
    secondJob: row.second_job,
    active,
    abilities: {
      update: memberPolicy.can(actor, 'update'),
      updatePerson: memberPolicy.can(actor, 'update') && keptHere,
      end: memberPolicy.can(actor, 'end') && row.ended_on === null,
      transfer: memberPolicy.can(actor, 'transfer') && row.ended_on === null,
      reveal: memberPolicy.can(actor, 'reveal'),
    },
  };
}

/** What the audit trail keeps: the view, which already masks personal data. */
function snapshot(view: MemberView): Record<string, unknown> {
  const { abilities: _abilities, active: _active, keptElsewhere: _keptElsewhere, ...rest } = view;
  return rest;
}

/** One membership presented, with whether the actor keeps its person. */
async function presentOne(actor: Actor, db: Db, cipher: PersonalDataCipher, row: MemberRecord): Promise<MemberView> {
  const kept = await store.keptInScope(db, actor.scope, [row.worker_id], today());
  return presentMember(actor, cipher, row, kept.get(row.worker_id) ?? false);
}

/** A person's own fields, which their principal membership's union keeps: any other membership only reads them. */
const personFields = ['name', 'phone', 'household', 'dispatched', 'education'] as const;

/** The person's fields an edit would change (the form sends them all; those left as they were are no change). */
function personFieldsChanged(cipher: PersonalDataCipher, before: MemberRecord, input: UpdateMemberRequest): (typeof personFields)[number][] {
  const phoneBefore = before.phone_cipher ? cipher.decrypt(before.phone_cipher) : null;
  return personFields.filter((field) => {
    if (input[field] === undefined) return false;
    if (field === 'phone') return input.phone !== phoneBefore;
    return input[field] !== before[field];
  });
}

/**
 * A search by an exact ID number or phone confirms a number, as a reveal does: only for those who may reveal, and
 * audited like a reveal. (A masked number with the birth year leaves a few dozen candidates, which a viewer could
 * otherwise try here one by one.)
 */
async function lookUpByNumber(actor: Actor, db: Db, query: Pick<ListMembersQuery, 'idNumber' | 'phone'>, inOneUnion: boolean): Promise<void> {
  const fields = (['idNumber', 'phone'] as const).filter((field) => query[field]);
  if (fields.length === 0) return;
  assertWholeNumbers(query, inOneUnion);
  if (!memberPolicy.can(actor, 'reveal')) throw forbidden('members.search_needs_reveal');
  await inTransaction(db, (tx) => appendAudit(tx, actor, { action: 'search', entity: 'member', entityId: fields.join(','), orgPath: actor.scope.path, after: { by: fields } }));
}

/**
 * The last six characters of an ID number, as typed: with one grassroots union chosen, an officer may find a member
 * by them (a union of a few hundred rarely has two alike). Anywhere wider they would match strangers all over the
 * scope, so they are refused with the reason.
 */
const isIdNumberTail = (value: string) => new RegExp(`^\\d{${idNumberTailLength - 1}}[\\dXx]$`).test(digitsOf(value));

const digitsOf = (value: string) => value.replace(/[\uFF10-\uFF19\uFF38\uFF58]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/[\s\-()（）]/g, '');

/**
 * ID numbers and phones are found by the keyed hash of the whole number (they are encrypted at rest): part of one
 * cannot match anything, so it is refused with the reason rather than answered with an empty list.
 */
function assertWholeNumbers(query: Pick<ListMembersQuery, 'idNumber' | 'phone'>, inOneUnion: boolean): void {
  if (query.idNumber && isIdNumberTail(query.idNumber) && !inOneUnion) {
    throw invalid([{ path: 'query.idNumber', code: 'id_number_tail_needs_union', messageKey: 'members.search.id_number_tail_needs_union' }]);
  }
  if (query.idNumber && !isIdNumberTail(query.idNumber) && !/^(\d{17}[\dXx]|\d{15})$/.test(digitsOf(query.idNumber))) {
    throw invalid([{ path: 'query.idNumber', code: 'id_number_partial', messageKey: 'members.search.id_number_partial' }]);
  }
  if (query.phone && !/^(1\d{10}|0\d{9,11})$/.test(digitsOf(query.phone))) {
    throw invalid([{ path: 'query.phone', code: 'phone_partial', messageKey: 'members.search.phone_partial' }]);
  }
}

/** Normalises what a user typed for a look-up, the way the stored hash was made. */
function lookupHash(cipher: PersonalDataCipher, field: 'idNumber' | 'phone', value: string): Buffer {
  if (field === 'phone') return cipher.lookupHash(value.replace(/[\s\-()（）]/g, ''));
  const parsed = parseIdNumber(value, knownRegion);
  return cipher.lookupHash(typeof parsed === 'string' ? value.trim().toUpperCase() : parsed.value);
}

/** The roster of the org in view (the caller's own by default) and below, a page at a time (src/core/paging.ts). */
/**
 * Where the person with this ID number (its keyed hash) is an active member within the actor's scope: how another
 * module links a person it holds — an appeal's worker — to their worker row, read when shown, never copied. A
 * membership outside the scope is not told, not even that one exists: otherwise any ID number typed into another
 * module would say whether that person is a union member somewhere in the province.
 */
export async function membershipsInScopeOf(actor: Actor, db: Db, idNumberHash: Buffer): Promise<{ membershipId: number; orgCode: string; orgName: string }[]> {
  if (!memberPolicy.can(actor, 'read')) return [];
  const worker = await store.findWorkerByIdNumberHash(db, idNumberHash);
  if (!worker) return [];
  const memberships = await store.openMembershipsOf(db, actor.scope, worker.id, today());
  return memberships.filter((membership) => membership.in_scope).map((membership) => ({ membershipId: membership.id, orgCode: membership.code, orgName: membership.name }));
}

export async function listMembers(actor: Actor, db: Db, cipher: PersonalDataCipher, query: ListMembersQuery): Promise<Page<MemberView>> {
  memberPolicy.assert(actor, 'read');
  // The caller's own org is their scope already: an org is looked up only when the request names one, or when a
  // search by number must know whether it is one grassroots union (a query less on every page of one's own roster).
  const numbered = Boolean(query.idNumber || query.phone);
  const org = query.orgCode || numbered || actor.scope.path === '' ? await orgOrOwn(actor, db, query.orgCode) : undefined;
  await lookUpByNumber(actor, db, query, org?.kind === 'grassroots');
  const order = query.order === 'desc' ? rosterOrderDescending : rosterOrder;
  const window = listWindow(query, order);
  const tail = query.idNumber !== undefined && query.idNumber !== '' && isIdNumberTail(query.idNumber);
  const { rows, total } = await store.listMembers(db, org ? narrowTo(actor.scope, org.id, org.path) : actor.scope, {
    name: query.q,
    idNumberHash: query.idNumber && !tail ? lookupHash(cipher, 'idNumber', query.idNumber) : undefined,
    idNumberTailHash: tail ? idNumberTailHash(cipher, digitsOf(query.idNumber!)) : undefined,
    phoneHash: query.phone ? lookupHash(cipher, 'phone', query.phone) : undefined,
    cardNumber: query.cardNumber,
    status: query.status,
    onDate: today(),
    joinedYear: query.joinedYear,
    household: query.household,
    dispatched: query.dispatched === undefined ? undefined : query.dispatched === 'yes',
    count: query.count === '1',
    order: query.order,
  }, window);
  const kept = await store.keptInScope(db, actor.scope, rows.map((row) => row.worker_id), today());
  return keysetPage(query, window, order, rows, store.memberKeyOf, (row) => presentMember(actor, cipher, row, kept.get(row.worker_id) ?? false), total);
}

export async function getMember(actor: Actor, db: Db, cipher: PersonalDataCipher, membershipId: number): Promise<MemberView> {
  memberPolicy.assert(actor, 'read');
  const row = await store.findMember(db, actor.scope, membershipId);
  if (!row) throw notFound();
  return presentOne(actor, db, cipher, row);
}

/**
 * Adds a member. A person is one worker row in the province, found by the keyed hash of the ID number: a second
 * membership of someone who is a member elsewhere is refused unless declared a second job (else it is a transfer).
 */
export async function createMember(actor: Actor, db: Db, cipher: PersonalDataCipher, input: CreateMemberRequest, limits: RefusalLimits = noRefusalLimit): Promise<MemberView> {
  memberPolicy.assert(actor, 'create');
  await assertRefusalsLeft(actor, db, limits);
  const union = await getOrg(actor, db, input.orgCode).catch(() => undefined);
  if (!union) throw invalid([{ path: 'orgCode', code: 'unknown_org', messageKey: 'org.unknown_code', params: { code: input.orgCode } }]);
  if (union.kind !== 'grassroots') throw invalid([{ path: 'orgCode', code: 'not_grassroots', messageKey: 'members.not_grassroots' }]);
  const parsed = parseIdNumber(input.idNumber, knownRegion);
  if (typeof parsed === 'string') throw invalid([{ path: 'idNumber', code: `id_number_${parsed}`, messageKey: `members.id_number.${parsed}` }]);
  const idHash = cipher.lookupHash(parsed.value);
  const created = await inTransaction(db, async (tx) => {
    let worker = await store.findWorkerByIdNumberHash(tx, idHash);
    if (worker && !(await store.knownInScope(tx, actor.scope, worker.id))) {
      // A person the caller's scope has never had: one answer for a wrong name and for a membership elsewhere, so
      // that it confirms no name a caller tries; and it is counted and audited (refuseKnownElsewhere).
      const open = await store.openMembershipsOf(tx, actor.scope, worker.id, today());
      if (worker.name !== input.name || (open.length > 0 && !input.secondJob)) return undefined;
    }
    if (worker && worker.name !== input.name) throw conflict('members.name_mismatch', { name: input.name });
    if (worker) {
      const open = await store.openMembershipsOf(tx, actor.scope, worker.id, today());
      if (open.some((membership) => membership.org_id === union.id)) throw conflict('members.already_member', { union: union.name });
      if (open.length > 0 && !input.secondJob) {
        const elsewhere = open.find((membership) => membership.in_scope);
        throw elsewhere ? conflict('members.member_of', { union: elsewhere.name }) : conflict('members.member_elsewhere');
      }
    }
    const workerId =
      worker?.id ??
      (await store.insertWorker(tx, {
        name: input.name,
        id_number_cipher: cipher.encrypt(parsed.value),
        id_number_hash: idHash,
        id_number_tail_hash: idNumberTailHash(cipher, parsed.value),
        gender: parsed.gender,
        birth_date: parsed.birthDate,
        phone_cipher: input.phone ? cipher.encrypt(input.phone) : null,
        phone_hash: input.phone ? cipher.lookupHash(input.phone) : null,
        household: input.household,
        dispatched: input.dispatched,
        education: input.education ?? null,
      }));
    worker ??= await store.findWorkerByIdNumberHash(tx, idHash);
    const membershipId = await store.insertMembership(tx, actor.scope, {
      worker_id: workerId,
      org_id: union.id,
      joined_on: input.joinedOn,
      card_number: input.cardNumber ?? null,
      job: input.job ?? null,
      second_job: input.secondJob,
    });
    if (membershipId === undefined) throw notFound();
    await store.addCounts(tx, deltasOf({ orgId: union.id, joinedOn: input.joinedOn, endedOn: null, gender: worker!.gender, household: worker!.household, dispatched: worker!.dispatched }));
    const view = await presentOne(actor, tx, cipher, (await store.findMember(tx, actor.scope, membershipId))!);
    await appendAudit(tx, actor, { action: 'create', entity: 'member', entityId: membershipId, orgPath: union.path, after: snapshot(view) });
    return view;
  });
  if (!created) await refuseKnownElsewhere(actor, db, { orgPath: union.path, entity: 'member', entityId: union.code });
  return created!;
}

/** The limit on refusals for people kept outside the caller's scope (KNOWN_ELSEWHERE_PER_HOUR). */
export type RefusalLimits = Pick<Config, 'knownElsewherePerHour'>;
const noRefusalLimit: RefusalLimits = { knownElsewherePerHour: Number.POSITIVE_INFINITY };
const refusalAction = 'refuse_known_elsewhere';

/** This hour's refusals of the actor for ID numbers kept outside their scope, from the audit trail itself. */
export async function refusalsThisHour(actor: Actor, db: Db): Promise<number> {
  if (actor.userId === null) return 0;
  return countAuditEvents(db, { actorId: actor.userId, action: refusalAction, since: new Date(Date.now() - 3_600_000) });
}

/**
 * Once an officer has had KNOWN_ELSEWHERE_PER_HOUR such refusals in an hour, every addition of theirs is refused for
 * the rest of it, known or not: a refusal of only the known numbers would answer the guess all the same. The
 * platform's own actor (the command line) has the whole tree: nothing is outside its scope.
 */
export async function assertRefusalsLeft(actor: Actor, db: Db, limits: RefusalLimits): Promise<void> {
  if ((await refusalsThisHour(actor, db)) >= limits.knownElsewherePerHour) throw new AppError('rate_limited', 'members.too_many_refusals');
}

/** Records one refusal for an ID number kept outside the actor's scope (its own transaction: it outlives the refusal) and refuses. */
async function refuseKnownElsewhere(actor: Actor, db: Db, where: { orgPath: string; entity: string; entityId: string }): Promise<never> {
  await inTransaction(db, (tx) => appendAudit(tx, actor, { action: refusalAction, entity: where.entity, entityId: where.entityId, orgPath: where.orgPath, after: { via: 'form' } }));
  throw conflict('members.known_elsewhere');
}

/** Audit rows for one refusal each, in the caller's transaction (an import's chunk): the same action the limit counts. */
export async function auditRefusals(actor: Actor, tx: Db, where: { orgPath: string; entity: string; entityId: string | number }, rows: readonly number[]): Promise<void> {
  for (const row of rows) await appendAudit(tx, actor, { action: refusalAction, entity: where.entity, entityId: where.entityId, orgPath: where.orgPath, after: { via: 'import', row } });
}

export async function updateMember(actor: Actor, db: Db, cipher: PersonalDataCipher, membershipId: number, input: UpdateMemberRequest): Promise<MemberView> {
  memberPolicy.assert(actor, 'update');
  return inTransaction(db, async (tx) => {
    const before = await store.findMember(tx, actor.scope, membershipId);
    if (!before) throw notFound();
    if (input.joinedOn && before.ended_on && input.joinedOn > before.ended_on) {
      throw invalid([{ path: 'joinedOn', code: 'after_end', messageKey: 'members.joined_after_end' }]);
    }
    const keptHere = (await store.keptInScope(tx, actor.scope, [before.worker_id], today())).get(before.worker_id) ?? false;
    const changed = personFieldsChanged(cipher, before, input);
    if (changed.length > 0 && !keptHere) throw forbidden('members.person_kept_elsewhere');
    // Counts depend on the person's fields and the membership's dates: take back every contribution of the
    // person, change, and add them again.
    const personChanges = input.household !== undefined || input.dispatched !== undefined;
    const affected = personChanges ? await store.membershipsOfWorker(tx, before.worker_id) : [{ id: before.id, org_id: before.org_id, joined_on: before.joined_on, ended_on: before.ended_on }];
    const person = { gender: before.gender, household: before.household, dispatched: before.dispatched };
    await store.addCounts(tx, affected.flatMap((m) => deltasOf({ orgId: m.org_id, joinedOn: m.joined_on, endedOn: m.ended_on, ...person }, -1)));
    const personUpdated = await store.updateWorker(tx, actor.scope, before.worker_id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.phone !== undefined ? { phone_cipher: input.phone ? cipher.encrypt(input.phone) : null, phone_hash: input.phone ? cipher.lookupHash(input.phone) : null } : {}),
      ...(input.household !== undefined ? { household: input.household } : {}),
      ...(input.dispatched !== undefined ? { dispatched: input.dispatched } : {}),
      ...(input.education !== undefined ? { education: input.education } : {}),
    }, today());
    if (changed.length > 0 && !personUpdated) throw forbidden('members.person_kept_elsewhere');
    await store.updateMembership(tx, actor.scope, membershipId, {
      ...(input.job !== undefined ? { job: input.job } : {}),
      ...(input.cardNumber !== undefined ? { card_number: input.cardNumber } : {}),
      ...(input.joinedOn !== undefined ? { joined_on: input.joinedOn } : {}),
    });
    const after = (await store.findMember(tx, actor.scope, membershipId))!;
    const renewed = affected.map((m) => (m.id === membershipId ? { ...m, joined_on: after.joined_on } : m));
    await store.addCounts(tx, renewed.flatMap((m) => deltasOf({ orgId: m.org_id, joinedOn: m.joined_on, endedOn: m.ended_on, gender: after.gender, household: after.household, dispatched: after.dispatched })));
    const view = presentMember(actor, cipher, after, keptHere);
    await appendAudit(tx, actor, { action: 'update', entity: 'member', entityId: membershipId, orgPath: after.org_path, before: snapshot(presentMember(actor, cipher, before, keptHere)), after: snapshot(view) });
    // Every other membership shows the person too (a second job elsewhere): the change is in its trail as well, with
    // what changed but not the phone, which that union does not see.
    if (changed.length > 0) {
      const shownAs = (record: MemberRecord) => Object.fromEntries(changed.map((field) => (field === 'phone' ? ['phoneChanged', true] : [field, record[field]])));
      for (const other of await store.membershipsShowing(tx, before.worker_id)) {
        if (other.id === membershipId) continue;
        await appendAudit(tx, actor, { action: 'update_person', entity: 'member', entityId: other.id, orgPath: other.org_path, before: shownAs(before), after: { ...shownAs(after), via: membershipId } });
      }
    }
    return view;
  });
}

export async function endMembership(actor: Actor, db: Db, cipher: PersonalDataCipher, membershipId: number, endedOn: string, reason: 'left' | 'retired' | 'deceased' | 'transferred'): Promise<MemberView> {
  memberPolicy.assert(actor, 'end');
  return inTransaction(db, async (tx) => {
    const before = await store.findMember(tx, actor.scope, membershipId);
    if (!before) throw notFound();
    if (before.ended_on) throw conflict('members.already_ended');
    if (endedOn < before.joined_on) throw invalid([{ path: 'endedOn', code: 'before_join', messageKey: 'members.ended_before_join' }]);
    await store.updateMembership(tx, actor.scope, membershipId, { ended_on: endedOn, end_reason: reason });
    const person = { gender: before.gender, household: before.household, dispatched: before.dispatched };
    // The join is counted already; only the end is new.
    const [, end] = deltasOf({ orgId: before.org_id, joinedOn: before.joined_on, endedOn, ...person });
    await store.addCounts(tx, [end!]);
    const view = await presentOne(actor, tx, cipher, (await store.findMember(tx, actor.scope, membershipId))!);
    await appendAudit(tx, actor, { action: 'end', entity: 'member', entityId: membershipId, orgPath: before.org_path, after: { endedOn, reason } });
    return view;
  });
}

/**
 * Shows one ID number or phone in full: the look itself is recorded, in the same transaction as the read. Through a
 * membership whose union does not keep the person (a second job), only what that union itself entered: the ID
 * number it registered them by, not the phone the principal union keeps.
 */
export async function reveal(actor: Actor, db: Db, cipher: PersonalDataCipher, membershipId: number, field: 'idNumber' | 'phone') {
  memberPolicy.assert(actor, 'reveal');
  return inTransaction(db, async (tx) => {
    const row = await store.findMember(tx, actor.scope, membershipId);
    if (!row) throw notFound();
    if (field === 'phone' && !(await store.keptInScope(tx, actor.scope, [row.worker_id], today())).get(row.worker_id)) throw forbidden('members.person_kept_elsewhere');
    const sealed = field === 'idNumber' ? row.id_number_cipher : row.phone_cipher;
    await appendAudit(tx, actor, { action: 'reveal', entity: 'member', entityId: membershipId, orgPath: row.org_path, after: { field } });
    return { field, value: sealed ? cipher.decrypt(sealed) : null };
  });
}

/** The roster of a subtree as a workbook, in the actor's language: checked and audited now, its rows read as it is sent (export.ts). */
export async function exportRoster(actor: Actor, db: Db, cipher: PersonalDataCipher, query: ExportQuery): Promise<Download> {
  const prepared = await prepareExport(actor, db, cipher, { orgCode: query.orgCode, full: query.full === '1', locale: actor.locale });
  return { fileName: prepared.fileName, contentType: xlsxContentType, body: (out) => prepared.write(out) };
}
