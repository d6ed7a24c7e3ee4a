import { z } from 'zod';
import { endpoint } from '../../core/contract.ts';
import { pageOf, pageQuery, type ListOrder } from '../../core/paging.ts';
import { normaliseIdNumber, parseIdNumber } from './id-number.ts';
import { today } from '../../core/dates.ts';

export const households = ['urban', 'rural'] as const;
export const endReasons = ['left', 'retired', 'deceased', 'transferred'] as const;
/** Reasons a user gives when ending a membership; `transferred` is set by an accepted transfer only. */
export const userEndReasons = ['left', 'retired', 'deceased'] as const;
export const educations = ['primary', 'junior', 'senior', 'vocational', 'college', 'bachelor', 'master', 'doctor'] as const;
export const revealableFields = ['idNumber', 'phone'] as const;

/**
 * Province codes of GB/T 2260 (11 Beijing … 82 Macao). ID numbers are checked to this level only: the county
 * codes of people born decades ago include counties since merged or renamed, which a current list would reject.
 */
const provinceCodes = new Set(['11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82']);
export const knownRegion = (code: string) => provinceCodes.has(code.slice(0, 2));

const isoDate = z.iso.date();
const notFuture = (date: string) => date <= today();
const pastDate = isoDate.refine(notFuture, { message: 'members.future_date', params: { code: 'future_date' } });

/** An ID number as typed, normalised; a refinement names what is wrong with it. */
export const idNumber = z
  .string()
  .max(40)
  .superRefine((value, context) => {
    const parsed = parseIdNumber(value, knownRegion);
    if (typeof parsed === 'string') context.addIssue({ code: 'custom', message: `members.id_number.${parsed}`, params: { code: `id_number_${parsed}` } });
  })
  .transform((value) => {
    const parsed = parseIdNumber(value, knownRegion);
    return typeof parsed === 'string' ? normaliseIdNumber(value) : parsed.value;
  });

/** Mobile numbers (11 digits from 13–19) or landlines with an area code; separators are dropped. */
export const phone = z
  .string()
  .max(30)
  .transform((value) => value.replace(/[\s\-()（）]/g, '').replace(/[\uFF10-\uFF19]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)))
  .refine((value) => /^1[3-9]\d{9}$/.test(value) || /^0\d{9,11}$/.test(value), { message: 'members.invalid_phone', params: { code: 'invalid_phone' } });

const orgCode = z.string().trim().min(1).max(40);
const name = z.string().trim().min(1).max(50);

export const createMemberRequest = z.object({
  /** The grassroots union the member joins. */
  orgCode,
  name,
  idNumber,
  phone: phone.optional(),
  household: z.enum(households),
  dispatched: z.boolean().default(false),
  education: z.enum(educations).optional(),
  job: z.string().trim().max(50).optional(),
  joinedOn: pastDate,
  cardNumber: z.string().trim().max(30).optional(),
  /** The person is a member elsewhere too, on purpose: a second job, not a duplicate. */
  secondJob: z.boolean().default(false),
});

export const updateMemberRequest = z
  .object({
    name,
    phone: phone.nullable(),
    household: z.enum(households),
    dispatched: z.boolean(),
    education: z.enum(educations).nullable(),
    job: z.string().trim().max(50).nullable(),
    cardNumber: z.string().trim().max(30).nullable(),
    joinedOn: pastDate,
  })
  .partial();

export const endMembershipRequest = z.object({ endedOn: pastDate, reason: z.enum(userEndReasons) });
export const revealRequest = z.object({ field: z.enum(revealableFields) });
export const memberParams = z.object({ membershipId: z.coerce.number().int().positive().max(2 ** 53) });

export const listMembersQuery = z.object({
  orgCode: orgCode.optional(),
  /**
   * Name: one character is a surname (names that begin with it); two, names that begin or end with them (a full
   * name, or a given name); three or more, names that contain them. When nobody has such a name, names that look
   * like it (trigram similarity, for a typing mistake).
   */
  q: z.string().trim().max(50).optional(),
  /** Exact, found through the keyed hash. */
  idNumber: z.string().trim().max(40).optional(),
  phone: z.string().trim().max(30).optional(),
  /** Exact. */
  cardNumber: z.string().trim().max(30).optional(),
  status: z.enum(['active', 'ended', 'all']).default('active'),
  joinedYear: z.coerce.number().int().min(1900).max(2100).optional(),
  household: z.enum(households).optional(),
  dispatched: z.enum(['yes', 'no']).optional(),
  /**
   * The roster has one order, which an index gives (memberships (org_id, joined_on, id) under orgs (code)): by union,
   * then the date joined. `joinedOn` names the same order (within one union, it is the date joined); `order` reads it
   * either way. No other sort is offered: it would have no index to page along.
   */
  sort: z.enum(['union', 'joinedOn']).default('union'),
  order: z.enum(['asc', 'desc']).default('asc'),
  ...pageQuery,
});

/** `updatePerson`: the person's own fields (name, phone, household, dispatched, education), kept by their principal membership's union. */
export const memberAbilities = z.object({ update: z.boolean(), updatePerson: z.boolean(), end: z.boolean(), transfer: z.boolean(), reveal: z.boolean() });

