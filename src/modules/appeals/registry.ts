import type { Actor } from '../../core/actor.ts';
import { appendAudit, listAudit, presentAuditEvent } from '../../core/audit/store.ts';
import { today } from '../../core/dates.ts';
import type { Db } from '../../core/db/tables.ts';
import { inTransaction } from '../../core/db/transaction.ts';
import { AppError, conflict, invalid, notFound } from '../../core/errors.ts';
import { keysetPage, listWindow, type Page } from '../../core/paging.ts';
import { covers, scopeOf } from '../../core/scope.ts';
import { findOrgInScope, subtreeScope } from '../../core/tree.ts';
import { employerNames, getEmployer, getOrg } from '../org/service.ts';
import { keepingCentreCounts } from './counts.ts';
import { registryPolicy } from './policy.ts';
import { centreOrder, type CentreDetail, type CentreView, type CreateCentreRequest, type ListCentresQuery, type UpdateCentreRequest } from './registry-schema.ts';
import * as store from './registry-store.ts';
import type { CentreRecord } from './registry-store.ts';

/**
 * The registry of appeal centres and stations (员工诉求中心/站): list, register, edit, close. Each change is one
 * transaction with its audit row (`entity = appeals.centre`); a centre counts from its established date until its
 * closed date, computed as of a day, never by a job. README.md, "Registry".
 */

export const centreEntity = 'appeals.centre';

function present(actor: Actor, row: CentreRecord, employerName: string | null, on: string): CentreView {
  const enters = registryPolicy.can(actor, 'enter');
  return {
    id: Number(row.id),
    kind: row.kind,
    name: row.name,
    orgCode: row.org_code,
    orgName: row.org_name,
    employerId: row.employer_id === null ? null : Number(row.employer_id),
    employerName,
    area: row.area,
    establishedOn: row.established_on,
    closedOn: row.closed_on,
    staffCount: row.staff_count,
    status: store.centreStatusOf(row, on),
    abilities: { update: enters, close: enters && row.closed_on === null },
  };
}

/** What the audit trail keeps of a centre: its fields, not what the viewer may do with it. */
function snapshot(view: CentreView): Record<string, unknown> {
  const { abilities: _abilities, status: _status, orgName: _orgName, ...rest } = view;
  return rest;
}

async function presentAll(actor: Actor, db: Db, rows: CentreRecord[], on: string): Promise<CentreView[]> {
  const ids = [...new Set(rows.flatMap((row) => (row.employer_id === null ? [] : [Number(row.employer_id)])))];
  const names = await employerNames(db, ids);
  return rows.map((row) => present(actor, row, row.employer_id === null ? null : (names.get(Number(row.employer_id))?.name ?? null), on));
}

async function viewOf(actor: Actor, db: Db, row: CentreRecord): Promise<CentreView> {
  return (await presentAll(actor, db, [row], today()))[0]!;
}

/** The centre's own audit rows, newest first: what the detail drawer shows as its history. */
async function historyOf(actor: Actor, db: Db, id: number) {
  return (await listAudit(db, actor.scope, { entity: centreEntity, entityId: String(id), limit: 100 })).map(presentAuditEvent);
}
export async function listCentres(actor: Actor, db: Db, query: ListCentresQuery): Promise<Page<CentreView>> {
  registryPolicy.assert(actor, 'read');
  const order = centreOrder(query.sort, query.order);
  const window = listWindow(query, order);
  const scope = await subtreeScope(db, actor.scope, query.orgCode);
  const on = query.on ?? today();
  const filters = { kind: query.kind, employerId: query.employerId, area: query.area, q: query.q, status: query.status, on, sort: query.sort, order: query.order };
  const { rows, total } = await store.listCentres(db, scope, filters, window);
  const shown = rows.slice(0, query.pageSize + 1);
  const views = new Map((await presentAll(actor, db, shown, on)).map((view) => [view.id, view]));
  return keysetPage(query, window, order, shown, (row) => store.centreKeyOf(query.sort, row) as never, (row) => views.get(Number(row.id))!, total);
}

export async function getCentre(actor: Actor, db: Db, id: number): Promise<CentreDetail> {
  registryPolicy.assert(actor, 'read');
  const row = await store.findCentre(db, actor.scope, id);
  if (!row) throw notFound();
  return { ...(await viewOf(actor, db, row)), history: await historyOf(actor, db, id) };
}

/** The org that runs a centre: one of the caller's scope, named by code (a field of the form, so a 400 when unknown). */
async function runningOrg(actor: Actor, db: Db, code: string) {
  try {
    return await getOrg(actor, db, code);
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') throw invalid([{ path: 'orgCode', code: 'unknown_org', messageKey: 'appeals.unknown_org', params: { code } }]);
    throw error;
  }
}

const employerIssue = (messageKey: string) => invalid([{ path: 'employerId', code: 'unknown_employer', messageKey }]);

/**
 * Checks that a centre run by `org` may serve the employer. Employers are rows shared by the whole province, so the
 * caller must reach it through their own scope (the org module's 404 outside it: a county cannot name a sibling's
 * employer here any more than in the employers list), and it must belong to the running org's subtree: registered
 * with an org there, or the employer of a grassroots union there (a union's own employer is often registered with the
 * township or county above it, outside a union officer's scope).
 */
