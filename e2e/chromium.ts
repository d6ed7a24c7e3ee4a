import { existsSync } from 'node:fs';

/**
 * Which Chromium the browser tests drive, and what happens without one: on CI (CI set, and not "false" or "0") they
 * FAIL, with one line saying what is missing; anywhere else they are skipped with one loud line.
 */
export const chromiumPath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(chromiumPath);
export const onCi = !!process.env.CI && !['false', '0'].includes(process.env.CI.toLowerCase());

export const noChromiumOnCi = `CI=${process.env.CI} and no Chromium at ${chromiumPath}: the browser tests cannot run (install Debian's chromium package, or set CHROME_PATH)`;
export const noChromiumSkipping = `!!! NO CHROMIUM at ${chromiumPath}: the browser tests in e2e/ are SKIPPED (install chromium or set CHROME_PATH; on CI they fail) !!!`;
