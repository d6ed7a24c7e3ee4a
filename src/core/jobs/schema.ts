import { z } from 'zod';
import { endpoint } from '../contract.ts';

export const jobStatuses = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof jobStatuses)[number];

/** The statuses a job never leaves. */
export const finishedStatuses: readonly JobStatus[] = ['succeeded', 'failed', 'cancelled'];

// Ids are bigint in the table; above 2^53 a JavaScript number would not say which job is meant.
const jobId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const jobParams = z.object({ jobId });

export const listJobsQuery = z.object({
  /** A module's job kind, such as `members.import`. */
  kind: z.string().trim().max(60).optional(),
  status: z.enum(jobStatuses).optional(),
  before: jobId.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** Why a job failed: the same code and message key an AppError carries, with the message in the reader's language. */
export const jobError = z.object({
  code: z.string(),
  messageKey: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  message: z.string(),
  /** For a validation failure: each field's reason, as in problem+json. */
  errors: z.array(z.object({ path: z.string(), code: z.string(), message: z.string() })),
});

export const jobView = z.object({
  id: z.number(),
  kind: z.string(),
  status: z.enum(jobStatuses),
  /** Asked to stop but still running: the handler stops at its next look. */
  cancelRequested: z.boolean(),
  progressDone: z.number(),
  progressTotal: z.number().nullable(),
  /** Whole percent; null while the total is unknown (the page shows an indeterminate bar). */
  percent: z.number().nullable(),
  result: z.unknown(),
  error: jobError.nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  abilities: z.object({ cancel: z.boolean() }),
});

export const jobList = z.object({ items: z.array(jobView) });

export type ListJobsQuery = z.infer<typeof listJobsQuery>;
export type JobView = z.infer<typeof jobView>;

const tags = ['jobs'];

export const jobEndpoints = {
  list: endpoint({ method: 'GET', path: '/jobs', tags, summary: 'Jobs in scope, newest first', query: listJobsQuery, response: jobList }),
  get: endpoint({ method: 'GET', path: '/jobs/:jobId', tags, summary: 'One job with its progress', params: jobParams, response: jobView }),
  cancel: endpoint({ method: 'POST', path: '/jobs/:jobId/cancel', tags, summary: 'Ask a job to stop; what it has committed stays', params: jobParams, response: jobView }),
};