export const memberView = z.object({
  id: z.number(),
  workerId: z.number(),
  name: z.string(),
  gender: z.enum(['male', 'female']),
  /** The year only: a birth date beside the last four rebuilt the number (README, "Masking"). */
  birthYear: z.number().int(),
  /** Its last four only (**************1234); in full through POST /members/{id}/reveal. */
  idNumber: z.string(),
  /** Masked; null when there is none, or when the person is kept elsewhere (`keptElsewhere`). */
  phone: z.string().nullable(),
  /**
   * The person's principal membership (the one that keeps their own fields) lies outside the caller's scope: this one
   * (a second job, say) reads the person's fields but does not change them, and does not see their phone.
   */
  keptElsewhere: z.boolean(),
  /** Null: unknown (imported from a roster without it). */
  household: z.enum(households).nullable(),
  migrant: z.boolean(),
  /** Null: unknown, as the household. */
  dispatched: z.boolean().nullable(),
  education: z.enum(educations).nullable(),
  job: z.string().nullable(),
  cardNumber: z.string().nullable(),
  orgCode: z.string(),
  orgName: z.string(),
  joinedOn: z.string(),
  endedOn: z.string().nullable(),
  endReason: z.enum(endReasons).nullable(),
  secondJob: z.boolean(),
  active: z.boolean(),
  abilities: memberAbilities,
});

export const memberList = pageOf(memberView);

/** The roster's one order: union (code), date joined, membership id; a cursor is a row's place in it. */
export const rosterOrder: ListOrder<readonly [string, string, number]> = {
  name: 'roster',
  key: z.tuple([z.string().max(40), z.iso.date(), z.number().int().positive()]).readonly(),
};
/** The same order read backwards (the last union, the latest joined first): a cursor of one is refused by the other. */
export const rosterOrderDescending: ListOrder<readonly [string, string, number]> = { ...rosterOrder, name: 'roster.desc' };
export const revealView = z.object({ field: z.enum(revealableFields), value: z.string().nullable() });

// Transfers.

