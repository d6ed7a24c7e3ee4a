import type { Actor } from '../../core/actor.ts';
import { appendAudit } from '../../core/audit/store.ts';
import type { Db } from '../../core/db/tables.ts';
import { inTransaction } from '../../core/db/transaction.ts';
import { moveAggregates } from '../../core/indicators/aggregates.ts';
import { AppError, forbidden, invalid, notFound, type FieldIssue } from '../../core/errors.ts';
import { orgPolicy } from './policy.ts';
import { childCode, levelOf, mayStandUnder } from './rules.ts';
import { orgOrder, type CreateOrgRequest, type ListOrgsQuery, type MoveOrgRequest, type OrgView, type UpdateOrgRequest } from './schema.ts';
import * as store from './store.ts';
import type { OrgRecord } from './store.ts';
import { keysetPage, listWindow, type Page } from '../../core/paging.ts';
import { narrowTo, wholeTree } from '../../core/scope.ts';
import { today } from '../../core/dates.ts';

/** The org tree: browse, add township unions, alliances and grassroots unions, edit and move them. */

export function presentOrg(actor: Actor, row: OrgRecord): OrgView {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    nameInitials: row.name_initials ?? '',
    kind: row.kind,
    level: row.level,
    parentCode: row.parent_code,
    parentName: row.parent_name,
    path: row.path,
    depth: Number(row.depth),
    regionCode: row.region_code,
    industry: row.industry as OrgView['industry'],
    employerId: row.employer_id,
    employerName: row.employer_name,
    foundedOn: row.founded_on,
    hasWomenCommittee: row.has_women_committee,
    hasProfessionalChair: row.has_professional_chair,
    partyUnionJoint: row.party_union_joint,
    childCount: Number(row.child_count ?? 0),
    createdAt: (row.created_at as Date).toISOString(),
    updatedAt: (row.updated_at as Date).toISOString(),
    abilities: {
      update: orgPolicy.can(actor, 'update'),
      // The root of one's own scope cannot be moved by oneself: its new parent would lie outside the scope.
      move: orgPolicy.can(actor, 'move') && row.kind !== 'federation' && row.id !== actor.scope.orgId,
      addChild: orgPolicy.can(actor, 'create') && row.kind !== 'grassroots',
    },
  };
}

/** What the audit trail keeps of an org: its fields, not what the viewer may do with it. */
function snapshot(view: OrgView): Record<string, unknown> {
  const { abilities: _abilities, childCount: _childCount, updatedAt: _updatedAt, nameInitials: _nameInitials, ...rest } = view;
  return rest;
}

export async function getOrg(actor: Actor, db: Db, code: string): Promise<OrgView> {
  orgPolicy.assert(actor, 'read');
  const row = await store.findOrgByCode(db, actor.scope, code);
  if (!row) throw notFound();
  return presentOrg(actor, row);
}

/** The org a request names, or the caller's own (the root of the tree for the platform itself). */
export async function orgOrOwn(actor: Actor, db: Db, code: string | undefined): Promise<OrgView> {
  if (code) return getOrg(actor, db, code);
  orgPolicy.assert(actor, 'read');
  const row = actor.scope.orgId ? await store.findOrgById(db, actor.scope, actor.scope.orgId) : await store.findRoot(db, actor.scope);
  if (!row) throw notFound();
  return presentOrg(actor, row);
}

/**
 * Every child of an org in scope, unpaged: statistics rank them all (a township has at most a few thousand). The org
 * by its code, or as the caller found it already in this actor's scope (getOrg, orgOrOwn): not looked up again.
 */
export async function childrenOf(actor: Actor, db: Db, org: string | OrgView): Promise<OrgView[]> {
  const parent = typeof org === 'string' ? await getOrg(actor, db, org) : org;
  const everything = { key: undefined, backward: false, offset: 0, limit: 100_000 };
  const { rows } = await store.listOrgs(db, narrowTo(actor.scope, parent.id, parent.path), { parentId: parent.id, depth: 'children', sort: 'code', order: 'asc' }, everything, { count: false });
  return rows.map((row) => presentOrg(actor, row));
}

export async function listOrgs(actor: Actor, db: Db, query: ListOrgsQuery): Promise<Page<OrgView>> {
  orgPolicy.assert(actor, 'read');
  const order = orgOrder(query.sort, query.order);
  const window = listWindow(query, order);
  const parent = query.parentCode ? await store.findOrgByCode(db, actor.scope, query.parentCode) : await store.findOrgById(db, actor.scope, actor.scope.orgId);
  if (!parent && query.parentCode) throw notFound();
  // The whole-tree actor (the command line) has no org of its own: it lists the whole tree.
  const { rows, total } = await store.listOrgs(
    db,
    parent ? narrowTo(actor.scope, parent.id, parent.path) : actor.scope,
    { parentId: parent?.id, depth: parent ? query.depth : 'subtree', kind: query.kind, registersEmployers: query.registers === 'employers', industry: query.industry, q: query.q, sort: query.sort, order: query.order },
    window,
  );
  return keysetPage(query, window, order, rows, (row) => store.orgKeyOf(query.sort, row) as never, (row) => presentOrg(actor, row), total);
}

