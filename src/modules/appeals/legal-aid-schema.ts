import { z } from 'zod';
import { auditEventView } from '../../core/audit/schema.ts';
import { endpoint } from '../../core/contract.ts';
import { pageOf, pageQuery, type ListOrder } from '../../core/paging.ts';
import { appealCategories, appealKinds, appealStatuses, isoDate } from './schema.ts';

/**
 * Legal aid's contracts (README.md, "Legal aid"): the unions' legal-aid institutions at the province, city and county
 * federations, their lawyers and volunteers, and the legal-aid cases taken on for an appeal. The pages' forms
 * validate with these same schemas.
 */

const id = z.coerce.number().int().positive().max(2 ** 31);
const bodyId = z.number().int().positive().max(2 ** 31);
const orgCode = z.string().trim().min(1).max(40);
const name = z.string().trim().min(1).max(100);

export const legalAidStaffKinds = ['lawyer', 'volunteer'] as const;
export const legalAidCaseStatuses = ['accepted', 'closed'] as const;
export const legalAidOutcomes = ['won', 'mediated', 'partly_won', 'lost', 'withdrawn'] as const;
export type LegalAidOutcome = (typeof legalAidOutcomes)[number];

/**
 * Money is integer fen, as every record keeps it (WORK-LINES.md): the API takes and answers fen, the pages show yuan.
 * At most 10^11 fen (a billion yuan), far beyond any worker's claim: a typo of a few zeros more is refused.
 */
export const recoveredFen = z.number().int().min(0).max(100_000_000_000);

export const institutionParams = z.object({ institutionId: id });
export const staffParams = z.object({ institutionId: id, staffId: id });
export const legalAidCaseParams = z.object({ legalAidCaseId: id });

export const createInstitutionRequest = z.object({
  /** The federation it belongs to: a province, city or county federation of the caller's scope, one institution each. */
  orgCode,
  name,
  establishedOn: isoDate,
});
export const updateInstitutionRequest = z.object({ name, establishedOn: isoDate }).partial();

export const listInstitutionsQuery = z.object({
  /** The subtree of this org (default: the caller's whole scope). */
  orgCode: orgCode.optional(),
  /** Part of the institution's name. */
  q: z.string().trim().min(1).max(100).optional(),
  ...pageQuery,
});

export const institutionOrder: ListOrder<readonly [number]> = { name: 'legal_aid_institutions.id.asc', key: z.tuple([z.number().int().positive()]).readonly() };

export const institutionView = z.object({
  id: z.number(),
  orgCode: z.string(),
  orgName: z.string(),
  /** province, city or county. */
  orgLevel: z.string(),
  name: z.string(),
  establishedOn: z.string(),
  lawyers: z.number(),
  volunteers: z.number(),
  openCases: z.number(),
  abilities: z.object({ update: z.boolean(), addStaff: z.boolean(), takeCase: z.boolean() }),
});
export const institutionDetail = institutionView.extend({ history: z.array(auditEventView) });
export const institutionList = pageOf(institutionView);

// Lawyers and volunteers.

export const addStaffRequest = z.object({
  kind: z.enum(legalAidStaffKinds),
  name: z.string().trim().min(1).max(50),
  /** A mobile or landline number: digits, with an optional area-code dash. */
  phone: z.string().trim().regex(/^[0-9]{3,4}-?[0-9]{7,8}$|^1[3-9][0-9]{9}$/, 'appeals.legal_aid.bad_phone').optional(),
});
export const listStaffQuery = z.object({ ...pageQuery });
export const staffOrder: ListOrder<readonly [number]> = { name: 'legal_aid_staff.id.asc', key: z.tuple([z.number().int().positive()]).readonly() };

/** Name and phone masked (王** · 139****0000): the lists never show them whole; `reveal` shows them, audited. */
export const staffView = z.object({
  id: z.number(),
  institutionId: z.number(),
  kind: z.enum(legalAidStaffKinds),
  name: z.string(),
  phone: z.string().nullable(),
  abilities: z.object({ reveal: z.boolean() }),
});
export const staffList = pageOf(staffView);
/** A lawyer's or volunteer's name and phone in full: what a member of staff needs to reach them. */
export const revealStaffView = z.object({ name: z.string(), phone: z.string().nullable() });

// Legal-aid cases.

export const takeCaseRequest = z.object({
  institutionId: bodyId,
  /** The appeal it is for: in the caller's scope, and handled in the institution's subtree or referred to legal aid. */
  appealId: bodyId,
  /** The lawyer or volunteer who takes it (may come later: `assign`). */
  staffId: bodyId.optional(),
  note: z.string().trim().max(2000).optional(),
});
export const assignCaseRequest = z.object({ staffId: bodyId });
export const closeCaseRequest = z.object({
  outcome: z.enum(legalAidOutcomes),
  /** Recovered for the worker, in fen (0 when nothing was: lost, withdrawn, or a claim that was not about money). */
  recoveredFen,
  note: z.string().trim().max(2000).optional(),
});

