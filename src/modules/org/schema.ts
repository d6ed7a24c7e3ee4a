import { z } from 'zod';
import { pageOf, pageQuery, type ListOrder } from '../../core/paging.ts';
import { endpoint } from '../../core/contract.ts';
import { isValidCreditCode, normaliseCreditCode } from './credit-code.ts';

export const orgKinds = ['federation', 'township', 'alliance', 'grassroots'] as const;
export const orgLevels = ['province', 'city', 'county', 'township', 'grassroots'] as const;
/** The kinds staff create; federations come from the administrative divisions. */
export const creatableKinds = ['township', 'alliance', 'grassroots'] as const;

/** 全国产业工会: the national industry unions, the second axis of classification. */
export const industryUnions = [
  'education', // 教科文卫体
  'machinery', // 机械冶金建材
  'energy', // 能源化学
  'seamen_construction', // 海员建设
  'agriculture', // 农林水利气象
  'defence_post', // 国防邮电
  'commerce', // 财贸轻纺烟草
  'finance', // 金融
  'railway', // 铁路
  'civil_aviation', // 民航
] as const;

/** Ownership classes of the national statistics (登记注册类型, simplified as the report uses them). */
export const ownerships = ['state', 'collective', 'private', 'foreign', 'hmt', 'public_institution', 'agency', 'other'] as const;
export const sizeClasses = ['large', 'medium', 'small', 'micro'] as const;
/** GB/T 4754-2017 sections A–T. */
export const industries = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O', 'P', 'Q', 'R', 'S', 'T'] as const;

export type OrgKind = (typeof orgKinds)[number];
export type OrgLevel = (typeof orgLevels)[number];

export const orgCode = z.string().trim().min(1).max(40);
const name = z.string().trim().min(1).max(100);
const isoDate = z.iso.date();

export const creditCode = z
  .string()
  .max(40)
  .transform(normaliseCreditCode)
  .refine((value) => value === '' || isValidCreditCode(value), { message: 'org.invalid_credit_code', params: { code: 'invalid_credit_code' } })
  .transform((value) => (value === '' ? null : value));

export const createOrgRequest = z.object({
  parentCode: orgCode,
  kind: z.enum(creatableKinds),
  name,
  regionCode: z.string().trim().regex(/^\d{6}(\d{3})?$/).optional(),
  industry: z.enum(industryUnions).optional(),
  /** The employer a grassroots union belongs to (required unless the union sits in an alliance). */
  employerId: z.number().int().positive().optional(),
  foundedOn: isoDate.optional(),
  hasWomenCommittee: z.boolean().optional(),
  hasProfessionalChair: z.boolean().optional(),
  partyUnionJoint: z.boolean().optional(),
});

export const updateOrgRequest = createOrgRequest
  .omit({ parentCode: true, kind: true })
  .extend({ regionCode: createOrgRequest.shape.regionCode.nullable(), industry: createOrgRequest.shape.industry.nullable() })
  .partial();

export const moveOrgRequest = z.object({
  parentCode: orgCode,
  /** The date the move takes effect, for reading past years as the tree was then. */
  movedOn: isoDate,
});

export const orgParams = z.object({ orgCode });

export const listOrgsQuery = z.object({
  /** Children of this org; without it, the caller's own org's children. */
  parentCode: orgCode.optional(),
  /** `children`: one level down; `subtree`: everything below. */
  depth: z.enum(['children', 'subtree']).default('children'),
  kind: z.enum(orgKinds).optional(),
  /** `employers`: only the orgs employers are registered under (federations and township unions). */
  registers: z.enum(['employers']).optional(),
  industry: z.enum(industryUnions).optional(),
  q: z.string().trim().max(100).optional(),
  /** Orders an index gives (each ends with the unique code). */
  sort: z.enum(['code', 'name', 'kind']).default('code'),
  order: z.enum(['asc', 'desc']).default('asc'),
  ...pageQuery,
});

export const orgAbilities = z.object({ update: z.boolean(), move: z.boolean(), addChild: z.boolean() });

export const orgView = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  /** The name's pinyin initials (南关区总工会 → NGQZGH), by which the org picker finds it too. */
  nameInitials: z.string(),
  kind: z.enum(orgKinds),
  level: z.enum(orgLevels),
  /** Null for the root, and when the parent lies outside the caller's scope (its name is still given). */
  parentCode: z.string().nullable(),
  parentName: z.string().nullable(),
  path: z.string(),
  depth: z.number(),
  regionCode: z.string().nullable(),
  industry: z.enum(industryUnions).nullable(),
  employerId: z.number().nullable(),
  employerName: z.string().nullable(),
  foundedOn: z.string().nullable(),
  hasWomenCommittee: z.boolean(),
  hasProfessionalChair: z.boolean(),
  partyUnionJoint: z.boolean(),
  childCount: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: orgAbilities,
});

export const orgList = pageOf(orgView);

/** The org list's orders; a cursor is a row's place in one of them. */
export function orgOrder(sort: 'code' | 'name' | 'kind', order: 'asc' | 'desc'): ListOrder<readonly unknown[]> {
  const code = z.string().max(40);
  return { name: `orgs.${sort}.${order}`, key: sort === 'code' ? z.tuple([code]).readonly() : z.tuple([z.string().max(100), code]).readonly() };
}

/** Ancestors from the root down to the org: the breadcrumb of every page. */
export const orgTrail = z.object({ items: z.array(z.object({ code: z.string(), name: z.string(), kind: z.enum(orgKinds), level: z.enum(orgLevels) })) });

export const orgMoveView = z.object({
  movedOn: z.string(),
  fromParentCode: z.string(),
  fromParentName: z.string(),
  toParentCode: z.string(),
  toParentName: z.string(),
  createdAt: z.string(),
});
export const orgMoves = z.object({ items: z.array(orgMoveView) });

