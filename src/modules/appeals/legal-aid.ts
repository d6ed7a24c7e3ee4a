import type { Actor } from '../../core/actor.ts';
import { appendAudit, listAudit, presentAuditEvent } from '../../core/audit/store.ts';
import { today } from '../../core/dates.ts';
import type { Db } from '../../core/db/tables.ts';
import { inTransaction } from '../../core/db/transaction.ts';
import { conflict, invalid, notFound } from '../../core/errors.ts';
import { addToAggregate, type AggregateDelta } from '../../core/indicators/aggregates.ts';
import { keysetPage, listWindow, type Page } from '../../core/paging.ts';
import { maskPhone, type PersonalDataCipher } from '../../core/personal-data.ts';
import { covers, narrowTo, scopeOf } from '../../core/scope.ts';
import { findOrgInScope } from '../../core/tree.ts';
import {
  caseOrder, institutionOrder, staffOrder,
  type AddStaffRequest, type CloseCaseRequest, type CreateInstitutionRequest, type InstitutionDetail, type InstitutionView, type LegalAidCaseDetail,
  type LegalAidCaseView, type ListCasesQuery, type RevealStaffView, type ListInstitutionsQuery, type ListStaffQuery, type StaffView, type TakeCaseRequest, type UpdateInstitutionRequest,
} from './legal-aid-schema.ts';
import * as store from './legal-aid-store.ts';
import type { InstitutionRecord, LegalAidCaseRecord, StaffRecord } from './legal-aid-store.ts';
import { legalAidPolicy } from './policy.ts';
import { maskName } from './service.ts';
import { findAppeal, insertEvent } from './store.ts';

/**
 * Legal aid for workers (法律援助, README.md "Legal aid"): the unions' institutions at the province, city and county
 * federations, their lawyers and volunteers, and the cases they take on for an appeal — accepted, then closed with the
 * outcome and the amount recovered (fen). Each change is one transaction with its audit row; the aggregate
 * `appeal_aid_counts` (aid-indicators.ts) changes in the same transaction: a federation counts as having an
 * institution from its established date, and the amount recovered counts in the year the case closed.
 */

export const institutionEntity = 'appeals.legal_aid_institution';
export const staffEntity = 'appeals.legal_aid_staff';
export const caseEntity = 'appeals.legal_aid_case';

/** The report's 省、市、县三级工会法律援助机构: only these federations have one. */
const institutionLevels: readonly string[] = ['province', 'city', 'county'];
const yearOf = (date: string) => Number(date.slice(0, 4));

// Institutions.

function presentInstitution(actor: Actor, row: InstitutionRecord): InstitutionView {
  const enters = legalAidPolicy.can(actor, 'enter');
  return {
    id: row.id,
    orgCode: row.org_code,
    orgName: row.org_name,
    orgLevel: row.org_level,
    name: row.name,
    establishedOn: row.established_on,
    lawyers: row.lawyers,
    volunteers: row.volunteers,
    openCases: row.open_cases,
    abilities: { update: enters, addStaff: enters, takeCase: legalAidPolicy.can(actor, 'handle') },
  };
}

const historyOf = async (actor: Actor, db: Db, entity: string, id: number) =>
  (await listAudit(db, actor.scope, { entity, entityId: String(id), limit: 100 })).map(presentAuditEvent);

async function institutionDetail(actor: Actor, db: Db, id: number): Promise<InstitutionDetail> {
  const row = await store.findInstitution(db, actor.scope, id);
  if (!row) throw notFound();
  return { ...presentInstitution(actor, row), history: await historyOf(actor, db, institutionEntity, id) };
}

async function subtreeOf(actor: Actor, db: Db, orgCode: string | undefined) {
  if (!orgCode) return actor.scope;
  const org = await findOrgInScope(db, actor.scope, orgCode);
  if (!org) throw notFound();
  return narrowTo(actor.scope, org.id, org.path);
}

export async function listInstitutions(actor: Actor, db: Db, query: ListInstitutionsQuery): Promise<Page<InstitutionView>> {
  legalAidPolicy.assert(actor, 'read');
  const window = listWindow(query, institutionOrder);
  const { rows, total } = await store.listInstitutions(db, await subtreeOf(actor, db, query.orgCode), query.q, window);
  return keysetPage(query, window, institutionOrder, rows, (row) => [row.id] as const, (row) => presentInstitution(actor, row), total);
}

export async function getInstitution(actor: Actor, db: Db, id: number): Promise<InstitutionDetail> {
  legalAidPolicy.assert(actor, 'read');
  return institutionDetail(actor, db, id);
}

