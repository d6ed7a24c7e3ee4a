import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, seriousViolations, logIn, screenshot, startWorld, type BrowserWorld } from './harness.ts';

let world: BrowserWorld;
beforeAll(async () => {
  if (hasChromium) world = await startWorld();
});
afterAll(() => world?.close());

/** Waits until the page's data has arrived and nothing spins, so axe sees the page as a person does. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expect.poll(() => page.locator('.ant-spin-spinning, .ant-skeleton-active').count()).toBe(0);
}

const staffPages = [
  { path: '/', name: 'home' },
  { path: '/orgs', name: 'orgs' },
  { path: '/employers', name: 'employers' },
  { path: '/users', name: 'users' },
  { path: '/password', name: 'password' },
  { path: '/statistics', name: 'statistics' },
  { path: '/plans', name: 'plans' },
  { path: '/members', name: 'members' },
  { path: '/transfers', name: 'transfers' },
  { path: '/members/import', name: 'members-import' },
  { path: '/appeals', name: 'appeals' },
  { path: '/appeals/warnings', name: 'appeals-warnings' },
  { path: '/appeals/centres', name: 'appeals-centres' },
  { path: '/appeals/legal-aid', name: 'appeals-legal-aid' },
  { path: '/appeals/legal-aid?tab=cases', name: 'appeals-legal-aid-cases' },
  { path: '/appeals/settings', name: 'appeals-settings' },
  { path: '/no-such-page', name: 'not-found' },
];

describe.skipIf(!hasChromium)('accessibility (axe-core, serious and critical violations)', () => {
  it('has none on the login page, at a desktop and at a phone size', async () => {
    for (const [size, name] of [
      [{ width: 1366, height: 800 }, 'a11y-login'],
      [{ width: 390, height: 844 }, 'a11y-login-phone'],
    ] as const) {
      const page = await world.newPage(size);
      await page.goto('/login');
      await page.getByLabel('用户名').waitFor();
      await settle(page);
      expect(await seriousViolations(page), name).toEqual([]);
      await screenshot(page, name);
      await page.context().close();
    }
  });

  it('has none on any page of the province admin', async () => {
    const page = await world.newPage();
    await logIn(page, 'admin');
    for (const { path, name } of staffPages) {
      await page.goto(path);
      await page.getByTestId('user-menu').waitFor();
      await settle(page);
      expect(await seriousViolations(page), path).toEqual([]);
      await screenshot(page, `a11y-${name}`);
    }
    // The user page's form, open in its dialog.
    await page.goto('/users');
    await page.getByTestId('user-create').click();
    await page.getByRole('dialog').getByLabel('初始密码').waitFor();
    expect(await seriousViolations(page), '/users with the new-user dialog').toEqual([]);
    await screenshot(page, 'a11y-users-create');
  });

  it('has none on the workers\' public pages (no login), at a phone size', async () => {
    const page = await world.newPage({ width: 360, height: 740 });
    for (const { path, name, ready } of [
      { path: '/appeal', name: 'appeal', ready: 'appeal-form' },
      { path: '/appeal/track', name: 'appeal-track', ready: 'appeal-track-form' },
    ]) {
      await page.goto(path);
      await page.getByTestId(ready).waitFor();
      await settle(page);
      expect(await seriousViolations(page), path).toEqual([]);
      await screenshot(page, `a11y-${name}-phone`);
    }
    // The track page's refusal of a wrong code, as a worker sees it.
    await page.getByLabel('查询码', { exact: true }).fill('ABCD-EFGH-JKMN-PQRS-TVWX');
    await page.getByTestId('appeal-track-go').click();
    await page.getByTestId('appeal-track-problem').waitFor();
    expect(await seriousViolations(page), '/appeal/track, not found').toEqual([]);
    await page.context().close();
  });

  it('has none on the home page at a phone size', async () => {
    const page = await world.newPage({ width: 390, height: 844 });
    await logIn(page, 'admin');
    await settle(page);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'a11y-home-phone');
  });
});
