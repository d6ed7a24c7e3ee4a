import type { TestProject } from 'vitest/node';
import { ensureWebBuild } from '../src/core/http/web-assets.ts';
import { hasChromium, noChromiumOnCi, noChromiumSkipping, onCi } from './chromium.ts';

/**
 * Before any file of the project runs (the browser and kill projects, vitest.config.ts): says once, up front, when
 * there is no Chromium (each browser test file then fails on CI, or is skipped elsewhere: e2e/harness.ts); then
 * builds the pages once, so files running in parallel do not rebuild dist/web under each other.
 */
export default async function setup(project: TestProject): Promise<void> {
  if (project.name === 'browser' && !hasChromium) console.warn(`\n${onCi ? `!!! ${noChromiumOnCi}` : noChromiumSkipping}\n`);
  await ensureWebBuild((line) => console.log(line));
}
