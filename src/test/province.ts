import { systemActor } from '../core/actor.ts';
import type { Db } from '../core/db/tables.ts';
import { createTestPlatform, type TestPlatform } from './platform.ts';
import { moduleChecks } from './world.ts';
import type { GenerateParams } from '../core/generate/context.ts';
import { generateProvince, registerGenerateJob, type GenerateResult } from '../core/generate/job.ts';

/** For tests: a platform on a database of its own with a synthetic province generated into it. */
export async function generatedProvince(params: GenerateParams): Promise<{ test: TestPlatform; result: GenerateResult }> {
  const test = await createTestPlatform();
  try {
    registerGenerateJob(test.platform.jobs, test.platform, test.platform.modules);
    const result = await generateProvince(systemActor('test'), test.platform, params);
    return { test, result };
  } catch (error) {
    await test.close();
    throw error;
  }
}

/**
 * A digest of what the database holds, read back with SQL: each module's generated tables without surrogate ids,
 * ciphertext (random IVs) or timestamps (ModuleChecks.contentDigest), rows in an order of their content. Equal
 * digests: the same province, whatever the generator's own digest says.
 */
export async function contentDigest(db: Db): Promise<string> {
  const parts: string[] = [];
  for (const { checks } of await moduleChecks()) {
    if (!checks.contentDigest) continue;
    const { rows } = await checks.contentDigest().execute(db);
    parts.push(...rows.map((row) => `${row.part}:${row.digest}`));
  }
  return parts.join(' ');
}
