import { z } from 'zod';
import { auditEventView } from '../../core/audit/schema.ts';
import { endpoint } from '../../core/contract.ts';
import { pageOf, pageQuery, type ListOrder } from '../../core/paging.ts';
import { centreKinds, isoDate } from './schema.ts';

/**
 * Contracts of the registry of appeal centres and stations, and of the province's settings and calendar (README.md,
 * "Registry", "Settings and calendar"). The pages' forms validate with these same schemas.
 */

const orgCode = z.string().trim().min(1).max(40);
const id = z.coerce.number().int().positive().max(2 ** 31);
const bodyId = z.number().int().positive().max(2 ** 31);
const name = z.string().trim().min(1).max(100);
const area = z.string().trim().min(1).max(100);
const staffCount = z.number().int().min(0).max(10000);

/** Whether a centre counts on a day: established and not yet closed (computed from the dates, never stored). */
export const centreStatuses = ['open', 'closed', 'planned'] as const;
export type CentreStatus = (typeof centreStatuses)[number];

export const centreParams = z.object({ centreId: id });

const centreFields = z.object({
  kind: z.enum(centreKinds),
  name,
  /** The employer it serves: one registered in the running org's subtree (or whose union lies there). */
  employerId: bodyId.optional(),
  /** Or the area it covers: a street, an industrial park. */
  area: area.optional(),
  establishedOn: isoDate,
  staffCount: staffCount.default(0),
});

const employerOrArea = (value: { employerId?: number | null | undefined; area?: string | null | undefined }) => value.employerId != null || (value.area != null && value.area !== '');

export const createCentreRequest = centreFields
  .extend({
    /** The org that runs it: a federation, township union or grassroots union in the caller's scope. */
    orgCode,
  })
  .refine(employerOrArea, { path: ['area'], message: 'appeals.centre.employer_or_area' });

/** Every field may change but the org that runs it and the closing (its own step). Null clears employer or area. */
export const updateCentreRequest = z
  .object({
    kind: z.enum(centreKinds),
    name,
    employerId: bodyId.nullable(),
    area: area.nullable(),
    establishedOn: isoDate,
    staffCount,
  })
  .partial();

export const closeCentreRequest = z.object({ closedOn: isoDate });

export const listCentresQuery = z.object({
  /** The subtree of this org (default: the caller's whole scope). */
  orgCode: orgCode.optional(),
  kind: z.enum(centreKinds).optional(),
  employerId: id.optional(),
  /** Part of the area's name. */
  area: z.string().trim().min(1).max(100).optional(),
  /** Part of the centre's name. */
  q: z.string().trim().min(1).max(100).optional(),
  /** Open or closed as of `on` (default today). */
  status: z.enum(centreStatuses).optional(),
  on: isoDate.optional(),
  /** Orders an index gives (each ends with the id): migration 0004. */
  sort: z.enum(['name', 'establishedOn']).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
  ...pageQuery,
});

/** The export takes the list's filters, without its order and paging. */
export const exportCentresQuery = listCentresQuery.omit({ sort: true, order: true, pageSize: true, page: true, after: true, before: true, count: true });

export function centreOrder(sort: 'name' | 'establishedOn', order: 'asc' | 'desc'): ListOrder<readonly unknown[]> {
  return { name: `appeal_centres.${sort}.${order}`, key: z.tuple([sort === 'name' ? z.string().max(200) : isoDate, z.number().int().positive()]).readonly() };
}

export const centreAbilities = z.object({ update: z.boolean(), close: z.boolean() });

export const centreView = z.object({
  id: z.number(),
  kind: z.enum(centreKinds),
  name: z.string(),
  orgCode: z.string(),
  orgName: z.string(),
  employerId: z.number().nullable(),
  employerName: z.string().nullable(),
  area: z.string().nullable(),
  establishedOn: z.string(),
  closedOn: z.string().nullable(),
  staffCount: z.number(),
  /** As of the list's `on` (default today). */
  status: z.enum(centreStatuses),
  abilities: centreAbilities,
});

export const centreDetail = centreView.extend({ history: z.array(auditEventView) });
export const centreList = pageOf(centreView);

// The province's settings and calendar.

const workingDays = z.number().int().min(1).max(60);
const warningCount = z.number().int().min(2).max(1000);
const windowDays = z.number().int().min(1).max(365);

