import type { Actor } from '../../core/actor.ts';
import { appendAudit } from '../../core/audit/store.ts';
import type { Db } from '../../core/db/tables.ts';
import { inTransaction } from '../../core/db/transaction.ts';
import { conflict, invalid, notFound } from '../../core/errors.ts';
import { orgPolicy } from './policy.ts';
import { mayRegisterEmployers } from './rules.ts';
import { employerOrder, type CreateEmployerRequest, type EmployerView, type ListEmployersQuery, type UpdateEmployerRequest } from './schema.ts';
import * as store from './store.ts';
import type { EmployerRecord } from './store.ts';
import { keysetPage, listWindow, type Page } from '../../core/paging.ts';
import { narrowTo } from '../../core/scope.ts';

/** Employers: the enterprises and institutions where members work, registered under a federation or township. */

function present(actor: Actor, row: EmployerRecord): EmployerView {
  return {
    id: row.id,
    name: row.name,
    creditCode: row.credit_code,
    ownership: row.ownership as EmployerView['ownership'],
    sizeClass: row.size_class as EmployerView['sizeClass'],
    aboveScale: row.above_scale,
    industry: row.industry as EmployerView['industry'],
    regionCode: row.region_code,
    employeeCount: row.employee_count,
    address: row.address,
    orgCode: row.org_code,
    orgName: row.org_name,
    unionCode: row.union_code,
    unionName: row.union_name,
    createdAt: (row.created_at as Date).toISOString(),
    updatedAt: (row.updated_at as Date).toISOString(),
    abilities: { update: orgPolicy.can(actor, 'updateEmployer') },
  };
}

function snapshot(view: EmployerView): Record<string, unknown> {
  const { abilities: _abilities, updatedAt: _updatedAt, ...rest } = view;
  return rest;
}

/** A second employer with the same credit code is a duplicate: the unique index says so, we say it in words. */
async function guardDuplicate<T>(work: () => Promise<T>, creditCode: string | null | undefined): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if ((error as { code?: string }).code === '23505' && creditCode) throw conflict('org.credit_code_taken', { creditCode });
    throw error;
  }
}

export async function getEmployer(actor: Actor, db: Db, id: number): Promise<EmployerView> {
  orgPolicy.assert(actor, 'read');
  const row = await store.findEmployer(db, actor.scope, id);
  if (!row) throw notFound();
  return present(actor, row);
}

export async function listEmployers(actor: Actor, db: Db, query: ListEmployersQuery): Promise<Page<EmployerView>> {
  orgPolicy.assert(actor, 'read');
  const order = employerOrder(query.sort, query.order);
  const window = listWindow(query, order);
  let registeredIn = actor.scope;
  let registeredAbove: string | undefined;
  if (query.forUnionUnder) {
    const area = await unionArea(actor, db, query.forUnionUnder);
    registeredIn = narrowTo(actor.scope, area.id, area.path);
    registeredAbove = area.path;
  } else if (query.orgCode) {
    const org = await store.findOrgByCode(db, actor.scope, query.orgCode);
    if (!org) throw notFound();
    registeredIn = narrowTo(actor.scope, org.id, org.path);
  }
  const filters = {
    q: query.q,
    ownership: query.ownership,
    sizeClass: query.sizeClass,
    unionised: query.forUnionUnder ? false : query.unionised === undefined ? undefined : query.unionised === 'yes',
    registeredAbove,
    sort: query.sort,
    order: query.order,
  };
  const { rows, total } = await store.listEmployers(db, actor.scope, registeredIn, filters, window);
  return keysetPage(query, window, order, rows, (row) => store.employerKeyOf(query.sort, row) as never, (row) => present(actor, row), total);
}

/**
 * The area whose employers a grassroots union under `code` may take: the nearest org at or above it, within the scope,
 * that registers employers (a street's township union, else the county federation); the scope's root when none does.
 */
async function unionArea(actor: Actor, db: Db, code: string): Promise<{ id: number; path: string }> {
  const org = await store.findOrgByCode(db, actor.scope, code);
  if (!org) throw notFound();
  const trail = await store.trailOf(db, actor.scope, org.path);
  const area = [...trail].reverse().find((item) => mayRegisterEmployers(item.kind)) ?? trail[0]!;
  return { id: area.id, path: area.path };
}

export async function createEmployer(actor: Actor, db: Db, input: CreateEmployerRequest): Promise<EmployerView> {
  orgPolicy.assert(actor, 'createEmployer');
  return guardDuplicate(
    () =>
      inTransaction(db, async (tx) => {
        const org = await store.findOrgByCode(tx, actor.scope, input.orgCode);
        if (!org) throw invalid([{ path: 'orgCode', code: 'unknown_org', messageKey: 'org.unknown_code', params: { code: input.orgCode } }]);
        if (!mayRegisterEmployers(org.kind)) throw invalid([{ path: 'orgCode', code: 'not_registering_org', messageKey: 'org.not_registering_org' }]);
        const id = await store.insertEmployer(tx, actor.scope, {
          name: input.name,
          credit_code: input.creditCode ?? null,
          ownership: input.ownership,
          size_class: input.sizeClass,
          above_scale: input.aboveScale,
          industry: input.industry,
          region_code: input.regionCode ?? org.region_code?.slice(0, 6) ?? null,
          org_id: org.id,
          employee_count: input.employeeCount,
          address: input.address ?? null,
        });
        if (id === undefined) throw notFound();
        const view = present(actor, (await store.findEmployer(tx, actor.scope, id))!);
        await appendAudit(tx, actor, { action: 'create', entity: 'employer', entityId: id, orgPath: org.path, after: snapshot(view) });
        return view;
      }),
    input.creditCode,
  );
}

export async function updateEmployer(actor: Actor, db: Db, id: number, input: UpdateEmployerRequest): Promise<EmployerView> {
  orgPolicy.assert(actor, 'updateEmployer');
  return guardDuplicate(
    () =>
      inTransaction(db, async (tx) => {
        const before = await store.findEmployer(tx, actor.scope, id);
        if (!before) throw notFound();
        await store.updateEmployer(tx, actor.scope, id, {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.creditCode !== undefined ? { credit_code: input.creditCode } : {}),
          ...(input.ownership !== undefined ? { ownership: input.ownership } : {}),
          ...(input.sizeClass !== undefined ? { size_class: input.sizeClass } : {}),
          ...(input.aboveScale !== undefined ? { above_scale: input.aboveScale } : {}),
          ...(input.industry !== undefined ? { industry: input.industry } : {}),
          ...(input.regionCode !== undefined ? { region_code: input.regionCode } : {}),
          ...(input.employeeCount !== undefined ? { employee_count: input.employeeCount } : {}),
          ...(input.address !== undefined ? { address: input.address } : {}),
        });
        const after = present(actor, (await store.findEmployer(tx, actor.scope, id))!);
        await appendAudit(tx, actor, { action: 'update', entity: 'employer', entityId: id, orgPath: before.org_path, before: snapshot(present(actor, before)), after: snapshot(after) });
        return after;
      }),
    input.creditCode,
  );
}