export async function trail(actor: Actor, db: Db, code: string) {
  orgPolicy.assert(actor, 'read');
  const row = await store.findOrgByCode(db, actor.scope, code);
  if (!row) throw notFound();
  return { items: (await store.trailOf(db, actor.scope, row.path)).map(({ code, name, kind, level }) => ({ code, name, kind, level })) };
}

export async function moves(actor: Actor, db: Db, code: string) {
  orgPolicy.assert(actor, 'read');
  const row = await store.findOrgByCode(db, actor.scope, code);
  if (!row) throw notFound();
  const rows = await store.listMoves(db, actor.scope, row.id);
  return {
    items: rows.map((move) => ({
      movedOn: move.moved_on,
      fromParentCode: move.from_code,
      fromParentName: move.from_name,
      toParentCode: move.to_code,
      toParentName: move.to_name,
      createdAt: (move.created_at as Date).toISOString(),
    })),
  };
}

/** The employer a grassroots union belongs to: in scope, and without a union of its own yet (other than `exceptOrgCode`). */
async function checkEmployer(actor: Actor, db: Db, employerId: number, exceptOrgCode?: string): Promise<FieldIssue | undefined> {
  const employer = await store.findEmployer(db, actor.scope, employerId);
  if (!employer) return { path: 'employerId', code: 'unknown_employer', messageKey: 'org.unknown_employer', params: { id: employerId } };
  const existing = await store.unionOfEmployer(db, actor.scope, employerId);
  if (existing && existing.code !== exceptOrgCode) {
    return { path: 'employerId', code: 'employer_has_union', messageKey: 'org.employer_has_union', params: { name: employer.name } };
  }
  return undefined;
}

export async function createOrg(actor: Actor, db: Db, input: CreateOrgRequest): Promise<OrgView> {
  orgPolicy.assert(actor, 'create');
  return inTransaction(db, async (tx) => {
    const parent = await store.findOrgByCode(tx, actor.scope, input.parentCode);
    if (!parent) throw invalid([{ path: 'parentCode', code: 'unknown_parent', messageKey: 'org.unknown_parent', params: { code: input.parentCode } }]);
    const level = levelOf(input.kind);
    if (!mayStandUnder(input.kind, level, parent)) {
      throw invalid([{ path: 'parentCode', code: 'parent_kind', messageKey: `org.parent_rule.${input.kind}`, params: { parent: parent.name } }]);
    }
    if (input.kind === 'grassroots' && input.employerId === undefined && parent.kind !== 'alliance') {
      throw invalid([{ path: 'employerId', code: 'required', messageKey: 'org.employer_required' }]);
    }
    if (input.kind !== 'grassroots' && input.employerId !== undefined) {
      throw invalid([{ path: 'employerId', code: 'not_allowed', messageKey: 'org.employer_only_grassroots' }]);
    }
    if (input.employerId !== undefined) {
      const issue = await checkEmployer(actor, tx, input.employerId);
      if (issue) throw invalid([issue]);
    }
    const number = await store.nextChildNumber(tx, actor.scope, parent.id);
    if (number === undefined) throw notFound();
    const id = await store.insertOrg(tx, actor.scope, parent.id, {
      code: childCode(parent.code, input.kind, number),
      name: input.name,
      kind: input.kind,
      level,
      region_code: input.regionCode ?? null,
      industry: input.industry ?? null,
      employer_id: input.employerId ?? null,
      founded_on: input.foundedOn ?? null,
      has_women_committee: input.hasWomenCommittee ?? false,
      has_professional_chair: input.hasProfessionalChair ?? false,
      party_union_joint: input.partyUnionJoint ?? false,
    });
    if (id === undefined) throw notFound();
    await store.addUnionCounts(tx, actor.scope, id, 1);
    const view = presentOrg(actor, (await store.findOrgById(tx, actor.scope, id))!);
    await appendAudit(tx, actor, { action: 'create', entity: 'org', entityId: view.code, orgPath: view.path, after: snapshot(view) });
    return view;
  });
}