export const listCasesQuery = z.object({
  orgCode: orgCode.optional(),
  institutionId: id.optional(),
  appealId: id.optional(),
  status: z.enum(legalAidCaseStatuses).optional(),
  ...pageQuery,
});
/** Newest first. */
export const caseOrder: ListOrder<readonly [number]> = { name: 'legal_aid_cases.id.desc', key: z.tuple([z.number().int().positive()]).readonly() };

export const legalAidCaseView = z.object({
  id: z.number(),
  institutionId: z.number(),
  institutionName: z.string(),
  orgCode: z.string(),
  orgName: z.string(),
  appealId: z.number(),
  appealKind: z.enum(appealKinds),
  appealCategory: z.enum(appealCategories),
  appealStatus: z.enum(appealStatuses),
  staffId: z.number().nullable(),
  /** Masked. */
  staffName: z.string().nullable(),
  staffKind: z.enum(legalAidStaffKinds).nullable(),
  acceptedOn: z.string(),
  status: z.enum(legalAidCaseStatuses),
  outcome: z.enum(legalAidOutcomes).nullable(),
  recoveredFen: z.number(),
  closedOn: z.string().nullable(),
  abilities: z.object({ assign: z.boolean(), close: z.boolean() }),
});
export const legalAidCaseDetail = legalAidCaseView.extend({ history: z.array(auditEventView) });
export const legalAidCaseList = pageOf(legalAidCaseView);

const tags = ['appeals'];
const base = '/appeals/legal-aid';

export const legalAidEndpoints = {
  listInstitutions: endpoint({ method: 'GET', path: `${base}/institutions`, summary: 'Legal-aid institutions of the federations in the scope', tags, query: listInstitutionsQuery, response: institutionList }),
  createInstitution: endpoint({ method: 'POST', path: `${base}/institutions`, summary: 'Set up the legal-aid institution of a province, city or county federation', tags, body: createInstitutionRequest, response: institutionDetail, status: 201 }),
  getInstitution: endpoint({ method: 'GET', path: `${base}/institutions/:institutionId`, summary: 'A legal-aid institution with its audit history', tags, params: institutionParams, response: institutionDetail }),
  updateInstitution: endpoint({ method: 'PATCH', path: `${base}/institutions/:institutionId`, summary: "Edit a legal-aid institution's name or established date", tags, params: institutionParams, body: updateInstitutionRequest, response: institutionDetail }),
  listStaff: endpoint({ method: 'GET', path: `${base}/institutions/:institutionId/staff`, summary: "An institution's lawyers and volunteers, masked", tags, params: institutionParams, query: listStaffQuery, response: staffList }),
  addStaff: endpoint({ method: 'POST', path: `${base}/institutions/:institutionId/staff`, summary: 'Add a lawyer or volunteer to an institution', tags, params: institutionParams, body: addStaffRequest, response: staffView, status: 201 }),
  revealStaff: endpoint({ method: 'POST', path: `${base}/institutions/:institutionId/staff/:staffId/reveal`, summary: "Show a lawyer's or volunteer's name and phone in full (audited)", tags, params: staffParams, response: revealStaffView }),
  listCases: endpoint({ method: 'GET', path: `${base}/cases`, summary: 'Legal-aid cases of the institutions in the scope, newest first', tags, query: listCasesQuery, response: legalAidCaseList }),
  takeCase: endpoint({ method: 'POST', path: `${base}/cases`, summary: 'Take on a legal-aid case for an appeal', tags, body: takeCaseRequest, response: legalAidCaseDetail, status: 201 }),
  getCase: endpoint({ method: 'GET', path: `${base}/cases/:legalAidCaseId`, summary: 'A legal-aid case with its audit history', tags, params: legalAidCaseParams, response: legalAidCaseDetail }),
  assignCase: endpoint({ method: 'POST', path: `${base}/cases/:legalAidCaseId/assign`, summary: 'Give a legal-aid case to a lawyer or volunteer of its institution', tags, params: legalAidCaseParams, body: assignCaseRequest, response: legalAidCaseDetail }),
  closeCase: endpoint({ method: 'POST', path: `${base}/cases/:legalAidCaseId/close`, summary: 'Close a legal-aid case with its outcome and the amount recovered (fen)', tags, params: legalAidCaseParams, body: closeCaseRequest, response: legalAidCaseDetail }),
};

export type CreateInstitutionRequest = z.output<typeof createInstitutionRequest>;
export type UpdateInstitutionRequest = z.output<typeof updateInstitutionRequest>;
export type ListInstitutionsQuery = z.output<typeof listInstitutionsQuery>;
export type InstitutionView = z.output<typeof institutionView>;
export type InstitutionDetail = z.output<typeof institutionDetail>;
export type AddStaffRequest = z.output<typeof addStaffRequest>;
export type ListStaffQuery = z.output<typeof listStaffQuery>;
export type StaffView = z.output<typeof staffView>;
export type RevealStaffView = z.output<typeof revealStaffView>;
export type TakeCaseRequest = z.output<typeof takeCaseRequest>;
export type CloseCaseRequest = z.output<typeof closeCaseRequest>;
export type ListCasesQuery = z.output<typeof listCasesQuery>;
export type LegalAidCaseView = z.output<typeof legalAidCaseView>;
export type LegalAidCaseDetail = z.output<typeof legalAidCaseDetail>;
