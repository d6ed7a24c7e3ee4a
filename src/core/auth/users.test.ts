import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, makeUser, testPassword, type Client, type TestPlatform } from '../../test/platform.ts';

let test: TestPlatform;
let countyAdmin: Client;

beforeAll(async () => {
  test = await createTestPlatform();
  countyAdmin = await test.login((await makeUser(test, '220102', 'admin', 'nanguan_admin')).username);
});
afterAll(() => test?.close());

const newUser = (username: string, role = 'operator', orgCode = '220102') => ({ username, displayName: '张三', orgCode, role, password: 'first-password-1' });

describe('user administration', () => {
  it('an admin creates an account in scope, which must change its password on first login', async () => {
    const created = await countyAdmin.post('/api/v1/users', newUser('zhang_san'));
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ username: 'zhang_san', orgCode: '220102', role: 'operator', disabled: false });
    const session = await test.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'ZHANG_SAN', password: 'first-password-1' } });
    expect(session.statusCode).toBe(200);
    expect(session.json()).toMatchObject({ username: 'zhang_san', mustChangePassword: true, org: { code: '220102' } });
  });

  it('refuses a taken username (in any case) and an org outside the scope', async () => {
    const taken = await countyAdmin.post('/api/v1/users', newUser('Zhang_San'));
    expect(taken.statusCode).toBe(409);
    expect(taken.json().messageKey).toBe('auth.username_taken');
    const outside = await countyAdmin.post('/api/v1/users', newUser('li_si', 'viewer', '220103'));
    expect(outside.statusCode).toBe(400);
    expect(outside.json().errors[0]).toMatchObject({ path: 'orgCode', code: 'unknown_org' });
  });

  it('an operator may not administer accounts; nobody grants a role above their own', async () => {
    const operator = await test.login((await makeUser(test, '220102', 'operator')).username);
    expect((await operator.get('/api/v1/users')).statusCode).toBe(403);
    expect((await operator.post('/api/v1/users', newUser('wang_wu'))).statusCode).toBe(403);
  });

  it('lists only the accounts in scope, filtered by role and org', async () => {
    await makeUser(test, '220103', 'viewer', 'kuancheng_viewer');
    const list = (await countyAdmin.get('/api/v1/users?pageSize=200')).json();
    expect(list.items.map((user: { username: string }) => user.username)).not.toContain('kuancheng_viewer');
    expect(list.items.map((user: { username: string }) => user.username)).not.toContain('admin');
    const operators = (await countyAdmin.get('/api/v1/users?role=operator')).json();
    expect(operators.items.every((user: { role: string }) => user.role === 'operator')).toBe(true);
    const self = list.items.find((user: { username: string }) => user.username === 'nanguan_admin');
    expect(self.abilities).toEqual({ update: true, resetPassword: true, disable: false });
  });

  it('resets a password: old sessions end, the new password works, the reset is audited', async () => {
    const { id, username } = await makeUser(test, '220102', 'viewer');
    const client = await test.login(username);
    expect((await countyAdmin.post(`/api/v1/users/${id}/password`, { password: 'reset-password-7' })).statusCode).toBe(200);
    expect((await client.get('/api/v1/me')).statusCode).toBe(401);
    expect((await test.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username, password: testPassword } })).statusCode).toBe(401);
    expect((await test.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username, password: 'reset-password-7' } })).statusCode).toBe(200);
    const history = (await countyAdmin.get(`/api/v1/audit?entity=user&entityId=${id}`)).json();
    expect(history.items.map((event: { action: string }) => event.action)).toContain('reset_password');
    expect(JSON.stringify(history)).not.toMatch(/argon2|reset-password-7/);
  });

  it('an admin cannot disable their own account', async () => {
    const me = (await countyAdmin.get('/api/v1/me')).json();
    const response = await countyAdmin.patch(`/api/v1/users/${me.id}`, { disabled: true });
    expect(response.statusCode).toBe(403);
    expect(response.json().messageKey).toBe('auth.cannot_disable_self');
  });
});
