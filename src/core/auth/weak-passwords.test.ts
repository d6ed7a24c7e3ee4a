import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCommandLine, type CommandLine } from '../../test/cli.ts';
import { createTestPlatform, makeUser, testPassword, type TestPlatform } from '../../test/platform.ts';
import { start } from '../../start.ts';
import { loadConfig } from '../config.ts';
import { AppError } from '../errors.ts';
import { wholeTree } from '../scope.ts';
import { findOrgInScope } from '../tree.ts';
import { hashPassword } from './passwords.ts';
import * as store from './store.ts';

/**
 * Passwords the policy would refuse today (src/core/auth/password-rules.ts) do not slip in by the side doors: not as
 * QIAOLIANG_ADMIN_PASSWORD, and not as a password set before the policy, which logs in but must be changed first.
 */

let test: TestPlatform;
let cli: CommandLine;
beforeAll(async () => {
  [test, cli] = await Promise.all([createTestPlatform(), createCommandLine()]);
});
afterAll(async () => {
  await test?.close();
  await cli?.close();
});

/** An account whose password was set before the policy: stored directly, as the policy never let it through the API. */
async function userWithPassword(username: string, password: string): Promise<number> {
  const org = await findOrgInScope(test.platform.db, wholeTree, '220102');
  const id = await store.insertUser(test.platform.db, wholeTree, { username, display_name: username, org_id: org!.id, role: 'operator', password_hash: await hashPassword(password) });
  return id!;
}

const login = (username: string, password: string) => test.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username, password } });

describe('a weak QIAOLIANG_ADMIN_PASSWORD', () => {
  it('stops the server before it opens anything, saying why in both languages', async () => {
    const dataDir = join(cli.dataDir, 'never-created');
    const refused = await start({ ...loadConfig({}), dataDir, adminPassword: 'password12', logLevel: 'silent' }, () => {}).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: 'validation_failed', messageKey: 'auth.admin_password_weak', issues: [expect.objectContaining({ path: 'QIAOLIANG_ADMIN_PASSWORD', code: 'password_too_short' })] });
    expect(existsSync(dataDir)).toBe(false);
  });

  it('stops a command on an empty database with exit code 2, and creates no admin', async () => {
    cli.env.QIAOLIANG_ADMIN_PASSWORD = '          ';
    try {
      const result = await cli.run('migrate');
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('QIAOLIANG_ADMIN_PASSWORD 不符合密码规则');
      expect(result.stderr).toContain('QIAOLIANG_ADMIN_PASSWORD does not meet the password policy');
      expect(result.stderr).toContain('QIAOLIANG_ADMIN_PASSWORD: ');
    } finally {
      cli.env.QIAOLIANG_ADMIN_PASSWORD = 'Cli-test-password-2024';
    }
    // With a good one the same command creates the admin: nothing was left half-made.
    const fine = await cli.run('migrate');
    expect(fine.code, fine.stderr).toBe(0);
    expect(fine.stdout + fine.stderr).toContain('QIAOLIANG_ADMIN_PASSWORD');
  });
});

describe('a password set before the policy', () => {
  it('logs in, but must be changed before anything else; the change lifts it', async () => {
    const id = await userWithPassword('old_habits', 'password12');
    const session = await login('old_habits', 'password12');
    expect(session.statusCode).toBe(200);
    expect(session.json()).toMatchObject({ username: 'old_habits', mustChangePassword: true });
    const cookie = `qiaoliang_session=${session.cookies.find((c) => c.name === 'qiaoliang_session')!.value}`;
    const ask = (method: 'GET' | 'POST', url: string, payload?: object) => test.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
    const refused = await ask('GET', '/api/v1/orgs');
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'forbidden', messageKey: 'auth.must_change_password' });
    const events = await sql<{ after: unknown }>`SELECT after FROM audit_events WHERE entity = 'user' AND entity_id = ${String(id)} AND action = 'login'`.execute(test.platform.db);
    expect(events.rows.map((row) => row.after)).toEqual([{ mustChange: true, policyBroken: 'password_too_short' }]);
    expect((await ask('POST', '/api/v1/me/password', { currentPassword: 'password12', newPassword: 'Old-habits-changed-2024' })).statusCode).toBe(200);
    expect((await ask('GET', '/api/v1/orgs')).statusCode).toBe(200);
    expect((await login('old_habits', 'Old-habits-changed-2024')).json()).toMatchObject({ mustChangePassword: false });
  });

  it('is caught whichever rule it breaks: common, repetitive, or the username inside it', async () => {
    for (const [username, password] of [['common_one', 'iloveyou1234567!'], ['repeated', 'abcabcabcabcabcabc'], ['named_in_it', 'named_in_it-2013-xyz']] as const) {
      await userWithPassword(username, password);
      expect((await login(username, password)).json(), username).toMatchObject({ mustChangePassword: true });
    }
  });

  it('leaves an account whose password meets the policy alone', async () => {
    const { username } = await makeUser(test, '220102', 'viewer');
    expect((await login(username, testPassword)).json()).toMatchObject({ mustChangePassword: false });
  });
});