const orgIssue = (code: string, messageKey: string, params?: Record<string, string>) => invalid([{ path: 'orgCode', code, messageKey, ...(params ? { params } : {}) }]);

export async function createInstitution(actor: Actor, db: Db, input: CreateInstitutionRequest): Promise<InstitutionDetail> {
  legalAidPolicy.assert(actor, 'enter');
  const org = await findOrgInScope(db, actor.scope, input.orgCode);
  if (!org) throw orgIssue('unknown_org', 'appeals.unknown_org', { code: input.orgCode });
  if (org.kind !== 'federation' || !institutionLevels.includes(org.level)) throw orgIssue('not_a_federation', 'appeals.legal_aid.federations_only');
  return inTransaction(db, async (tx) => {
    // One per federation: the second of two at once waits here, then finds the first.
    await store.lock(tx, `legal-aid-org:${org.id}`);
    if (await store.institutionOfOrg(tx, org.id)) throw orgIssue('institution_exists', 'appeals.legal_aid.institution_exists');
    const id = await store.insertInstitution(tx, { org_id: org.id, name: input.name, established_on: input.establishedOn });
    await addToAggregate(tx, 'appeal_aid_counts', [{ orgId: org.id, year: yearOf(input.establishedOn), values: { legal_aid_federations: 1 } }]);
    await appendAudit(tx, actor, { action: 'create', entity: institutionEntity, entityId: id, orgPath: org.path, after: { orgCode: org.code, name: input.name, establishedOn: input.establishedOn } });
    return institutionDetail(actor, tx, id);
  });
}

/** A new established date moves the federation's count to the new year (it counts from then on). */
export async function updateInstitution(actor: Actor, db: Db, id: number, input: UpdateInstitutionRequest): Promise<InstitutionDetail> {
  legalAidPolicy.assert(actor, 'enter');
  return inTransaction(db, async (tx) => {
    const row = await store.findInstitution(tx, actor.scope, id);
    if (!row) throw notFound();
    const changes = { name: input.name ?? row.name, established_on: input.establishedOn ?? row.established_on };
    await store.updateInstitution(tx, id, changes);
    if (yearOf(changes.established_on) !== yearOf(row.established_on)) {
      const moved: AggregateDelta[] = [
        { orgId: row.org_id, year: yearOf(row.established_on), values: { legal_aid_federations: -1 } },
        { orgId: row.org_id, year: yearOf(changes.established_on), values: { legal_aid_federations: 1 } },
      ];
      await addToAggregate(tx, 'appeal_aid_counts', moved);
    }
    await appendAudit(tx, actor, {
      action: 'update', entity: institutionEntity, entityId: id, orgPath: row.org_path,
      before: { name: row.name, establishedOn: row.established_on }, after: { name: changes.name, establishedOn: changes.established_on },
    });
    return institutionDetail(actor, tx, id);
  });
}

// Lawyers and volunteers: name and phone sealed, shown masked.

function presentStaff(actor: Actor, cipher: PersonalDataCipher, row: StaffRecord): StaffView {
  return {
    id: row.id,
    institutionId: row.institution_id,
    kind: row.kind,
    name: maskName(cipher.decrypt(row.name_cipher)),
    phone: row.phone_cipher ? maskPhone(cipher.decrypt(row.phone_cipher)) : null,
    abilities: { reveal: legalAidPolicy.can(actor, 'reveal') },
  };
}

export async function listStaff(actor: Actor, db: Db, cipher: PersonalDataCipher, institutionId: number, query: ListStaffQuery): Promise<Page<StaffView>> {
  legalAidPolicy.assert(actor, 'read');
  if (!(await store.findInstitution(db, actor.scope, institutionId))) throw notFound();
  const window = listWindow(query, staffOrder);
  const { rows, total } = await store.listStaff(db, institutionId, window);
  return keysetPage(query, window, staffOrder, rows, (row) => [row.id] as const, (row) => presentStaff(actor, cipher, row), total);
}

