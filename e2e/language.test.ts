import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, logIn, screenshot, startWorld, type BrowserWorld } from './harness.ts';

let world: BrowserWorld;
beforeAll(async () => {
  if (hasChromium) world = await startWorld();
});
afterAll(() => world?.close());

/** A catalogue key that reached the page untranslated (translate() returns an unknown key as it is). */
const rawKey = /\b(?:nav|org|employer|users|common|shell|error|validation|role|auth|job|history|home|login|audit)\.[a-z_]+(?:\.[a-z_A-Z]+)*\b/g;
const han = /\p{Script=Han}/u;

const pages = ['/', '/orgs', '/employers', '/users'];

/**
 * Every Chinese string the server sent as data (org names, people's names …), from the page's successful API
 * answers: on an English page these may stay Chinese, nothing else may.
 */
function collectData(page: Page): { strings: () => Promise<string[]> } {
  const pending: Promise<void>[] = [];
  const found = new Set<string>(['中文']); // the language switch names each language in its own words
  const walk = (value: unknown) => {
    if (typeof value === 'string') {
      if (han.test(value)) found.add(value);
    } else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  page.on('response', (response) => {
    if (!response.url().includes('/api/v1/') || !response.ok() || !(response.headers()['content-type'] ?? '').includes('json')) return;
    pending.push(response.json().then(walk, () => undefined));
  });
  return {
    strings: async () => {
      await Promise.all(pending);
      return [...found].sort((a, b) => b.length - a.length);
    },
  };
}

/** The page's text once its data has arrived and nothing is spinning. */
async function settledText(page: Page, path: string): Promise<string> {
  await page.goto(path);
  await page.getByTestId('user-menu').waitFor();
  await page.waitForLoadState('networkidle');
  await expect.poll(() => page.locator('.ant-spin-spinning, .ant-skeleton-active').count()).toBe(0);
  return page.locator('body').innerText();
}

/** The lines of an English page that still hold Chinese once the server's data is taken out. */
function chineseLeft(text: string, data: string[]): string[] {
  let rest = text;
  for (const value of data) rest = rest.split(value).join(' ');
  return rest.split('\n').filter((line) => han.test(line));
}

const nameOf = (path: string) => (path === '/' ? 'home' : path.slice(1));

describe.skipIf(!hasChromium)('language switch', () => {
  it('turns every string of the shell and the pages into English, leaves no raw keys, and remembers the choice', async () => {
    const page = await world.newPage();
    const data = collectData(page);
    await logIn(page, 'admin');

    const chinese = new Map<string, string>();
    for (const path of pages) {
      const text = await settledText(page, path);
      expect(text.match(rawKey) ?? [], `raw keys on ${path} (zh-CN)`).toEqual([]);
      chinese.set(path, text);
      await screenshot(page, `language-zh-${nameOf(path)}`);
    }

    await page.goto('/');
    const navigation = page.getByRole('navigation');
    await expect.poll(() => navigation.innerText()).toContain('组织架构');
    await page.getByTestId('language-switch').getByText('English').click();
    await expect.poll(() => navigation.innerText()).toContain('Org tree');
    const nav = await navigation.innerText();
    for (const entry of ['Home', 'Org tree', 'Employers', 'Users', 'Administration']) expect(nav).toContain(entry);
    expect(nav).not.toMatch(han);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');

    for (const path of pages) {
      const text = await settledText(page, path);
      expect(text.match(rawKey) ?? [], `raw keys on ${path} (en)`).toEqual([]);
      expect(chineseLeft(text, await data.strings()), `Chinese left on ${path} (en)`).toEqual([]);
      expect(text).not.toBe(chinese.get(path));
      await screenshot(page, `language-en-${nameOf(path)}`);
    }
    // The page's own words, not only the frame: the user admin page's heading, buttons and column titles.
    await page.goto('/users');
    await page.getByRole('heading', { name: 'Users' }).waitFor();
    await page.getByRole('button', { name: 'New user' }).waitFor();
    await page.getByRole('columnheader', { name: 'Username' }).waitFor();

    await page.reload();
    await page.getByRole('heading', { name: 'Users' }).waitFor();
    expect(await navigation.innerText()).toContain('Org tree');
    const cookies = await page.context().cookies();
    expect(cookies.find((cookie) => cookie.name === 'qiaoliang_locale')?.value).toBe('en');
  });

  it('switches the login page and keeps it switched after a reload', async () => {
    const page = await world.newPage();
    await page.goto('/login');
    await page.getByLabel('用户名').waitFor();
    const before = await page.locator('body').innerText();
    expect(before.match(rawKey) ?? []).toEqual([]);
    await page.getByTestId('language-switch').getByText('English').click();
    await page.getByLabel('Username').waitFor();
    const after = await page.locator('body').innerText();
    expect(after.match(rawKey) ?? []).toEqual([]);
    expect(chineseLeft(after, ['中文'])).toEqual([]);
    await screenshot(page, 'language-en-login');
    await page.reload();
    await page.getByLabel('Password').waitFor();
    await page.getByRole('button', { name: 'Log in' }).waitFor();
    // The server answers in the language chosen too.
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill('wrong-password-1');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect.poll(() => page.getByTestId('login-error').textContent()).toContain('Wrong username or password');
  });
});
