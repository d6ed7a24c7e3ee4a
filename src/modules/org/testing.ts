import { systemActor } from '../../core/actor.ts';
import type { PlatformContext } from '../../core/http/context.ts';
import { creditCodeCheckCharacter } from './credit-code.ts';
import { createEmployer } from './employers.ts';
import { createOrg } from './service.ts';

/** Factories for tests: orgs and employers made through the service, as a user would make them. */

type Test = { platform: Pick<PlatformContext, 'db'> };
let serial = 0;

/** A valid unified social credit code, different at every call (region 220000, check character computed). */
export function makeCreditCode(): string {
  const body = `91220000MA${String(++serial + Math.floor(Math.random() * 1e6)).padStart(7, '0')}`;
  return body + creditCodeCheckCharacter(body)!;
}

export async function makeEmployer(test: Test, orgCode: string, name = `测试单位${++serial}`) {
  return createEmployer(systemActor('test'), test.platform.db, {
    orgCode,
    name,
    creditCode: makeCreditCode(),
    ownership: 'private',
    sizeClass: 'small',
    aboveScale: false,
    industry: 'C',
    employeeCount: 120,
  });
}

export async function makeTownship(test: Test, countyCode: string, name = `测试街道工会${++serial}`) {
  return createOrg(systemActor('test'), test.platform.db, { parentCode: countyCode, kind: 'township', name });
}

export async function makeUnion(test: Test, parentCode: string, name = `测试基层工会${++serial}`) {
  const employer = await makeEmployer(test, parentCode, `${name}所在单位`);
  const union = await createOrg(systemActor('test'), test.platform.db, { parentCode, kind: 'grassroots', name, employerId: employer.id });
  return { employer, union };
}
