import { recordOf, type CountyCorner, type Probe } from '../../core/checks.ts';
import type { PlatformContext } from '../../core/http/context.ts';
import { makeCentre } from './registry-testing.ts';

/** The registry's and the calendar's part of the appeals module's checks (checks.ts joins them). */

/** A centre for the corner's employer, run by its township union, and a station for an area, run by the county. */
export async function furnishRegistry(platform: PlatformContext, corner: CountyCorner): Promise<void> {
  const centre = await makeCentre({ platform }, recordOf(corner, 'township').code!, { name: `${corner.label}机械厂员工诉求中心`, employerId: recordOf(corner, 'employer').id, area: undefined });
  const station = await makeCentre({ platform }, corner.countyCode, { kind: 'station', name: `${corner.label}工业园诉求工作站`, area: `${corner.label}工业园` });
  corner.records.centre = { id: centre.id, name: centre.name };
  corner.records.station = { id: station.id, name: station.name };
  corner.secrets.push(centre.name, station.name, `${corner.label}工业园`);
}

const centre = (o: CountyCorner, body?: unknown) => ({ params: { centreId: recordOf(o, 'centre').id }, ...(body !== undefined ? { body } : {}) });

export const registryProbes: Record<string, Probe> = {
  'GET /api/v1/appeals/centres': { target: (o) => ({ query: { orgCode: o.countyCode } }) },
  'GET /api/v1/appeals/centres/export': { target: (o) => ({ query: { orgCode: o.countyCode } }) },
  // Another county's org, and its employer: both refused as unknown.
  'POST /api/v1/appeals/centres': { target: (o) => ({ body: { orgCode: o.countyCode, kind: 'centre', name: '越权诉求中心', employerId: recordOf(o, 'employer').id, establishedOn: '2012-01-01' } }) },
  'GET /api/v1/appeals/centres/{centreId}': { target: (o) => centre(o) },
  'PATCH /api/v1/appeals/centres/{centreId}': { target: (o) => centre(o, { name: '被篡改的中心' }) },
  'POST /api/v1/appeals/centres/{centreId}/close': { target: (o) => centre(o, { closedOn: '2020-01-01' }) },
  // The province's own: a county's admin reads them and changes nothing.
  'GET /api/v1/appeals/settings': { target: () => ({}) },
  'PATCH /api/v1/appeals/settings': { target: () => ({ body: { deadlineSimple: 1 } }) },
  'GET /api/v1/appeals/calendar': { target: () => ({ query: { year: '2025' } }) },
  'POST /api/v1/appeals/calendar': { target: () => ({ body: { day: '2025-03-03', kind: 'holiday', name: '越权假日' } }) },
  'DELETE /api/v1/appeals/calendar/{day}': { target: () => ({ params: { day: '2025-01-01' } }) },
};

export const registryOwnTargets = (corner: CountyCorner) => ({ centreId: recordOf(corner, 'centre').id, day: '2025-01-01' });

