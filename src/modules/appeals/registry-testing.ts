import { systemActor } from '../../core/actor.ts';
import type { PlatformContext } from '../../core/http/context.ts';
import type { CreateCentreRequest } from './registry-schema.ts';
import { createCentre } from './registry.ts';

type Test = { platform: Pick<PlatformContext, 'db'> };
let made = 0;

/** A centre registered as the platform itself would, at `orgCode`, for an area unless an employer is given. */
export async function makeCentre(test: Test, orgCode: string, overrides: Partial<CreateCentreRequest> = {}) {
  made++;
  return createCentre(systemActor('test'), test.platform.db, { orgCode, kind: 'centre', name: `测试诉求中心${made}`, area: '测试街道', establishedOn: '2010-03-01', staffCount: 3, ...overrides });
}
