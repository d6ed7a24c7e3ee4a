import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, makeUser, testPassword, type Client, type TestPlatform } from '../../test/platform.ts';
import { isCommonPassword, passwordIssue } from './common-passwords.ts';
import { generatePassword } from './passwords.ts';

let test: TestPlatform;
let countyAdmin: Client;

beforeAll(async () => {
  test = await createTestPlatform();
  countyAdmin = await test.login((await makeUser(test, '220102', 'admin', 'pw_county_admin')).username);
});
afterAll(() => test?.close());

const login = (username: string, password: string) => test.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username, password } });
const cookieOf = (response: Awaited<ReturnType<typeof login>>) => `qiaoliang_session=${response.cookies.find((c) => c.name === 'qiaoliang_session')!.value}`;
const as = (cookie: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
  test.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

describe('the password policy: length first, no common passwords', () => {
  it('refuses what the review found accepted: password12, ten spaces, a1', async () => {
    for (const password of ['password12', ' '.repeat(10), 'a1']) {
      const response = await countyAdmin.post('/api/v1/users', { username: `weak_${password.length}`, displayName: '弱', orgCode: '220102', role: 'viewer', password });
      expect(response.statusCode, JSON.stringify(password)).toBe(400);
      expect(response.json().errors).toEqual([expect.objectContaining({ path: 'password', code: 'password_too_short' })]);
    }
  });

  it('refuses long passwords a guesser tries first: repeated, in sequence, common, padded, or the username', () => {
    expect(passwordIssue(' '.repeat(20), 'p')?.code).toBe('password_repetitive');
    expect(passwordIssue('abababababababab', 'p')?.code).toBe('password_repetitive');
    expect(passwordIssue('1234567890123456', 'p')?.code).toBe('password_repetitive');
    expect(passwordIssue('qwertyuiopasdfghjkl', 'p')?.code).toBe('password_repetitive');
    expect(passwordIssue('passwordpassword', 'p')?.code).toBe('password_repetitive');
    expect(passwordIssue('password12345678', 'p')?.code).toBe('common_password');
    expect(passwordIssue('!!woaini1314!!2013', 'p')?.code).toBe('common_password');
    expect(passwordIssue('zhangsan-union-2013', 'p', 'zhangsan')?.code).toBe('password_has_username');
    expect(isCommonPassword('Password')).toBe(true);
    // Length and nothing else: no digit, no capital, spaces and Chinese characters allowed.
    expect(passwordIssue('correct horse battery staple', 'p')).toBeUndefined();
    expect(passwordIssue('南关区总工会的春天来了吧', 'p')?.code).toBe('password_too_short');
    expect(passwordIssue('南关区总工会二〇一三年的春天来了吧', 'p')).toBeUndefined();
    for (let i = 0; i < 20; i++) expect(passwordIssue(generatePassword(), 'p')).toBeUndefined();
  });

  it('checks a changed and a reset password the same way, and a common one over the API', async () => {
    const { id, username } = await makeUser(test, '220102', 'viewer');
    const client = await test.login(username);
    const common = await client.post('/api/v1/me/password', { currentPassword: testPassword, newPassword: 'iloveyou12345678' });
    expect(common.json().errors).toEqual([expect.objectContaining({ path: 'newPassword', code: 'common_password', message: '这是常见密码，很容易被猜中，请换一个' })]);
    const reset = await countyAdmin.post(`/api/v1/users/${id}/password`, { password: `${username}-2013-spring` });
    expect(reset.json().errors).toEqual([expect.objectContaining({ path: 'password', code: 'password_has_username' })]);
  });
});

describe('sessions and the password', () => {
  it('a password change ends the user’s other sessions and keeps the one that changed it', async () => {
    const { username } = await makeUser(test, '220102', 'viewer');
    const office = cookieOf(await login(username, testPassword));
    const stolen = cookieOf(await login(username, testPassword));
    const changed = await as(office, 'POST', '/api/v1/me/password', { currentPassword: testPassword, newPassword: 'a fresh spring in nanguan' });
    expect(changed.statusCode).toBe(200);
    expect((await as(stolen, 'GET', '/api/v1/me')).statusCode).toBe(401);
    expect((await as(office, 'GET', '/api/v1/me')).statusCode).toBe(200);
  });

  it('a user who must change their password may do nothing else until they have', async () => {
    const created = await countyAdmin.post('/api/v1/users', { username: 'must_change', displayName: '新人', orgCode: '220102', role: 'operator', password: 'first-password-of-many' });
    expect(created.statusCode).toBe(201);
    const cookie = cookieOf(await login('must_change', 'first-password-of-many'));
    const me = await as(cookie, 'GET', '/api/v1/me');
    expect(me.json()).toMatchObject({ username: 'must_change', mustChangePassword: true });
    for (const [method, url] of [['GET', '/api/v1/members'], ['GET', '/api/v1/orgs'], ['GET', '/api/v1/audit'], ['POST', '/api/v1/members/1/reveal']] as const) {
      const refused = await as(cookie, method, url, method === 'POST' ? { field: 'idNumber' } : undefined);
      expect(refused.statusCode, url).toBe(403);
      expect(refused.json().messageKey).toBe('auth.must_change_password');
    }
    expect((await as(cookie, 'POST', '/api/v1/me/password', { currentPassword: 'first-password-of-many', newPassword: 'my own password now' })).statusCode).toBe(200);
    expect((await as(cookie, 'GET', '/api/v1/members')).statusCode).toBe(200);
    expect((await as(cookie, 'GET', '/api/v1/me')).json().mustChangePassword).toBe(false);
  });

  it('logging out works before the change', async () => {
    await countyAdmin.post('/api/v1/users', { username: 'must_leave', displayName: '新人', orgCode: '220102', role: 'viewer', password: 'first-password-of-many' });
    const cookie = cookieOf(await login('must_leave', 'first-password-of-many'));
    expect((await as(cookie, 'DELETE', '/api/v1/session')).statusCode).toBe(200);
    expect((await as(cookie, 'GET', '/api/v1/me')).statusCode).toBe(401);
  });
});