export const requestTransferRequest = z.object({ toOrgCode: orgCode, requestedOn: pastDate });
export const decideTransferRequest = z.object({ decidedOn: pastDate });
export const transferParams = z.object({ transferId: z.coerce.number().int().positive().max(2 ** 53) });
export const listTransfersQuery = z.object({
  /** incoming: to a union in scope; outgoing: from one; all: either. */
  direction: z.enum(['incoming', 'outgoing', 'all']).default('all'),
  status: z.enum(['pending', 'accepted', 'rejected', 'cancelled']).optional(),
  /** The member's name (or part of it), or a union's name (part) or code: either side of the transfer. */
  q: z.string().trim().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/**
 * What a user types to find the union a member moves to: part of its name or code. Within the caller's county (or
 * their scope, when it is wider) any part matches; a union further away is found by its full name or code only,
 * which the receiving union gives (README, "Transfers").
 */
export const transferDestinationsQuery = z.object({ q: z.string().trim().min(1).max(50) });
export const transferDestination = z.object({ code: z.string(), name: z.string(), parentName: z.string().nullable() });
export const transferDestinations = z.object({ items: z.array(transferDestination) });
export type TransferDestination = z.infer<typeof transferDestination>;

export const transferView = z.object({
  id: z.number(),
  membershipId: z.number(),
  memberName: z.string(),
  idNumber: z.string(),
  fromOrgCode: z.string(),
  fromOrgName: z.string(),
  toOrgCode: z.string(),
  toOrgName: z.string(),
  requestedOn: z.string(),
  status: z.enum(['pending', 'accepted', 'rejected', 'cancelled']),
  decidedOn: z.string().nullable(),
  abilities: z.object({ accept: z.boolean(), reject: z.boolean(), cancel: z.boolean() }),
});
export const transferList = z.object({ items: z.array(transferView) });

// Import and export.

export const importQuery = z.object({
  /** A grassroots union that receives every row, or any org whose grassroots unions the sheet's union column names. */
  intoOrgCode: orgCode,
  /**
   * Headers the user mapped to fields, for columns the importer does not recognise: a JSON object, field → the file's
   * header (parseMappedColumns in import.ts).
   */
  columns: z.string().max(4000).optional(),
});
export const importAccepted = z.object({ jobId: z.number() });
/** A roster's header as the import reads it: the file's headers, each recognised field's column (0-based), what is missing and unrecognised. */
export const importPreview = z.object({
  headers: z.array(z.string()),
  columns: z.record(z.string(), z.number()),
  missing: z.array(z.string()),
  unrecognised: z.array(z.number()),
});
export type ImportPreview = z.infer<typeof importPreview>;
export const importJobParams = z.object({ jobId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
export const exportQuery = z.object({
  /** The subtree; the caller's scope when not given. */
  orgCode: orgCode.optional(),
  /** 1: ID numbers and phones in full (admins, operators and reviewers; audited). */
  full: z.enum(['0', '1']).default('0'),
});
/** An export asked for as a job (POST /members/exports): the subtree, masked or in full as today's GET export. */
export const startExportRequest = z.object({
  /** The subtree; the caller's scope when not given. */
  orgCode: orgCode.optional(),
  /** ID numbers and phones in full (admins, operators and reviewers; audited). */
  full: z.boolean().default(false),
});
export const exportAccepted = z.object({ jobId: z.number() });
export const exportJobParams = z.object({ jobId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
export const exportRemoved = z.object({ ok: z.literal(true) });

/** The body of a workbook download (not JSON): described for the OpenAPI document only. */
export const workbook = z.unknown();

const tags = ['members'];
export const memberEndpoints = {
  list: endpoint({ method: 'GET', path: '/members', tags, summary: 'The roster of the subtree, masked', query: listMembersQuery, response: memberList }),
  create: endpoint({ method: 'POST', path: '/members', tags, summary: 'Add a member to a grassroots union', body: createMemberRequest, response: memberView, status: 201 }),
  get: endpoint({ method: 'GET', path: '/members/:membershipId', tags, summary: 'One membership, masked', params: memberParams, response: memberView }),
  update: endpoint({ method: 'PATCH', path: '/members/:membershipId', tags, summary: 'Edit a member', params: memberParams, body: updateMemberRequest, response: memberView }),
  end: endpoint({ method: 'POST', path: '/members/:membershipId/end', tags, summary: 'End a membership (left, retired, deceased)', params: memberParams, body: endMembershipRequest, response: memberView }),
  reveal: endpoint({ method: 'POST', path: '/members/:membershipId/reveal', tags, summary: 'Show an ID number or phone in full (audited)', params: memberParams, body: revealRequest, response: revealView }),
  requestTransfer: endpoint({ method: 'POST', path: '/members/:membershipId/transfer', tags, summary: 'Ask to move a member to another union', params: memberParams, body: requestTransferRequest, response: transferView, status: 201 }),
  transferDestinations: endpoint({ method: 'GET', path: '/transfers/destinations', tags, summary: 'Grassroots unions a member may move to, by name or code', query: transferDestinationsQuery, response: transferDestinations }),
  transfers: endpoint({ method: 'GET', path: '/transfers', tags, summary: 'Transfers from or to unions in scope', query: listTransfersQuery, response: transferList }),
  acceptTransfer: endpoint({ method: 'POST', path: '/transfers/:transferId/accept', tags, summary: 'Accept a transfer at the destination', params: transferParams, body: decideTransferRequest, response: transferView }),
  rejectTransfer: endpoint({ method: 'POST', path: '/transfers/:transferId/reject', tags, summary: 'Refuse a transfer at the destination', params: transferParams, body: decideTransferRequest, response: transferView }),
  /** multipart/form-data with one part `file`; answers 202 with the job to watch at GET /jobs/{jobId}. */
  import: endpoint({ method: 'POST', path: '/members/import', tags, summary: 'Upload a roster (.xlsx or .csv, multipart field "file") and queue its import; 202 with the job id', query: importQuery, response: importAccepted, status: 202 }),
  importPreview: endpoint({ method: 'POST', path: '/members/import/preview', tags, summary: 'Read an uploaded roster\'s header (multipart field "file") and answer how its columns map, without importing; the file is not kept', response: importPreview }),
  importTemplate: endpoint({ method: 'GET', path: '/members/import/template', tags, summary: 'The roster import\'s template as .xlsx: its headers, an example row and a sheet of notes', response: workbook }),
  importRejected: endpoint({ method: 'GET', path: '/members/import/:jobId/rejected', tags, summary: 'The rejected rows of an import, with the reason of each, as .xlsx', params: importJobParams, response: workbook }),
  export: endpoint({ method: 'GET', path: '/members/export', tags, summary: 'The roster of a subtree as a streamed .xlsx, masked unless full=1 (audited)', query: exportQuery, response: workbook }),
  startExport: endpoint({ method: 'POST', path: '/members/exports', tags, summary: 'Queue an export of the roster of a subtree (audited); 202 with the job id, whose progress GET /jobs/:jobId gives', body: startExportRequest, response: exportAccepted, status: 202 }),
  exportFile: endpoint({ method: 'GET', path: '/members/exports/:jobId/file', tags, summary: 'The finished export as .xlsx, for the user who asked for it only', params: exportJobParams, response: workbook }),
  removeExport: endpoint({ method: 'DELETE', path: '/members/exports/:jobId', tags, summary: 'Remove a finished export’s file (its owner only)', params: exportJobParams, response: exportRemoved }),
  cancelTransfer: endpoint({ method: 'POST', path: '/transfers/:transferId/cancel', tags, summary: 'Withdraw a transfer at the source', params: transferParams, response: transferView }),
};

export type CreateMemberRequest = z.infer<typeof createMemberRequest>;
export type UpdateMemberRequest = z.infer<typeof updateMemberRequest>;
export type ListMembersQuery = z.infer<typeof listMembersQuery>;
export type ExportQuery = z.infer<typeof exportQuery>;
export type MemberView = z.infer<typeof memberView>;
export type TransferView = z.infer<typeof transferView>;
