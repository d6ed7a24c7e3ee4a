import { systemActor } from '../core/actor.ts';
import type { Role } from '../core/actor.ts';
import { createEmployer } from '../modules/org/employers.ts';
import { createOrg } from '../modules/org/service.ts';
import { actorFor, makeUser, type TestPlatform } from './platform.ts';
import { creditCodeCheckCharacter } from '../modules/org/credit-code.ts';
import { idNumberCheckCharacter } from '../modules/members/id-number.ts';
import type { CreateMemberRequest } from '../modules/members/schema.ts';
import { createMember } from '../modules/members/service.ts';
import { requestTransfer } from '../modules/members/transfers.ts';

let serial = 0;

let people = 0;

/** A valid resident ID number, different at every call: born in 220102 on a day of 1970–1999. */
export function makeIdNumber(gender: 'male' | 'female' = 'male'): string {
  const n = ++people + Math.floor(Math.random() * 1000) * 1000;
  const birth = new Date(Date.UTC(1970, 0, 1) + (n % 10950) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  const sequence = String((Math.floor(n / 7) % 499) * 2 + (gender === 'male' ? 1 : 0)).padStart(3, '0');
  const body = `220102${birth}${sequence}`;
  return body + idNumberCheckCharacter(body)!;
}

export async function makeMember(test: Pick<TestPlatform, 'platform'>, unionCode: string, name = `会员${people}`, overrides: Partial<CreateMemberRequest> = {}) {
  return createMember(systemActor('test'), test.platform.db, test.platform.cipher, {
    orgCode: unionCode,
    name,
    idNumber: makeIdNumber(),
    household: 'urban',
    dispatched: false,
    joinedOn: '2012-03-01',
    secondJob: false,
    ...overrides,
  });
}

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
  const memberIdNumber = makeIdNumber();
  const member = await makeMember(test, union.code, `${label}会员`, { idNumber: memberIdNumber, phone: '13904310000' });
  const { union: otherUnion } = await makeUnion(test, township.code, `${label}第二工会`);
  const transfer = await requestTransfer(systemActor('test'), test.platform.db, test.platform.cipher, member.id, otherUnion.code, '2013-01-01');
  return { countyCode, township, employer, union, users, label, jobId, member, memberIdNumber, transfer };
}
export type County = Awaited<ReturnType<typeof makeCounty>>;
