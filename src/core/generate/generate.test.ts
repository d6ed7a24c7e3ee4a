import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../actor.ts';
import { AppError } from '../errors.ts';
import type { TestPlatform } from '../../test/platform.ts';
import { generateProvince, type GenerateResult } from './job.ts';
import { databaseDigest, generatedProvince } from './test-province.ts';

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
      expect(await databaseDigest(again.test.platform.db)).toBe(await databaseDigest(first.test.platform.db));
    } finally {
      await again.test.close();
    }
  });

  it('makes another province from another seed', async () => {
    const other = await generatedProvince({ ...params, seed: 2014 });
    try {
      expect(other.result.digest).not.toBe(first.result.digest);
      expect(await databaseDigest(other.test.platform.db)).not.toBe(await databaseDigest(first.test.platform.db));
    } finally {
      await other.test.close();
    }
  });

  it('refuses a database that already has grassroots unions', async () => {
    const error = await generateProvince(systemActor('test'), first.test.platform, params).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('conflict');
    expect((error as AppError).messageKey).toBe('generate.not_empty');
  });
});
