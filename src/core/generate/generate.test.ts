import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../actor.ts';
import { AppError } from '../errors.ts';
import type { TestPlatform } from '../../test/platform.ts';
import { createTestPlatform } from '../../test/platform.ts';
import { getJob } from '../jobs/service.ts';
import { createJobRunner } from '../jobs/runner.ts';
import type { ModuleManifest } from '../module.ts';
import { generateKind, generateProvince, registerGenerateJob, type GenerateResult } from './job.ts';
import { contentDigest, generatedProvince } from '../../test/province.ts';

/** The same seed gives the same province, record for record; another seed another one. */

const params = { scale: 0.001, seed: 2013, until: 2012 };
let first: { test: TestPlatform; result: GenerateResult };

beforeAll(async () => {
  first = await generatedProvince(params);
}, 300_000);
afterAll(() => first?.test.close());

describe('generate', () => {
  it('makes the same province from the same seed: the same digest, and the same rows read back from the database', async () => {
    const again = await generatedProvince(params);
    try {
      expect(again.result.digest).toBe(first.result.digest);
      expect(again.result.counts).toEqual(first.result.counts);
      expect(await contentDigest(again.test.platform.db)).toBe(await contentDigest(first.test.platform.db));
    } finally {
      await again.test.close();
    }
  });

  it('makes another province from another seed', async () => {
    const other = await generatedProvince({ ...params, seed: 2014 });
    try {
      expect(other.result.digest).not.toBe(first.result.digest);
      expect(await contentDigest(other.test.platform.db)).not.toBe(await contentDigest(first.test.platform.db));
    } finally {
      await other.test.close();
    }
  });

  it('resumes a run stopped half-way (the server shut down) and ends with exactly the province of an uninterrupted run', async () => {
    const test = await createTestPlatform();
    try {
      const { db } = test.platform;
      const [org, ...later] = test.platform.modules;
      const firstRunner = createJobRunner(db);
      // Between the org tree and the modules after it the server is asked to stop, as by SIGTERM: the job goes back to the queue.
      let stops = 0;
      const stopper: ModuleManifest = { ...org!, id: 'stopper', generate: { units: () => 0, run: async () => (stops++ === 0 && void firstRunner.stop(), {}) } };
      const modules = [org!, stopper, ...later];
      registerGenerateJob(firstRunner, test.platform, modules);
      const { rows } = await sql<{ path: string }>`SELECT path::text AS path FROM orgs WHERE parent_id IS NULL`.execute(db);
      const jobId = await firstRunner.enqueue(systemActor('test'), db, { kind: generateKind, params, orgPath: rows[0]!.path });
      expect((await firstRunner.runOnce())?.status).toBe('queued');
      const stopped = await getJob(systemActor('test'), db, jobId);
      expect(stopped.progressDone).toBeGreaterThan(0);

      const secondRunner = createJobRunner(db);
      registerGenerateJob(secondRunner, test.platform, modules);
      expect(await secondRunner.runOnce()).toEqual({ jobId, status: 'succeeded' });
      const resumed = (await getJob(systemActor('test'), db, jobId)).result as GenerateResult;
      expect(resumed.digest).toBe(first.result.digest);
      expect(await contentDigest(db)).toBe(await contentDigest(first.test.platform.db));
    } finally {
      await test.close();
    }
  });

  it('refuses a database that already has grassroots unions', async () => {
    const error = await generateProvince(systemActor('test'), first.test.platform, params).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('conflict');
    expect((error as AppError).messageKey).toBe('generate.not_empty');
  });
});