export const settingsView = z.object({
  deadlineSimple: z.number(),
  deadlineOrdinary: z.number(),
  deadlineComplex: z.number(),
  warningCount: z.number(),
  warningDays: z.number(),
  wagesWarningCount: z.number(),
  wagesWarningDays: z.number(),
  updatedAt: z.string(),
  abilities: z.object({ update: z.boolean() }),
});

/** Deadlines grow with difficulty (simple ≤ ordinary ≤ complex), which the service checks on the whole row. */
export const updateSettingsRequest = z
  .object({
    deadlineSimple: workingDays,
    deadlineOrdinary: workingDays,
    deadlineComplex: workingDays,
    warningCount,
    warningDays: windowDays,
    wagesWarningCount: warningCount,
    wagesWarningDays: windowDays,
  })
  .partial();

export const calendarKinds = ['holiday', 'workday'] as const;

export const calendarDayView = z.object({ day: z.string(), kind: z.enum(calendarKinds), name: z.string() });

export const listCalendarQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
export const calendarList = z.object({
  year: z.number(),
  items: z.array(calendarDayView),
  /** The years that have any day listed: a year without is counted Monday to Friday. */
  years: z.array(z.number()),
  abilities: z.object({ update: z.boolean() }),
});

/** A holiday on a weekday, or a weekend day worked instead (调休): the service checks the weekday against the kind. */
export const addCalendarDayRequest = z.object({ day: isoDate, kind: z.enum(calendarKinds), name: z.string().trim().min(1).max(50) });
export const calendarDayParams = z.object({ day: isoDate });

const tags = ['appeals'];

export const registryEndpoints = {
  list: endpoint({ method: 'GET', path: '/appeals/centres', summary: 'Appeal centres and stations in the scope, open or closed as of a date', tags, query: listCentresQuery, response: centreList }),
  export: endpoint({ method: 'GET', path: '/appeals/centres/export', summary: 'The centres and stations of the list as an .xlsx in the import\'s columns (audited)', tags, query: exportCentresQuery, response: z.unknown() }),
  create: endpoint({ method: 'POST', path: '/appeals/centres', summary: 'Register an appeal centre or station for an employer or an area', tags, body: createCentreRequest, response: centreDetail, status: 201 }),
  get: endpoint({ method: 'GET', path: '/appeals/centres/:centreId', summary: 'A centre or station with its audit history', tags, params: centreParams, response: centreDetail }),
  update: endpoint({ method: 'PATCH', path: '/appeals/centres/:centreId', summary: 'Edit a centre or station', tags, params: centreParams, body: updateCentreRequest, response: centreDetail }),
  close: endpoint({ method: 'POST', path: '/appeals/centres/:centreId/close', summary: 'Close a centre or station as of a date', tags, params: centreParams, body: closeCentreRequest, response: centreDetail }),
};

export const calendarEndpoints = {
  settings: endpoint({ method: 'GET', path: '/appeals/settings', summary: "The province's deadlines and warning thresholds", tags, response: settingsView }),
  updateSettings: endpoint({ method: 'PATCH', path: '/appeals/settings', summary: "Edit the province's deadlines and warning thresholds (a province admin)", tags, body: updateSettingsRequest, response: settingsView }),
  calendar: endpoint({ method: 'GET', path: '/appeals/calendar', summary: "A year of the province's holiday calendar", tags, query: listCalendarQuery, response: calendarList }),
  addDay: endpoint({ method: 'POST', path: '/appeals/calendar', summary: 'List a holiday or a weekend day worked instead (a province admin)', tags, body: addCalendarDayRequest, response: calendarDayView, status: 201 }),
  removeDay: endpoint({ method: 'DELETE', path: '/appeals/calendar/:day', summary: 'Remove a day from the calendar (a province admin)', tags, params: calendarDayParams, response: calendarDayView }),
};

export type CreateCentreRequest = z.output<typeof createCentreRequest>;
export type UpdateCentreRequest = z.output<typeof updateCentreRequest>;
export type ListCentresQuery = z.output<typeof listCentresQuery>;
export type ExportCentresQuery = z.output<typeof exportCentresQuery>;
export type CentreView = z.output<typeof centreView>;
export type CentreDetail = z.output<typeof centreDetail>;
export type SettingsView = z.output<typeof settingsView>;
export type UpdateSettingsRequest = z.output<typeof updateSettingsRequest>;
export type AddCalendarDayRequest = z.output<typeof addCalendarDayRequest>;
export type CalendarDayView = z.output<typeof calendarDayView>;
