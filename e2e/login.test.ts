import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { criticalViolations, hasChromium, logIn, screenshot, startWorld, type BrowserWorld } from './harness.ts';

let world: BrowserWorld;
beforeAll(async () => {
  if (hasChromium) world = await startWorld();
});
afterAll(() => world?.close());

describe.skipIf(!hasChromium)('logging in and out', () => {
  it('says so when the password is wrong, in the page’s language', async () => {
    const page = await world.newPage();
    await page.goto('/login');
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码').fill('wrong-password-1');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await expect.poll(() => page.getByTestId('login-error').textContent()).toContain('用户名或密码不正确');
    expect(await criticalViolations(page)).toEqual([]);
    await screenshot(page, 'login-wrong-password');
  });

  it('logs in, lands on the home page of the user’s org, and logs out', async () => {
    const { username } = await world.makeUser('220102', 'operator');
    const page = await world.newPage();
    await logIn(page, username);
    expect(new URL(page.url()).pathname).toBe('/');
    await expect.poll(() => page.getByText('南关区总工会').first().isVisible()).toBe(true);
    expect(await criticalViolations(page)).toEqual([]);
    await screenshot(page, 'home');
    await page.getByTestId('user-menu').hover();
    await page.getByText('退出登录').click();
    await page.waitForURL(/\/login/);
    await page.goto('/orgs');
    await page.waitForURL(/\/login\?next=%2Forgs/);
  });

  it('takes a new account to the password page, with the rules and a confirmation, and then to 首页 (issue 13)', async () => {
    const admin = await world.newPage();
    await logIn(admin, 'admin');
    const created = await admin.request.post('/api/v1/users', { data: { username: 'first_login', displayName: '李新', orgCode: '220102', role: 'operator', password: 'Given-by-admin-2013' } });
    expect(created.status()).toBe(201);

    const page = await world.newPage();
    await page.goto('/login');
    await page.getByLabel('用户名').fill('first_login');
    await page.getByLabel('密码').fill('Given-by-admin-2013');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(/\/password/);
    const rules = page.getByTestId('password-rules');
    await rules.getByText(/15 到 128 个字符/).waitFor();
    expect(await rules.textContent()).toContain('不能包含用户名');
    expect(await page.getByTestId('user-menu').count()).toBe(0);
    await page.getByLabel('当前密码').fill('Given-by-admin-2013');
    await page.getByLabel('新密码', { exact: true }).fill('我家门前有两棵树，一棵是枣树 2013');
    await page.getByLabel('再次输入新密码').fill('我家门前有两棵树，一棵是枣树 2014');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('两次输入的新密码不一致').waitFor();
    expect(await criticalViolations(page)).toEqual([]);
    await screenshot(page, 'first-login-password');
    await page.getByLabel('再次输入新密码').fill('我家门前有两棵树，一棵是枣树 2013');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByTestId('user-menu').waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await screenshot(page, 'first-login-home');
    const me = (await (await page.request.get('/api/v1/me')).json()) as { mustChangePassword: boolean };
    expect(me.mustChangePassword).toBe(false);
  });
});

