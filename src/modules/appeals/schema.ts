import { z } from 'zod';
import { endpoint } from '../../core/contract.ts';
import { pageOf, pageQuery, type ListOrder } from '../../core/paging.ts';
import { idNumber, phone } from '../members/schema.ts';

/** The 12351 line's kinds of request. */
export const appealKinds = ['consultation', 'help', 'complaint', 'legal_aid', 'suggestion'] as const;
export const appealCategories = ['wages', 'social_insurance', 'contract', 'dismissal', 'hours_leave', 'safety_health', 'discrimination', 'other'] as const;
/** How it came in: the public page, the 12351 hotline, a visit, a letter. */
export const appealChannels = ['online', 'hotline', 'visit', 'letter'] as const;
export const difficulties = ['simple', 'ordinary', 'complex'] as const;
export const ratings = ['satisfied', 'basically', 'not_satisfied'] as const;
export const centreKinds = ['centre', 'station'] as const;
/**
 * The case's states (README.md, "States"): submitted → accepted → in_progress ⇄ waiting → answered → closed;
 * a not-satisfied rating makes a closed case `reviewing` at the level above.
 */
export const appealStatuses = ['submitted', 'accepted', 'in_progress', 'waiting', 'answered', 'closed', 'reviewing'] as const;

export type AppealKind = (typeof appealKinds)[number];
export type AppealCategory = (typeof appealCategories)[number];
export type AppealChannel = (typeof appealChannels)[number];
export type Difficulty = (typeof difficulties)[number];
export type Rating = (typeof ratings)[number];
export type CentreKind = (typeof centreKinds)[number];
export type AppealStatus = (typeof appealStatuses)[number];

export const isoDate = z.iso.date();

// Contracts (one per endpoint). The public page's form and the staff form both take `appealFields`.

const text = (max: number) => z.string().trim().min(1).max(max);
const orgCode = z.string().trim().min(1).max(40);
const note = z.string().trim().max(2000);
const id = z.coerce.number().int().positive().max(2 ** 31);
/** An id in a JSON body: a number, never coerced (a missing one is missing, not NaN). */
const bodyId = z.number().int().positive().max(2 ** 31);

/** What a worker tells: the same fields on the public page and in a staff member's form (a call, a visit, a letter). */
export const appealFields = z.object({
  kind: z.enum(appealKinds),
  category: z.enum(appealCategories),
  /** A known employer (the org module's), or only the name as typed. */
  employerId: bodyId.optional(),
  employerName: text(100),
  /** Where it happened: the county (or township) federation's code. */
  placeCode: orgCode,
  facts: text(4000),
  request: text(2000),
  groupInvolved: z.boolean().default(false),
  anonymous: z.boolean().default(false),
  name: z.string().trim().min(1).max(50).optional(),
  phone: phone.optional(),
  /** Checked as the roster checks one (its check character), when given. */
  idNumber: idNumber.optional(),
});

export const createAppealRequest = appealFields.extend({
  /** The org that received it (in the officer's scope): it accepts it, or sends it on or down. */
  orgCode,
  channel: z.enum(appealChannels),
});

export const appealParams = z.object({ appealId: id });

/** The list's filters without paging or queue, and whether the worker's name, phone and ID number come in full. */
export const exportAppealsQuery = z.object({
  orgCode: orgCode.optional(),
  status: z.enum(appealStatuses).optional(),
  category: z.enum(appealCategories).optional(),
  kind: z.enum(appealKinds).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  /** 1: in full (officers, reviewers and admins; audited as such). */
  full: z.enum(['0', '1']).default('0'),
});

export const appealQueues = ['mine', 'new', 'due_soon', 'overdue', 'review'] as const;

export const listAppealsQuery = z.object({
  orgCode: orgCode.optional(),
  status: z.enum(appealStatuses).optional(),
  category: z.enum(appealCategories).optional(),
  kind: z.enum(appealKinds).optional(),
  /** One of the work queues (queues.ts): the same filter as its count. */
  queue: z.enum(appealQueues).optional(),
  /** Cases submitted in this year (the shell's year picker). */
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  ...pageQuery,
});

