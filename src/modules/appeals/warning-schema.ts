import { z } from 'zod';
import { endpoint } from '../../core/contract.ts';
import { appealCategories, appealStatuses } from './schema.ts';

/** The early warning's contracts (README.md, "Early warning"): the queue of warnings and the steps taken on one. */

export const warningReasons = ['cluster', 'group'] as const;
export const warningStatuses = ['open', 'acknowledged', 'closed'] as const;
export const warningSteps = ['acknowledge', 'followUp', 'close'] as const;
export type WarningStep = (typeof warningSteps)[number];

const id = z.coerce.number().int().positive().max(2 ** 31);

export const warningParams = z.object({ warningId: id });
export const listWarningsQuery = z.object({
  orgCode: z.string().trim().min(1).max(40).optional(),
  status: z.enum(warningStatuses).optional(),
  category: z.enum(appealCategories).optional(),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  page: z.coerce.number().int().min(1).max(10000).default(1),
});
export const acknowledgeRequest = z.object({ note: z.string().trim().max(2000).optional() });
export const warningNoteRequest = z.object({ note: z.string().trim().min(1).max(2000) });

export const warningView = z.object({
  id: z.number(),
  reason: z.enum(warningReasons),
  category: z.enum(appealCategories),
  /** The county federation of the place: it and the orgs above it see the warning. */
  orgCode: z.string(),
  orgName: z.string(),
  employerId: z.number().nullable(),
  employerName: z.string(),
  /** The threshold and window in force when it was raised (a group warning: 1 appeal). */
  threshold: z.number(),
  windowDays: z.number(),
  appealCount: z.number(),
  raisedOn: z.string(),
  status: z.enum(warningStatuses),
  acknowledgedOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  abilities: z.object(Object.fromEntries(warningSteps.map((step) => [step, z.boolean()])) as Record<WarningStep, z.ZodBoolean>),
});

export const warningDetail = warningView.extend({
  timeline: z.array(z.object({ id: z.number(), step: z.string(), orgName: z.string(), actorName: z.string(), happenedOn: z.string(), at: z.string(), note: z.string().nullable(), appealId: z.number().nullable() })),
  /** The appeals it is about that the reader may see. */
  appeals: z.array(z.object({ id: z.number(), status: z.enum(appealStatuses), submittedOn: z.string(), groupInvolved: z.boolean(), orgName: z.string() })),
});

export const warningList = z.object({
  items: z.array(warningView),
  total: z.number().nullable(),
  capped: z.boolean(),
  page: z.number().nullable(),
  pageSize: z.number(),
  next: z.string().nullable(),
  prev: z.string().nullable(),
});

const tags = ['appeals'];
const step = <B extends z.ZodType>(path: string, summary: string, body: B) =>
  endpoint({ method: 'POST', path: `/appeals/warnings/:warningId/${path}`, summary, tags, params: warningParams, body, response: warningDetail });

export const warningEndpoints = {
  list: endpoint({ method: 'GET', path: '/appeals/warnings', summary: 'Dispute early warnings in the scope, open ones first', tags, query: listWarningsQuery, response: warningList }),
  get: endpoint({ method: 'GET', path: '/appeals/warnings/:warningId', summary: 'A warning with its appeals, its timeline and what the caller may do', tags, params: warningParams, response: warningDetail }),
  acknowledge: step('acknowledge', 'Acknowledge a warning (签收)', acknowledgeRequest),
  followUp: step('follow-up', 'Record what was done about a warning', warningNoteRequest),
  close: step('close', 'Close a warning with its outcome', warningNoteRequest),
};

export type ListWarningsQuery = z.output<typeof listWarningsQuery>;
export type WarningView = z.output<typeof warningView>;
export type WarningDetail = z.output<typeof warningDetail>;
