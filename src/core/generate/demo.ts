import { systemActor } from '../actor.ts';
import { generatePassword } from '../auth/passwords.ts';
import { createUser } from '../auth/service.ts';
import type { Platform } from '../platform.ts';
import { countUnions } from '../tree.ts';
import { generateProvince, registerGenerateJob, type GenerateResult } from './job.ts';

/**
 * The demo province of a first `npm start`: a small synthetic Jilin, so the pages have something to show, and
 * three logins to see it from the province, a city and a county. Only on a database that has just been created
 * (its first admin was made by this start) and has no grassroots unions: an existing installation upgraded to a
 * version with this feature never receives made-up data. QIAOLIANG_DEMO=off turns it off.
 */
export const demoParams = { scale: 0.01, seed: 2013, until: 2012 };

export const demoLogins = [
  { username: 'demo-province', orgCode: '220000', displayName: '演示：省总工会' },
  { username: 'demo-city', orgCode: '220100', displayName: '演示：长春市总工会' },
  { username: 'demo-county', orgCode: '220102', displayName: '演示：南关区总工会' },
] as const;

export interface Demo {
  result: GenerateResult;
  password: string;
  seconds: number;
}

export function demoEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return !['off', '0', 'false', 'no'].includes((env.QIAOLIANG_DEMO ?? '').trim().toLowerCase());
}

/** Generates the demo province if this is the first start of an empty database; undefined otherwise. */
export async function maybeGenerateDemo(platform: Platform, enabled: boolean, log: (line: string) => void = () => {}): Promise<Demo | undefined> {
  registerGenerateJob(platform.jobs, platform, platform.modules);
  if (!enabled || !platform.firstAdmin || (await countUnions(platform.db)) > 0) return undefined;
  log(`Generating the demo province (scale ${demoParams.scale}, seed ${demoParams.seed}); QIAOLIANG_DEMO=off skips it…`);
  const begun = performance.now();
  const actor = systemActor('demo');
  const result = await generateProvince(actor, platform, demoParams);
  const password = generatePassword();
  for (const login of demoLogins) {
    await createUser(actor, platform.db, { username: login.username, displayName: login.displayName, orgCode: login.orgCode, role: 'admin', password });
  }
  return { result, password, seconds: Math.round((performance.now() - begun) / 100) / 10 };
}
