import type { Role } from '../core/actor.ts';
import type { CountyCorner, ModuleChecks } from '../core/checks.ts';
import type { Db } from '../core/db/tables.ts';
import { modules } from '../modules/index.ts';
import { actorFor, makeUser, type TestPlatform } from './platform.ts';

/** Every module's checks (src/core/checks.ts), in registry order, loaded once. */
let loaded: Promise<{ module: string; checks: ModuleChecks }[]> | undefined;
export function moduleChecks(): Promise<{ module: string; checks: ModuleChecks }[]> {
  loaded ??= Promise.all(modules.map(async (module) => ({ module: module.id, checks: (await module.checks?.()) ?? {} })));
  return loaded;
}

/** A queued job of a kind that does nothing, started by the given user for an org. */
const jobKindsRegistered = new WeakSet<object>();
export async function makeJob(test: Pick<TestPlatform, 'platform'>, username: string, orgPath: string): Promise<number> {
  if (!jobKindsRegistered.has(test.platform)) test.platform.jobs.register('test.nothing', async () => ({}));
  jobKindsRegistered.add(test.platform);
  return test.platform.jobs.enqueue(await actorFor(test, username), test.platform.db, { kind: 'test.nothing', params: {}, orgPath });
}

/**
 * One county's corner of the province: one account of each role at the county federation, a job of its operator,
 * and whatever each module makes there (furnish, in registry order: the org module's township and unions first).
 */
export async function makeCounty(test: Pick<TestPlatform, 'platform'>, countyCode: string, label: string): Promise<CountyCorner> {
  const users = {} as Record<Role, { id: number; username: string }>;
  for (const role of ['admin', 'operator', 'reviewer', 'viewer'] as const) users[role] = await makeUser(test, countyCode, role, `${label}_${role}`);
  const county = (await actorFor(test, users.admin.username)).scope;
  const jobId = await makeJob(test, users.operator.username, county.path);
  const corner: CountyCorner = { countyCode, label, users, jobId, records: {}, secrets: Object.values(users).map((user) => user.username) };
  for (const { checks } of await moduleChecks()) await checks.furnish?.(test.platform, corner);
  return corner;
}
export type County = CountyCorner;

/** Every module's indicators counted straight from the records (ModuleChecks.recount), for the engine's cross-check. */
export async function recountFigures(db: Db, orgId: number, year: number): Promise<Record<string, number | null>> {
  const parts = await Promise.all((await moduleChecks()).map(({ checks }) => checks.recount?.(db, orgId, year) ?? {}));
  return Object.assign({}, ...parts);
}
