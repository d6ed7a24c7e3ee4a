import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCommandLine, type CommandLine } from '../test/cli.ts';
import { prepareDataDir } from './data-dir.ts';

/**
 * DATA_DIR holds the database, the key and imports with ID numbers in clear (issue 12): it is created readable by the
 * server's user alone, its database directory too, and a directory the server cannot write stops a command with one
 * message in both languages and exit 2, not a stack trace.
 */

const base = mkdtempSync(join(tmpdir(), 'qiaoliang-data-dir-'));
let cli: CommandLine;
beforeAll(async () => {
  cli = await createCommandLine();
});
afterAll(async () => {
  await cli?.close();
  rmSync(base, { recursive: true, force: true });
});

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('the data directory', () => {
  it('is created 0700, and its database directory too, tightened when it was looser', () => {
    const dir = join(base, 'fresh', 'data');
    prepareDataDir(dir, { pglite: true });
    expect(modeOf(dir)).toBe(0o700);
    expect(modeOf(join(dir, 'pg'))).toBe(0o700);
    expect(readdirSync(dir)).toEqual(['pg']);
    const old = join(base, 'old');
    mkdirSync(join(old, 'pg'), { recursive: true, mode: 0o755 });
    chmodSync(join(old, 'pg'), 0o755);
    prepareDataDir(old, { pglite: true });
    expect(modeOf(join(old, 'pg'))).toBe(0o700);
  });

  it('holds a working embedded database in that directory', async (context) => {
    if (cli.env.DATABASE_URL) return context.skip('on a PostgreSQL server the database is not in DATA_DIR');
    const dir = join(base, 'working');
    cli.env.DATA_DIR = dir;
    const result = await cli.run('org', 'list', '--json');
    expect(result.code, result.stderr).toBe(0);
    expect(modeOf(dir)).toBe(0o700);
    expect(modeOf(join(dir, 'pg'))).toBe(0o700);
    expect(existsSync(join(dir, 'pg', 'PG_VERSION'))).toBe(true);
  });

  it('that cannot be written stops a command with a message in both languages and exit 2, no stack', async (context) => {
    const dir = join(base, 'read-only');
    mkdirSync(dir);
    const root = process.getuid?.() === 0;
    if (root) {
      try {
        execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=64k', 'tmpfs', dir], { stdio: 'ignore' });
      } catch {
        return context.skip('as root only a read-only mount makes a directory unwritable, and mounting is not allowed here');
      }
    } else chmodSync(dir, 0o500);
    try {
      cli.env.DATA_DIR = join(dir, 'data');
      const result = await cli.run('migrate');
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toContain(`数据目录 ${join(dir, 'data')} 无法写入`);
      expect(result.stderr).toMatch(new RegExp(`The data directory ${join(dir, 'data')} cannot be written \\((its file system is read-only|no permission to write)\\)`));
      expect(result.stderr).not.toMatch(/^\s+at /m);
    } finally {
      if (root) execFileSync('umount', [dir]);
      else chmodSync(dir, 0o700);
    }
  });
});
