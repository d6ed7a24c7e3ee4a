import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Role } from '../src/core/roles.ts';
import { loadConfig } from '../src/core/config.ts';
import { buildApp, openPlatform, type Platform } from '../src/core/platform.ts';
import { modules } from '../src/modules/index.ts';
import { createTestDatabase } from '../src/test/database.ts';
import { makeUser, testKey, testPassword } from '../src/test/platform.ts';
import { chromiumPath, hasChromium, noChromiumOnCi, noChromiumSkipping, onCi } from './chromium.ts';

/**
 * Browser tests drive Debian's Chromium (or CHROME_PATH) headless against a real server on 127.0.0.1 with a
 * fresh database of its own. Where no Chromium is installed they are skipped with one loud line, except on CI
 * (CI=true), where every browser test file fails on loading this one, with one line saying what is missing.
 */
export { chromiumPath, hasChromium };
if (!hasChromium) {
  if (onCi) {
    // Every browser test file fails with this one line, not a stack trace.
    const error = new Error(noChromiumOnCi);
    error.stack = `Error: ${noChromiumOnCi}`;
    throw error;
  }
  console.warn(`\n${noChromiumSkipping}\n`);
}

export const screenshotDir = new URL('./screenshots/', import.meta.url).pathname;
export { testPassword };

export interface BrowserWorld {
  url: string;
  platform: Platform;
  browser: Browser;
  /** A fresh page (its own cookies) at 1366×800, the size of a county office's screen. */
  newPage(options?: { width?: number; height?: number }): Promise<Page>;
  makeUser(orgCode: string, role: Role, username?: string): Promise<{ id: number; username: string }>;
  close(): Promise<void>;
}

export async function startWorld(): Promise<BrowserWorld> {
  // The pages are built once, before any file runs (e2e/global-setup.ts), never here: a file that rebuilt dist/web
  // because a source changed meanwhile would pull it from under the files running beside it.
  const dataDir = mkdtempSync(join(tmpdir(), 'qiaoliang-e2e-'));
  const config = { ...loadConfig({}), dataDir, dataKey: testKey, adminPassword: testPassword, logLevel: 'silent' };
  const database = await createTestDatabase();
  const platform = await openPlatform(config, modules, { database });
  // Imports run as jobs: the pages watch them finish, as on a started server (src/start.ts).
  platform.jobs.start();
  const app = await buildApp(platform);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  mkdirSync(screenshotDir, { recursive: true });
  return {
    url,
    platform,
    browser,
    newPage: async ({ width = 1366, height = 800 } = {}) => {
      const context = await browser.newContext({ viewport: { width, height }, baseURL: url, locale: 'zh-CN' });
      // CI runs these beside a 200,000-row import on two cores: waits are bounded generously, never relied on.
      context.setDefaultTimeout(120_000);
      return context.newPage();
    },
    makeUser: (orgCode, role, username) => makeUser({ platform }, orgCode, role, username),
    close: async () => {
      await browser.close();
      await platform.jobs.stop();
      await app.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Logs in through the login page, as a person would, and waits for the shell. */
export async function logIn(page: Page, username: string, password = testPassword): Promise<void> {
  await page.goto('/login');
  await page.getByLabel(/用户名|Username/).fill(username);
  await page.getByLabel(/密码|Password/).fill(password);
  await page.getByRole('button', { name: /登\s*录|Log in/ }).click();
  await page.getByTestId('user-menu').waitFor();
}

/** Saves a screenshot to e2e/screenshots/NAME.png (ignored by git) for a person to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * The page's accessibility violations of critical impact, as axe-core reports them. axe is evaluated through the
 * debugging protocol, not added as a <script>: the pages' CSP (script-src 'self') rightly refuses inline script.
 */
export async function criticalViolations(page: Page): Promise<{ id: string; help: string; nodes: string[] }[]> {
  return violations(page, ['critical']);
}

/** The page's violations of serious or critical impact (contrast, keyboard reach, names): the accessibility walk's bar. */
export async function seriousViolations(page: Page): Promise<{ id: string; help: string; nodes: string[] }[]> {
  return violations(page, ['serious', 'critical']);
}

async function violations(page: Page, impacts: string[]): Promise<{ id: string; help: string; nodes: string[] }[]> {
  // A select's list stays on screen for its closing animation after a pick; axe would judge that passing list (which
  // has no name of its own) rather than the page the user is left with.
  await page.waitForFunction(() => [...document.querySelectorAll('[role=listbox]')].every((list) => !list.checkVisibility()));
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[]; html: string; any: { message: string }[] }[] }[] }> } }).axe;
    return axe.run(document);
  });
  // Beyond the critical ones, each node says what is wrong with it (a contrast's colours), so a failure can be fixed from the log.
  const detail = impacts.includes('serious');
  return result.violations
    .filter((violation) => impacts.includes(violation.impact))
    .map((violation) => ({ id: violation.id, help: violation.help, nodes: violation.nodes.map((node) => (detail ? `${node.target.join(' ')} ${node.html.slice(0, 120)} ${node.any[0]?.message ?? ''}` : node.target.join(' '))) }));
}
