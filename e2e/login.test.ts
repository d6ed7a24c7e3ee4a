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
});
