import { recordOf, type CountyCorner, type Probe } from '../../core/checks.ts';
import { systemActor } from '../../core/actor.ts';
import type { PlatformContext } from '../../core/http/context.ts';
import { listInstitutions } from './legal-aid.ts';
import { makeInstitution, makeLegalAidCase, makeLegalAidStaff } from './legal-aid-testing.ts';

/** Legal aid's part of the appeals module's checks (checks.ts joins them). */

/** The county's institution, a lawyer of it, and a case it took on for the county's case in progress. */
export async function furnishLegalAid(platform: PlatformContext, corner: CountyCorner): Promise<void> {
  // One institution per federation: a corner made again in its county (the permission matrix) keeps the first.
  const existing = (await listInstitutions(systemActor('test'), platform.db, { orgCode: corner.countyCode, pageSize: 1 })).items[0];
  const institution = existing ?? (await makeInstitution({ platform }, corner.countyCode, `${corner.label}区总工会法律援助中心`));
  const phone = corner.countyCode === '220102' ? '13804310001' : '13804310002';
  const lawyer = await makeLegalAidStaff({ platform }, institution.id, `${corner.label}援助律师`, phone);
  const legalAidCase = await makeLegalAidCase({ platform }, institution.id, recordOf(corner, 'appealOpen').id, lawyer.id);
  corner.records.legalAidInstitution = { id: institution.id, name: institution.name };
  corner.records.legalAidStaff = { id: lawyer.id };
  corner.records.legalAidCase = { id: legalAidCase.id };
  corner.secrets.push(institution.name, `${corner.label}援助律师`, phone);
}

const institution = (o: CountyCorner, body?: unknown) => ({ params: { institutionId: recordOf(o, 'legalAidInstitution').id }, ...(body !== undefined ? { body } : {}) });
const legalAidCase = (o: CountyCorner, body?: unknown) => ({ params: { legalAidCaseId: recordOf(o, 'legalAidCase').id }, ...(body !== undefined ? { body } : {}) });

export const legalAidProbes: Record<string, Probe> = {
  'GET /api/v1/appeals/legal-aid/institutions': { target: (o) => ({ query: { orgCode: o.countyCode } }) },
  // The other county's federation: refused as an unknown org (and it has one already).
  'POST /api/v1/appeals/legal-aid/institutions': { target: (o) => ({ body: { orgCode: o.countyCode, name: '越权法律援助中心', establishedOn: '2012-01-01' } }) },
  'GET /api/v1/appeals/legal-aid/institutions/{institutionId}': { target: (o) => institution(o) },
  'PATCH /api/v1/appeals/legal-aid/institutions/{institutionId}': { target: (o) => institution(o, { establishedOn: '2001-01-01' }) },
  'GET /api/v1/appeals/legal-aid/institutions/{institutionId}/staff': { target: (o) => institution(o) },
  'POST /api/v1/appeals/legal-aid/institutions/{institutionId}/staff': { target: (o) => institution(o, { kind: 'volunteer', name: '越权志愿者', phone: '13900000001' }) },
  'POST /api/v1/appeals/legal-aid/institutions/{institutionId}/staff/{staffId}/reveal': { target: (o) => ({ params: { institutionId: recordOf(o, 'legalAidInstitution').id, staffId: recordOf(o, 'legalAidStaff').id } }) },
  'GET /api/v1/appeals/legal-aid/cases': { target: (o) => ({ query: { orgCode: o.countyCode } }) },
  // The other county's appeal and institution: the appeal is not found.
  'POST /api/v1/appeals/legal-aid/cases': { target: (o) => ({ body: { institutionId: recordOf(o, 'legalAidInstitution').id, appealId: recordOf(o, 'appealWaiting').id } }) },
  'GET /api/v1/appeals/legal-aid/cases/{legalAidCaseId}': { target: (o) => legalAidCase(o) },
  'POST /api/v1/appeals/legal-aid/cases/{legalAidCaseId}/assign': { target: (o) => legalAidCase(o, { staffId: recordOf(o, 'legalAidStaff').id }) },
  'POST /api/v1/appeals/legal-aid/cases/{legalAidCaseId}/close': { target: (o) => legalAidCase(o, { outcome: 'won', recoveredFen: 100 }) },
};

export const legalAidOwnTargets = (corner: CountyCorner) => ({
  institutionId: recordOf(corner, 'legalAidInstitution').id,
  staffId: recordOf(corner, 'legalAidStaff').id,
  legalAidCaseId: recordOf(corner, 'legalAidCase').id,
});
