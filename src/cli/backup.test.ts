import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../core/db/database.ts';
import { createCommandLine, jsonOf, type CommandLine } from '../test/cli.ts';
import { databaseDigest } from '../test/digest.ts';

/**
 * `backup` and `restore` on the engine the tests run on (PGlite by default, the PostgreSQL server at DATABASE_URL
 * otherwise): a restored copy has every row the original had (the all-table digest) and answers the same indicators;
 * the key stays out of a backup unless asked, and a restore refuses what it cannot read or would overwrite.
 */

let source: CommandLine;
let copy: CommandLine;
let file: string;
let before: { digest: string; baseline: unknown };

/** What a restored copy must answer as the original did: every row, and the indicators against the baseline. */
async function snapshot(cli: CommandLine): Promise<{ digest: string; baseline: unknown }> {
  const baseline = jsonOf(await cli.run('verify-baseline', '--scale', '0.001', '--json'));
  const database = await openDatabase({ databaseUrl: cli.env.DATABASE_URL, dataDir: cli.dataDir });
  try {
    return { digest: await databaseDigest(database.db), baseline };
  } finally {
    await database.close();
  }
}

beforeAll(async () => {
  [source, copy] = await Promise.all([createCommandLine(), createCommandLine()]);
  // The copy reads the data with the same key, kept apart from the backup (as QIAOLIANG_KEY here).
  copy.env.QIAOLIANG_KEY = source.env.QIAOLIANG_KEY!;
  const generated = await source.run('generate', '--scale', '0.001', '--seed', '12', '--json');
  expect(generated.code, generated.stderr).toBe(0);
  before = await snapshot(source);
  file = join(source.dataDir, 'province.backup');
});
afterAll(async () => {
  await source?.close();
  await copy?.close();
});

describe('qiaoliang backup and restore', () => {
  it('backs up without the key, saying loudly that the key must be kept apart', async () => {
    const result = await source.run('backup', file);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('备份中不含个人信息密钥');
    expect(result.stderr).toContain('the backup does not contain the data key');
    expect(result.stdout).toContain('不含密钥');
    expect(result.stdout).toContain('without the key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const key = source.env.QIAOLIANG_KEY!;
    expect(readFileSync(file).includes(Buffer.from(key))).toBe(false);
    expect(readFileSync(file).includes(Buffer.from(key, 'base64'))).toBe(false);
    // A second backup never writes over the first.
    const again = await source.run('backup', file);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('已存在');
  });

  it('refuses to restore over a database that has data, and changes nothing', async () => {
    const result = await source.run('restore', file);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('已有数据');
    expect(result.stderr).toContain('add --force to replace it');
    expect((await snapshot(source)).digest).toBe(before.digest);
  });

  it('refuses a restore with no key, or with another key, before touching anything', async () => {
    delete copy.env.QIAOLIANG_KEY;
    try {
      const none = await copy.run('restore', file);
      expect(none.code).toBe(2);
      expect(none.stderr).toContain('没有个人信息密钥');
      expect(none.stderr).toContain('cannot be read');
      copy.env.QIAOLIANG_KEY = randomBytes(32).toString('base64');
      const other = await copy.run('restore', file);
      expect(other.code).toBe(2);
      expect(other.stderr).toContain('is not this backup’s');
    } finally {
      copy.env.QIAOLIANG_KEY = source.env.QIAOLIANG_KEY!;
    }
    if (!copy.env.DATABASE_URL) expect(existsSync(join(copy.dataDir, 'pg', 'PG_VERSION'))).toBe(false);
  });

  it('restores into an empty database a copy with the same rows and the same indicators, the key proven on stored data', async () => {
    const result = await copy.run('restore', file, '--json');
    const restored = jsonOf<{ probed: { column: string; values: number }[]; replaced: boolean }>(result);
    expect(restored.replaced).toBe(false);
    expect(restored.probed).toEqual(expect.arrayContaining([{ column: 'workers.id_number_cipher', values: 20 }]));
    expect(await snapshot(copy)).toEqual(before);
  });

  it('replaces a changed database with --force, back to the backup exactly', async () => {
    const added = await source.run('user', 'add', '--username', 'after.backup', '--org', '220102', '--role', 'viewer');
    expect(added.code, added.stderr).toBe(0);
    expect((await snapshot(source)).digest).not.toBe(before.digest);
    const result = await source.run('restore', file, '--force');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('原有数据已被覆盖');
    expect(await snapshot(source)).toEqual(before);
  });

  it('carries the key with --with-key, and a restore where there is none puts it in DATA_DIR/key', async () => {
    const withKey = join(source.dataDir, 'with-key.backup');
    const result = await source.run('backup', withKey, '--with-key');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('备份中含有个人信息密钥');
    expect(result.stdout).toContain('with the key');
    delete copy.env.QIAOLIANG_KEY;
    try {
      const restored = await copy.run('restore', withKey, '--force');
      expect(restored.code, restored.stderr).toBe(0);
      expect(Buffer.from(readFileSync(join(copy.dataDir, 'key'), 'utf8').trim(), 'base64').equals(Buffer.from(source.env.QIAOLIANG_KEY!, 'base64'))).toBe(true);
      expect(statSync(join(copy.dataDir, 'key')).mode & 0o777).toBe(0o600);
    } finally {
      copy.env.QIAOLIANG_KEY = source.env.QIAOLIANG_KEY!;
    }
  });

  it('refuses a file that is not a backup, or one cut short', async () => {
    const truncated = join(source.dataDir, 'truncated.backup');
    const whole = readFileSync(file);
    writeFileSync(truncated, whole.subarray(0, whole.length - 100));
    const cut = await copy.run('restore', truncated, '--force');
    expect(cut.code).toBe(2);
    expect(cut.stderr).toContain('damaged or incomplete');
    writeFileSync(truncated, 'id,name\n1,x\n');
    const other = await copy.run('restore', truncated, '--force');
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('is not a Qiaoliang backup');
  });
});
