import { z } from 'zod';
import { endpoint } from '../../core/contract.ts';
import { appealCategories, appealFields, appealKinds, appealParams, appealStatuses, ratingRequest, ratings } from './schema.ts';

/**
 * The public page's contracts (workers with no account: src/core/public/README.md) and the staff's view of the files
 * those workers attach. The tracking code is the path's `:trackingCode`; the request log never writes it.
 */

/** What an upload answers and a submission names: 22 characters of base64url, 128 random bits, good once. */
export const uploadId = z.string().regex(/^[A-Za-z0-9_-]{22}$/);
export const maxAttachments = 5;
/** 5 MB each: a phone's photo of a pay slip, a scanned contract. */
export const maxAttachmentBytes = 5 * 1024 * 1024;

export const publicAppealRequest = appealFields.extend({
  /** Files uploaded first (`POST /public/appeals/attachments`), named by the ids those uploads answered. */
  attachments: z.array(uploadId).max(maxAttachments).default([]),
});

export const trackingParams = z.object({ trackingCode: z.string().max(64) });

export const publicReceipt = z.object({
  /** Shown once: XXXX-XXXX-XXXX-XXXX-XXXX, 100 random bits. */
  trackingCode: z.string(),
  status: z.enum(appealStatuses),
  submittedOn: z.string(),
});

/** What the holder of a tracking code sees: the status, the dates, the answer; no staff names, no internal notes. */
export const publicAppealView = z.object({
  status: z.enum(appealStatuses),
  kind: z.enum(appealKinds),
  category: z.enum(appealCategories),
  submittedOn: z.string(),
  acceptedOn: z.string().nullable(),
  dueOn: z.string().nullable(),
  answeredOn: z.string().nullable(),
  answer: z.string().nullable(),
  closedOn: z.string().nullable(),
  rating: z.enum(ratings).nullable(),
  /** The steps the worker sees, with their dates only. */
  steps: z.array(z.object({ step: z.string(), happenedOn: z.string() })),
  attachments: z.number(),
  abilities: z.object({ rate: z.boolean() }),
});

export const uploadReceipt = z.object({ uploadId, fileName: z.string(), contentType: z.string(), sizeBytes: z.number() });

export const employerSearchQuery = z.object({ name: z.string().trim().min(2).max(50) });
export const publicEmployers = z.object({
  items: z.array(z.object({ id: z.number(), name: z.string(), countyCode: z.string().nullable(), countyName: z.string().nullable() })),
});

/** The places a worker may choose: the county federations (县、市、区总工会), with their city. */
export const publicPlaces = z.object({ items: z.array(z.object({ code: z.string(), name: z.string(), cityName: z.string() })) });

export const attachmentView = z.object({ id: z.number(), fileName: z.string(), contentType: z.string(), sizeBytes: z.number(), uploadedAt: z.string() });
export const attachmentParams = appealParams.extend({ attachmentId: z.coerce.number().int().positive().max(2 ** 31) });

const publicTags = ['appeals', 'public'];
export const publicAppealEndpoints = {
  submit: endpoint({ method: 'POST', path: '/public/appeals', summary: 'A worker sends in an appeal (no account; a challenge and a rate limit apply)', tags: publicTags, body: publicAppealRequest, response: publicReceipt, status: 201 }),
  track: endpoint({ method: 'GET', path: '/public/appeals/:trackingCode', summary: 'The appeal of a tracking code: its status, dates and answer', tags: publicTags, params: trackingParams, response: publicAppealView }),
  rate: endpoint({ method: 'POST', path: '/public/appeals/:trackingCode/rating', summary: 'The worker rates the answer (not satisfied reopens it at the level above)', tags: publicTags, params: trackingParams, body: ratingRequest, response: publicAppealView }),
  upload: endpoint({ method: 'POST', path: '/public/appeal-attachments', summary: 'A file for an appeal not yet sent (JPEG, PNG or PDF, 5 MB at most): answers the upload id the submission names', tags: publicTags, response: uploadReceipt, status: 201 }),
  employers: endpoint({ method: 'GET', path: '/public/employers', summary: 'Known employers by name (at most 10): name and county only', tags: publicTags, query: employerSearchQuery, response: publicEmployers }),
  places: endpoint({ method: 'GET', path: '/public/appeal-places', summary: 'The county federations an appeal may be sent to, with their city', tags: publicTags, response: publicPlaces }),
};

export const attachmentEndpoints = {
  list: endpoint({ method: 'GET', path: '/appeals/:appealId/attachments', summary: "The files the worker attached to an appeal", tags: ['appeals'], params: appealParams, response: z.object({ items: z.array(attachmentView) }) }),
  download: endpoint({ method: 'GET', path: '/appeals/:appealId/attachments/:attachmentId', summary: 'Download one attached file (audited)', tags: ['appeals'], params: attachmentParams, response: z.unknown() }),
};

export type PublicAppealRequest = z.output<typeof publicAppealRequest>;
export type PublicAppealView = z.output<typeof publicAppealView>;
