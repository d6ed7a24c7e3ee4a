import { systemActor } from '../core/actor.ts';
import type { Role } from '../core/actor.ts';
import { createEmployer } from '../modules/org/employers.ts';
import { createOrg } from '../modules/org/service.ts';
import { actorFor, makeUser, type TestPlatform } from './platform.ts';
import { creditCodeCheckCharacter } from '../modules/org/credit-code.ts';

let serial = 0;

/** A queued job of a kind that does nothing, started by the given user for an org. */
const jobKindsRegistered = new WeakSet<object>();
export async function makeJob(test: Pick<TestPlatform, 'platform'>, username: string, orgPath: string): Promise<number> {
  if (!jobKindsRegistered.has(test.platform)) test.platform.jobs.register('test.nothing', async () => ({}));
  jobKindsRegistered.add(test.platform);
  return test.platform.jobs.enqueue(await actorFor(test, username), test.platform.db, { kind: 'test.nothing', params: {}, orgPath });
}

/** A valid unified social credit code, different at every call (region 220000, check character computed). */
export function makeCreditCode(): string {
  const body = `91220000MA${String(++serial + Math.floor(Math.random() * 1e6)).padStart(7, '0')}`;
  return body + creditCodeCheckCharacter(body)!;
}

export async function makeEmployer(test: Pick<TestPlatform, 'platform'>, orgCode: string, name = `测试单位${++serial}`) {
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

export async function makeTownship(test: Pick<TestPlatform, 'platform'>, countyCode: string, name = `测试街道工会${++serial}`) {
  return createOrg(systemActor('test'), test.platform.db, { parentCode: countyCode, kind: 'township', name });
}

export async function makeUnion(test: Pick<TestPlatform, 'platform'>, parentCode: string, name = `测试基层工会${++serial}`) {
  const employer = await makeEmployer(test, parentCode, `${name}所在单位`);
  const union = await createOrg(systemActor('test'), test.platform.db, { parentCode, kind: 'grassroots', name, employerId: employer.id });
  return { employer, union };
}

/**
 * One county's corner of the province: a township union, an employer with its grassroots union below the
 * township, and one account of each role at the county federation.
 */
export async function makeCounty(test: Pick<TestPlatform, 'platform'>, countyCode: string, label: string) {
  const township = await makeTownship(test, countyCode, `${label}街道工会`);
  const { employer, union } = await makeUnion(test, township.code, `${label}机械厂工会`);
  const users = {} as Record<Role, { id: number; username: string }>;
  for (const role of ['admin', 'operator', 'reviewer', 'viewer'] as const) users[role] = await makeUser(test, countyCode, role, `${label}_${role}`);
  const jobId = await makeJob(test, users.operator.username, union.path);
  return { countyCode, township, employer, union, users, label, jobId };
}
export type County = Awaited<ReturnType<typeof makeCounty>>;
