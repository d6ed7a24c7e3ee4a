import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login } from '../core/auth/service.ts';
import { loadConfig } from '../core/config.ts';
import { openDatabase } from '../core/db/database.ts';
import { lockDataDir } from '../core/db/lock.ts';
import { createCommandLine, jsonOf, type CommandLine } from '../test/cli.ts';

/**
 * The platform's commands as an operator runs them, checked by exit code, stdout and stderr: in this process (the
 * same program the binary runs), and as a real process where only a process shows it (the binary starts, a data
 * directory held by another process). Each module tests its own commands beside them.
 */

let cli: CommandLine;
beforeAll(async () => {
  cli = await createCommandLine();
});
afterAll(() => cli?.close());

/** Opens the database the commands wrote, after they ended, to check what a later login would see. */
async function canLogIn(username: string, password: string): Promise<boolean> {
  const database = await openDatabase({ databaseUrl: cli.env.DATABASE_URL, dataDir: cli.dataDir });
  try {
    await login(database.db, loadConfig({}), username, password);
    return true;
  } catch {
    return false;
  } finally {
    await database.close();
  }
}

describe('qiaoliang command line', () => {
  it('starts as a process and lists its commands by module in --help', async () => {
    const root = await cli.spawn('--help');
    expect(root.code).toBe(0);
    for (const command of ['start', 'migrate', 'user', 'audit', 'aggregates', 'generate', 'org', 'members', 'indicator', 'verify-baseline', 'plan']) {
      expect(root.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
    }
    expect(root.stdout).toMatch(/平台 \/ Platform:[\s\S]*组织与单位 \/ Orgs and employers:[\s\S]*会员名册 \/ Member roster:[\s\S]*统计与目标 \/ Statistics and targets:/);
  });

  it('gives each command its options, and a usage error exit code 2', async () => {
    const userAdd = await cli.run('user', 'add', '--help');
    expect(userAdd.code).toBe(0);
    expect(userAdd.stdout).toContain('--username');
    expect(userAdd.stdout).toContain('--json');
    const unknown = await cli.run('audit', 'show', '--bogus');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown option '--bogus'");
  });

  it('migrates an empty database and reports the migrations as JSON', async () => {
    const result = await cli.run('migrate', '--json');
    const { applied } = jsonOf<{ applied: { module: string; version: string; name: string }[] }>(result);
    expect(applied).toEqual(expect.arrayContaining([{ module: 'core', version: '0001', name: 'platform' }, expect.objectContaining({ module: 'org' })]));
    // The first admin's notice goes to stderr, so that stdout stays one document.
    expect(result.stderr).toContain('QIAOLIANG_ADMIN_PASSWORD');
    expect(jsonOf<{ applied: unknown[] }>(await cli.run('migrate', '--json')).applied).toEqual([]);
  });

  it('adds a user with a generated password that logs in', async () => {
    const { user, password } = jsonOf<{ user: { username: string; role: string; orgCode: string }; password: string }>(
      await cli.run('user', 'add', '--username', 'li.si', '--org', '220102', '--role', 'operator', '--json'),
    );
    expect(user).toMatchObject({ username: 'li.si', role: 'operator', orgCode: '220102' });
    expect(await canLogIn('li.si', password)).toBe(true);
  });

  it('rejects a bad username and role with the API’s field messages', async () => {
    const result = await cli.run('user', 'add', '--username', 'a b', '--org', '220102', '--role', 'boss');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('username: 用户名只能包含字母、数字、点、下划线和连字符');
    expect(result.stderr).toContain('role: 不是允许的取值');
    expect(result.stderr).toContain('role: Not an allowed value');
  });

  it('resets a password, after which the new one logs in', async () => {
    const result = await cli.run('user', 'reset-password', 'li.si', '--password', 'Renewed-password-42');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('li.si');
    expect(await canLogIn('li.si', 'Renewed-password-42')).toBe(true);
  });

  it('shows the audit trail of what the commands did', async () => {
    const { items } = jsonOf<{ items: { action: string; entity: string }[] }>(await cli.run('audit', 'show', '--entity', 'user', '--json'));
    expect(items.map((event) => event.action)).toEqual(expect.arrayContaining(['create', 'reset_password']));
  });

  it('finds the aggregates equal to the records', async () => {
    expect(jsonOf<{ differences: unknown[] }>(await cli.run('aggregates', 'check', '--json')).differences).toEqual([]);
  });

  it.skipIf(Boolean(cli?.env.DATABASE_URL ?? process.env.DATABASE_URL))('says so and exits 2 when another process holds the data directory', async () => {
    const release = lockDataDir(cli.dataDir);
    try {
      const result = await cli.spawn('user', 'reset-password', 'li.si');
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`数据目录 ${cli.dataDir}`);
      expect(result.stderr).toContain(`The data directory ${cli.dataDir} is in use by process ${process.pid}`);
    } finally {
      release();
    }
  });
});
