import type { Actor } from '../../core/actor.ts';
import type { Db } from '../../core/db/tables.ts';
import { AppError, invalid, type FieldIssue } from '../../core/errors.ts';
import { check, fieldIssues } from '../../core/validation.ts';
import { createEmployer } from './employers.ts';
import { createEmployerRequest, createOrgRequest, type CreateEmployerRequest, type CreateOrgRequest, type EmployerView, type OrgView } from './schema.ts';
import { createOrg, getOrg } from './service.ts';

/**
 * `org add`: one org, and for a grassroots union the employer it belongs to, registered in the same transaction
 * so that a union that cannot be created leaves no employer behind.
 */

export interface AddOrgOptions {
  parent: string;
  kind: string;
  name: string;
  creditCode?: string | undefined;
  employerName?: string | undefined;
  ownership?: string | undefined;
  size?: string | undefined;
  industry?: string | undefined;
}

export interface OrgPlan {
  org: CreateOrgRequest;
  /** Where it is registered is known only once the parent has been read. */
  employer: Omit<CreateEmployerRequest, 'orgCode'> | undefined;
  /** The operator gave employer details: under an alliance the employer is then registered, not left out. */
  employerGiven: boolean;
}

export interface AddedOrg {
  org: OrgView;
  employer: EmployerView | undefined;
}

/** 长春某某有限公司工会 → 长春某某有限公司: a union is named after its employer. */
export function employerNameOf(unionName: string): string {
  return unionName.trim().replace(/工会$/, '').trim();
}

const employerRequest = createEmployerRequest.omit({ orgCode: true });

/** Checks everything that can be checked without the database, and reports every field at once. */
export function planOrg(options: AddOrgOptions): OrgPlan {
  const issues: FieldIssue[] = [];
  const org = check(createOrgRequest, { parentCode: options.parent, kind: options.kind, name: options.name });
  if (!org.success) issues.push(...fieldIssues(org.error));
  const employerGiven = [options.creditCode, options.employerName, options.ownership, options.size, options.industry].some((value) => value !== undefined);
  let employer: OrgPlan['employer'];
  if (options.kind === 'grassroots') {
    const parsed = check(employerRequest, {
      name: options.employerName ?? employerNameOf(options.name),
      creditCode: options.creditCode,
      ownership: options.ownership ?? 'private',
      sizeClass: options.size ?? 'small',
      industry: options.industry ?? 'C',
    });
    if (parsed.success) employer = parsed.data;
    else issues.push(...fieldIssues(parsed.error, ['employer']));
  } else if (employerGiven) {
    issues.push({ path: 'employer', code: 'not_allowed', messageKey: 'org.employer_only_grassroots' });
  }
  if (!org.success || issues.length > 0) throw invalid(issues);
  return { org: org.data, employer, employerGiven };
}

export async function addOrg(actor: Actor, db: Db, plan: OrgPlan): Promise<AddedOrg> {
  // The services join a transaction they are handed instead of opening their own.
  return db.transaction().execute(async (tx) => {
    let employer: EmployerView | undefined;
    if (plan.employer) {
      const registeredUnder = await employerHome(actor, tx, plan.org.parentCode, plan.employerGiven);
      if (registeredUnder) employer = await createEmployer(actor, tx, { ...plan.employer, orgCode: registeredUnder });
    }
    const org = await createOrg(actor, tx, { ...plan.org, ...(employer ? { employerId: employer.id } : {}) });
    return { org, employer };
  });
}

/**
 * Employers are registered under a federation or a township union. A union in an alliance may go without one;
 * given details, its employer is registered with the alliance's own parent. Otherwise (unknown parent, a
 * grassroots parent) no employer: createOrg then rejects the parent in its own words.
 */
async function employerHome(actor: Actor, db: Db, parentCode: string, employerGiven: boolean): Promise<string | undefined> {
  let parent: OrgView;
  try {
    parent = await getOrg(actor, db, parentCode);
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') return undefined;
    throw error;
  }
  switch (parent.kind) {
    case 'federation':
    case 'township':
      return parent.code;
    case 'alliance':
      return employerGiven ? (parent.parentCode ?? undefined) : undefined;
    case 'grassroots':
      return undefined;
  }
}