// Employers.

const employerFields = z.object({
  /** The federation or township union the employer is registered under. */
  orgCode,
  name: z.string().trim().min(1).max(200),
  creditCode: creditCode.optional(),
  ownership: z.enum(ownerships),
  sizeClass: z.enum(sizeClasses),
  aboveScale: z.boolean(),
  industry: z.enum(industries),
  regionCode: z.string().trim().regex(/^\d{6}$/).optional(),
  employeeCount: z.number().int().min(0).max(1_000_000),
  address: z.string().trim().max(200).optional(),
});

export const createEmployerRequest = employerFields.extend({
  aboveScale: employerFields.shape.aboveScale.default(false),
  employeeCount: employerFields.shape.employeeCount.default(0),
});

// No defaults here: a field left out of an edit must stay as it is.
export const updateEmployerRequest = employerFields
  .omit({ orgCode: true })
  .extend({ creditCode: creditCode.nullable(), regionCode: z.string().trim().regex(/^\d{6}$/).nullable(), address: z.string().trim().max(200).nullable() })
  .partial();

export const employerParams = z.object({ employerId: z.coerce.number().int().positive().max(2 ** 31) });

export const listEmployersQuery = z.object({
  orgCode: orgCode.optional(),
  /**
   * The employers a grassroots union under (or at) this org may belong to: without a union, registered in the area of
   * the nearest federation or township union at or above it (its subtree), or directly with an org above that area
   * (an employer not yet placed in a street). Replaces `orgCode`; `unionised` is then `no`.
   */
  forUnionUnder: orgCode.optional(),
  q: z.string().trim().max(100).optional(),
  ownership: z.enum(ownerships).optional(),
  sizeClass: z.enum(sizeClasses).optional(),
  unionised: z.enum(['yes', 'no']).optional(),
  /** Orders an index gives (each ends with the id). */
  sort: z.enum(['name', 'employeeCount']).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
  ...pageQuery,
});

export const employerView = z.object({
  id: z.number(),
  name: z.string(),
  creditCode: z.string().nullable(),
  ownership: z.enum(ownerships),
  sizeClass: z.enum(sizeClasses),
  aboveScale: z.boolean(),
  industry: z.enum(industries),
  regionCode: z.string().nullable(),
  employeeCount: z.number(),
  address: z.string().nullable(),
  orgCode: z.string(),
  orgName: z.string(),
  unionCode: z.string().nullable(),
  unionName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: z.object({ update: z.boolean() }),
});

export const employerList = pageOf(employerView);

/** The employer list's orders; a cursor is a row's place in one of them. */
export function employerOrder(sort: 'name' | 'employeeCount', order: 'asc' | 'desc'): ListOrder<readonly unknown[]> {
  const id = z.number().int().positive();
  return { name: `employers.${sort}.${order}`, key: z.tuple([sort === 'name' ? z.string().max(200) : z.number().int().min(0), id]).readonly() };
}

export type CreateOrgRequest = z.infer<typeof createOrgRequest>;
export type UpdateOrgRequest = z.infer<typeof updateOrgRequest>;
export type MoveOrgRequest = z.infer<typeof moveOrgRequest>;
export type ListOrgsQuery = z.infer<typeof listOrgsQuery>;
export type OrgView = z.infer<typeof orgView>;
export type CreateEmployerRequest = z.infer<typeof createEmployerRequest>;
export type UpdateEmployerRequest = z.infer<typeof updateEmployerRequest>;
export type ListEmployersQuery = z.infer<typeof listEmployersQuery>;
export type EmployerView = z.infer<typeof employerView>;

const orgTags = ['org'];
const employerTags = ['employers'];

export const orgEndpoints = {
  list: endpoint({ method: 'GET', path: '/orgs', tags: orgTags, summary: 'Children (or the subtree) of an org in scope', query: listOrgsQuery, response: orgList }),
  create: endpoint({ method: 'POST', path: '/orgs', tags: orgTags, summary: 'Add a township union, union alliance or grassroots union', body: createOrgRequest, response: orgView, status: 201 }),
  get: endpoint({ method: 'GET', path: '/orgs/:orgCode', tags: orgTags, summary: 'One org', params: orgParams, response: orgView }),
  update: endpoint({ method: 'PATCH', path: '/orgs/:orgCode', tags: orgTags, summary: 'Edit an org', params: orgParams, body: updateOrgRequest, response: orgView }),
  move: endpoint({ method: 'POST', path: '/orgs/:orgCode/move', tags: orgTags, summary: 'Move an org with its subtree under another parent', params: orgParams, body: moveOrgRequest, response: orgView }),
  trail: endpoint({ method: 'GET', path: '/orgs/:orgCode/trail', tags: orgTags, summary: 'The org’s ancestors within scope, root first', params: orgParams, response: orgTrail }),
  moves: endpoint({ method: 'GET', path: '/orgs/:orgCode/moves', tags: orgTags, summary: 'The org’s moves, newest first', params: orgParams, response: orgMoves }),
};

export const employerEndpoints = {
  list: endpoint({ method: 'GET', path: '/employers', tags: employerTags, summary: 'Employers in scope', query: listEmployersQuery, response: employerList }),
  create: endpoint({ method: 'POST', path: '/employers', tags: employerTags, summary: 'Register an employer', body: createEmployerRequest, response: employerView, status: 201 }),
  get: endpoint({ method: 'GET', path: '/employers/:employerId', tags: employerTags, summary: 'One employer', params: employerParams, response: employerView }),
  update: endpoint({ method: 'PATCH', path: '/employers/:employerId', tags: employerTags, summary: 'Edit an employer', params: employerParams, body: updateEmployerRequest, response: employerView }),
};
