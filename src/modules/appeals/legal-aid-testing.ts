import { systemActor } from '../../core/actor.ts';
import type { PlatformContext } from '../../core/http/context.ts';
import { addStaff, createInstitution, takeCase } from './legal-aid.ts';

/** Factories for tests: legal aid's records made as the platform itself would (README.md, "Legal aid"). */

type Test = { platform: Pick<PlatformContext, 'db' | 'cipher'> };

export async function makeInstitution(test: Test, orgCode: string, name = `${orgCode}工会法律援助中心`, establishedOn = '2010-06-01') {
  return createInstitution(systemActor('test'), test.platform.db, { orgCode, name, establishedOn });
}

export async function makeLegalAidStaff(test: Test, institutionId: number, name: string, phone: string, kind: 'lawyer' | 'volunteer' = 'lawyer') {
  return addStaff(systemActor('test'), test.platform.db, test.platform.cipher, institutionId, { kind, name, phone });
}

export async function makeLegalAidCase(test: Test, institutionId: number, appealId: number, staffId?: number) {
  return takeCase(systemActor('test'), test.platform.db, test.platform.cipher, { institutionId, appealId, ...(staffId !== undefined ? { staffId } : {}) });
}