/**
 * The case list's one order (migration 0008's index): a pressed (督办) case still open first, then the earliest due
 * (a case with no deadline yet last), then the oldest. A cursor is a row's place in it.
 */
export const appealOrder: ListOrder<readonly [boolean, string, number]> = {
  name: 'appeals.queue',
  key: z.tuple([z.boolean(), isoDate, z.number().int().positive()]).readonly(),
};

export const noteRequest = z.object({ note: note.optional() });
export const reasonRequest = z.object({ reason: text(500) });
export const forwardRequest = z.object({ orgCode, reason: text(500) });
export const difficultyRequest = z.object({ difficulty: z.enum(difficulties) });
export const assignRequest = z.object({ handlerId: bodyId });
export const actionKinds = ['action', 'contact', 'mediation', 'legal_aid'] as const;
export const actionRequest = z.object({ kind: z.enum(actionKinds), note: text(2000) });
export const answerRequest = z.object({ answer: text(4000) });
export const reviewRequest = z.object({ decision: z.enum(['approve', 'return']), note: note.optional() });
export const extensionRequest = z.object({ days: z.number().int().min(1).max(30), reason: text(500) });
export const extensionDecisionRequest = z.object({ approve: z.boolean(), note: note.optional() });
export const superviseRequest = z.object({ note: text(1000) });
export const ratingRequest = z.object({ rating: z.enum(ratings), reason: z.string().trim().max(500).optional() });
export const reconsiderRequest = z.object({ decision: z.enum(['uphold', 'redo']), note: text(1000) });

export const appealSteps = [
  'accept', 'forward', 'escalate', 'setDifficulty', 'assign', 'record', 'wait', 'resume', 'answer', 'review',
  'requestExtension', 'decideExtension', 'supervise', 'rate', 'reconsider',
] as const;
export type AppealStep = (typeof appealSteps)[number];
export const appealAbilities = z.object(Object.fromEntries(appealSteps.map((step) => [step, z.boolean()])) as Record<AppealStep, z.ZodBoolean>);

export const appealView = z.object({
  id: z.number(),
  status: z.enum(appealStatuses),
  kind: z.enum(appealKinds),
  category: z.enum(appealCategories),
  channel: z.enum(appealChannels),
  orgCode: z.string(),
  orgName: z.string(),
  receivedOrgName: z.string(),
  dispatchedByOrgName: z.string().nullable(),
  placeName: z.string(),
  employerId: z.number().nullable(),
  employerName: z.string(),
  facts: z.string(),
  request: z.string(),
  groupInvolved: z.boolean(),
  anonymous: z.boolean(),
  /** Masked: the first character only; null for an anonymous appeal. */
  name: z.string().nullable(),
  /** Masked (138****5678). */
  phone: z.string().nullable(),
  /** Masked (its last four). */
  idNumber: z.string().nullable(),
  difficulty: z.enum(difficulties).nullable(),
  handlerId: z.number().nullable(),
  submittedOn: z.string(),
  acceptedOn: z.string().nullable(),
  dueOn: z.string().nullable(),
  /** Open, counting, and past its due date as of today. */
  overdue: z.boolean(),
  pausedOn: z.string().nullable(),
  extensionDays: z.number(),
  extensionRequested: z.number().nullable(),
  answeredOn: z.string().nullable(),
  answer: z.string().nullable(),
  closedOn: z.string().nullable(),
  rating: z.enum(ratings).nullable(),
  ratingReason: z.string().nullable(),
  ratingSource: z.enum(['online', 'callback']).nullable(),
  supervisedAt: z.string().nullable(),
  abilities: appealAbilities,
});