export async function updateOrg(actor: Actor, db: Db, code: string, input: UpdateOrgRequest): Promise<OrgView> {
  orgPolicy.assert(actor, 'update');
  return inTransaction(db, async (tx) => {
    const before = await store.findOrgByCode(tx, actor.scope, code);
    if (!before) throw notFound();
    if (input.employerId !== undefined) {
      if (before.kind !== 'grassroots') throw invalid([{ path: 'employerId', code: 'not_allowed', messageKey: 'org.employer_only_grassroots' }]);
      const issue = await checkEmployer(actor, tx, input.employerId, before.code);
      if (issue) throw invalid([issue]);
    }
    await store.addUnionCounts(tx, actor.scope, before.id, -1);
    await store.updateOrg(tx, actor.scope, before.id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.regionCode !== undefined ? { region_code: input.regionCode } : {}),
      ...(input.industry !== undefined ? { industry: input.industry } : {}),
      ...(input.employerId !== undefined ? { employer_id: input.employerId } : {}),
      ...(input.foundedOn !== undefined ? { founded_on: input.foundedOn } : {}),
      ...(input.hasWomenCommittee !== undefined ? { has_women_committee: input.hasWomenCommittee } : {}),
      ...(input.hasProfessionalChair !== undefined ? { has_professional_chair: input.hasProfessionalChair } : {}),
      ...(input.partyUnionJoint !== undefined ? { party_union_joint: input.partyUnionJoint } : {}),
    });
    await store.addUnionCounts(tx, actor.scope, before.id, 1);
    const after = presentOrg(actor, (await store.findOrgById(tx, actor.scope, before.id))!);
    await appendAudit(tx, actor, { action: 'update', entity: 'org', entityId: code, orgPath: after.path, before: snapshot(presentOrg(actor, before)), after: snapshot(after) });
    return after;
  });
}

export async function moveOrg(actor: Actor, db: Db, code: string, input: MoveOrgRequest): Promise<OrgView> {
  orgPolicy.assert(actor, 'move');
  if (input.movedOn > today()) {
    throw invalid([{ path: 'movedOn', code: 'future_date', messageKey: 'org.move_in_future' }]);
  }
  return inTransaction(db, async (tx) => {
    const org = await store.findOrgByCode(tx, actor.scope, code);
    if (!org) throw notFound();
    if (org.parent_id === null || org.id === actor.scope.orgId) throw forbidden('org.cannot_move_root');
    const parent = await store.findOrgByCode(tx, actor.scope, input.parentCode);
    if (!parent) throw invalid([{ path: 'parentCode', code: 'unknown_parent', messageKey: 'org.unknown_parent', params: { code: input.parentCode } }]);
    if (parent.id === org.parent_id) throw invalid([{ path: 'parentCode', code: 'same_parent', messageKey: 'org.same_parent' }]);
    if (parent.path === org.path || parent.path.startsWith(`${org.path}.`)) {
      throw invalid([{ path: 'parentCode', code: 'into_own_subtree', messageKey: 'org.move_into_itself' }]);
    }
    if (!mayStandUnder(org.kind, org.level, parent)) {
      throw invalid([{ path: 'parentCode', code: 'parent_kind', messageKey: `org.parent_rule.${org.kind}`, params: { parent: parent.name } }]);
    }
    const moved = await store.moveSubtree(tx, actor.scope, org.id, parent.id);
    if (!moved) throw new AppError('conflict', 'org.move_failed');
    await moveAggregates(tx, org.id, moved.fromPath, moved.toPath);
    await store.insertMove(tx, actor.scope, {
      orgId: org.id,
      movedOn: input.movedOn,
      fromParentId: org.parent_id,
      toParentId: parent.id,
      fromPath: moved.fromPath,
      toPath: moved.toPath,
      movedBy: actor.userId,
    });
    const after = presentOrg(actor, (await store.findOrgById(tx, actor.scope, org.id))!);
    await appendAudit(tx, actor, {
      action: 'move',
      entity: 'org',
      entityId: code,
      orgPath: after.path,
      before: { parentCode: org.parent_code, path: org.path },
      after: { parentCode: after.parentCode, path: after.path, movedOn: input.movedOn },
    });
    return after;
  });
}

/**
 * The grassroots unions with what their employer tells a generator (headcount, ownership, industry): the synthetic
 * province's members are sized from them. The platform's own read, for `generate`.
 */
export async function unionsForGeneration(db: Db) {
  return store.unionsWithEmployers(db, wholeTree);
}

/** Employers for other modules: one in the caller's scope (404 outside it), and the list with its search. */
export { getEmployer, listEmployers } from './employers.ts';

/**
 * The names of employers by id, for another module's records that were linked to them after that module checked the
 * caller could reach the employer (an appeal centre's employer): only the name and the unified credit code (public
 * registration data, what an export needs to be imported again), whatever the reader's scope.
 */
export async function employerNames(db: Db, ids: readonly number[]): Promise<Map<number, { name: string; creditCode: string | null }>> {
  const rows = await store.employerNamesOf(db, wholeTree, ids);
  return new Map(rows.map((row) => [Number(row.id), { name: row.name, creditCode: row.credit_code }]));
}

/**
 * Known employers by name for a worker with no account (the public appeal page): at most `limit`, each with its name
 * and county only — nothing of a record that staff would need a scope to read.
 */
export async function employersForPublic(db: Db, name: string, limit: number): Promise<{ id: number; name: string; countyCode: string | null; countyName: string | null }[]> {
  const rows = await store.employersNamed(db, wholeTree, name, limit);
  return rows.map((row) => ({ id: Number(row.id), name: row.name, countyCode: row.county_code, countyName: row.county_name }));
}
