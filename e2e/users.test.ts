import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { criticalViolations, hasChromium, logIn, screenshot, startWorld, type BrowserWorld } from './harness.ts';

let world: BrowserWorld;
beforeAll(async () => {
  if (hasChromium) world = await startWorld();
});
afterAll(() => world?.close());

const newUser = { username: 'nanguan_clerk', displayName: '王晓梅', password: 'Nanguan-2013-start', resetTo: 'Nanguan-2013-reset' };

/** The row of one account in the user table. */
const rowOf = (page: Page, username: string) => page.getByTestId('user-table').locator('tbody tr', { hasText: username });

describe.skipIf(!hasChromium)('user admin page', () => {
  it('lets a county admin create, reset and disable an account, and the disabled account cannot log in', async () => {
    const { username: admin } = await world.makeUser('220102', 'admin');
    const page = await world.newPage();
    await logIn(page, admin);
    await page.getByRole('navigation').getByRole('link', { name: '用户管理' }).click();
    await page.waitForURL(/\/users/);
    await rowOf(page, admin).waitFor();
    expect(await criticalViolations(page)).toEqual([]);
    await screenshot(page, 'users-list');

    // A password that is too short: the message sits under the password field and names it.
    const street = await page.request.post('/api/v1/orgs', { data: { parentCode: '220102', kind: 'township', name: '永吉街道工会' } });
    expect(street.status()).toBe(201);
    const streetCode = ((await street.json()) as { code: string }).code;
    await page.getByTestId('user-create').click();
    const dialog = page.getByRole('dialog');
    // The org in view by default, shown by its name; another is found by typing part of its name, never its code.
    const orgItem = dialog.locator('.ant-form-item', { has: page.getByRole('combobox', { name: '所属组织' }) });
    await orgItem.locator('.ant-select-content').filter({ hasText: '南关区总工会（220102）' }).waitFor();
    await dialog.getByRole('combobox', { name: '所属组织' }).fill('永吉');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: `永吉街道工会（${streetCode}）` }).click();
    await orgItem.locator('.ant-select-content').filter({ hasText: '永吉街道工会' }).waitFor();
    await dialog.getByLabel('用户名', { exact: true }).fill(newUser.username);
    await dialog.getByLabel('姓名', { exact: true }).fill(newUser.displayName);
    await dialog.getByLabel('初始密码').fill('short1');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    const passwordItem = dialog.locator('.ant-form-item', { has: page.getByLabel('初始密码') });
    await expect.poll(() => passwordItem.locator('.ant-form-item-explain-error').textContent()).toContain('密码至少 15 个字符');
    await screenshot(page, 'users-create-invalid');

    // Fixed: the account appears in the table, at the street picked, with the role chosen.
    await dialog.getByLabel('初始密码').fill(newUser.password);
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await rowOf(page, newUser.username).waitFor();
    await expect.poll(() => rowOf(page, newUser.username).innerText()).toMatch(new RegExp(`王晓梅[\\s\\S]*永吉街道工会[\\s\\S]*${streetCode}[\\s\\S]*录入员[\\s\\S]*正常`));
    await screenshot(page, 'users-created');

    // Reset its password.
    await rowOf(page, newUser.username).getByRole('button', { name: '重置密码' }).click();
    const resetDialog = page.getByRole('dialog');
    await resetDialog.getByLabel('新密码').fill(newUser.resetTo);
    await screenshot(page, 'users-reset-password');
    await resetDialog.getByRole('button', { name: '重置密码' }).click();
    await expect.poll(() => page.locator('.ant-message').innerText()).toContain(`已重置 ${newUser.username} 的密码`);
    await expect.poll(() => resetDialog.count()).toBe(0);

    // Disable it, after the confirmation.
    await rowOf(page, newUser.username).getByRole('button', { name: /停\s*用/ }).click();
    const confirm = page.locator('.ant-popconfirm');
    await expect.poll(() => confirm.innerText()).toContain('停用后该用户将无法登录');
    await screenshot(page, 'users-confirm-disable');
    await confirm.getByRole('button', { name: /停\s*用/ }).click();
    await expect.poll(() => rowOf(page, newUser.username).locator('.ant-tag').innerText()).toBe('已停用');
    await expect.poll(() => rowOf(page, newUser.username).getByRole('button', { name: /启\s*用/ }).isVisible()).toBe(true);
    await screenshot(page, 'users-disabled');

    // The disabled account, with its current password, is turned away at the login page.
    const other = await world.newPage();
    await other.goto('/login');
    await other.getByLabel('用户名').fill(newUser.username);
    await other.getByLabel('密码').fill(newUser.resetTo);
    await other.getByRole('button', { name: /登\s*录/ }).click();
    await expect.poll(() => other.getByTestId('login-error').textContent()).toContain('账号已停用');
    await screenshot(other, 'users-disabled-login');
  });

  it('does not show user admin to a viewer, and the server refuses the list', async () => {
    const { username } = await world.makeUser('220102', 'viewer');
    const page = await world.newPage();
    await logIn(page, username);
    const navigation = page.getByRole('navigation');
    await navigation.getByRole('link', { name: '首页' }).waitFor();
    expect(await navigation.innerText()).not.toContain('用户管理');
    await screenshot(page, 'users-viewer-home');
    const response = await page.request.get('/api/v1/users');
    expect(response.status()).toBe(403);
    const forced = await page.request.post('/api/v1/users', {
      data: { username: 'viewer_made', displayName: '越权', orgCode: '220102', role: 'viewer', password: 'Viewer-made-2013' },
    });
    expect(forced.status()).toBe(403);
    // Opened by its address, the page says it is not theirs, and shows no table or buttons.
    await page.goto('/users');
    await expect.poll(() => page.locator('.ant-result').innerText()).toContain('用户管理');
    expect(await page.getByTestId('user-table').count()).toBe(0);
    expect(await page.getByTestId('user-create').count()).toBe(0);
    await screenshot(page, 'users-viewer-refused');
  });
});