export const appealEventView = z.object({
  id: z.number(),
  step: z.string(),
  fromStatus: z.enum(appealStatuses).nullable(),
  toStatus: z.enum(appealStatuses).nullable(),
  orgName: z.string(),
  actorName: z.string(),
  happenedOn: z.string(),
  at: z.string(),
  note: z.string().nullable(),
  internal: z.boolean(),
});

export const appealDetail = appealView.extend({
  handlerName: z.string().nullable(),
  /** The worker's active memberships of the reader's scope, found by the ID number's keyed hash (members' service). */
  rosterMemberships: z.array(z.object({ membershipId: z.number().int(), orgCode: z.string(), orgName: z.string() })),
  timeline: z.array(appealEventView),
});

export const appealList = pageOf(appealView);

/** An account that may be assigned a case: of the handling org or below, an officer or an admin. */
export const handlerView = z.object({ id: z.number(), name: z.string(), orgName: z.string() });
export const handlerList = z.object({ items: z.array(handlerView) });

const tags = ['appeals'];
const step = <B extends z.ZodType>(path: string, summary: string, body: B) =>
  endpoint({ method: 'POST', path: `/appeals/:appealId/${path}`, summary, tags, params: appealParams, body, response: appealDetail });

export const appealEndpoints = {
  list: endpoint({ method: 'GET', path: '/appeals', summary: 'Appeals in the scope, or one work queue of them', tags, query: listAppealsQuery, response: appealList }),
  create: endpoint({ method: 'POST', path: '/appeals', summary: 'Enter an appeal received by phone, visit or letter', tags, body: createAppealRequest, response: appealDetail, status: 201 }),
  get: endpoint({ method: 'GET', path: '/appeals/:appealId', summary: 'An appeal with its timeline and what the caller may do', tags, params: appealParams, response: appealDetail }),
  export: endpoint({ method: 'GET', path: '/appeals/export', summary: 'The cases of the list as a streamed .xlsx, masked unless full=1 (audited)', tags, query: exportAppealsQuery, response: z.unknown() }),
  handlers: endpoint({ method: 'GET', path: '/appeals/:appealId/handlers', summary: 'The accounts the appeal may be assigned to', tags, params: appealParams, response: handlerList }),
  accept: step('accept', 'Accept the appeal at its org', noteRequest),
  forward: step('forward', 'Send it on to another org, or down to one below (派单), with a reason', forwardRequest),
  escalate: step('escalate', 'Send it up to the level above, with a reason', reasonRequest),
  setDifficulty: step('difficulty', 'Set its difficulty, which sets the deadline in working days', difficultyRequest),
  assign: step('assign', 'Assign a handler', assignRequest),
  record: step('actions', 'Record an action, a contact, or a referral to mediation or legal aid', actionRequest),
  wait: step('wait', 'Wait for the worker: the clock stops', noteRequest),
  resume: step('resume', 'The worker answered: the clock runs again', noteRequest),
  answer: step('answer', 'Answer the worker', answerRequest),
  review: step('review', 'Quality check (质检): close it, or return it to be done again', reviewRequest),
  requestExtension: step('extension', 'Ask the level above for more working days', extensionRequest),
  decideExtension: step('extension/decide', 'Approve or refuse an extension (the level above)', extensionDecisionRequest),
  supervise: step('supervise', 'Press the handling org (督办) with a note (an org above)', superviseRequest),
  rate: step('rating', "Enter the worker's rating taken by a callback (回访)", ratingRequest),
  reconsider: step('reconsider', 'Decide a reopened appeal (the level above): uphold the answer, or have it redone', reconsiderRequest),
};

export type AppealFields = z.output<typeof appealFields>;
export type CreateAppealRequest = z.output<typeof createAppealRequest>;
export type ExportAppealsQuery = z.output<typeof exportAppealsQuery>;
export type ListAppealsQuery = z.output<typeof listAppealsQuery>;
export type AppealView = z.output<typeof appealView>;
export type AppealDetail = z.output<typeof appealDetail>;
export type AppealQueue = (typeof appealQueues)[number];
export type ActionKind = (typeof actionKinds)[number];
