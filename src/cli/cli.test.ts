import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login } from '../core/auth/service.ts';
import { loadConfig } from '../core/config.ts';
import { openDatabase } from '../core/db/database.ts';
import { lockDataDir } from '../core/db/lock.ts';
import { creditCodeCheckCharacter } from '../modules/org/credit-code.ts';
import type { OrgView } from '../modules/org/schema.ts';
import { createServerDatabase, type ServerDatabase } from '../test/server-database.ts';

/**
 * The command line as an operator runs it: a separate process on a data directory of its own (or a fresh database
 * on the server when DATABASE_URL is set), checked by its exit code, its stdout and its stderr.
 */

const bin = fileURLToPath(new URL('../../bin/qiaoliang.js', import.meta.url));
const onServer = Boolean(process.env.DATABASE_URL);
const adminPassword = 'Cli-test-password-2024';

let dataDir: string;
let server: ServerDatabase | undefined;

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

function run(...args: string[]): Promise<Result> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}),
    DATA_DIR: dataDir,
    QIAOLIANG_KEY: randomBytes(32).toString('base64'),
    QIAOLIANG_ADMIN_PASSWORD: adminPassword,
    ...(server ? { DATABASE_URL: server.url } : {}),
  };
  return new Promise((resolve) => {
    // The timeout turns a command that never exits into a failure instead of a stalled run.
    execFile(process.execPath, [bin, ...args], { env, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** stdout must be exactly one JSON document: JSON.parse rejects anything printed before or after it. */
function json<T>(result: Result): T {
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as T;
}

/** Opens the database the commands wrote, after they exited, to check what a later login would see. */
async function canLogIn(username: string, password: string): Promise<boolean> {
  const database = await openDatabase({ databaseUrl: server?.url, dataDir });
  try {
    await login(database.db, loadConfig({}), username, password);
    return true;
  } catch {
    return false;
  } finally {
    await database.close();
  }
}

function validCreditCode(body: string): string {
  return body + creditCodeCheckCharacter(body)!;
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'qiaoliang-cli-'));
  server = await createServerDatabase();
});

afterAll(async () => {
  await server?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('qiaoliang command line', () => {
  it('lists its commands in --help, and each command its options', async () => {
    const root = await run('--help');
    expect(root.code).toBe(0);
    for (const command of ['start', 'migrate', 'user', 'org', 'audit']) expect(root.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
    const orgAdd = await run('org', 'add', '--help');
    expect(orgAdd.code).toBe(0);
    expect(orgAdd.stdout).toContain('--credit-code');
    expect(orgAdd.stdout).toContain('--json');
  });

  it('migrates an empty database and reports the migrations as JSON', async () => {
    const result = await run('migrate', '--json');
    const { applied } = json<{ applied: { module: string; version: string; name: string }[] }>(result);
    expect(applied).toEqual(expect.arrayContaining([{ module: 'core', version: '0001', name: 'platform' }, expect.objectContaining({ module: 'org' })]));
    // The first admin's notice goes to stderr, so that stdout stays one document.
    expect(result.stderr).toContain('QIAOLIANG_ADMIN_PASSWORD');
  });

  it('adds a township union under 220102 and lists it', async () => {
    const added = await run('org', 'add', '--parent', '220102', '--kind', 'township', '--name', '自强街道工会');
    expect(added.code, added.stderr).toBe(0);
    const code = /220102-T\d{3}/.exec(added.stdout)?.[0];
    expect(code).toBeDefined();
    const { items } = json<{ items: OrgView[] }>(await run('org', 'list', '--parent', '220102', '--json'));
    expect(items).toContainEqual(expect.objectContaining({ code, name: '自强街道工会', kind: 'township' }));
  });

  it('rejects a grassroots union with a bad credit code, writing neither the employer nor the union', async () => {
    const result = await run('org', 'add', '--parent', '220102', '--kind', 'grassroots', '--name', '长春错码有限公司工会', '--credit-code', '91220102MA00000001');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('employer.creditCode: 统一社会信用代码不正确');
    expect(result.stderr).toContain('employer.creditCode: Not a valid unified social credit code');
    const { items: orgs } = json<{ items: OrgView[] }>(await run('org', 'list', '--parent', '220102', '--subtree', '--json'));
    expect(orgs.map((org) => org.name)).not.toContain('长春错码有限公司工会');
    const { items: events } = json<{ items: { entity: string }[] }>(await run('audit', 'show', '--entity', 'employer', '--json'));
    expect(events).toEqual([]);
  });

  it('adds a grassroots union together with its employer', async () => {
    const creditCode = validCreditCode('91220102MA0000001');
    const org = json<OrgView>(await run('org', 'add', '--parent', '220102', '--kind', 'grassroots', '--name', '长春正码有限公司工会', '--credit-code', creditCode, '--json'));
    expect(org).toMatchObject({ kind: 'grassroots', parentCode: '220102', employerName: '长春正码有限公司' });
    expect(org.code).toMatch(/^220102-G\d{4}$/);
  });

  it('adds a user with a generated password that logs in', async () => {
    const { user, password } = json<{ user: { username: string; role: string; orgCode: string }; password: string }>(
      await run('user', 'add', '--username', 'li.si', '--org', '220102', '--role', 'operator', '--json'),
    );
    expect(user).toMatchObject({ username: 'li.si', role: 'operator', orgCode: '220102' });
    expect(await canLogIn('li.si', password)).toBe(true);
  });

  it('rejects a bad username and role with the API’s field messages', async () => {
    const result = await run('user', 'add', '--username', 'a b', '--org', '220102', '--role', 'boss');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('username: 用户名只能包含字母、数字、点、下划线和连字符');
    expect(result.stderr).toContain('role: 不是允许的取值');
    expect(result.stderr).toContain('role: Not an allowed value');
  });

  it('resets a password, after which the new one logs in', async () => {
    const result = await run('user', 'reset-password', 'li.si', '--password', 'Renewed-password-42');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('li.si');
    expect(await canLogIn('li.si', 'Renewed-password-42')).toBe(true);
  });

  it.skipIf(onServer)('says so and exits 2 when another process holds the data directory', async () => {
    const release = lockDataDir(dataDir);
    try {
      const result = await run('org', 'list');
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`数据目录 ${dataDir}`);
      expect(result.stderr).toContain(`The data directory ${dataDir} is in use by process ${process.pid}`);
    } finally {
      release();
    }
  });
});

describe('qiaoliang statistics commands', () => {
  it('computes an indicator, checks the aggregates, and verifies the baseline, as JSON', async () => {
    const union = json<OrgView>(await run('org', 'add', '--parent', '220102', '--kind', 'grassroots', '--name', '统计测试厂工会', '--credit-code', validCreditCode('91220102MA0000777'), '--employer-name', '统计测试厂', '--json'));
    const year = String(new Date().getFullYear());
    const value = json<{ code: string; org: string; value: number; numerator: number; denominator: number | null }>(await run('indicator', 'org.grassroots_unions', '--org', union.code, '--year', year, '--json'));
    expect(value).toMatchObject({ code: 'org.grassroots_unions', org: union.code, value: 1, numerator: 1, denominator: null });
    const before = json<{ value: number }>(await run('indicator', 'org.grassroots_unions', '--org', '220102', '--year', String(Number(year) - 1), '--json'));
    expect(before.value, 'founded this year: not yet a union at the end of last year').toBeLessThan(json<{ value: number }>(await run('indicator', 'org.grassroots_unions', '--org', '220102', '--year', year, '--json')).value);
    const rate = json<{ value: number | null; denominator: number }>(await run('indicator', 'org.women_committee_rate', '--org', union.code, '--year', year, '--json'));
    expect(rate).toMatchObject({ value: 0, denominator: 1 });
    expect(json<{ differences: unknown[] }>(await run('aggregates', 'check', '--json')).differences).toEqual([]);

    // No synthetic province here: every baseline figure is out of tolerance, and the exit code says so.
    const baseline = await run('verify-baseline', '--scale', '0.01', '--json');
    expect(baseline.code).toBe(1);
    const checks = (JSON.parse(baseline.stdout) as { checks: { indicator: string; withinTolerance: boolean }[] }).checks;
    expect(checks.map((check) => check.indicator)).toEqual(expect.arrayContaining(['org.members', 'org.grassroots_unions', 'org.women_committee_rate']));
    expect(checks.every((check) => !check.withinTolerance)).toBe(true);
  });

  it('refuses an unknown indicator and a bad plan file with exit code 2, in both languages', async () => {
    const unknown = await run('indicator', 'org.nothing');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('org.nothing');
    expect(unknown.stderr).toContain('There is no indicator');
    const file = join(dataDir, 'plan.json');
    writeFileSync(file, JSON.stringify({ targets: [{ code: 'org.members', op: '>=', value: 1, by: 2030 }] }));
    const outside = await run('plan', 'load', file, '--code', '2013-2018', '--name', '规划', '--period', '2013-2018', '--baseline-period', '2008-2012');
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain('2030');
  });
});