export async function addStaff(actor: Actor, db: Db, cipher: PersonalDataCipher, institutionId: number, input: AddStaffRequest): Promise<StaffView> {
  legalAidPolicy.assert(actor, 'enter');
  return inTransaction(db, async (tx) => {
    const institution = await store.findInstitution(tx, actor.scope, institutionId);
    if (!institution) throw notFound();
    const id = await store.insertStaff(tx, { institution_id: institutionId, kind: input.kind, name_cipher: cipher.encrypt(input.name), phone_cipher: input.phone ? cipher.encrypt(input.phone) : null });
    const view = presentStaff(actor, cipher, (await store.findStaff(tx, institutionId, id))!);
    // The audit trail keeps the masked values: it is read by more people than the record.
    await appendAudit(tx, actor, { action: 'add_staff', entity: staffEntity, entityId: id, orgPath: institution.org_path, after: { institutionId, kind: view.kind, name: view.name, phone: view.phone } });
    return view;
  });
}

/**
 * Shows a lawyer's or volunteer's name and phone in full, for staff who may reveal personal data (the members'
 * and appeals' rule): the look itself is recorded in the same transaction as the read. Another scope's is a 404.
 */
export async function revealStaff(actor: Actor, db: Db, cipher: PersonalDataCipher, institutionId: number, staffId: number): Promise<RevealStaffView> {
  legalAidPolicy.assert(actor, 'reveal');
  return inTransaction(db, async (tx) => {
    const institution = await store.findInstitution(tx, actor.scope, institutionId);
    const row = institution && (await store.findStaff(tx, institutionId, staffId));
    if (!row) throw notFound();
    await appendAudit(tx, actor, { action: 'reveal', entity: staffEntity, entityId: staffId, orgPath: institution.org_path, after: { fields: ['name', 'phone'] } });
    return { name: cipher.decrypt(row.name_cipher), phone: row.phone_cipher ? cipher.decrypt(row.phone_cipher) : null };
  });
}

// Cases.

function presentCase(actor: Actor, cipher: PersonalDataCipher, row: LegalAidCaseRecord): LegalAidCaseView {
  const open = row.status === 'accepted' && legalAidPolicy.can(actor, 'handle');
  return {
    id: row.id,
    institutionId: row.institution_id,
    institutionName: row.institution_name,
    orgCode: row.org_code,
    orgName: row.org_name,
    appealId: row.appeal_id,
    appealKind: row.appeal_kind,
    appealCategory: row.appeal_category,
    appealStatus: row.appeal_status,
    staffId: row.staff_id,
    staffName: row.staff_name_cipher ? maskName(cipher.decrypt(row.staff_name_cipher)) : null,
    staffKind: row.staff_kind,
    acceptedOn: row.accepted_on,
    status: row.status,
    outcome: row.outcome,
    recoveredFen: Number(row.recovered_fen),
    closedOn: row.closed_on,
    abilities: { assign: open, close: open },
  };
}

async function caseDetail(actor: Actor, db: Db, cipher: PersonalDataCipher, id: number): Promise<LegalAidCaseDetail> {
  const row = await store.findCase(db, actor.scope, id);
  if (!row) throw notFound();
  return { ...presentCase(actor, cipher, row), history: await historyOf(actor, db, caseEntity, id) };
}

export async function listCases(actor: Actor, db: Db, cipher: PersonalDataCipher, query: ListCasesQuery): Promise<Page<LegalAidCaseView>> {
  legalAidPolicy.assert(actor, 'read');
  const window = listWindow(query, caseOrder);
  const filters = { institutionId: query.institutionId, appealId: query.appealId, status: query.status };
  const { rows, total } = await store.listCases(db, await subtreeOf(actor, db, query.orgCode), filters, window);
  return keysetPage(query, window, caseOrder, rows, (row) => [row.id] as const, (row) => presentCase(actor, cipher, row), total);
}

export async function getCase(actor: Actor, db: Db, cipher: PersonalDataCipher, id: number): Promise<LegalAidCaseDetail> {
  legalAidPolicy.assert(actor, 'read');
  return caseDetail(actor, db, cipher, id);
}

async function staffOf(tx: Db, institutionId: number, staffId: number): Promise<StaffRecord> {
  const staff = await store.findStaff(tx, institutionId, staffId);
  if (!staff) throw invalid([{ path: 'staffId', code: 'unknown_staff', messageKey: 'appeals.legal_aid.unknown_staff' }]);
  return staff;
}

/**
 * Takes on a case for an appeal. The caller's scope must cover the appeal (a sibling county's is a 404, as on every
 * route of a case) and the institution; the appeal must be handled in the institution's subtree, or have been
 * referred to legal aid (a legal-aid request, or a referral recorded on its timeline) — a city's case sent to a
 * county's institution by an officer of the city. One open legal-aid case per appeal.
 */