export async function checkEmployer(actor: Actor, db: Db, org: { path: string; employerId: number | null }, employerId: number): Promise<void> {
  if (org.employerId === employerId) return;
  const employer = await getEmployer(actor, db, employerId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'not_found') throw employerIssue('appeals.unknown_employer');
    throw error;
  });
  const under = scopeOf(0, org.path);
  const registered = await findOrgInScope(db, actor.scope, employer.orgCode);
  const union = employer.unionCode ? await findOrgInScope(db, actor.scope, employer.unionCode) : undefined;
  if ((registered && covers(under, registered.path)) || (union && covers(under, union.path))) return;
  throw employerIssue('appeals.centre.employer_outside_org');
}

function checkDates(establishedOn: string, closedOn: string | null, field: 'establishedOn' | 'closedOn'): void {
  if (closedOn !== null && closedOn < establishedOn) {
    throw invalid([{ path: field, code: 'closed_before_established', messageKey: 'appeals.centre.closed_before_established', params: { establishedOn, closedOn } }]);
  }
}

export async function createCentre(actor: Actor, db: Db, input: CreateCentreRequest): Promise<CentreDetail> {
  registryPolicy.assert(actor, 'enter');
  const org = await runningOrg(actor, db, input.orgCode);
  if (input.employerId !== undefined) await checkEmployer(actor, db, org, input.employerId);
  return inTransaction(db, async (tx) => {
    if (await store.findCentreByName(tx, actor.scope, org.id, input.name)) throw conflict('appeals.centre.name_taken', { name: input.name });
    // The indicators' counts (counts.ts) change in the same transaction as the registry.
    const id = await keepingCentreCounts(tx, [org.id], () => store.insertCentre(tx, actor.scope, {
      org_id: org.id,
      kind: input.kind,
      name: input.name,
      employer_id: input.employerId ?? null,
      area: input.area ?? null,
      established_on: input.establishedOn,
      staff_count: input.staffCount,
    }));
    if (id === undefined) throw notFound();
    const view = await viewOf(actor, tx, (await store.findCentre(tx, actor.scope, id))!);
    await appendAudit(tx, actor, { action: 'create', entity: centreEntity, entityId: id, orgPath: org.path, after: snapshot(view) });
    return { ...view, history: await historyOf(actor, tx, id) };
  });
}

export async function updateCentre(actor: Actor, db: Db, id: number, input: UpdateCentreRequest): Promise<CentreDetail> {
  registryPolicy.assert(actor, 'enter');
  return inTransaction(db, async (tx) => {
    const row = await store.findCentre(tx, actor.scope, id);
    if (!row) throw notFound();
    const before = await viewOf(actor, tx, row);
    const employerId = input.employerId === undefined ? before.employerId : input.employerId;
    const area = input.area === undefined ? row.area : input.area;
    if (employerId === null && area === null) throw invalid([{ path: 'area', code: 'employer_or_area', messageKey: 'appeals.centre.employer_or_area' }]);
    if (employerId !== null && employerId !== before.employerId) {
      const org = await getOrg(actor, tx, row.org_code);
      await checkEmployer(actor, tx, org, employerId);
    }
    const establishedOn = input.establishedOn ?? row.established_on;
    checkDates(establishedOn, row.closed_on, 'establishedOn');
    const name = input.name ?? row.name;
    if (name !== row.name) {
      const taken = await store.findCentreByName(tx, actor.scope, Number(row.org_id), name);
      if (taken) throw conflict('appeals.centre.name_taken', { name });
    }
    await keepingCentreCounts(tx, [Number(row.org_id)], () => store.updateCentre(tx, actor.scope, id, {
      kind: input.kind ?? row.kind,
      name,
      employer_id: employerId,
      area,
      established_on: establishedOn,
      staff_count: input.staffCount ?? row.staff_count,
    }));
    const after = await viewOf(actor, tx, (await store.findCentre(tx, actor.scope, id))!);
    await appendAudit(tx, actor, { action: 'update', entity: centreEntity, entityId: id, orgPath: row.org_path, before: snapshot(before), after: snapshot(after) });
    return { ...after, history: await historyOf(actor, tx, id) };
  });
}

/** Closes a centre as of a day (the day it stops counting); a closed one is not closed again. */
export async function closeCentre(actor: Actor, db: Db, id: number, closedOn: string): Promise<CentreDetail> {
  registryPolicy.assert(actor, 'enter');
  return inTransaction(db, async (tx) => {
    const row = await store.findCentre(tx, actor.scope, id);
    if (!row) throw notFound();
    if (row.closed_on !== null) throw conflict('appeals.centre.already_closed', { closedOn: row.closed_on });
    checkDates(row.established_on, closedOn, 'closedOn');
    await keepingCentreCounts(tx, [Number(row.org_id)], () => store.updateCentre(tx, actor.scope, id, { closed_on: closedOn }));
    const after = await viewOf(actor, tx, (await store.findCentre(tx, actor.scope, id))!);
    await appendAudit(tx, actor, { action: 'close', entity: centreEntity, entityId: id, orgPath: row.org_path, before: { closedOn: null }, after: { closedOn } });
    return { ...after, history: await historyOf(actor, tx, id) };
  });
}
