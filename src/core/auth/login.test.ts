import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, makeUser, testPassword, type TestPlatform } from '../../test/platform.ts';

let test: TestPlatform;
beforeAll(async () => {
  test = await createTestPlatform({ lockoutAttempts: 3, lockoutMinutes: 15 });
});
afterAll(() => test?.close());

const login = (username: string, password: string, language = 'zh-CN') =>
  test.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username, password }, headers: { 'accept-language': language } });

describe('login', () => {
  it('says "wrong username or password" for a wrong password and for an unknown user alike', async () => {
    const { username } = await makeUser(test, '220102', 'operator');
    const wrong = await login(username, 'not-the-password-1');
    const unknown = await login('no_such_user', 'not-the-password-1');
    for (const response of [wrong, unknown]) {
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ code: 'unauthenticated', messageKey: 'auth.invalid_credentials', detail: expect.stringMatching(/^用户名或密码不正确/) });
    }
    expect((await login(username, 'not-the-password-1', 'en')).json().detail).toMatch(/^Wrong username or password/);
  });

  it('locks an account after repeated failures, even against the right password, and records it', async () => {
    const { username, id } = await makeUser(test, '220102', 'operator');
    for (let attempt = 1; attempt < 3; attempt++) expect((await login(username, 'guess-number-' + attempt)).statusCode).toBe(401);
    const third = await login(username, 'guess-number-3');
    // Locked, but said as any failed login is (src/core/auth/lockout.test.ts): the lock does not show.
    expect(third.statusCode).toBe(401);
    expect(third.json()).toMatchObject({ code: 'unauthenticated', messageKey: 'auth.invalid_credentials' });
    expect((await login(username, testPassword)).statusCode).toBe(401);
    const events = await sql<{ action: string }>`SELECT action FROM audit_events WHERE entity = 'user' AND entity_id = ${String(id)}`.execute(test.platform.db);
    expect(events.rows.map((row) => row.action)).toEqual(['lock']);
    // When the lock has run out, the right password opens a session again.
    await sql`UPDATE users SET locked_until = now() - interval '1 minute' WHERE id = ${id}`.execute(test.platform.db);
    expect((await login(username, testPassword)).statusCode).toBe(200);
  });

  it('sends an expired session back to login with a reason', async () => {
    const { username } = await makeUser(test, '220102', 'viewer');
    const client = await test.login(username);
    expect((await client.get('/api/v1/me')).statusCode).toBe(200);
    await sql`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = (SELECT id FROM users WHERE username = ${username})`.execute(test.platform.db);
    const expired = await client.get('/api/v1/me');
    expect(expired.statusCode).toBe(401);
    expect(expired.json()).toMatchObject({ code: 'unauthenticated', messageKey: 'auth.session_expired' });
    expect((await client.get('/api/v1/me')).json().messageKey).toBe('error.unauthenticated');
  });

  it('ends the session on logout', async () => {
    const { username } = await makeUser(test, '220102', 'viewer');
    const client = await test.login(username);
    const out = await client.request('DELETE', '/api/v1/session');
    expect(out.statusCode).toBe(200);
    expect(out.cookies.find((cookie) => cookie.name === 'qiaoliang_session')?.value).toBe('');
    expect((await client.get('/api/v1/me')).statusCode).toBe(401);
  });

  it('sets an httpOnly SameSite cookie and stores only a hash of the token', async () => {
    const { username } = await makeUser(test, '220102', 'viewer');
    const response = await login(username, testPassword);
    const cookie = response.cookies.find((c) => c.name === 'qiaoliang_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const stored = await sql<{ n: number }>`SELECT count(*)::int AS n FROM sessions WHERE token_hash = ${Buffer.from(cookie.value)}`.execute(test.platform.db);
    expect(stored.rows[0]!.n).toBe(0);
  });

  it('refuses a disabled account and ends its sessions', async () => {
    const { username, id } = await makeUser(test, '220102', 'viewer');
    const client = await test.login(username);
    const admin = await test.login('admin');
    expect((await admin.patch(`/api/v1/users/${id}`, { disabled: true })).statusCode).toBe(200);
    expect((await client.get('/api/v1/me')).statusCode).toBe(401);
    expect((await login(username, testPassword)).json().messageKey).toBe('auth.disabled');
  });

  it('changes one’s own password only with the current one', async () => {
    const { username } = await makeUser(test, '220102', 'viewer');
    const client = await test.login(username);
    const wrong = await client.post('/api/v1/me/password', { currentPassword: 'wrong-password-0', newPassword: 'a-new-password-2' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors).toEqual([expect.objectContaining({ path: 'currentPassword' })]);
    const weak = await client.post('/api/v1/me/password', { currentPassword: testPassword, newPassword: 'short' });
    expect(weak.json().errors).toEqual([expect.objectContaining({ path: 'newPassword', message: '密码至少 15 个字符（空格、汉字都算；用一句好记的话最好）' })]);
    expect((await client.post('/api/v1/me/password', { currentPassword: testPassword, newPassword: 'a-new-password-2' })).statusCode).toBe(200);
    expect((await login(username, testPassword)).statusCode).toBe(401);
    expect((await login(username, 'a-new-password-2')).statusCode).toBe(200);
  });

  it('limits the rate of login attempts for one username', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 12; attempt++) statuses.push((await login('rate_limited_name', 'whatever-password-1')).statusCode);
    expect(statuses.slice(0, 10).every((status) => status === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });
});