export async function takeCase(actor: Actor, db: Db, cipher: PersonalDataCipher, input: TakeCaseRequest): Promise<LegalAidCaseDetail> {
  legalAidPolicy.assert(actor, 'handle');
  return inTransaction(db, async (tx) => {
    const appeal = await findAppeal(tx, actor.scope, input.appealId);
    if (!appeal) throw notFound();
    const institution = await store.findInstitution(tx, actor.scope, input.institutionId);
    if (!institution) throw invalid([{ path: 'institutionId', code: 'unknown_institution', messageKey: 'appeals.legal_aid.unknown_institution' }]);
    if (!covers(scopeOf(institution.org_id, institution.org_path), appeal.org_path) && !(await store.referredToLegalAid(tx, appeal.id))) {
      throw invalid([{ path: 'appealId', code: 'not_referred', messageKey: 'appeals.legal_aid.not_referred' }]);
    }
    if (input.staffId !== undefined) await staffOf(tx, institution.id, input.staffId);
    await store.lock(tx, `legal-aid-appeal:${appeal.id}`);
    const open = await store.openCaseOfAppeal(tx, appeal.id);
    if (open) throw conflict('appeals.legal_aid.case_open', { id: open.id });
    const on = today();
    const id = await store.insertCase(tx, { institution_id: institution.id, appeal_id: appeal.id, staff_id: input.staffId ?? null, accepted_on: on });
    await insertEvent(tx, {
      appealId: appeal.id, step: 'legalAidTaken', fromStatus: null, toStatus: null, orgId: institution.org_id, actorId: actor.userId, actorName: actor.username,
      happenedOn: on, note: input.note, internal: true, data: { legalAidCaseId: id, institution: institution.name },
    });
    await appendAudit(tx, actor, { action: 'take', entity: caseEntity, entityId: id, orgPath: institution.org_path, after: { institutionId: institution.id, appealId: appeal.id, staffId: input.staffId ?? null } });
    return caseDetail(actor, tx, cipher, id);
  });
}

/** A step on an open case: read in the caller's scope, refused once closed, changed only from the status it was read in. */
async function onOpenCase(actor: Actor, db: Db, cipher: PersonalDataCipher, id: number, act: (tx: Db, row: LegalAidCaseRecord) => Promise<void>): Promise<LegalAidCaseDetail> {
  legalAidPolicy.assert(actor, 'handle');
  return inTransaction(db, async (tx) => {
    const row = await store.findCase(tx, actor.scope, id);
    if (!row) throw notFound();
    if (row.status !== 'accepted') throw conflict(`appeals.legal_aid.refused.${row.status}`);
    await act(tx, row);
    return caseDetail(actor, tx, cipher, id);
  });
}

export const assignCase = (actor: Actor, db: Db, cipher: PersonalDataCipher, id: number, staffId: number) =>
  onOpenCase(actor, db, cipher, id, async (tx, row) => {
    await staffOf(tx, row.institution_id, staffId);
    if (!(await store.updateCase(tx, id, 'accepted', { staff_id: staffId }))) throw conflict('appeals.changed_meanwhile');
    await appendAudit(tx, actor, { action: 'assign', entity: caseEntity, entityId: id, orgPath: row.org_path, before: { staffId: row.staff_id }, after: { staffId } });
  });

/** Closes a case today with its outcome; the amount recovered counts at the institution's federation this year. */
export const closeCase = (actor: Actor, db: Db, cipher: PersonalDataCipher, id: number, input: CloseCaseRequest) =>
  onOpenCase(actor, db, cipher, id, async (tx, row) => {
    const on = today();
    if (!(await store.updateCase(tx, id, 'accepted', { status: 'closed', outcome: input.outcome, recovered_fen: input.recoveredFen, closed_on: on }))) throw conflict('appeals.changed_meanwhile');
    await addToAggregate(tx, 'appeal_aid_counts', [{ orgId: row.org_id, year: yearOf(on), values: { recovered_fen: input.recoveredFen } }]);
    await insertEvent(tx, {
      appealId: row.appeal_id, step: 'legalAidClosed', fromStatus: null, toStatus: null, orgId: row.org_id, actorId: actor.userId, actorName: actor.username,
      happenedOn: on, note: input.note, internal: true, data: { legalAidCaseId: id, outcome: input.outcome, recoveredFen: input.recoveredFen },
    });
    await appendAudit(tx, actor, {
      action: 'close', entity: caseEntity, entityId: id, orgPath: row.org_path,
      before: { status: row.status }, after: { status: 'closed', outcome: input.outcome, recoveredFen: input.recoveredFen },
    });
  });
